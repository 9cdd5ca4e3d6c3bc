// Hairline guides and styles, used like a user would: landmarks placed with pointer clicks through the Guides tool,
// the hairline dragged with the hairline tool, the style picked in the panel; the overlay and the dots measured on
// screen.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { guideReport } from '../../src/design/guides.ts';
import { hairlineCurve } from '../../src/design/hairline.ts';
import type { Design } from '../../src/design/types.ts';
import { clickPhoto, elementPixels, frames, openPage, settled, toPage, type Pixels } from './harness.ts';

// The demo photo (2400 × 1800 px, 8 px/mm, calibrated) opens at 1:1 on its hairline, centre (1200, 1363). It is not
// a front view, but the guides only need points: a "glabella" low on the photo puts the guide line on the scalp.

interface View {
  scale: number;
  x: number;
  y: number;
}
type Smp = { smp: { store: { get(): { design: Design; view: View }; update(f: (s: object) => object): void } } };

const design = (page: Page): Promise<Design> => page.evaluate(() => (globalThis as unknown as Smp).smp.store.get().design);
const view = (page: Page): Promise<View> => page.evaluate(() => (globalThis as unknown as Smp).smp.store.get().view);
const generation = async (page: Page): Promise<number> => Number(await page.locator('.status').getAttribute('data-generation'));

async function setView(page: Page, v: View): Promise<void> {
  await frames(page);
  await page.evaluate((v) => (globalThis as unknown as Smp).smp.store.update((s) => ({ ...s, view: v })), v);
  await frames(page);
}

