import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { elementPixels, openPage, settled } from './harness.ts';

const gen = (page: Page): Promise<number> => page.evaluate(() => Number(document.querySelector('.status')?.getAttribute('data-generation') ?? -1));
const pixels = async (page: Page): Promise<Buffer> => Buffer.from((await elementPixels(page.getByTestId('view'))).data);
type Smp = { pool: { killWorker(i: number): void; replaced: number }; scene: { app: { canvas: HTMLCanvasElement; renderer: { gl: WebGL2RenderingContext } } } };

describe('faults', () => {
  it('a worker killed mid-edit is replaced and the pattern comes back', async () => {
    const page = await openPage('/');
    await settled(page);
    const g = await gen(page);
    await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.pool.killWorker(0));
    // A new variation needs new dots: a pool job that finds the dead worker.
    await page.getByRole('button', { name: 'New variation' }).click();
    await settled(page, g);
    expect(Number(await page.locator('.status').getAttribute('data-dots'))).toBeGreaterThan(10_000);
    expect(await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.pool.replaced)).toBeGreaterThanOrEqual(1);
  });

  it('a lost WebGL context comes back with the same picture', async () => {
    const page = await openPage('/');
    await settled(page);
    const before = await pixels(page);
    const steps = await page.evaluate(async () => {
      const { canvas, renderer } = (globalThis as never as { smp: Smp }).smp.scene.app;
      const ext = renderer.gl.getExtension('WEBGL_lose_context')!;
      const seen: string[] = [];
      const event = (name: string) => new Promise<void>((r) => {
        canvas.addEventListener(name, () => (seen.push(name), r()), { once: true });
        setTimeout(r, 5000);
      });
      const lost = event('webglcontextlost');
      ext.loseContext();
      await lost;
      // As after a real GPU reset, the context comes back a little later.
      await new Promise((r) => setTimeout(r, 500));
      const back = event('webglcontextrestored');
      ext.restoreContext();
      await back;
      await new Promise((r) => setTimeout(r, 300));
      return seen;
    });
    expect(steps).toEqual(['webglcontextlost', 'webglcontextrestored']);
    expect(Buffer.compare(await pixels(page), before)).toBe(0);
  });
});
