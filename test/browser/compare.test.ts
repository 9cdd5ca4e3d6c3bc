import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { elementPixels, meanLuminance, openPage, settled, type Pixels } from './harness.ts';

type View = { scale: number; x: number; y: number };
interface PaneValues { density: number; diameterMm: number; session: number; style: string }

/** Set SHOT_DIR to keep the screenshots the tests take. */
const SHOT_DIR = process.env.SHOT_DIR;
const shot = async (page: Page, name: string): Promise<void> => {
  if (SHOT_DIR) await page.screenshot({ path: `${SHOT_DIR}/${name}.png` });
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the page's state, read and patched loosely by tests
type Smp = { store: { get(): any; update(f: (s: any) => any): void } };

/** Waits until the compare view has drawn what the state asks for, in a frame after `after`. */
async function compareDrawn(page: Page, after: number): Promise<number> {
  await page.waitForFunction((g) => {
    const c = document.querySelector('[data-testid="compare"]');
    return c?.getAttribute('data-ready') === 'true' && Number(c.getAttribute('data-frame')) > g;
  }, after, { timeout: 60_000 });
  return Number(await page.getByTestId('compare').getAttribute('data-frame'));
}
const frameOf = async (page: Page): Promise<number> => Number(await page.getByTestId('compare').getAttribute('data-frame'));

/** Changes the state in the page (through the test handle) and waits for the compare view to draw it. */
async function change(page: Page, act: () => Promise<unknown>): Promise<void> {
  const before = await frameOf(page);
  await act();
  await compareDrawn(page, before);
}

const setPanes = (page: Page, panes: Partial<PaneValues>[]): Promise<void> =>
  change(page, () => page.evaluate((a) => (globalThis as never as { smp: Smp }).smp.store.update((s) => ({ ...s, compare: { ...s.compare, panes: s.compare.panes.map((p: object, i: number) => ({ ...p, ...a[i] })) } })), panes));
const setView = (page: Page, view: View): Promise<void> =>
  change(page, () => page.evaluate((a) => (globalThis as never as { smp: Smp }).smp.store.update((s) => ({ ...s, compare: { ...s.compare, view: a } })), view));
/** No pigment: the photo alone in every pane (panes follow the main design's pigment and opacity). */
const noInk = (page: Page): Promise<void> =>
  change(page, () => page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.update((s) => ({ ...s, design: { ...s.design, dots: { ...s.design.dots, opacity: 0 } } }))));

/** A view of the scalp well behind the hairline, where every pane is inside the treatment area, dots ~4 px wide. */
async function scalpView(page: Page): Promise<View> {
  const box = (await page.getByTestId('compare-pane-0').boundingBox())!;
  return page.evaluate((b) => {
    const d = (globalThis as never as { smp: Smp }).smp.store.get().design;
    const scale = 4 / (d.dots.diameterMm * d.scale.pxPerMm);
    const hairlineY = Math.max(...d.hairline.points.map((p: { y: number }) => p.y));
    const scalpY = hairlineY - (d.hairline.bandMm + 14) * d.scale.pxPerMm;
    return { scale, x: b.width / 2 - d.hairline.midlineX * scale, y: b.height / 2 - scalpY * scale };
  }, box);
}

/** Each pane's picture, as the screen shows it (the caption at the bottom left is left out by `area`). */
const panePixels = async (page: Page, n: number): Promise<Pixels[]> => {
  const out: Pixels[] = [];
  for (let i = 0; i < n; i++) out.push(await elementPixels(page.getByTestId(`compare-pane-${i}`)));
  return out;
};
const area = (p: Pixels) => ({ x: 0, y: 0, width: p.width, height: Math.floor(p.height * 0.75) });

/** Ink a pane lays on the photo: how much darker it is than the same pane with no pigment (0–255 luma). */
const inkOf = (base: Pixels, p: Pixels): number => (meanLuminance(base, area(base)) - meanLuminance(p, area(p))) * 255;

/** Mean absolute difference of RGB over the common area of two panes (captions left out), with `b` shifted by (dx, dy). */
function difference(a: Pixels, b: Pixels, dx = 0, dy = 0): number {
  const w = Math.min(a.width, b.width - dx), h = Math.min(area(a).height, area(b).height - dy);
  let sum = 0, n = 0;
  for (let y = Math.max(0, -dy); y < h; y++) for (let x = Math.max(0, -dx); x < w; x++) {
    const i = (y * a.width + x) * 4, j = ((y + dy) * b.width + x + dx) * 4;
    for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i + c]! - b.data[j + c]!);
    n += 3;
  }
  return sum / n;
}

async function openCompare(page: Page): Promise<void> {
  await settled(page);
  await page.getByTestId('open-compare').click();
  await compareDrawn(page, 0);
}

