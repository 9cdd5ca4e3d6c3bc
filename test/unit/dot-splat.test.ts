import { describe, expect, it } from 'vitest';
import { dotExtent, splatDots, splatPossible, toTexels, zoneMaxima, type DotExtent, type SplatInputs } from '../../src/render/dot-splat.ts';

/** As DotLayer finds them: the extent from the look and the zone field's maxima; the splat's eligibility from it. */
const extentOf = (s: SplatInputs): DotExtent => dotExtent(s.u, s.ageLut, zoneMaxima(s.zone));
const possible = (s: SplatInputs, devicePxPerUnit: number): boolean => splatPossible(s, extentOf(s), devicePxPerUnit);

/** Size 1 (85/255 × 3 × … = 1 after both rows), ink 1, no redness, no blur at every age: the healed default. */
const FLAT = new Uint8Array(256 * 2 * 4).map((_, i) => [85, 170, 0, 0][i % 4]!);

function inputs(dots: { x: number; y: number; d: number; rank: number; tone?: number }[], patch: Partial<SplatInputs> = {}): SplatInputs {
  const f32 = new Float32Array(dots.length * 4);
  const u16 = new Uint16Array(f32.buffer);
  dots.forEach((p, i) => {
    f32.set([p.x, p.y, p.d], 4 * i);
    u16[8 * i + 6] = Math.round(p.rank * 65536);
    u16[8 * i + 7] = Math.round(((p.tone ?? 0) * 0.5 + 0.5) * 65535);
  });
  return {
    f32, u16, count: dots.length, maxDiameter: Math.max(...dots.map((p) => p.d)),
    u: { uShare: 1, uSizeScale: 1, uSoftness: 0.2, uOpacity: 0.8, uToneVar: 0, uPigment: [0.2, 0.1, 0.1], uDriftColour: [0.3, 0.4, 0.5], uDrift: 0, uSessionCum: [1, 1, 1, 1], uSessionAge: [90, -1, -1, -1], uHealDays: 30, uFadeRate: 1, uBlowout: 0, uPhotoSize: [100, 100] },
    zone: { width: 1, height: 1, data: new Uint8Array([128, 85, 128, 0]) },
    mask: null,
    ageLut: FLAT,
    ...patch,
  };
}
const view = { x: 0, y: 0, scale: 0.5, resolution: 1, width: 50, height: 50 };

