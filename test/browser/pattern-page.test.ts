import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { darkFraction, elementPixels, foreignRequests, meanLuminance, openPage } from './harness.ts';

// The preview draws 800 × 600 px at 10 px/mm: 80 × 60 mm = 48 cm².
const AREA_CM2 = (800 * 600) / (10 * 10) / 100;

/** Waits until the drawn pattern is the one for `density`, and returns its dot count. */
async function dotCountAt(page: Page, density: number): Promise<number> {
  const readout = page.locator(`[data-testid="dot-count"][data-density="${density}"]`);
  await readout.waitFor();
  return Number((await readout.textContent())!.replace(/[^0-9]/g, ''));
}

test('the preview draws the requested density and follows the slider', async () => {
  const page = await openPage('/');
  expect(await page.title()).toBe('SMP Simulator');
  const canvas = page.getByLabel('Pattern preview', { exact: true });
  const slider = page.getByLabel('Density (dots per cm²)');
  await expect(slider.inputValue()).resolves.toBe('100');

  const n100 = await dotCountAt(page, 100);
  expect(Math.abs(n100 - 100 * AREA_CM2) / (100 * AREA_CM2)).toBeLessThan(0.05);
  const before = await elementPixels(canvas);
  expect(before.width).toBe(800);
  expect(before.height).toBe(600);
  const dark100 = darkFraction(before);
  expect(dark100).toBeGreaterThan(0.01);
  expect(meanLuminance(before)).toBeGreaterThan(0.5); // mostly skin

  await slider.fill('200');
  const n200 = await dotCountAt(page, 200);
  expect(Math.abs(n200 - 200 * AREA_CM2) / (200 * AREA_CM2)).toBeLessThan(0.05);
  expect(n200 / n100).toBeGreaterThan(1.9);
  expect(n200 / n100).toBeLessThan(2.1);
  const after = await elementPixels(canvas);
  const dark200 = darkFraction(after);
  expect(dark200).toBeGreaterThan(dark100 * 1.5);
  expect(meanLuminance(after)).toBeLessThan(meanLuminance(before));

  expect(foreignRequests(page)).toEqual([]);
});

test('a burst of slider moves ends on the last one; the seed redraws', async () => {
  const page = await openPage('/');
  await dotCountAt(page, 100);
  // Many input events in one task, as a fast drag makes: older jobs are superseded and never drawn over newer ones.
  await page.getByLabel('Density (dots per cm²)').evaluate((el: HTMLInputElement) => {
    for (let d = 250; d >= 10; d -= 7) {
      el.value = String(d);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    el.value = '57';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const n57 = await dotCountAt(page, 57);
  await page.waitForTimeout(500); // nothing stale lands afterwards
  await expect(page.getByTestId('dot-count').getAttribute('data-density')).resolves.toBe('57');
  expect(Math.abs(n57 - 57 * AREA_CM2) / (57 * AREA_CM2)).toBeLessThan(0.05);

  const before = await elementPixels(page.getByLabel('Pattern preview', { exact: true }));
  await page.getByLabel('Seed', { exact: true }).fill('another client');
  await page.locator('[data-testid="dot-count"][data-seed="another client"]').waitFor();
  const after = await elementPixels(page.getByLabel('Pattern preview', { exact: true }));
  expect(Buffer.from(after.data).equals(Buffer.from(before.data))).toBe(false);
  expect(foreignRequests(page)).toEqual([]);
});
