import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Design, Zone } from '../../src/design/types.ts';
import { elementPixels, openPage, settled, type Pixels, type Rect } from './harness.ts';

/**
 * Sessions, healing, fading and risks, measured in the pixels Chromium draws over the demo photo: every figure is
 * the photo alone ("Show before") against the photo with dots, over the same screen rectangle.
 */
type Patch = { preview?: Partial<Design['preview']>; treatment?: Partial<Design['treatment']>; zones?: Zone[] };

async function show(page: Page, patch: Patch, before = false): Promise<Pixels> {
  await page.evaluate(
    ([p, b]) => {
      const smp = (globalThis as never as { smp: { store: { update(f: (s: { design: Design }) => object): void } } }).smp;
      smp.store.update((s) => {
        const d = s.design;
        const preview = { ...d.preview, ...p.preview, risks: { ...d.preview.risks, ...p.preview?.risks } };
        return { ...s, showBefore: b, design: { ...d, preview, treatment: { ...d.treatment, ...p.treatment }, zones: p.zones ?? d.zones } };
      });
    },
    [patch, before] as const,
  );
  await settled(page);
  return elementPixels(page.getByTestId('view'));
}

/** Per-channel darkening of `after` against `before`, summed over a rectangle: Σ (1 − after/before). */
function darkening(before: Pixels, after: Pixels, r: Rect): { r: number; g: number; b: number; luma: number } {
  const out = { r: 0, g: 0, b: 0, luma: 0 };
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const i = (y * before.width + x) * 4;
      const c = [0, 1, 2].map((k) => 1 - (after.data[i + k]! + 0.5) / (before.data[i + k]! + 0.5));
      out.r += c[0]!;
      out.g += c[1]!;
      out.b += c[2]!;
      out.luma += 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    }
  }
  return out;
}

/** The demo at 1:1 with the photo point (1200, 1000), well behind the hairline, at the view's centre. */
async function openDemo(): Promise<{ page: Page; rect: Rect; before: Pixels }> {
  const page = await openPage('/');
  await settled(page);
  await page.evaluate(() => {
    const smp = (globalThis as never as { smp: { store: { update(f: (s: object) => object): void } } }).smp;
    smp.store.update((s) => ({ ...s, view: { scale: 1, x: 512 - 1200 - 150, y: 340 - 1000 } }));
  });
  const before = await show(page, {}, true);
  // 540 × 300 px of scalp, ~67 × 37 mm: a couple of thousand dots at 100/cm².
  return { page, rect: { x: 40, y: 160, width: 540, height: 300 }, before };
}

describe('realism, in pixels', () => {
  it('session 1 shows 30% of session 3 (±3%), session 2 70%', async () => {
    const { page, rect, before } = await openDemo();
    // The same shade for every session, so ink counts dots.
    const ink = async (session: number) => darkening(before, await show(page, { preview: { session, days: 60 }, treatment: { shadeStep: 0 } }), rect).luma;
    const s3 = await ink(3);
    const s1 = await ink(1);
    const s2 = await ink(2);
    expect(s3).toBeGreaterThan(100);
    expect(Math.abs(s1 / s3 - 0.3)).toBeLessThan(0.03);
    expect(Math.abs(s2 / s3 - 0.7)).toBeLessThan(0.03);
    // With the shade step, session 1 is also lighter per dot.
    const s1Shaded = darkening(before, await show(page, { preview: { session: 1, days: 60 }, treatment: { shadeStep: 0.15 } }), rect).luma;
    expect(s1Shaded).toBeLessThan(s1 * 0.85);
  });

  it('fresh dots redden the skin around them; healed ones do not', async () => {
    const { page, rect, before } = await openDemo();
    const redness = (d: { r: number; g: number; b: number }) => d.g - d.r; // green taken away more than red: redder
    const fresh = darkening(before, await show(page, { preview: { session: 3, days: 1 } }), rect);
    const healed = darkening(before, await show(page, { preview: { session: 3, days: 60 } }), rect);
    expect(redness(fresh)).toBeGreaterThan(redness(healed) + 0.25 * healed.luma);
    // And scabbed dots are larger and darker: more ink overall.
    expect(fresh.luma).toBeGreaterThan(healed.luma * 1.3);
  });

  it('year 5 is lighter than healed, and a scar lighter still', async () => {
    const { page, rect, before } = await openDemo();
    // A scar (an alopecia-like patch fades the same way) covering the right half of the rectangle, in photo px.
    const scar: Zone = { id: 'scar-test', name: 'Scar', role: 'scar', shape: { kind: 'polygon', points: [{ x: 1350 - 150 + 40, y: 820 }, { x: 1500, y: 820 }, { x: 1500, y: 1130 }, { x: 1240, y: 1130 }] }, featherMm: 0, density: 1, size: 1, shade: 0, whorl: false };
    const left: Rect = { ...rect, width: 250 };
    const right: Rect = { x: rect.x + 290, y: rect.y, width: 250, height: rect.height };
    const healed = await show(page, { preview: { session: 3, days: 60 }, zones: [scar] });
    const year5 = await show(page, { preview: { session: 3, days: 1826 }, zones: [scar] });
    const h = { left: darkening(before, healed, left).luma, right: darkening(before, healed, right).luma };
    const y5 = { left: darkening(before, year5, left).luma, right: darkening(before, year5, right).luma };
    expect(y5.left).toBeLessThan(h.left * 0.85);
    // Faded share of the healed ink: the scar keeps less of it.
    expect(y5.right / h.right).toBeLessThan((y5.left / h.left) * 0.9);
  });

  it('wrong ink drifts the dots toward blue over the years', async () => {
    const { page, rect, before } = await openDemo();
    const blueness = (d: { r: number; b: number; luma: number }) => (d.r - d.b) / d.luma; // red taken more than blue
    const normal = darkening(before, await show(page, { preview: { session: 3, days: 1826, risks: { blueDrift: false, blowouts: false, helmet: false } } }), rect);
    const drifted = darkening(before, await show(page, { preview: { session: 3, days: 1826, risks: { blueDrift: true, blowouts: false, helmet: false } } }), rect);
    expect(blueness(drifted)).toBeGreaterThan(blueness(normal) + 0.2);
  });

  it('blowouts spread some dots into blurred blobs; the helmet look is denser', async () => {
    const { page, rect, before } = await openDemo();
    const count = (p: Pixels) => {
      let n = 0;
      for (let y = rect.y; y < rect.y + rect.height; y++) for (let x = rect.x; x < rect.x + rect.width; x++) {
        const i = (y * p.width + x) * 4;
        if (before.data[i + 1]! - p.data[i + 1]! > 6) n++;
      }
      return n;
    };
    const none = { blueDrift: false, blowouts: false, helmet: false };
    const normal = await show(page, { preview: { session: 3, days: 60, risks: none } });
    const blown = await show(page, { preview: { session: 3, days: 60, risks: { ...none, blowouts: true } } });
    const helmet = await show(page, { preview: { session: 3, days: 60, risks: { ...none, helmet: true } } });
    // Blown dots cover more pixels (larger and blurred).
    expect(count(blown)).toBeGreaterThan(count(normal) * 1.3);
    expect(darkening(before, helmet, rect).luma).toBeGreaterThan(darkening(before, normal, rect).luma * 1.5);
  });
});
