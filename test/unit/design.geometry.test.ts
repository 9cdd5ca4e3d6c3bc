import { describe, expect, it } from 'vitest';
import { insidePolygon } from '../../src/design/area.ts';
import { buildDensityField, buildShapeField, makeHairlineRamp, signedDepth } from '../../src/design/density-field.ts';
import { effectivePoints, hairlineCurve, presetPoints } from '../../src/design/hairline.ts';
import { sampleSpline, segmentDistance } from '../../src/design/spline.ts';
import type { Design, HairlinePreset } from '../../src/design/types.ts';
import { makeDensitySampler } from '../../src/pattern/index.ts';
import { designFor } from '../../src/app/state.ts';

const PPM = 8;
const base = designFor({ width: 1600, height: 1200 }, { pxPerMm: PPM, calibrated: true, source: 'demo' }, undefined, 's');
const design = (patch: Partial<Design['hairline']> = {}, edits: Design['area']['edits'] = []): Design => ({
  ...base,
  hairline: { points: [{ x: 200, y: 800 }, { x: 500, y: 700 }, { x: 800, y: 680 }], mirror: true, midlineX: 800, bandMm: 8, irregularity: 0, gaps: 0, ...patch },
  area: { edits },
  dots: { ...base.dots, pigment: '#222222', opacity: 0.8 },
});

