// The hair mask on generated photos whose hair pixels are known: dark and grey strands on noisy, unevenly lit skin.
import { describe, expect, test } from 'vitest';
import { applyMaskEdits, computeHairMask, dilate, strokesAdded } from '../../src/photo/hair-mask.ts';
import type { MaskEdit } from '../../src/design/types.ts';
import { makeHairPhoto, type HairPhoto } from '../helpers/hair-photo.ts';

/** Share of the known hair pixels the mask marks, and share of the skin pixels it marks. */
function score(photo: HairPhoto, mask: Uint8Array): { recall: number; falsePositive: number } {
  let hair = 0, found = 0, skin = 0, wrong = 0;
  for (let p = 0; p < mask.length; p++) {
    if (photo.hair[p]) {
      hair++;
      found += mask[p]!;
    } else {
      skin++;
      wrong += mask[p]!;
    }
  }
  return { recall: found / hair, falsePositive: wrong / skin };
}

const DARK = { width: 400, height: 300, skin: [214, 168, 140] as [number, number, number], hair: [58, 44, 36] as [number, number, number], strandsPer10k: 12 };

describe('computeHairMask', () => {
  test('finds dark strands on noisy, shaded skin and leaves the skin', () => {
    const photo = makeHairPhoto({ ...DARK, seed: 'dark' });
    const hairShare = photo.hair.reduce((a, b) => a + b, 0) / photo.hair.length;
    expect(hairShare).toBeGreaterThan(0.05); // a real test: a good share of the picture is hair
    const { recall, falsePositive } = score(photo, computeHairMask(photo.rgba, photo.width, photo.height, { threshold: 0.25, dilatePx: 0 }));
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(falsePositive).toBeLessThan(0.01);
  });

  test('dense hair: the skin estimate stays on the skin where strands cover much of the picture', () => {
    const photo = makeHairPhoto({ ...DARK, seed: 'dense', strandsPer10k: 40 });
    const hairShare = photo.hair.reduce((a, b) => a + b, 0) / photo.hair.length;
    expect(hairShare).toBeGreaterThan(0.2);
    const { recall, falsePositive } = score(photo, computeHairMask(photo.rgba, photo.width, photo.height, { threshold: 0.25, dilatePx: 0 }));
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(falsePositive).toBeLessThan(0.01);
  });

  test('light (grey) hair on darker skin is found by its colour', () => {
    const photo = makeHairPhoto({ ...DARK, seed: 'grey', skin: [196, 146, 112], hair: [206, 204, 198] });
    const { recall, falsePositive } = score(photo, computeHairMask(photo.rgba, photo.width, photo.height, { threshold: 0.25, dilatePx: 0 }));
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(falsePositive).toBeLessThan(0.01);
  });

  test('a sampled skin colour gives the same answer, and the threshold decides what counts', () => {
    const photo = makeHairPhoto({ ...DARK, seed: 'sampled' });
    const sampled = computeHairMask(photo.rgba, photo.width, photo.height, { threshold: 0.25, dilatePx: 0, skinColour: DARK.skin });
    const s = score(photo, sampled);
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.falsePositive).toBeLessThan(0.01);
    // Strands are ~70% darker than the skin: past that nothing is hair; near 0 much of the noisy skin is.
    expect(score(photo, computeHairMask(photo.rgba, photo.width, photo.height, { threshold: 0.8, dilatePx: 0 })).recall).toBeLessThan(0.05);
    expect(score(photo, computeHairMask(photo.rgba, photo.width, photo.height, { threshold: 0.01, dilatePx: 0 })).falsePositive).toBeGreaterThan(0.2);
  });

  test('plain skin has no hair', () => {
    const photo = makeHairPhoto({ ...DARK, seed: 'bald', strandsPer10k: 0 });
    const mask = computeHairMask(photo.rgba, photo.width, photo.height, { threshold: 0.25, dilatePx: 3 });
    expect(mask.reduce((a, b) => a + b, 0)).toBe(0);
  });

  test('dilation marks exactly the pixels within the radius of hair (a disc)', () => {
    const photo = makeHairPhoto({ ...DARK, seed: 'dilate' });
    const base = computeHairMask(photo.rgba, photo.width, photo.height, { threshold: 0.25, dilatePx: 0 });
    const grown = computeHairMask(photo.rgba, photo.width, photo.height, { threshold: 0.25, dilatePx: 2.5 });
    // Brute force: the nearest marked pixel of the undilated mask.
    const { width, height } = photo;
    let mismatches = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let near = 0;
        for (let dy = -3; dy <= 3 && !near; dy++) {
          for (let dx = -3; dx <= 3; dx++) {
            const xx = x + dx, yy = y + dy;
            if (xx >= 0 && yy >= 0 && xx < width && yy < height && base[yy * width + xx] && dx * dx + dy * dy <= 6.25) near = 1;
          }
        }
        if (near !== grown[y * width + x]) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    expect(grown.reduce((a, b) => a + b, 0)).toBeGreaterThan(base.reduce((a, b) => a + b, 0) * 2);
  });

  test('refuses a buffer too small for the size', () => {
    expect(() => computeHairMask(new Uint8Array(10), 4, 4, { threshold: 0.25, dilatePx: 0 })).toThrow(RangeError);
  });
});

