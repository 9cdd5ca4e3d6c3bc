// Zones and scars drawn with the real tools (pointer events on the view, the panel's buttons), checked in the design
// and on screen: a scar drawn in front of the hairline, where no dots were, gains dots of its own.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { clickPhoto, darkerFraction, elementPixels, frames, movePhoto, openPage, screenRect, settled, type Pixels } from './harness.ts';

// The demo photo (2400 × 1800 px, 8 px/mm): its hairline's centre is at (1200, 1363); in front of it (larger y)
// is bare forehead outside the treatment area.

interface View {
  scale: number;
  x: number;
  y: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const design = (page: Page): Promise<Any> => page.evaluate(() => (globalThis as Any).smp.store.get().design);
const generation = async (page: Page): Promise<number> => Number(await page.locator('.status').getAttribute('data-generation'));

/** Waits for the picture to match the design after a change (a change starts its job in the next frame). */
async function settle(page: Page): Promise<void> {
  await frames(page);
  await page.locator('.status[data-ready="true"][data-generation]').waitFor();
  await frames(page);
}

async function setView(page: Page, v: View): Promise<void> {
  await frames(page);
  await page.evaluate((v) => (globalThis as Any).smp.store.update((s: Any) => ({ ...s, view: v })), v);
  await settle(page);
}


/** The view's pixels with the Pan tool (no zone outlines drawn) and the pointer off the view. */
async function viewPixels(page: Page): Promise<Pixels> {
  await page.getByRole('button', { name: 'Pan', exact: true }).click();
  await page.mouse.move(1010, 5);
  await frames(page);
  return elementPixels(page.getByTestId('view'));
}

/** The photo alone ("Show before"), then the dots again. */
async function photoOnly(page: Page): Promise<Pixels> {
  await page.getByLabel('Show before').check();
  await settle(page);
  const p = await viewPixels(page);
  await page.getByLabel('Show before').uncheck();
  await settle(page);
  return p;
}

async function openApp(): Promise<Page> {
  const page = await openPage('/');
  await settled(page);
  // Photo x 1027–1373, y 1297–1663 at 2 screen px a photo px: the hairline's centre and the forehead below it.
  await setView(page, { scale: 2, x: 347 - 1200 * 2, y: 367 - 1480 * 2 });
  return page;
}

test('a FUT strip scar drawn in front of the hairline gets dots there, and is one undo step', async () => {
  const page = await openApp();
  const scar = await screenRect(page, 1100, 1512, 1300, 1528); // inside the 4 mm (32 px) strip along y = 1520
  const control = await screenRect(page, 1100, 1600, 1300, 1640); // 10 mm below it, past its 3 mm feather
  const before = await viewPixels(page);
  const photo = await photoOnly(page);
  expect(darkerFraction(photo, before, scar)).toBe(0); // no dots there: outside the treatment area
  expect(darkerFraction(photo, before)).toBeGreaterThan(0.0002); // the view does show dots: behind the hairline

  await page.getByRole('button', { name: 'FUT strip scar' }).click();
  await page.getByLabel('width').fill('4');
  const g0 = await generation(page);
  await clickPhoto(page, 1060, 1520);
  await clickPhoto(page, 1200, 1520);
  await clickPhoto(page, 1340, 1520);
  expect((await design(page)).zones).toEqual([]); // nothing until it is finished
  await expect(page.getByTestId('zone-preview').count()).resolves.toBe(1);
  await page.keyboard.press('Enter');
  await settled(page, g0);

  const zones = (await design(page)).zones;
  expect(zones).toHaveLength(1);
  expect(zones[0]).toMatchObject({ name: 'FUT scar 1', role: 'scar', density: 1, shape: { kind: 'strip', widthMm: 4 } });
  const pts = zones[0].shape.points as { x: number; y: number }[];
  expect(pts).toHaveLength(3);
  pts.forEach((q, i) => {
    expect(q.x).toBeCloseTo([1060, 1200, 1340][i]!, -1);
    expect(q.y).toBeCloseTo(1520, -1);
  });
  // The panel lists it, its density shown in dots/cm² (the body's 100 × 1).
  const card = page.locator('.zone-card');
  await expect(card.count()).resolves.toBe(1);
  await expect(card.getByLabel('Zone name').inputValue()).resolves.toBe('FUT scar 1');
  await expect(card.getByRole('spinbutton', { name: 'Density (dots/cm²)' }).inputValue()).resolves.toBe('100');

  const after = await viewPixels(page);
  const gained = darkerFraction(before, after, scar);
  expect(gained).toBeGreaterThan(0.003); // dots on the scar, where there were none
  expect(darkerFraction(before, after, control)).toBeLessThan(gained * 0.05);

  // One undo step takes the whole scar, and its dots, away.
  const g1 = await generation(page);
  await page.keyboard.press('Control+z');
  await settled(page, g1);
  expect((await design(page)).zones).toEqual([]);
  expect(darkerFraction(before, await viewPixels(page), scar)).toBeLessThan(gained * 0.05);
});

test('dot scars, a patch and a zone outline with their tools; the panel edits a zone', async () => {
  const page = await openApp();
  const before = await viewPixels(page);

  // FUE: a drag stamps a trail of ~1 mm dot scars into one zone, as one undo step.
  await page.getByRole('button', { name: 'FUE dot scars' }).click();
  await movePhoto(page, 1080, 1450);
  await page.mouse.down();
  await movePhoto(page, 1300, 1450, 10);
  await page.mouse.up();
  await settle(page);
  let zones = (await design(page)).zones;
  expect(zones).toHaveLength(1);
  expect(zones[0]).toMatchObject({ name: 'FUE scars 1', role: 'scar', shape: { kind: 'dots', sizeMm: 1 } });
  // Stamps ≥ 2.5 mm (20 px) apart along 220 px: the press and a stamp every 20–40 px.
  expect(zones[0].shape.points.length).toBeGreaterThanOrEqual(6);
  await clickPhoto(page, 1200, 1480); // a click adds one more to the same zone
  zones = (await design(page)).zones;
  expect(zones).toHaveLength(1);
  const stamps = zones[0].shape.points.length;
  await page.keyboard.press('Control+z');
  expect((await design(page)).zones[0].shape.points).toHaveLength(stamps - 1);
  // The drag was one step: one more undo takes the whole trail away, and redo brings it back.
  await page.keyboard.press('Control+z');
  expect((await design(page)).zones).toEqual([]);
  await page.keyboard.press('Control+y');
  expect((await design(page)).zones[0].shape.points).toHaveLength(stamps - 1);

  // An alopecia patch: drag its box.
  await page.getByRole('button', { name: 'Alopecia patch' }).click();
  await movePhoto(page, 1060, 1580);
  await page.mouse.down();
  await movePhoto(page, 1160, 1660, 6);
  await page.mouse.up();
  zones = (await design(page)).zones;
  expect(zones).toHaveLength(2);
  expect(zones[1]).toMatchObject({ role: 'patch', name: 'Alopecia patch 1', shape: { kind: 'ellipse', angle: 0 } });
  expect(zones[1].shape.cx).toBeCloseTo(1110, -1);
  expect(zones[1].shape.cy).toBeCloseTo(1620, -1);
  expect(zones[1].shape.rxMm).toBeCloseTo(6.25, 0);
  expect(zones[1].shape.ryMm).toBeCloseTo(5, 0);

  // A crown outline: the role from the panel, closed on its first vertex.
  await page.getByLabel('Outline role').selectOption('crown');
  await page.getByRole('button', { name: 'Draw zone' }).click();
  for (const [x, y] of [[1220, 1540], [1340, 1540], [1340, 1640], [1220, 1640], [1220, 1540]] as const) await clickPhoto(page, x, y);
  zones = (await design(page)).zones;
  expect(zones).toHaveLength(3);
  expect(zones[2]).toMatchObject({ role: 'crown', name: 'Crown', whorl: true, shape: { kind: 'polygon' } });
  expect(zones[2].shape.points).toHaveLength(4);

  // The panel: the crown's density, typed in dots/cm², becomes its multiplier of the body's density.
  const crown = page.locator('.zone-card[data-role="crown"]');
  await crown.getByRole('spinbutton', { name: 'Density (dots/cm²)' }).fill('45');
  await crown.getByRole('spinbutton', { name: 'Density (dots/cm²)' }).press('Enter');
  expect((await design(page)).zones[2].density).toBeCloseTo(0.45, 6);
  await crown.getByLabel('Zone name').fill('Vertex');
  await crown.getByLabel('Zone name').press('Enter');
  expect((await design(page)).zones[2].name).toBe('Vertex');

  // The dot scars and the patch are in front of the hairline, outside the area: they bring dots; the crown does not.
  await settle(page);
  const after = await viewPixels(page);
  const patch = await screenRect(page, 1090, 1605, 1130, 1635);
  const fue = await screenRect(page, 1080, 1440, 1300, 1460);
  const crownInside = await screenRect(page, 1240, 1560, 1320, 1620);
  expect(darkerFraction(before, after, patch)).toBeGreaterThan(0.003);
  expect(darkerFraction(before, after, fue)).toBeGreaterThan(0.001);
  expect(darkerFraction(before, after, crownInside)).toBe(0);

  await crown.getByRole('button', { name: 'Delete zone' }).click();
  expect((await design(page)).zones.map((z: { role: string }) => z.role)).toEqual(['scar', 'patch']);
});