describe('spline', () => {
  it('passes through every control point and stays near the chords', () => {
    const pts = [{ x: 0, y: 0 }, { x: 100, y: 50 }, { x: 200, y: 0 }, { x: 300, y: 80 }];
    const s = sampleSpline(pts, 16);
    for (const p of pts) expect(Math.min(...s.map((q) => Math.hypot(q.x - p.x, q.y - p.y)))).toBeLessThan(1e-6);
    for (const q of s) expect(q.y).toBeGreaterThan(-25);
  });

  it('measures distance to a segment', () => {
    expect(segmentDistance({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(segmentDistance({ x: -4, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
  });
});

describe('hairline', () => {
  it('mirrors the left points about the midline, the centre point stays single', () => {
    const pts = effectivePoints(design().hairline);
    expect(pts.map((p) => p.x)).toEqual([200, 500, 800, 1100, 1400]);
    expect(pts[0]!.y).toBe(pts[4]!.y);
    const curve = hairlineCurve(design().hairline);
    // Symmetric: the curve's height at x and at 2·mid − x agree.
    const at = (x: number) => curve.reduce((b, q) => (Math.abs(q.x - x) < Math.abs(b.x - x) ? q : b)).y;
    expect(Math.abs(at(350) - at(1250))).toBeLessThan(2);
  });

  it('off, it keeps the points as they are', () => {
    expect(effectivePoints(design({ mirror: false }).hairline)).toHaveLength(3);
  });

  it.each<HairlinePreset>(['straight', 'rounded', 'mature', 'm-shape', 'widows-peak'])('preset %s is symmetric and spans its width', (p) => {
    const pts = presetPoints(p, 800, 700, 100, PPM);
    const xs = pts.map((q) => q.x);
    expect(Math.min(...xs)).toBeCloseTo(0, 6);
    expect(Math.max(...xs)).toBeCloseTo(1600, 6);
    for (let i = 0; i < pts.length; i++) expect(pts[i]!.y).toBeCloseTo(pts[pts.length - 1 - i]!.y, 6);
  });

  it("the widow's peak dips below the centre of a straight line; the M-shape's temples sit higher than its centre", () => {
    const peak = presetPoints('widows-peak', 800, 700, 100, PPM);
    expect(Math.max(...peak.map((q) => q.y))).toBeGreaterThan(700);
    const m = presetPoints('m-shape', 800, 700, 100, PPM);
    expect(Math.min(...m.map((q) => q.y))).toBeLessThan(700 - 20 * PPM);
  });
});

describe('hairline band', () => {
  it('signed depth is positive above the curve (scalp) and negative in front of it', () => {
    const depth = signedDepth([{ x: 0, y: 500 }, { x: 1000, y: 500 }], 100);
    expect(depth({ x: 400, y: 450 })).toBeCloseTo(50);
    expect(depth({ x: 400, y: 560 })).toBeCloseTo(-60);
    expect(depth({ x: 400, y: 100 })).toBe(400);
  });

  it('ramps from 0 in front of the curve to 1 past the band, smoothly', () => {
    const d = design({ points: [{ x: 0, y: 800 }, { x: 800, y: 800 }], bandMm: 8 });
    const ramp = makeHairlineRamp(d);
    expect(ramp({ x: 400, y: 820 })).toBe(0);
    expect(ramp({ x: 400, y: 800 - 4 * PPM })).toBeCloseTo(0.5, 2);
    expect(ramp({ x: 400, y: 800 - 9 * PPM })).toBe(1);
    let last = 0;
    for (let mm = 0; mm <= 10; mm += 0.5) {
      const r = ramp({ x: 400, y: 800 - mm * PPM });
      expect(r).toBeGreaterThanOrEqual(last);
      last = r;
    }
  });

  it('irregularity moves the edge by up to a few mm, differently along the line, reproducibly', () => {
    const d = design({ points: [{ x: 0, y: 800 }, { x: 800, y: 800 }], bandMm: 0, irregularity: 1 });
    const ramp = makeHairlineRamp(d);
    const edgeAt = (x: number): number => {
      for (let y = 800 + 5 * PPM; y > 800 - 6 * PPM; y--) if (ramp({ x, y }) > 0) return (800 - y) / PPM;
      return NaN;
    };
    const edges = Array.from({ length: 40 }, (_, i) => edgeAt(20 + i * 40));
    expect(Math.max(...edges) - Math.min(...edges)).toBeGreaterThan(1);
    for (const e of edges) expect(Math.abs(e)).toBeLessThan(4.5);
    const again = makeHairlineRamp(d);
    const other = makeHairlineRamp({ ...d, dots: { ...d.dots, seed: 'another' } });
    const samples = Array.from({ length: 50 }, (_, i) => ({ x: 30 + i * 30, y: 800 - 1.5 * PPM }));
    expect(samples.map(again)).toEqual(samples.map(ramp));
    expect(samples.map(other)).not.toEqual(samples.map(ramp));
  });
});

describe('treatment area', () => {
  // The hairline lies along the bottom edge with no band or wander, so the shape above it is the area coverage.
  const shapeAt = (edits: Design['area']['edits']) => {
    const f = buildShapeField(design({ points: [{ x: 0, y: 1199 }, { x: 1600, y: 1199 }], mirror: false, bandMm: 0 }, edits));
    // Cells are 1 mm (8 px): (x, y) must be a cell centre, (i + 0.5) × 8.
    return (x: number, y: number) => f.values[Math.floor(y / PPM) * f.cols + Math.floor(x / PPM)]!;
  };

  it('brush erase with a feathered edge, then polygons and adds in order', () => {
    const stroke = { kind: 'brush' as const, mode: 'erase' as const, sizeMm: 10, feather: 0.5, points: [{ x: 100, y: 100 }, { x: 300, y: 100 }] };
    const erased = shapeAt([stroke]);
    expect(erased(204, 100)).toBe(0);
    expect(erased(204, 140)).toBe(1);
    // 28 px from the stroke, inside its 20–40 px feather.
    const mid = erased(204, 124 + 4);
    expect(mid).toBeGreaterThan(0.2);
    expect(mid).toBeLessThan(0.8);
    expect(erased(604, 100)).toBe(1);
    const square = [{ x: 0, y: 0 }, { x: 50, y: 0 }, { x: 50, y: 50 }, { x: 0, y: 50 }];
    expect(insidePolygon({ x: 25, y: 25 }, square)).toBe(true);
    expect(insidePolygon({ x: 75, y: 25 }, square)).toBe(false);
    const removeThenAdd = shapeAt([
      { kind: 'polygon', mode: 'erase', points: square },
      { ...stroke, mode: 'add', sizeMm: 2, feather: 0, points: [{ x: 25, y: 25 }] },
    ]);
    expect(removeThenAdd(12, 44)).toBe(0);
    expect(removeThenAdd(28, 28)).toBe(1);
    expect(removeThenAdd(76, 28)).toBe(1);
  });
});

describe('density field', () => {
  it('is the density behind the band, 0 in front, and follows the erased area', () => {
    const erase = { kind: 'polygon' as const, mode: 'erase' as const, points: [{ x: 100, y: 100 }, { x: 500, y: 100 }, { x: 500, y: 400 }, { x: 100, y: 400 }] };
    const d = design({ points: [{ x: 0, y: 800 }, { x: 1600, y: 800 }], mirror: false }, [erase]);
    const f = buildDensityField(d);
    expect(f.cols).toBe(Math.ceil(1600 / PPM));
    const at = makeDensitySampler(f, 1600, 1200);
    expect(at(1000, 300)).toBeCloseTo(100, 3);
    expect(at(1000, 1000)).toBe(0);
    expect(at(300, 250)).toBe(0);
    expect(at(1000, 800 - 4 * PPM)).toBeGreaterThan(30);
    expect(at(1000, 800 - 4 * PPM)).toBeLessThan(70);
  });

  it('keeps large photos to a bounded raster', () => {
    const d = { ...design(), photo: { width: 8000, height: 6000 }, scale: { pxPerMm: 20, calibrated: true, source: 'ruler' as const } };
    const f = buildDensityField(d);
    expect(f.cols * f.rows).toBeLessThanOrEqual(1_000_000);
  });
});
