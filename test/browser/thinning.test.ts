// Thinning-hair mode in real Chromium: a generated photo of strands on skin, loaded through the app's photo input;
// with the mode on, no pixel of a strand is darkened by a dot while the scalp between the strands still gets dots.
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { dilate } from '../../src/photo/hair-mask.ts';
import { encodePng } from '../../scripts/lib/png.ts';
import { makeHairPhoto, type HairPhoto } from '../helpers/hair-photo.ts';
import { elementPixels, openPage, settled, type Pixels } from './harness.ts';

const W = 560, H = 380;
/** Where the photo's top-left corner is drawn in the view, at 1 screen px per photo px. */
const AT = 10;
let photo: HairPhoto;
let png: Buffer;
/** Scalp pixels at least 8 px from any strand: a dot centred there is far from hair. */
let openScalp: Uint8Array;

beforeAll(() => {
  photo = makeHairPhoto({ width: W, height: H, seed: 'browser', skin: [214, 168, 140], hair: [58, 44, 36], strandsPer10k: 5, noise: 6, shade: 0.85, margin: 12 });
  png = encodePng(photo.rgba, W, H, { channels: 4, alpha: true });
  const near = dilate(photo.hair, W, H, 8);
  openScalp = near.map((v) => 1 - v);
});

type Smp = { store: { get(): Record<string, unknown>; update(f: (s: Record<string, unknown>) => Record<string, unknown>): void }; whenReady(): Promise<void> };

/** Applies a patch to the design (and optionally the state) and waits until the picture matches it. */
async function change(page: Page, design: Record<string, unknown>, state: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(async ([dp, sp]) => {
    const smp = (globalThis as never as { smp: Smp }).smp;
    smp.store.update((s) => ({ ...s, ...sp, design: { ...(s.design as object), ...dp } }));
    await smp.whenReady();
  }, [design, state] as const);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

const design = (page: Page): Promise<{ thinning: { enabled: boolean; threshold: number; edits: unknown[] }; dots: object }> =>
  page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.get().design as never);

const luma = (p: Pixels, x: number, y: number): number => {
  const i = ((y + AT) * p.width + x + AT) * 4;
  return (0.2126 * p.data[i]! + 0.7152 * p.data[i + 1]! + 0.0722 * p.data[i + 2]!) / 255;
};

/** Of the photo pixels where `which` is 1 (inside `box`, photo px), the share drawn darker in `after` than in `before`. */
function darkened(before: Pixels, after: Pixels, which: Uint8Array, box = { x0: 0, y0: 0, x1: W, y1: H }): { share: number; count: number; of: number } {
  let count = 0, of = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      if (!which[y * W + x]) continue;
      of++;
      if (luma(after, x, y) < luma(before, x, y) - 0.02) count++;
    }
  }
  return { share: count / Math.max(1, of), count, of };
}

/** The app on the generated photo, drawn 1:1 at (AT, AT), with big dense dots over all of it. */
async function setUp(): Promise<Page> {
  const page = await openPage('/');
  await settled(page);
  const gen = Number(await page.locator('.status').getAttribute('data-generation'));
  await page.locator('#c-photo').setInputFiles({ name: 'thinning.png', mimeType: 'image/png', buffer: png });
  await settled(page, gen);

  // Dots big and dense enough to measure (20 px/mm, 0.25 mm, the top density) over the whole photo: the hairline is
  // below it, so all of the photo is behind it.
  const y = H + 80;
  await change(page, {
    scale: { pxPerMm: 20, calibrated: true, source: 'ruler' },
    hairline: { points: [{ x: -400, y }, { x: W / 2, y }, { x: W + 400, y }], mirror: false, midlineX: W / 2, bandMm: 0, irregularity: 0, gaps: 0 },
    dots: { ...(await design(page)).dots, density: 250, diameterMm: 0.25, spreadMm: 0 },
  }, { view: { scale: 1, x: AT, y: AT } });
  return page;
}