async function dragPhoto(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  const a = await toPage(page, from.x, from.y), b = await toPage(page, to.x, to.y);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/**
 * The view's pixels, the pointer parked in the view's bottom-right corner (off the photo, where no tool draws; the
 * Guides tool has no hover cursor, and the pointer stays in the view so no tool's leave handler runs).
 */
async function viewPixels(page: Page): Promise<Pixels> {
  const box = (await page.getByTestId('view').boundingBox())!;
  await page.mouse.move(box.x + box.width - 3, box.y + box.height - 3);
  await frames(page);
  return elementPixels(page.getByTestId('view'));
}

const luma = (p: Pixels, x: number, y: number): number => {
  const i = (Math.round(y) * p.width + Math.round(x)) * 4;
  return 0.2126 * p.data[i]! + 0.7152 * p.data[i + 1]! + 0.0722 * p.data[i + 2]!;
};
/** Pixels tinted by the guide line's colour (#7dffb0: green over red, which no skin or dot is) in a row of the view. */
const greenInRow = (p: Pixels, y: number): number => {
  let n = 0;
  for (let x = 0; x < p.width; x++) {
    const i = (Math.round(y) * p.width + x) * 4;
    if (p.data[i + 1]! > p.data[i]! + 25) n++;
  }
  return n;
};

test('landmarks placed with the Guides tool draw the guide and temple lines; a hairline below the guide warns, above it does not', async () => {
  const page = await openPage('/');
  await settled(page);
  await setView(page, { scale: 0.4, x: -230, y: -310 }); // photo x 575–2310, y 775–2600: the lower head
  const marks = { glabella: { x: 1200, y: 1760 }, browCrease: { x: 1200, y: 1700 }, leftEye: { x: 850, y: 1780 }, rightEye: { x: 1550, y: 1780 } };

  await page.getByRole('button', { name: 'Place landmarks' }).click();
  await expect(page.getByTestId('guide-hint').textContent()).resolves.toMatch(/place: glabella/);
  for (const p of Object.values(marks)) await clickPhoto(page, p.x, p.y);
  const g = (await design(page)).guides;
  for (const [k, p] of Object.entries(marks)) {
    const q = g[k as keyof typeof marks]!;
    expect(Math.hypot(q.x - p.x, q.y - p.y)).toBeLessThan(2.5); // one screen px is 2.5 photo px here
  }
  expect(g.heightMm).toBe(80);
  await expect(page.getByTestId('guide-hint').textContent()).resolves.toMatch(/All marks placed/);

  // The guide line: 80 mm (640 px) above the glabella, drawn across the view at that height, with its rule.
  const guideY = g.glabella!.y - 80 * 8;
  const want = await toPage(page, 0, guideY);
  const line = (await page.getByTestId('guide-line').boundingBox())!;
  expect(Math.abs(line.y + line.height / 2 - want.y)).toBeLessThan(1);
  await expect(page.getByTestId('guide-label').textContent()).resolves.toBe('8 cm above glabella');
  const box = (await page.getByTestId('view').boundingBox())!;
  const pixels = await viewPixels(page);
  const row = want.y - box.y;
  const near = Math.max(...[-1, 0, 1].map((dy) => greenInRow(pixels, row + dy)));
  expect(near).toBeGreaterThan(pixels.width * 0.5); // a dashed line (10 on, 6 off) across the view
  expect(greenInRow(pixels, row - 12) + greenInRow(pixels, row + 12)).toBeLessThan(20);
  for (const side of ['left', 'right'] as const) {
    const t = (await page.getByTestId(`temple-line-${side}`).boundingBox())!;
    const eye = await toPage(page, side === 'left' ? g.leftEye!.x : g.rightEye!.x, 0);
    expect(Math.abs(t.x + t.width / 2 - eye.x)).toBeLessThan(1);
  }

  // The demo's hairline centre (y 1363) is ~50 mm above this glabella: 30 mm below the guide. The warning says so.
  const warning = page.getByTestId('guide-warning');
  await expect(warning.isVisible()).resolves.toBe(true);
  const report = guideReport(await design(page));
  expect(report.warning!.lowMm).toBeGreaterThan(28);
  expect(report.warning!.lowMm).toBeLessThan(33);
  await expect(warning.textContent()).resolves.toBe(report.warning!.text);
  expect(report.warning!.text).toMatch(/^The hairline centre sits \d+(\.\d)? mm below the guide \(8 cm above glabella\)/);

  // Drag the hairline's centre up past the guide: the warning goes. Drag it back below: it returns.
  await page.getByRole('button', { name: 'Edit hairline' }).click();
  await expect(page.getByTestId('guide-line').count()).resolves.toBe(1); // the hairline tool shows the guide too
  await dragPhoto(page, { x: 1200, y: 1363 }, { x: 1200, y: guideY - 60 });
  expect(guideReport(await design(page)).centreAboveGlabellaMm).toBeGreaterThan(82);
  await expect(warning.isVisible()).resolves.toBe(false);
  await expect(warning.textContent()).resolves.toBe('');
  await dragPhoto(page, { x: 1200, y: guideY - 60 }, { x: 1200, y: guideY + 80 });
  await expect(warning.isVisible()).resolves.toBe(true);
  await expect(warning.textContent()).resolves.toMatch(/sits (9\.\d|10(\.\d)?|11(\.\d)?) mm below the guide/);

  // Re-place one landmark picked in the panel: the next click moves it, the others stay.
  await page.locator('button[data-landmark="browCrease"]').click();
  await expect(page.getByTestId('guide-hint').textContent()).resolves.toMatch(/place: brow crease/);
  await clickPhoto(page, 1260, 1650);
  const moved = (await design(page)).guides;
  expect(Math.hypot(moved.browCrease!.x - 1260, moved.browCrease!.y - 1650)).toBeLessThan(2.5);
  expect(moved.glabella).toEqual(g.glabella);

  // Clear: the marks go, and so does the warning.
  await page.getByRole('button', { name: 'Clear guides' }).click();
  expect((await design(page)).guides).toMatchObject({ glabella: null, browCrease: null, leftEye: null, rightEye: null });
  await expect(warning.isVisible()).resolves.toBe(false);
});

/**
 * The dots' ink across the hairline at the view's 1:1 scale: for depths −40…200 px behind the curve (photo px up
 * from it, measured per column against the curve's own height), the mean luma the dots take from the photo alone.
 */
async function inkProfile(page: Page): Promise<number[]> {
  await page.getByLabel('Show before').check();
  const photo = await viewPixels(page);
  await page.getByLabel('Show before').uncheck();
  await frames(page);
  const dots = await viewPixels(page);
  const d = await design(page);
  const v = await view(page);
  const curve = hairlineCurve(d.hairline);
  const yAt = (x: number): number => {
    const i = curve.findIndex((q) => q.x >= x);
    const a = curve[i - 1]!, b = curve[i]!;
    return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
  };
  const profile = new Array<number>(241).fill(0);
  let cols = 0;
  for (let px = 960; px <= 1440; px++) {
    const sx = px * v.scale + v.x;
    const cy = yAt(px);
    for (let k = -40; k <= 200; k++) {
      const sy = (cy - k) * v.scale + v.y;
      profile[k + 40]! += Math.max(0, luma(photo, sx, sy) - luma(dots, sx, sy));
    }
    cols++;
  }
  return profile.map((s) => s / cols);
}

/** Width (px) over which the smoothed profile climbs from 10% to 90% of the ink far behind the line. */
function transitionWidth(profile: number[]): number {
  const smooth = profile.map((_, i) => {
    const w = profile.slice(Math.max(0, i - 6), i + 7);
    return w.reduce((a, b) => a + b, 0) / w.length;
  });
  const plateau = smooth.slice(-35, -6).reduce((a, b) => a + b, 0) / 29;
  expect(plateau).toBeGreaterThan(1); // there are dots behind the line to measure against
  const at = (f: number): number => smooth.findIndex((v) => v >= f * plateau);
  return at(0.9) - at(0.1);
}

test('the Sharp style draws a narrower hairline transition than Soft (dot ink measured across the line)', async () => {
  const page = await openPage('/');
  await settled(page);
  const v = await view(page);
  expect(v.scale).toBe(1); // the demo opens at actual size on the hairline
  // The densest setting, so the ink profile rests on more dots.
  const density = page.getByRole('spinbutton', { name: 'Density (dots/cm²)' });
  let gen = await generation(page);
  await density.fill('250');
  await density.press('Enter');
  await settled(page, gen);
  expect((await design(page)).style).toBe('soft');
  const soft = transitionWidth(await inkProfile(page));

  gen = await generation(page);
  await page.getByLabel('Style', { exact: true }).selectOption('sharp');
  await settled(page, gen);
  expect((await design(page)).hairline).toMatchObject({ bandMm: 2, irregularity: 0.25, gaps: 0 });
  const sharp = transitionWidth(await inkProfile(page));
  // Soft: a 10 mm (80 px) band with ±4 mm wander; sharp: 2 mm (16 px) with ±1 mm.
  expect(soft).toBeGreaterThan(40);
  expect(sharp).toBeLessThan(soft * 0.5);

  // A hand edit of the band makes the style Custom.
  const band = page.getByRole('spinbutton', { name: 'Soft edge (mm)' });
  await band.fill('5');
  await band.press('Enter');
  expect((await design(page)).style).toBe('custom');
  await expect(page.getByLabel('Style', { exact: true }).inputValue()).resolves.toBe('custom');
});

test('the soft band is drawn with the finer needle: "Hairline dot size" lightens the band, not the body behind it', async () => {
  const page = await openPage('/');
  await settled(page);
  const density = page.getByRole('spinbutton', { name: 'Density (dots/cm²)' });
  let gen = await generation(page);
  await density.fill('250');
  await density.press('Enter');
  await settled(page, gen);
  const needle = page.getByRole('spinbutton', { name: /^Hairline dot size/ });
  const inkAt = async (v: string): Promise<{ band: number; body: number }> => {
    gen = await generation(page);
    await needle.fill(v);
    await needle.press('Enter');
    await settled(page, gen);
    expect((await design(page)).treatment.hairlineNeedle).toBe(Number(v));
    const p = await inkProfile(page);
    const sum = (from: number, to: number): number => p.slice(from + 40, to + 40).reduce((a, b) => a + b, 0);
    // The demo's soft band: 80 px behind the line, wandering ±32 px; well inside it, and well past it.
    return { band: sum(20, 60), body: sum(150, 200) };
  };
  const full = await inkAt('1');
  const fine = await inkAt('0.5');
  expect(full.band).toBeGreaterThan(0);
  // Half the diameter is a quarter of the area: the band's ink falls by far more than half; the body's stays.
  expect(fine.band).toBeLessThan(full.band * 0.5);
  expect(Math.abs(fine.body - full.body)).toBeLessThan(full.body * 0.05);
});
