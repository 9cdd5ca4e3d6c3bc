import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { elementPixels, foreignRequests, openPage, settled, type Pixels } from './harness.ts';

type View = { scale: number; x: number; y: number };
interface Probe { ppm: number; photo: { width: number; height: number }; midlineX: number; hairlineY: number; bandMm: number; density: number; generation: number }

/** The app's state as tests need it (read through the test handle `smp`). */
const probe = (page: Page): Promise<Probe> =>
  page.evaluate(() => {
    const s = (globalThis as never as { smp: { store: { get(): { design: { scale: { pxPerMm: number }; photo: { width: number; height: number }; hairline: { midlineX: number; points: { y: number }[]; bandMm: number }; dots: { density: number } } } } } }).smp.store.get();
    const d = s.design;
    const gen = Number(document.querySelector('.status')?.getAttribute('data-generation') ?? -1);
    return { ppm: d.scale.pxPerMm, photo: d.photo, midlineX: d.hairline.midlineX, hairlineY: Math.max(...d.hairline.points.map((p) => p.y)), bandMm: d.hairline.bandMm, density: d.dots.density, generation: gen };
  });


async function setState(page: Page, patch: { view?: View; split?: number }): Promise<void> {
  await page.evaluate((p) => {
    const smp = (globalThis as never as { smp: { store: { update(f: (s: object) => object): void } } }).smp;
    smp.store.update((s) => ({ ...s, ...p }));
  }, patch);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

const viewPixels = (page: Page): Promise<Pixels> => elementPixels(page.getByTestId('view'));
const luma = (p: Pixels, i: number): number => 0.2126 * p.data[i * 4]! + 0.7152 * p.data[i * 4 + 1]! + 0.0722 * p.data[i * 4 + 2]!;

/** Dark blobs (4-connected pixels at least `delta` darker in `after` than in `before`) inside a screen rectangle. */
function countDots(before: Pixels, after: Pixels, r: { x: number; y: number; w: number; h: number }, delta = 14): { blobs: number; darkPixels: number } {
  const W = before.width;
  const mark = new Uint8Array(W * before.height);
  let darkPixels = 0;
  for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) {
    const i = y * W + x;
    if (luma(before, i) - luma(after, i) >= delta) { mark[i] = 1; darkPixels++; }
  }
  let blobs = 0;
  const stack: number[] = [];
  for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) {
    if (mark[y * W + x] !== 1) continue;
    blobs++;
    stack.push(y * W + x);
    mark[y * W + x] = 2;
    while (stack.length) {
      const i = stack.pop()!;
      const cx = i % W, cy = (i - cx) / W;
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const nx = cx + dx, ny = cy + dy;
        if (nx < r.x || ny < r.y || nx >= r.x + r.w || ny >= r.y + r.h) continue;
        const j = ny * W + nx;
        if (mark[j] === 1) { mark[j] = 2; stack.push(j); }
      }
    }
  }
  return { blobs, darkPixels };
}