describe('the CPU splat of sub-pixel dots', () => {
  it('is possible only for dots under half a device pixel, with no redness and no blowout', () => {
    const s = inputs([{ x: 10, y: 10, d: 1.5, rank: 0.1 }]);
    expect(possible(s, 0.5)).toBe(true); // radius 0.375 px
    expect(possible(s, 0.7)).toBe(false); // 0.525 px
    expect(possible({ ...s, u: { ...s.u, uBlowout: 0.01 } }, 0.5)).toBe(false);
    const red = FLAT.slice();
    for (let i = 0; i < 256; i++) red[4 * i + 2] = 200;
    expect(possible({ ...s, ageLut: red }, 0.5)).toBe(false);
    // A zone drawing dots twice as large anywhere (size channel 255: ×2) makes it 0.75 px: not possible.
    expect(possible({ ...s, zone: { width: 2, height: 1, data: new Uint8Array([128, 85, 128, 0, 128, 255, 128, 0]) } }, 0.5)).toBe(false);
  });

  it('bounds how far any dot grows: LUT rows over the sessions done, zone size, blowout, softness and redness', () => {
    const s = inputs([{ x: 10, y: 10, d: 1.5, rank: 0.1 }]);
    expect(extentOf(s)).toEqual({ size: 1, softness: 0.2, redness: 0 });
    const blown = extentOf({ ...s, u: { ...s.u, uBlowout: 0.05 } });
    expect(blown.size).toBeCloseTo(2.6, 9);
    expect(blown.softness).toBeCloseTo(1.1, 9);
    // A zone drawing dots twice as large (size channel 255) somewhere doubles the bound.
    expect(extentOf({ ...s, zone: { width: 2, height: 1, data: new Uint8Array([128, 85, 128, 0, 128, 255, 128, 0]) } }).size).toBeCloseTo(2, 9);
    // Dots that grow only after 12 years of fading (row 1, from texel 128): not at 90 days, yes at 13 years.
    const late = FLAT.slice();
    for (let i = 128; i < 256; i++) late[(256 + i) * 4] = 170;
    expect(extentOf({ ...s, ageLut: late }).size).toBeCloseTo(1, 9);
    expect(extentOf({ ...s, ageLut: late, u: { ...s.u, uSessionAge: [13 * 365.25 + 30, -1, -1, -1] } }).size).toBeCloseTo(2, 9);
    // Sessions not done yet do not count; none done: nothing grows at all.
    expect(extentOf({ ...s, u: { ...s.u, uSessionAge: [-1, -1, -1, -1] } }).size).toBe(0);
    // Redness and blur of the healing row at the session's age.
    const fresh = FLAT.slice();
    for (let i = 0; i < 256; i++) fresh.set([200, 255], 4 * i + 2);
    expect(extentOf({ ...s, ageLut: fresh })).toMatchObject({ redness: 200 / 255, softness: 0.2 + 1 });
  });

  it('multiplies the pixel a dot falls in by mix(1, pigment, ink·πr²); hidden ranks, hair and the split leave it at 1', () => {
    const s = inputs([{ x: 10.4, y: 20.2, d: 1, rank: 0.1 }, { x: 30, y: 30, d: 1, rank: 0.9 }, { x: 60, y: 60, d: 1, rank: 0.2 }], { u: { ...inputs([]).u, uShare: 0.5 } });
    const out = new Float32Array(50 * 50 * 3).fill(1);
    const { drawn, box } = splatDots(s, view, out);
    expect(drawn).toBe(2); // rank 0.9 is over the share
    const amount = 0.8 * Math.PI * 0.25 * 0.25;
    const at = (x: number, y: number) => Array.from(out.slice((y * 50 + x) * 3, (y * 50 + x) * 3 + 3));
    expect(at(5, 10)[0]).toBeCloseTo(1 + (0.2 - 1) * amount, 5);
    expect(at(5, 10)[1]).toBeCloseTo(1 + (0.1 - 1) * amount, 5);
    expect(at(15, 15)).toEqual([1, 1, 1]);
    // (60, 60) lands on the pixel corner (30, 30): the point covers the pixel whose centre is in [c − 0.5, c + 0.5).
    expect(box).toEqual({ x0: 5, y0: 10, x1: 30, y1: 31 });
    expect(at(29, 30)[0]).toBeLessThan(1);
    const mask = { width: 2, height: 2, data: new Uint8Array([1, 0, 0, 0]) };
    const untouched = (o: Float32Array, x: number, y: number) => Array.from(o.slice((y * 50 + x) * 3, (y * 50 + x) * 3 + 3));
    const onHair = new Float32Array(50 * 50 * 3).fill(1);
    expect(splatDots({ ...s, mask }, view, onHair).drawn).toBe(1); // (10, 20) is on hair
    expect(untouched(onHair, 5, 10)).toEqual([1, 1, 1]);
    expect(untouched(onHair, 29, 30)[0]).toBeLessThan(1);
    const split = new Float32Array(50 * 50 * 3).fill(1);
    expect(splatDots(s, { ...view, clipLeft: 20 }, split).drawn).toBe(1);
    expect(untouched(split, 5, 10)).toEqual([1, 1, 1]);
    expect(untouched(split, 29, 30)[0]).toBeLessThan(1);
    const texels = new Uint8Array(50 * 50 * 4);
    toTexels(out, 50, box, texels);
    expect(Array.from(texels.slice((10 * 50 + 5) * 4, (10 * 50 + 5) * 4 + 4))).toEqual([Math.round(255 * (1 - 0.8 * amount)), Math.round(255 * (1 - 0.9 * amount)), Math.round(255 * (1 - 0.9 * amount)), 255]);
    // Read back, the image is all ones again: ready for the next frame without a fill.
    expect(out.every((v) => v === 1)).toBe(true);
  });
});
