// The design tools, used like a user would: pointer drags and clicks on the view, buttons by their names, and the
// result measured on screen (dark pixels where the dots are) and in the design.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { averageDiscColour } from '../../src/app/tools/eyedropper-tool.ts';
import { rgbToHex } from '../../src/realism/pigment.ts';
import { clickPhoto, darkerFraction, elementPixels, foreignRequests, frames, movePhoto, openPage, pixelAt, screenRect, toPage, type Pixels } from './harness.ts';

// The app as it opens, on the demo photo (2400 × 1800 px, 8 px/mm): the top of the head around (1200, 1000) is bare
// skin behind the hairline, covered with dots.

interface View {
  scale: number;
  x: number;
  y: number;
}

async function openApp(): Promise<Page> {
  const page = await openPage('/');
  await settled(page);
  return page;
}

/** Waits until the dots on screen are the ones for the current design (a change starts a job in the next frame). */
async function settled(page: Page): Promise<void> {
  await frames(page);
  await page.locator('.status[data-ready="true"][data-generation]').waitFor();
}


const dotCount = async (page: Page): Promise<number> => Number(await page.locator('.status').getAttribute('data-dots'));

/** Sets the view (after a pending layout change, e.g. a notice wrapping the status bar, has re-fitted it). */
async function setView(page: Page, v: View): Promise<void> {
  await frames(page);
  await page.evaluate((v) => (globalThis as unknown as { smp: { store: { update(f: (s: object) => object): void } } }).smp.store.update((s) => ({ ...s, view: v })), v);
  await settled(page);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const design = (page: Page): Promise<any> => page.evaluate(() => (globalThis as any).smp.store.get().design);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const activeTool = (page: Page): Promise<string> => page.evaluate(() => (globalThis as any).smp.store.get().tool);


/** The view's pixels with the pointer off the view (so no cursor ring is drawn over them). */
async function viewPixels(page: Page): Promise<Pixels> {
  await page.mouse.move(1010, 5);
  await frames(page);
  return elementPixels(page.getByTestId('view'));
}

/** The view showing the photo alone ("Show before"), then the dots again. */
async function photoOnly(page: Page): Promise<Pixels> {
  const before = page.getByLabel('Show before');
  await before.check();
  const p = await viewPixels(page);
  await before.uncheck();
  await frames(page);
  return p;
}

const badgePxPerMm = async (page: Page): Promise<number> => {
  const text = (await page.getByTestId('scale-badge').textContent())!;
  const m = /([\d.]+) px\/mm/.exec(text);
  if (!m) throw new Error(`No scale in the badge: ${text}`);
  return Number(m[1]);
};

test('the eraser removes the dots under a drag as one edit; the brush paints them back', async () => {
  const page = await openApp();
  await setView(page, { scale: 2, x: -2080, y: -1680 }); // photo x 1040–1387, y 840–1206: bare skin with dots
  const y = 1000, x0 = 1070, x1 = 1330;
  const band = await screenRect(page, 1110, y - 35, 1290, y + 35); // inside the 15 mm stroke (±60 px)
  const control = await screenRect(page, 1110, 870, 1290, 920); // beside it, untouched
  const photo = await photoOnly(page);
  const before = await viewPixels(page);
  const n0 = await dotCount(page);
  const edits0 = (await design(page)).area.edits.length;
  expect(darkerFraction(photo, before, band)).toBeGreaterThan(0.003);

  await page.getByRole('button', { name: 'Eraser' }).click();
  await page.getByRole('spinbutton', { name: 'Brush feather (0–1)' }).fill('0');
  await page.getByRole('spinbutton', { name: 'Brush feather (0–1)' }).press('Enter');
  await movePhoto(page, x0, y);
  await expect(page.getByTestId('brush-cursor').count()).resolves.toBe(1); // the size ring follows the pointer
  await page.mouse.down();
  await movePhoto(page, x1, y, 12);
  await page.mouse.up();
  await settled(page);

  const edits = (await design(page)).area.edits;
  expect(edits).toHaveLength(edits0 + 1); // the whole drag is one edit
  expect(edits[edits0]).toMatchObject({ kind: 'brush', mode: 'erase', sizeMm: 15, feather: 0 });
  expect(edits[edits0].points.length).toBeGreaterThan(2);
  const erased = await viewPixels(page);
  expect(await dotCount(page)).toBeLessThan(n0);
  expect(darkerFraction(photo, erased, band)).toBeLessThan(darkerFraction(photo, before, band) * 0.05);
  expect(darkerFraction(photo, erased, control)).toBeCloseTo(darkerFraction(photo, before, control), 3);

  await page.getByRole('button', { name: 'Brush', exact: true }).click();
  await movePhoto(page, x0, y);
  await page.mouse.down();
  await movePhoto(page, x1, y, 12);
  await page.mouse.up();
  await settled(page);
  expect((await design(page)).area.edits.slice(edits0).map((e: { mode: string }) => e.mode)).toEqual(['erase', 'add']);
  expect(await dotCount(page)).toBe(n0); // the same dots come back
  expect(darkerFraction(photo, await viewPixels(page), band)).toBeCloseTo(darkerFraction(photo, before, band), 3);
  expect(foreignRequests(page)).toEqual([]);
});

test('a polygon drawn with Shift held removes the dots inside it; Escape drops an open one', async () => {
  const page = await openApp();
  await setView(page, { scale: 2, x: -2080, y: -1680 });
  const poly = [{ x: 1090, y: 880 }, { x: 1310, y: 870 }, { x: 1320, y: 1120 }, { x: 1080, y: 1130 }];
  const inside = await screenRect(page, 1110, 900, 1290, 1100);
  const photo = await photoOnly(page);
  const before = await viewPixels(page);
  const n0 = await dotCount(page);
  const edits0 = (await design(page)).area.edits.length;
  expect(darkerFraction(photo, before, inside)).toBeGreaterThan(0.003);

  await page.getByRole('button', { name: 'Polygon' }).click();
  // Escape drops an open polygon: nothing changes.
  for (const p of poly.slice(0, 3)) await clickPhoto(page, p.x, p.y);
  await expect(page.getByTestId('polygon-preview').count()).resolves.toBe(1);
  await page.keyboard.press('Escape');
  await movePhoto(page, 1200, 1000);
  await expect(page.getByTestId('polygon-preview').count()).resolves.toBe(0);
  expect((await design(page)).area.edits).toHaveLength(edits0);

  await page.keyboard.down('Shift');
  for (const p of poly) await clickPhoto(page, p.x, p.y);
  await page.waitForTimeout(500); // not a double-click
  await clickPhoto(page, poly[0]!.x + 2, poly[0]!.y - 2); // on the first vertex: closes
  await page.keyboard.up('Shift');
  await settled(page);

  const edits = (await design(page)).area.edits;
  expect(edits).toHaveLength(edits0 + 1);
  expect(edits[edits0]).toMatchObject({ kind: 'polygon', mode: 'erase' });
  expect(edits[edits0].points).toHaveLength(4);
  expect(darkerFraction(photo, await viewPixels(page), inside)).toBe(0);
  expect(await dotCount(page)).toBeLessThan(n0);

  // The panel's box does the same without Shift; Enter closes.
  await page.getByLabel('Polygon removes area (or hold Shift)').check();
  for (const p of [{ x: 1060, y: 1150 }, { x: 1360, y: 1150 }, { x: 1360, y: 1195 }]) await clickPhoto(page, p.x, p.y);
  await page.keyboard.press('Enter');
  await settled(page);
  expect((await design(page)).area.edits.slice(edits0).map((e: { kind: string; mode: string }) => `${e.kind} ${e.mode}`)).toEqual(['polygon erase', 'polygon erase']);

  // A double-click places the last vertex and closes.
  for (const p of [{ x: 1060, y: 850 }, { x: 1360, y: 850 }]) await clickPhoto(page, p.x, p.y);
  const last = await toPage(page, 1360, 890);
  await page.mouse.dblclick(last.x, last.y);
  await settled(page);
  const closed = (await design(page)).area.edits;
  expect(closed).toHaveLength(edits0 + 3);
  expect(closed[edits0 + 2].points).toHaveLength(3);
});

test('a drag across a known length sets the scale from the ruler', async () => {
  const page = await openApp();
  const view = { scale: 0.75, x: -650, y: -450 };
  await setView(page, view);
  // A 40 mm ruler 400 px long in the photo: 10 px/mm (the demo opens at 8).
  const a = { x: 1000, y: 1000 }, b = { x: 1400, y: 1000 }, mm = 40, want = 10;
  await page.getByRole('button', { name: 'Calibrate with a ruler' }).click();
  await page.getByLabel('Known length (mm)').fill(String(mm));

  // A click is no line: refused, nothing changes, the tool stays.
  const scale0 = (await design(page)).scale;
  await clickPhoto(page, a.x, a.y);
  await expect(page.getByTestId('notice').getAttribute('data-kind')).resolves.toBe('error');
  expect((await design(page)).scale).toEqual(scale0);
  expect(await activeTool(page)).toBe('calibrate-ruler');
  await setView(page, view);

  await movePhoto(page, a.x, a.y);
  await page.mouse.down();
  await movePhoto(page, b.x, b.y, 8);
  await expect(page.getByTestId('measure-label').textContent()).resolves.toMatch(/^50\.0 mm/); // at the old 8 px/mm
  await page.mouse.up();

  const scale = (await design(page)).scale;
  expect(scale).toMatchObject({ calibrated: true, source: 'ruler' });
  expect(Math.abs(scale.pxPerMm / want - 1)).toBeLessThan(0.02);
  expect(Math.abs((await badgePxPerMm(page)) / want - 1)).toBeLessThan(0.02);
  await expect(page.getByTestId('scale-badge').textContent()).resolves.toMatch(/^Calibrated: .* \(ruler\)$/);
  await expect(page.getByTestId('notice').textContent()).resolves.toContain(`Scale set: ${scale.pxPerMm.toFixed(2)} px/mm from a 40 mm ruler`);
  expect(await activeTool(page)).toBe('pan');
  await expect(page.getByRole('button', { name: 'Pan' }).getAttribute('aria-pressed')).resolves.toBe('true');
  await settled(page);
});

test('clicking the two pupils sets the scale from the pupil distance', async () => {
  const page = await openApp();
  await setView(page, { scale: 0.75, x: -650, y: -600 });
  // Pupils 441 px apart at a 63 mm pupil distance: 7 px/mm.
  const a = { x: 1000, y: 1200 }, b = { x: 1441, y: 1200 }, want = 441 / 63;
  await page.getByLabel('Pupil distance (mm)').fill('63');
  await page.getByRole('button', { name: 'Mark the pupils' }).click();
  await clickPhoto(page, a.x, a.y);
  await movePhoto(page, (a.x + b.x) / 2, a.y - 20, 4);
  await expect(page.getByTestId('measure-line').count()).resolves.toBe(1); // follows the pointer to the second pupil
  expect((await design(page)).scale.source).toBe('demo');
  await clickPhoto(page, b.x, b.y);

  const scale = (await design(page)).scale;
  expect(scale).toMatchObject({ calibrated: true, source: 'pupils' });
  expect(Math.abs(scale.pxPerMm / want - 1)).toBeLessThan(0.02);
  expect(Math.abs((await badgePxPerMm(page)) / want - 1)).toBeLessThan(0.02);
  await expect(page.getByTestId('notice').textContent()).resolves.toContain('from a 63 mm pupil distance');
  expect(await activeTool(page)).toBe('pan');
  await settled(page);
});

test('the eyedropper sets the pigment to the photo colour under the click, not the dots over it', async () => {
  const page = await openApp();
  // At 16× a photo pixel is 16 screen px, and a 5 px disc is under one pixel: the pick is that pixel's colour.
  const zoom = { scale: 16, x: -1180 * 16, y: -980 * 16 };
  await setView(page, zoom);
  const photo = await photoOnly(page);
  const shown = await viewPixels(page);
  // A pixel centre covered by a dot.
  let at: { x: number; y: number } | undefined;
  const lum = (c: number[]): number => (0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!) / 255;
  for (let y = 8; y < shown.height && !at; y += 16) for (let x = 8; x < shown.width && !at; x += 16) {
    if (lum(pixelAt(shown, x, y)) < lum(pixelAt(photo, x, y)) - 0.25) at = { x, y };
  }
  expect(at).toBeDefined();
  const box = (await page.getByTestId('view').boundingBox())!;
  const want = rgbToHex(pixelAt(photo, at!.x, at!.y));

  await page.getByRole('button', { name: 'Pick from photo' }).click();
  await page.mouse.move(box.x + at!.x, box.y + at!.y);
  expectColour((await page.getByTestId('eyedropper-ring').getAttribute('data-colour'))!, want);
  await page.mouse.down();
  await page.mouse.up();
  const picked = (await design(page)).dots.pigment;
  expectColour(picked, want);
  expect(Math.abs(lum(pixelAt(shown, at!.x, at!.y)) - lum(hexRgb(picked)))).toBeGreaterThan(0.2); // not the dot's colour
  await expect(page.getByTestId('notice').textContent()).resolves.toContain(`Pigment set to ${picked}`);
  expect(await activeTool(page)).toBe('pan');
  await expect(page.locator('#c-pigment').inputValue()).resolves.toBe(picked);

  // At 1:1 the pick is the mean of the photo's pixels within 5 px of the click.
  await setView(page, { scale: 1, x: -900, y: -700 });
  const photo1 = await photoOnly(page);
  const c = await toPage(page, 1200, 1000); // a whole screen pixel: (300, 300) in the view
  await page.getByRole('button', { name: 'Pick from photo' }).click();
  await page.mouse.move(c.x, c.y);
  await page.mouse.down();
  await page.mouse.up();
  const mean = averageDiscColour(photo1.data, photo1.width, photo1.height, c.x - box.x, c.y - box.y, 5)!;
  expectColour((await design(page)).dots.pigment, rgbToHex(mean));
  await settled(page);
});

const hexRgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function expectColour(got: string, want: string): void {
  expect(got).toMatch(/^#[0-9a-f]{6}$/);
  const [g, w] = [hexRgb(got), hexRgb(want)];
  for (let i = 0; i < 3; i++) expect(Math.abs(g[i]! - w[i]!), `${got} vs ${want}`).toBeLessThanOrEqual(3);
}