describe('compare', () => {
  it('shows two panes at their own densities: more dots, more ink (measured per pane)', async () => {
    const page = await openPage('/');
    await openCompare(page);
    expect(await page.locator('.pane').count()).toBe(2);
    await setView(page, await scalpView(page));
    // Pane B's density through its own number box, as a user types it.
    await setPanes(page, [{ density: 40 }, {}]);
    const before = await frameOf(page);
    const box = page.getByRole('spinbutton', { name: 'Density of pane B (dots/cm²)' });
    await box.fill('200');
    await box.press('Enter');
    await compareDrawn(page, before);
    const panes = await panePixels(page, 2);
    await shot(page, 'compare-2');
    await expect(page.getByTestId('compare-caption-1').textContent()).resolves.toContain('200 dots/cm²');
    await noInk(page);
    const bare = await panePixels(page, 2);
    expect(difference(bare[0]!, bare[1]!)).toBeLessThan(0.5);
    const ink = [inkOf(bare[0]!, panes[0]!), inkOf(bare[1]!, panes[1]!)];
    expect(ink[0]).toBeGreaterThan(0.3);
    // Five times the dots: ink grows nearly in proportion (a little less where dots overlap).
    expect(ink[1]! / ink[0]!).toBeGreaterThan(3.5);
    expect(ink[1]! / ink[0]!).toBeLessThan(5.5);
  });

  it('keeps pan and zoom in step across the panes', async () => {
    const page = await openPage('/');
    await openCompare(page);
    await setView(page, await scalpView(page));
    await setPanes(page, [{ density: 120 }, { density: 120 }]);
    const [a0, b0] = await panePixels(page, 2);
    // Identical panes: the same picture, pixel for pixel.
    expect(difference(a0!, b0!)).toBeLessThan(0.5);
    const view0: View = await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.get().compare.view);
    const mainBefore: View = await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.get().view);

    // Drag in pane B: both move by the drag.
    const b = (await page.getByTestId('compare-pane-1').boundingBox())!;
    let before = await frameOf(page);
    await page.mouse.move(b.x + 100, b.y + 120);
    await page.mouse.down();
    await page.mouse.move(b.x + 130, b.y + 140, { steps: 3 });
    await page.mouse.move(b.x + 160, b.y + 160, { steps: 3 });
    await page.mouse.up();
    await compareDrawn(page, before);
    const view1: View = await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.get().compare.view);
    expect(view1.x - view0.x).toBeCloseTo(60, 5);
    expect(view1.y - view0.y).toBeCloseTo(40, 5);
    const [a1, b1] = await panePixels(page, 2);
    expect(difference(a1!, b1!)).toBeLessThan(0.5);
    // Pane A moved though the drag was in B: its new picture is its old one, 60 px right and 40 px down.
    expect(difference(a0!, a1!)).toBeGreaterThan(5);
    expect(difference(a0!, a1!, 60, 40)).toBeLessThan(0.5);
    // The main view did not move.
    const main = await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.get().view);
    expect(main).toEqual(mainBefore);

    // Wheel in pane A: both zoom about the same pane point.
    const a = (await page.getByTestId('compare-pane-0').boundingBox())!;
    before = await frameOf(page);
    await page.mouse.move(a.x + 80, a.y + 90);
    await page.mouse.wheel(0, -300);
    await compareDrawn(page, before);
    const view2: View = await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.get().compare.view);
    expect(view2.scale / view1.scale).toBeGreaterThan(1.2);
    // About the cursor: the photo point under it (pane px → photo px) is the same before and after.
    const under = (v: View): { x: number; y: number } => ({ x: (80 - v.x) / v.scale, y: (90 - v.y) / v.scale });
    expect(under(view2).x).toBeCloseTo(under(view1).x, 1);
    expect(under(view2).y).toBeCloseTo(under(view1).y, 1);
    const [a2, b2] = await panePixels(page, 2);
    expect(difference(a2!, a1!)).toBeGreaterThan(5);
    expect(difference(a2!, b2!)).toBeLessThan(0.5);
  });

  it('adds panes up to four, each drawn at its own density, and removes them', async () => {
    const page = await openPage('/');
    await openCompare(page);
    for (let i = 0; i < 2; i++) {
      const before = await frameOf(page);
      await page.getByTestId('compare-add').click();
      await compareDrawn(page, before);
    }
    expect(await page.locator('.pane').count()).toBe(4);
    await expect(page.getByTestId('compare-add').isDisabled()).resolves.toBe(true);
    await setView(page, await scalpView(page));
    const densities = [40, 100, 160, 250];
    await setPanes(page, densities.map((density) => ({ density })));
    const panes = await panePixels(page, 4);
    await shot(page, 'compare-4');
    await noInk(page);
    const bare = await panePixels(page, 4);
    const ink = panes.map((p, i) => inkOf(bare[i]!, p));
    expect(ink[0]!).toBeGreaterThan(0.3);
    for (let i = 1; i < 4; i++) expect(ink[i]!).toBeGreaterThan(ink[i - 1]! * 1.2);

    const before = await frameOf(page);
    await page.getByRole('button', { name: 'Remove pane C' }).click();
    await compareDrawn(page, before);
    expect(await page.locator('.pane').count()).toBe(3);
  });

  it('"Use this one" makes the pane the main design and closes the compare view', async () => {
    const page = await openPage('/');
    await settled(page);
    const dots0 = Number(await page.locator('.status').getAttribute('data-dots'));
    const gen = Number(await page.locator('.status').getAttribute('data-generation'));
    await page.getByTestId('open-compare').click();
    await compareDrawn(page, 0);
    await setPanes(page, [{}, { density: 180, diameterMm: 0.15, session: 2 }]);
    await page.getByTestId('compare-use-1').click();
    await expect(page.getByTestId('compare').count()).resolves.toBe(0);
    const d = await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.get().design);
    expect(d.dots.density).toBe(180);
    expect(d.dots.diameterMm).toBe(0.15);
    expect(d.preview.session).toBe(2);
    // The main view draws it: session 2 of 3 shows 70% of 180/cm², against 100% of 100/cm² before.
    await settled(page, gen);
    const dots1 = Number(await page.locator('.status').getAttribute('data-dots'));
    expect(dots1 / dots0).toBeGreaterThan(1.26 * 0.9);
    expect(dots1 / dots0).toBeLessThan(1.26 * 1.1);
  });

  it('a pane in another hairline style gets dots of its own: a sharp edge fills the soft band', async () => {
    const page = await openPage('/');
    await openCompare(page);
    // Centre the panes on the hairline's centre, ~3 px a dot.
    const box = (await page.getByTestId('compare-pane-0').boundingBox())!;
    const geo = await page.evaluate((b) => {
      const d = (globalThis as never as { smp: Smp }).smp.store.get().design;
      const scale = 3 / (d.dots.diameterMm * d.scale.pxPerMm);
      const hairlineY = Math.max(...d.hairline.points.map((p: { y: number }) => p.y));
      return { view: { scale, x: b.width / 2 - d.hairline.midlineX * scale, y: b.height / 2 - hairlineY * scale }, pxPerMm: d.scale.pxPerMm * scale, style: d.style, bandMm: d.hairline.bandMm };
    }, box);
    expect(geo.style).toBe('soft');
    await setView(page, geo.view);
    await setPanes(page, [{ density: 150 }, { density: 150, style: 'sharp' }]);
    const panes = await panePixels(page, 2);
    await shot(page, 'compare-style');
    await noInk(page);
    const bare = await panePixels(page, 2);
    // The strip from the hairline to 4 mm behind it (above it in the photo): a soft band is still thin there.
    const strip = (p: Pixels) => ({ x: 0, y: Math.round(p.height / 2 - 4 * geo.pxPerMm), width: p.width, height: Math.round(4 * geo.pxPerMm) });
    const ink = (i: number) => (meanLuminance(bare[i]!, strip(bare[i]!)) - meanLuminance(panes[i]!, strip(panes[i]!))) * 255;
    expect(ink(1)).toBeGreaterThan(ink(0) * 1.5);

    // "Use this one" takes the style with it.
    await page.getByTestId('compare-use-1').click();
    const d = await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.get().design);
    expect(d.style).toBe('sharp');
    expect(d.hairline.bandMm).toBeLessThan(geo.bandMm);
  });

  it('closes back to the main view, which still draws, however often it is opened', async () => {
    const page = await openPage('/');
    await settled(page);
    for (let i = 0; i < 4; i++) {
      await page.getByTestId('open-compare').click();
      await compareDrawn(page, 0);
      await page.getByTestId('compare-close').click();
      await expect(page.getByTestId('compare').count()).resolves.toBe(0);
    }
    const gen = Number(await page.locator('.status').getAttribute('data-generation'));
    await page.evaluate(() => (globalThis as never as { smp: Smp }).smp.store.update((s) => ({ ...s, design: { ...s.design, dots: { ...s.design.dots, density: 60 } } })));
    await settled(page, gen);
    const view = await elementPixels(page.getByTestId('view'));
    // The main canvas is drawn (a photo, not the empty background): its context was not lost to the compare ones.
    expect(meanLuminance(view)).toBeGreaterThan(0.2);
    await expect(page.locator('.compare-canvas').count()).resolves.toBe(0);
  });
});