describe('dilate', () => {
  test('one pixel grows into a disc of radius r', () => {
    const m = new Uint8Array(21 * 21);
    m[10 * 21 + 10] = 1;
    const out = dilate(m, 21, 21, 4);
    let count = 0;
    for (let y = 0; y < 21; y++) {
      for (let x = 0; x < 21; x++) {
        const inside = (x - 10) ** 2 + (y - 10) ** 2 <= 16;
        expect(out[y * 21 + x]).toBe(inside ? 1 : 0);
        count += out[y * 21 + x]!;
      }
    }
    expect(count).toBe(49); // the lattice points within radius 4
  });
});

describe('applyMaskEdits', () => {
  const W = 100, H = 80;
  const at = (m: Uint8Array, x: number, y: number): number => m[Math.floor(y) * W + Math.floor(x)]!;

  test('a hair stroke sets a capsule of the brush diameter, a later scalp stroke clears what it covers', () => {
    // Photo 200 × 160 px at 4 px/mm, mask at half size: a 5 mm brush is 20 photo px, 10 mask px wide.
    const mask = new Uint8Array(W * H);
    applyMaskEdits(mask, W, H, [
      { mode: 'hair', sizeMm: 5, points: [{ x: 40, y: 80 }, { x: 160, y: 80 }] },
      { mode: 'scalp', sizeMm: 2.5, points: [{ x: 100, y: 80 }] },
    ], 0.5, 4);
    // The hair capsule: from (20, 40) to (80, 40) in mask px, radius 5.
    expect(at(mask, 20, 40)).toBe(1);
    expect(at(mask, 15.2, 40)).toBe(1);
    expect(at(mask, 14, 40)).toBe(0);
    expect(at(mask, 40, 44.9)).toBe(1);
    expect(at(mask, 40, 46)).toBe(0);
    expect(at(mask, 86, 40)).toBe(0);
    // The scalp dab: radius 2.5 around (50, 40).
    expect(at(mask, 50, 40)).toBe(0);
    expect(at(mask, 51, 41)).toBe(0);
    expect(at(mask, 53.5, 40)).toBe(1);
    let set = 0;
    for (const v of mask) set += v;
    // Area: a 60 × 10 rectangle and two half discs, less the scalp disc (π r², r = 2.5), within a pixel's rounding.
    expect(set).toBeGreaterThan(600 + Math.PI * 25 - Math.PI * 6.25 - 40);
    expect(set).toBeLessThan(600 + Math.PI * 25 - Math.PI * 6.25 + 40);
  });

  test('edits off the mask or without points change nothing', () => {
    const mask = new Uint8Array(W * H);
    applyMaskEdits(mask, W, H, [{ mode: 'hair', sizeMm: 2, points: [{ x: -500, y: -500 }] }, { mode: 'hair', sizeMm: 2, points: [] }], 0.5, 4);
    expect(mask.every((v) => v === 0)).toBe(true);
  });
});

describe('painting only what a stroke adds', () => {
  const W = 100, H = 80;
  const paint = (edits: readonly MaskEdit[], into = new Uint8Array(W * H)): Uint8Array => {
    applyMaskEdits(into, W, H, edits, 0.5, 4);
    return into;
  };
  const stroke = (mode: MaskEdit['mode'], n: number, y = 80): MaskEdit => ({ mode, sizeMm: 3, points: Array.from({ length: n }, (_, i) => ({ x: 20 + i * 15, y: y + (i % 2) * 6 })) });

  test('a growing stroke, then a new one, painted over the last mask give the mask painted from scratch', () => {
    // As the stroke tool makes them: the strokes before the last are the same objects; the last grows its points.
    const first = stroke('hair', 5), grown = { ...first, points: stroke('hair', 9).points };
    const steps: MaskEdit[][] = [[first], [grown], [grown, stroke('scalp', 3, 90)], [grown, stroke('scalp', 6, 90)]];
    let prev: readonly MaskEdit[] = [];
    const mask = new Uint8Array(W * H);
    for (const next of steps) {
      const more = strokesAdded(prev, next)!;
      expect(more).not.toBeNull();
      const before = mask.slice();
      const box = applyMaskEdits(mask, W, H, more, 0.5, 4);
      const fresh = paint(next);
      expect(mask.every((v, i) => v === fresh[i])).toBe(true);
      // Every pixel that changed lies in the box the painting returned (where the overlay and the texture redraw).
      let changed = 0;
      mask.forEach((v, i) => {
        if (v === before[i]) return;
        changed++;
        expect(i % W >= box.x0 && i % W < box.x1 && Math.floor(i / W) >= box.y0 && Math.floor(i / W) < box.y1).toBe(true);
      });
      expect(changed).toBeGreaterThan(0);
      prev = next;
    }
    // Only the new points of a grown stroke are painted (from the last one painted, so the join is covered).
    expect(strokesAdded(steps[0]!, steps[1]!)![0]!.points).toHaveLength(5);
  });

  test('an undo, a changed stroke in the middle or another brush size paints everything again', () => {
    const a = stroke('hair', 4), b = stroke('scalp', 3, 90);
    expect(strokesAdded([a, b], [a])).toBeNull();
    expect(strokesAdded([a, b], [stroke('hair', 4), b])).toBeNull();
    expect(strokesAdded([a], [{ ...a, sizeMm: 4, points: [...a.points, { x: 90, y: 90 }] }])).toBeNull();
    expect(strokesAdded([a], [{ ...a, points: a.points.slice(0, 2) }])).toBeNull();
    expect(strokesAdded([a, b], [a, b])).toEqual([]);
  });
});