test('thinning hair: dots land on the scalp between strands and never on a strand; the brush and threshold correct it', async () => {
  const page = await setUp();
  const view = page.getByTestId('view');
  await change(page, {}, { showBefore: true });
  const before = await elementPixels(view);
  expect(before.width).toBeGreaterThan(W + AT);
  expect(before.height).toBeGreaterThan(H + AT);
  // The photo is drawn 1:1: its strands are where they were generated.
  expect(luma(before, 100, 100)).toBeCloseTo((0.2126 * photo.rgba[(100 * W + 100) * 4]! + 0.7152 * photo.rgba[(100 * W + 100) * 4 + 1]! + 0.0722 * photo.rgba[(100 * W + 100) * 4 + 2]!) / 255, 1);

  // Without the mode, dots fall on hair as anywhere else.
  await change(page, {}, { showBefore: false });
  const off = await elementPixels(view);
  const hairOff = darkened(before, off, photo.hair), scalpOff = darkened(before, off, openScalp);
  expect(hairOff.of).toBeGreaterThan(3000);
  expect(hairOff.share).toBeGreaterThan(0.04);
  expect(scalpOff.share).toBeGreaterThan(0.1);

  // The mode on: the panel's toggle.
  await page.getByRole('checkbox', { name: 'Dots only between existing hair' }).check();
  await change(page, {});
  expect((await design(page)).thinning.enabled).toBe(true);
  const on = await elementPixels(view);
  const hairOn = darkened(before, on, photo.hair), scalpOn = darkened(before, on, openScalp);
  expect(hairOn.count).toBe(0);
  // Between the strands the dots are as before: the same pattern, only those on hair hidden.
  expect(scalpOn.share).toBeGreaterThan(scalpOff.share * 0.9);

  // "Show mask" tints the hair over the photo (and nothing else).
  await page.getByRole('checkbox', { name: 'Show mask' }).check();
  await change(page, {}, {});
  const tinted = await elementPixels(view);
  const overlay = page.getByTestId('hair-mask-overlay');
  expect(await overlay.isVisible()).toBe(true);
  expect(darkened(on, tinted, openScalp).count).toBe(0);
  let bluer = 0, hairCount = 0;
  for (let i = 0; i < W * H; i++) {
    if (!photo.hair[i]) continue;
    hairCount++;
    const p = (((i / W) | 0) + AT) * tinted.width + (i % W) + AT;
    if (tinted.data[p * 4 + 2]! > on.data[p * 4 + 2]! + 40) bluer++;
  }
  expect(bluer / hairCount).toBeGreaterThan(0.95);
  await page.getByRole('checkbox', { name: 'Show mask' }).uncheck();

  // The "Mark hair" brush: a drag across open scalp keeps dots off a band there.
  await change(page, {}, { brush: { sizeMm: 4, feather: 0.5 } });
  await page.getByRole('button', { name: 'Mark hair' }).click();
  const box = (await view.boundingBox())!;
  const row = 200;
  await page.mouse.move(box.x + AT + 60, box.y + AT + row);
  await page.mouse.down();
  for (let x = 60; x <= 500; x += 20) await page.mouse.move(box.x + AT + x, box.y + AT + row);
  await page.mouse.up();
  expect((await design(page)).thinning.edits).toHaveLength(1);
  // While a mask brush is the tool the mask is shown, the stroke in it. The overlay is redrawn move by move in each
  // move's box only: the whole band must be tinted, so a box short of what a move painted would leave gaps (the
  // brush cursor sits at x = 500, off the band).
  await change(page, {}, {});
  const painting = await elementPixels(view);
  let tintedBand = 0, bandPx = 0;
  for (let y = row - 30; y < row + 30; y++) {
    for (let x = 100; x < 440; x++) {
      const p = (y + AT) * painting.width + x + AT;
      bandPx++;
      if (painting.data[p * 4 + 2]! > on.data[p * 4 + 2]! + 40) tintedBand++;
    }
  }
  expect(tintedBand / bandPx).toBeGreaterThan(0.95);
  await change(page, {}, { tool: 'pan' }); // the mask brushes show the mask: back to Pan to see the dots alone
  const marked = await elementPixels(view);
  // The stroke is 4 mm = 80 px wide: the inner 60 px band along it has no dots left.
  const band = { x0: 100, y0: row - 30, x1: 460, y1: row + 30 };
  expect(darkened(before, on, openScalp, band).share).toBeGreaterThan(0.1);
  expect(darkened(before, marked, openScalp, band).count).toBe(0);
  await page.getByRole('button', { name: 'Reset corrections' }).click();
  expect((await design(page)).thinning.edits).toHaveLength(0);

  // A threshold past the strands' contrast (they are ~70% darker than the skin) finds no hair: dots are back on it.
  await change(page, { thinning: { ...(await design(page)).thinning, threshold: 0.8 } });
  expect(darkened(before, await elementPixels(view), photo.hair).share).toBeGreaterThan(hairOff.share * 0.8);
});

test('whenReady waits for the hair mask: the frame drawn when it resolves already keeps dots off the strands', async () => {
  const page = await setUp();
  /** The WebGL canvas as drawn at this moment (its drawing buffer is preserved), RGBA. */
  const frame = async (enable: boolean | null): Promise<Pixels> => {
    const [width, height] = [W + AT, H + AT];
    const b64 = await page.evaluate(async ([on, w, h]) => {
      const smp = (globalThis as never as { smp: Smp & { scene: { app: { canvas: HTMLCanvasElement } } } }).smp;
      if (on !== null) smp.store.update((s) => ({ ...s, design: { ...(s.design as { thinning: object }), thinning: { ...(s.design as { thinning: object }).thinning, enabled: on } } }));
      await smp.whenReady(); // and not a frame more
      const g = new OffscreenCanvas(w, h).getContext('2d')!;
      g.drawImage(smp.scene.app.canvas, 0, 0);
      const data = g.getImageData(0, 0, w, h).data;
      let bin = '';
      for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return btoa(bin);
    }, [enable, width, height] as const);
    return { width, height, data: new Uint8Array(Buffer.from(b64, 'base64')) };
  };
  await change(page, {}, { showBefore: true });
  const before = await frame(null);
  await change(page, {}, { showBefore: false });
  const off = await frame(null);
  expect(darkened(before, off, photo.hair).share).toBeGreaterThan(0.04);
  const on = await frame(true);
  expect(darkened(before, on, photo.hair).count).toBe(0);
  expect(darkened(before, on, openScalp).share).toBeGreaterThan(0.1);
});