describe('the simulator', () => {
  it('opens on the demo with dots, and requests nothing beyond its own files', async () => {
    const page = await openPage('/');
    await settled(page);
    const dots = Number(await page.locator('.status').getAttribute('data-dots'));
    expect(dots).toBeGreaterThan(10_000);
    await expect(page.getByTestId('photo-name').textContent()).resolves.toBe('Demo photo');
    expect(foreignRequests(page)).toEqual([]);
  });

  it('draws the requested density (within 10%), more dots as the slider rises, none in front of the hairline', async () => {
    const page = await openPage('/');
    await settled(page);
    const p = await probe(page);
    // Zoom so a 0.12 mm dot spans about 4 screen px, over the scalp well behind the band.
    const scale = 4 / (0.12 * p.ppm);
    const scalpY = p.hairlineY - (p.bandMm + 12) * p.ppm;
    const box = await page.getByTestId('view').boundingBox();
    const view: View = { scale, x: box!.width / 2 - p.midlineX * scale, y: box!.height * 0.75 - scalpY * scale };
    await setState(page, { view, split: 1 });
    const before = await viewPixels(page);
    await setState(page, { split: 0 });
    const region = { x: 40, y: 40, w: Math.round(box!.width) - 80, h: Math.round(box!.height * 0.75) - 40 };
    const areaCm2 = (region.w / scale / p.ppm) * (region.h / scale / p.ppm) / 100;
    const measured: number[] = [];
    for (const density of [60, 120, 200]) {
      const gen = (await probe(page)).generation;
      await page.locator('#c-density').fill(String(density));
      await settled(page, gen);
      const after = await viewPixels(page);
      const { blobs } = countDots(before, after, region);
      measured.push(blobs / areaCm2);
      expect(Math.abs(blobs / areaCm2 / density - 1)).toBeLessThanOrEqual(0.1);
    }
    expect(measured[0]!).toBeLessThan(measured[1]!);
    expect(measured[1]!).toBeLessThan(measured[2]!);

    // In front of the hairline, past the band's wander (4 mm): no dots at all.
    const frontY = p.hairlineY + 6 * p.ppm;
    await setState(page, { view: { scale, x: view.x, y: box!.height * 0.2 - frontY * scale }, split: 1 });
    const b2 = await viewPixels(page);
    await setState(page, { split: 0 });
    const a2 = await viewPixels(page);
    const front = { x: 40, y: Math.round(box!.height * 0.2), w: Math.round(box!.width) - 80, h: Math.round(box!.height * 0.5) };
    expect(countDots(b2, a2, front).darkPixels).toBe(0);
  });

  it('before (split at 100%) is the photo itself; the split shows dots on the right only', async () => {
    const page = await openPage('/');
    await settled(page);
    await setState(page, { split: 1 });
    const before = await viewPixels(page);
    // The photo alone, drawn by the browser at the same view, without any dot layer.
    const reference = await page.evaluate(async () => {
      const smp = (globalThis as never as { smp: { store: { get(): { view: { scale: number; x: number; y: number } } }; photo(): { display: ImageBitmap; displayScale: number } } }).smp;
      const v = smp.store.get().view;
      const ph = smp.photo();
      const el = document.querySelector('[data-testid=view]')!;
      const c = document.createElement('canvas');
      c.width = el.clientWidth;
      c.height = el.clientHeight;
      const g = c.getContext('2d')!;
      g.fillStyle = '#202225';
      g.fillRect(0, 0, c.width, c.height);
      g.imageSmoothingQuality = 'high';
      g.drawImage(ph.display, v.x, v.y, (ph.display.width / ph.displayScale) * v.scale, (ph.display.height / ph.displayScale) * v.scale);
      return Array.from(g.getImageData(0, 0, c.width, c.height).data);
    });
    let diff = 0;
    for (let i = 0; i < before.width * before.height; i++) diff += Math.abs(luma(before, i) - (0.2126 * reference[i * 4]! + 0.7152 * reference[i * 4 + 1]! + 0.0722 * reference[i * 4 + 2]!));
    expect(diff / (before.width * before.height)).toBeLessThan(2.5);

    await setState(page, { split: 0.5 });
    const half = await viewPixels(page);
    await setState(page, { split: 0 });
    const after = await viewPixels(page);
    const w = before.width, h = before.height;
    const changed = (a: Pixels, x0: number, x1: number): number => {
      let n = 0;
      for (let y = 0; y < h; y++) for (let x = x0; x < x1; x++) if (Math.abs(luma(before, y * w + x) - luma(a, y * w + x)) > 3) n++;
      return n;
    };
    expect(changed(half, 0, Math.floor(w / 2) - 2)).toBe(0);
    expect(changed(half, Math.ceil(w / 2) + 2, w)).toBeGreaterThan(0);
    expect(changed(after, 0, Math.floor(w / 2) - 2)).toBeGreaterThan(0);
  });

  it('loads a photo from a file, upright, and refuses a bad file keeping the current photo and design', async () => {
    const page = await openPage('/');
    await settled(page);
    const gen = (await probe(page)).generation;
    await page.locator('#c-photo').setInputFiles({ name: 'client.jpg', mimeType: 'image/jpeg', buffer: readFileSync('test/fixtures/orientation-6.jpg') });
    await settled(page, gen);
    const p = await probe(page);
    expect(await page.getByTestId('photo-name').textContent()).toBe('client.jpg');
    expect(p.photo).toEqual({ width: 64, height: 48 });
    await expect(page.getByTestId('scale-badge').textContent()).resolves.toMatch(/Not calibrated/);
    // Upright: red top-left, green top-right, blue bottom-left, white bottom-right.
    await setState(page, { split: 1 });
    const px = await viewPixels(page);
    const v = await page.evaluate(() => (globalThis as never as { smp: { store: { get(): { view: View } } } }).smp.store.get().view);
    const at = (fx: number, fy: number): number[] => {
      const i = (Math.round(v.y + fy * 48 * v.scale) * px.width + Math.round(v.x + fx * 64 * v.scale)) * 4;
      return [px.data[i]!, px.data[i + 1]!, px.data[i + 2]!];
    };
    const [tl, tr, bl, br] = [at(0.2, 0.2), at(0.8, 0.2), at(0.2, 0.8), at(0.8, 0.8)];
    expect(tl[0]).toBeGreaterThan(150); expect(tl[1]).toBeLessThan(110);
    expect(tr[1]).toBeGreaterThan(150); expect(tr[0]).toBeLessThan(110);
    expect(bl[2]).toBeGreaterThan(150); expect(bl[0]).toBeLessThan(110);
    expect(Math.min(...br)).toBeGreaterThan(180);

    const designBefore = await page.evaluate(() => JSON.stringify((globalThis as never as { smp: { store: { get(): { design: object } } } }).smp.store.get().design));
    await page.locator('#c-photo').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('these are not pixels') });
    await page.getByTestId('notice').filter({ hasText: /not a photo|isn't a photo|not an image|can't be opened|damaged/i }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('photo-name').textContent()).toBe('client.jpg');
    const designAfter = await page.evaluate(() => JSON.stringify((globalThis as never as { smp: { store: { get(): { design: object } } } }).smp.store.get().design));
    expect(designAfter).toBe(designBefore);
  });

  // Export: test/browser/export.test.ts (each layout, presets, JPEG, a 24-megapixel export, Cancel).

  it('edits the hairline: a dragged point moves its mirror twin and the dots; points are added, removed and preset', async () => {
    const page = await openPage('/');
    await settled(page);
    type H = { points: { x: number; y: number }[]; midlineX: number; mirror: boolean };
    const hairline = (): Promise<H> => page.evaluate(() => (globalThis as never as { smp: { store: { get(): { design: { hairline: H } } } } }).smp.store.get().design.hairline);
    await page.getByRole('button', { name: 'Edit hairline' }).click();
    const view = (await page.getByTestId('view').boundingBox())!;
    const v = await page.evaluate(() => (globalThis as never as { smp: { store: { get(): { view: View } } } }).smp.store.get().view);
    const h0 = await hairline();
    const i = h0.points.findIndex((p) => p.x < h0.midlineX - 50 && p.x * v.scale + v.x > 20);
    const p0 = h0.points[i]!;
    const screen = (p: { x: number; y: number }) => ({ x: view.x + p.x * v.scale + v.x, y: view.y + p.y * v.scale + v.y });
    const from = screen(p0);
    const ppm = (await probe(page)).ppm;
    // Drag the point 12 mm up the head (towards the crown).
    const g = (await probe(page)).generation;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let k = 1; k <= 6; k++) await page.mouse.move(from.x, from.y - (12 * ppm * v.scale * k) / 6);
    await page.mouse.up();
    await settled(page, g);
    const h1 = await hairline();
    expect(h1.points[i]!.y).toBeCloseTo(p0.y - 12 * ppm, 0);
    expect(h1.points[i]!.x).toBeCloseTo(p0.x, 0);
    expect(h1.points.length).toBe(h0.points.length);
    // Mirror on: the curve's other side moved the same way (its twin is derived from the same point).
    expect(h1.mirror).toBe(true);

    // Click on the curve between two points to add one; Delete removes the selected point.
    const curve = await page.evaluate(() => {
      const path = document.querySelector('[data-testid=hairline-curve]') as SVGPathElement;
      const m = path.getCTM()!, l = path.getTotalLength(), q = path.getPointAtLength(l * 0.3);
      return { x: q.x * m.a + m.e, y: q.y * m.d + m.f };
    });
    const g2 = (await probe(page)).generation;
    await page.mouse.click(view.x + curve.x, view.y + curve.y);
    await settled(page, g2);
    expect((await hairline()).points.length).toBe(h0.points.length + 1);
    const g3 = (await probe(page)).generation;
    await page.keyboard.press('Delete');
    await settled(page, g3);
    expect((await hairline()).points.length).toBe(h0.points.length);

    // A preset replaces the shape.
    const g4 = (await probe(page)).generation;
    await page.locator('#c-hairline-preset').selectOption('widows-peak');
    await settled(page, g4);
    const h4 = await hairline();
    const lowest = Math.max(...h4.points.map((p) => p.y));
    const mid = h4.points.find((p) => Math.abs(p.x - h4.midlineX) < 1);
    expect(mid?.y).toBe(lowest);
  });
});
