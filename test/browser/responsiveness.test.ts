import { describe, expect, it } from 'vitest';
import { openPage } from './harness.ts';

describe('responsiveness', () => {
  it('no main-thread task over 100 ms while editing: density slider, hairline drag, brush stroke', async () => {
    const page = await openPage('/');
    await page.waitForSelector('.status[data-ready="true"][data-generation]', { timeout: 60_000 });
    await page.evaluate(() => {
      const seen: number[] = ((globalThis as never as { longTasks: number[] }).longTasks = []);
      new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push(e.duration))).observe({ type: 'longtask' });
    });
    const view = (await page.getByTestId('view').boundingBox())!;
    const drag = async (from: { x: number; y: number }, to: { x: number; y: number }, steps = 15): Promise<void> => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      for (let i = 1; i <= steps; i++) {
        await page.mouse.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
        await page.waitForTimeout(25);
      }
      await page.mouse.up();
    };
    // The density slider, dragged across.
    const slider = (await page.locator('#c-density').boundingBox())!;
    await drag({ x: slider.x + 8, y: slider.y + slider.height / 2 }, { x: slider.x + slider.width - 8, y: slider.y + slider.height / 2 });
    // A hairline point, dragged up.
    await page.getByRole('button', { name: 'Edit hairline' }).click();
    const handle = await page.evaluate(() => {
      const s = (globalThis as never as { smp: { store: { get(): { view: { scale: number; x: number; y: number }; design: { hairline: { points: { x: number; y: number }[]; midlineX: number } } } } } }).smp.store.get();
      const p = s.design.hairline.points.filter((q) => q.x < s.design.hairline.midlineX).map((q) => ({ x: q.x * s.view.scale + s.view.x, y: q.y * s.view.scale + s.view.y })).find((q) => q.x > 10);
      return p!;
    });
    await drag({ x: view.x + handle.x, y: view.y + handle.y }, { x: view.x + handle.x, y: view.y + handle.y - 80 });
    // A brush stroke across the scalp.
    await page.getByRole('button', { name: 'Eraser' }).click();
    await drag({ x: view.x + 100, y: view.y + 150 }, { x: view.x + 500, y: view.y + 250 }, 25);
    await page.waitForSelector('.status[data-ready="true"]', { timeout: 60_000 });
    await page.waitForTimeout(500);
    const longTasks = await page.evaluate(() => (globalThis as never as { longTasks: number[] }).longTasks);
    console.log(`long tasks while editing (ms): ${JSON.stringify(longTasks.map(Math.round))}`);
    expect(Math.max(0, ...longTasks)).toBeLessThanOrEqual(100);
  });
});
