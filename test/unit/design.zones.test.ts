import { describe, expect, it, vi } from 'vitest';
import { designFor } from '../../src/app/state.ts';
import { buildShapeField, fieldGrid, makeHairlineRamp, shapeKey } from '../../src/design/density-field.ts';
import type { Design, Point, Zone, ZoneRole, ZoneShape } from '../../src/design/types.ts';
import { defaultZoneName, newZone } from '../../src/design/zone-presets.ts';
import { buildZoneField, whorlFactor, ZONE_CHANNELS } from '../../src/design/zones.ts';
import { zoneCoverage, zoneCoverageRaster } from '../../src/design/zone-shape.ts';

// The real rasteriser, counted: the look-only test checks that outlines are not rasterised again.
vi.mock('../../src/design/zone-shape.ts', async (original) => {
  const m = await original<typeof import('../../src/design/zone-shape.ts')>();
  return { ...m, zoneCoverageRaster: vi.fn(m.zoneCoverageRaster) };
});

const PPM = 8;
const mm = (v: number): number => v * PPM;
const base = designFor({ width: 1600, height: 1200 }, { pxPerMm: PPM, calibrated: true, source: 'demo' }, undefined, 's');
const design = (zones: Zone[], patch: Partial<Design> = {}): Design => ({
  ...base,
  // A straight hairline across y = 800 px: the scalp is above it, the forehead below.
  hairline: { points: [{ x: 0, y: 800 }, { x: 800, y: 800 }], mirror: true, midlineX: 800, bandMm: 8, irregularity: 0, gaps: 0 },
  zones,
  ...patch,
});
const zone = (role: ZoneRole, shape: ZoneShape, over: Partial<Zone> = {}): Zone => ({
  id: `z-${role}`, name: role, role, shape, featherMm: 0, density: 1, size: 1, shade: 0, whorl: false, ...over,
});
const square = (x0: number, y0: number, x1: number, y1: number): ZoneShape => ({ kind: 'polygon', points: [{ x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }, { x: x0, y: y1 }] });
const smooth = (t: number): number => t * t * (3 - 2 * t);

/** The field's four values at the cell holding photo point p. */
function cell(d: Design, field: Float32Array, p: Point): number[] {
  const { cols, rows } = fieldGrid(d);
  const i = Math.floor((p.x / d.photo.width) * cols), j = Math.floor((p.y / d.photo.height) * rows);
  const o = (j * cols + i) * ZONE_CHANNELS;
  return [...field.subarray(o, o + ZONE_CHANNELS)];
}

describe('zone coverage', () => {
  it('polygon: 1 inside, 0 outside, a smooth feather straddling the outline', () => {
    const z = zone('mid', square(mm(50), mm(50), mm(150), mm(150)), { featherMm: 10 });
    expect(zoneCoverage({ x: mm(100), y: mm(100) }, z, PPM)).toBe(1);
    expect(zoneCoverage({ x: mm(20), y: mm(100) }, z, PPM)).toBe(0);
    expect(zoneCoverage({ x: mm(50), y: mm(100) }, z, PPM)).toBeCloseTo(0.5, 6);
    expect(zoneCoverage({ x: mm(52.5), y: mm(100) }, z, PPM)).toBeCloseTo(smooth(0.75), 6);
    expect(zoneCoverage({ x: mm(47.5), y: mm(100) }, z, PPM)).toBeCloseTo(smooth(0.25), 6);
    expect(zoneCoverage({ x: mm(55.01), y: mm(100) }, z, PPM)).toBe(1);
    expect(zoneCoverage({ x: mm(44.99), y: mm(100) }, z, PPM)).toBe(0);
    // No feather: a hard edge.
    const hard = { ...z, featherMm: 0 };
    expect(zoneCoverage({ x: mm(50.1), y: mm(100) }, hard, PPM)).toBe(1);
    expect(zoneCoverage({ x: mm(49.9), y: mm(100) }, hard, PPM)).toBe(0);
  });

  it('ellipse: its radii in mm and its angle; a patch feathers outward from its rim', () => {
    const shape: ZoneShape = { kind: 'ellipse', cx: mm(100), cy: mm(100), rxMm: 20, ryMm: 10, angle: 0 };
    const z = zone('patch', shape);
    expect(zoneCoverage({ x: mm(119), y: mm(100) }, z, PPM)).toBe(1);
    expect(zoneCoverage({ x: mm(100), y: mm(111) }, z, PPM)).toBe(0);
    const turned = zone('patch', { ...shape, angle: Math.PI / 2 });
    expect(zoneCoverage({ x: mm(100), y: mm(119) }, turned, PPM)).toBe(1);
    expect(zoneCoverage({ x: mm(119), y: mm(100) }, turned, PPM)).toBe(0);
    const soft = { ...z, featherMm: 4 };
    expect(zoneCoverage({ x: mm(119.9), y: mm(100) }, soft, PPM)).toBe(1);
    expect(zoneCoverage({ x: mm(122), y: mm(100) }, soft, PPM)).toBeCloseTo(0.5, 2);
    expect(zoneCoverage({ x: mm(100), y: mm(112) }, soft, PPM)).toBeCloseTo(0.5, 2);
    expect(zoneCoverage({ x: mm(124.1), y: mm(100) }, soft, PPM)).toBe(0);
  });

  it('strip: the polyline widened to its width, round at the ends, feathered outward', () => {
    const z = zone('scar', { kind: 'strip', points: [{ x: mm(20), y: mm(50) }, { x: mm(120), y: mm(50) }, { x: mm(120), y: mm(90) }], widthMm: 4 }, { featherMm: 2 });
    expect(zoneCoverage({ x: mm(70), y: mm(51.9) }, z, PPM)).toBe(1);
    expect(zoneCoverage({ x: mm(70), y: mm(53) }, z, PPM)).toBeCloseTo(0.5, 6);
    expect(zoneCoverage({ x: mm(70), y: mm(54.1) }, z, PPM)).toBe(0);
    expect(zoneCoverage({ x: mm(121.5), y: mm(80) }, z, PPM)).toBe(1); // along the second segment
    expect(zoneCoverage({ x: mm(18.5), y: mm(50) }, z, PPM)).toBe(1); // round cap
    expect(zoneCoverage({ x: mm(16), y: mm(50) }, z, PPM)).toBe(0);
    expect(zoneCoverage({ x: mm(70), y: mm(70) }, z, PPM)).toBe(0);
  });

  it('dots: the union of discs of their size', () => {
    const z = zone('scar', { kind: 'dots', points: [{ x: mm(30), y: mm(30) }, { x: mm(40), y: mm(30) }], sizeMm: 1 }, { featherMm: 1 });
    expect(zoneCoverage({ x: mm(30.4), y: mm(30) }, z, PPM)).toBe(1);
    expect(zoneCoverage({ x: mm(40), y: mm(29.6) }, z, PPM)).toBe(1);
    expect(zoneCoverage({ x: mm(41), y: mm(30) }, z, PPM)).toBeCloseTo(0.5, 6);
    expect(zoneCoverage({ x: mm(35), y: mm(30) }, z, PPM)).toBe(0);
  });
});

/** The zone field as the app builds it: with the band of the design's shape. */
const zoneField = (d: Design): Float32Array => buildZoneField(d, fieldGrid(d), buildShapeField(d));

describe('zone field', () => {
  it('starts from the body and blends zones in by coverage, in order', () => {
    const a = zone('mid', square(mm(20), mm(20), mm(80), mm(80)), { id: 'a', density: 2, size: 1.5, shade: 0.5 });
    const b = zone('crown', square(mm(50), mm(20), mm(110), mm(80)), { id: 'b', density: 0.5, size: 0.5, shade: -1 });
    const ab = design([a, b]), ba = design([b, a]);
    const fab = zoneField(ab);
    const overlap = { x: mm(65.5), y: mm(40.5) };
    expect(cell(ab, fab, { x: mm(5.5), y: mm(5.5) })).toEqual([1, 1, 0, 1]);
    expect(cell(ab, fab, { x: mm(30.5), y: mm(40.5) })).toEqual([2, 1.5, 0.5, 1]);
    expect(cell(ab, fab, overlap)).toEqual([0.5, 0.5, -1, 1]);
    expect(cell(ba, zoneField(ba), overlap)).toEqual([2, 1.5, 0.5, 1]);
    // Halfway through a's feather (the outline straddled): halfway from the body to a.
    const soft = design([{ ...a, featherMm: 10 }]);
    const half = cell(soft, zoneField(soft), { x: mm(19.5), y: mm(40.5) });
    const c = zoneCoverage({ x: mm(19.5), y: mm(40.5) }, { ...a, featherMm: 10 }, PPM);
    expect(c).toBeGreaterThan(0.3);
    expect(c).toBeLessThan(0.7);
    expect(half[0]).toBeCloseTo(1 + c, 5);
    expect(half[2]).toBeCloseTo(0.5 * c, 5);
  });

  it('scars and patches fade by treatment.scarFade; the hairline band takes the finer needle', () => {
    const scar = zone('scar', { kind: 'strip', points: [{ x: mm(20), y: mm(40) }, { x: mm(60), y: mm(40) }], widthMm: 4 });
    const patch = zone('patch', { kind: 'ellipse', cx: mm(150), cy: mm(40), rxMm: 10, ryMm: 10, angle: 0 });
    const d = design([scar, patch], { treatment: { ...base.treatment, scarFade: 2.5, hairlineNeedle: 0.7 } });
    const f = zoneField(d);
    expect(cell(d, f, { x: mm(40.5), y: mm(40.5) })[3]).toBeCloseTo(2.5, 6);
    expect(cell(d, f, { x: mm(150.5), y: mm(40.5) })[3]).toBeCloseTo(2.5, 6);
    expect(cell(d, f, { x: mm(100.5), y: mm(40.5) })[3]).toBe(1);
    // The band: behind the hairline (y = 100 mm) by less than its 8 mm; in front of it or far behind, the body's size.
    const ramp = makeHairlineRamp(d);
    const inBand = { x: mm(100.5), y: mm(96.5) };
    expect(ramp(inBand)).toBeGreaterThan(0);
    expect(ramp(inBand)).toBeLessThan(1);
    expect(cell(d, f, inBand)[1]).toBeCloseTo(0.7, 6);
    expect(cell(d, f, { x: mm(100.5), y: mm(80.5) })[1]).toBe(1);
    expect(cell(d, f, { x: mm(100.5), y: mm(120.5) })[1]).toBe(1);
  });

  it('the needle band is exactly where the ramp is strictly between 0 and 1, for a wandering curved hairline', () => {
    for (const irregularity of [0, 1, 2]) {
      const d: Design = { ...base, zones: [], hairline: { ...base.hairline, irregularity, bandMm: 12 }, treatment: { ...base.treatment, hairlineNeedle: 0.6 } };
      const grid = fieldGrid(d);
      const f = zoneField(d);
      const ramp = makeHairlineRamp(d);
      let band = 0, wrong = 0;
      for (let j = 0; j < grid.rows; j++) {
        for (let i = 0; i < grid.cols; i++) {
          const r = ramp({ x: ((i + 0.5) / grid.cols) * d.photo.width, y: ((j + 0.5) / grid.rows) * d.photo.height });
          const want = r > 0 && r < 1 ? 0.6 : 1;
          if (want !== 1) band++;
          if (Math.abs(f[(j * grid.cols + i) * ZONE_CHANNELS + 1]! - want) > 1e-6) wrong++;
        }
      }
      expect(band).toBeGreaterThan(500);
      expect(wrong).toBe(0);
    }
  });

  it('the band comes from the shape: a copy with the same cells keeps the field, a moved hairline changes it, another grid\'s is left out', () => {
    const d = design([], { treatment: { ...base.treatment, hairlineNeedle: 0.6 } });
    const grid = fieldGrid(d);
    const shape = buildShapeField(d);
    const f = buildZoneField(d, grid, shape);
    // The worker transfers a new array with every shape: an area edit's has the same cells.
    expect(buildZoneField(d, grid, { ...shape, band: shape.band.slice() }) === f).toBe(true);
    const moved: Design = { ...d, hairline: { ...d.hairline, points: d.hairline.points.map((q) => ({ ...q, y: q.y - mm(10) })) } };
    const g = buildZoneField(d, grid, buildShapeField(moved));
    expect(g === f).toBe(false);
    const needled = (v: Float32Array): number => v.filter((_, k) => k % ZONE_CHANNELS === 1).filter((x) => x < 1).length;
    expect(needled(g)).toBeGreaterThan(500);
    expect(needled(g)).toBe(needled(f));
    // The shape of another photo whose dots have not come yet: no finer needle anywhere until they do, even when
    // its grid has as many cells (the same photo turned a quarter: 300 × 225 cells against 225 × 300).
    const turned: Design = { ...d, photo: { width: d.photo.height, height: d.photo.width } };
    const turnedShape = buildShapeField(turned);
    expect(turnedShape.band.length).toBe(shape.band.length);
    expect(turnedShape.cols).not.toBe(shape.cols);
    expect(needled(buildZoneField(d, grid, turnedShape))).toBe(0);
    expect(needled(buildZoneField(d, grid, null))).toBe(0);
  });

  it('a crown whorl swings the density about its centre and keeps its mean near the multiplier', () => {
    const shape: ZoneShape = { kind: 'ellipse', cx: mm(100), cy: mm(60), rxMm: 40, ryMm: 40, angle: 0 };
    const crown = zone('crown', shape, { density: 0.9, whorl: true });
    const d = design([crown]);
    const f = zoneField(d);
    const inside: number[] = [];
    for (let y = 0.5; y < 120; y++) for (let x = 0.5; x < 200; x++) if (Math.hypot(x - 100, y - 60) < 38) inside.push(cell(d, f, { x: mm(x), y: mm(y) })[0]!);
    const mean = inside.reduce((s, v) => s + v, 0) / inside.length;
    expect(Math.abs(mean - 0.9)).toBeLessThan(0.9 * 0.01);
    expect(Math.min(...inside)).toBeLessThan(0.9 * 0.92);
    expect(Math.max(...inside)).toBeGreaterThan(0.9 * 1.08);
    expect(Math.max(...inside)).toBeLessThanOrEqual(0.9 * 1.2);
    // Around a circle at 20 mm it varies, and averages to 1 exactly.
    const around = Array.from({ length: 360 }, (_, k) => whorlFactor({ x: 100 + 20 * Math.cos(k / 57.3), y: 60 + 20 * Math.sin(k / 57.3) }, { x: 100, y: 60 }, 1));
    expect(Math.max(...around) - Math.min(...around)).toBeGreaterThan(0.15);
    expect(around.reduce((s, v) => s + v, 0) / around.length).toBeCloseTo(1, 3);
    // Without the whorl, flat.
    const flat = design([{ ...crown, whorl: false }]);
    expect(cell(flat, zoneField(flat), { x: mm(110.5), y: mm(60.5) })[0]).toBeCloseTo(0.9, 6);
  });

  it('a look-only change gives new values from the same outlines; an unchanged design the same array', () => {
    const z = zone('front', square(mm(20), mm(20), mm(80), mm(80)), { density: 1.2 });
    const d = design([z]);
    const f = zoneField(d);
    expect(zoneField({ ...d })).toBe(f);
    const d2 = design([{ ...z, density: 0.4 }]);
    const raster = vi.mocked(zoneCoverageRaster);
    raster.mockClear();
    expect(cell(d2, zoneField(d2), { x: mm(50.5), y: mm(50.5) })[0]).toBeCloseTo(0.4, 6);
    expect(raster).not.toHaveBeenCalled();
    // A change to the outline does rasterise it again.
    const d3 = design([{ ...z, shape: square(mm(20), mm(20), mm(90), mm(90)) }]);
    zoneField(d3);
    expect(raster).toHaveBeenCalledTimes(1);
  });
});

describe('scars add to the treatment area', () => {
  const strip: ZoneShape = { kind: 'strip', points: [{ x: mm(40), y: mm(130) }, { x: mm(120), y: mm(130) }], widthMm: 4 };

  it('a scar in front of the hairline, where the area is 0, gets dots through buildShapeField', () => {
    const at = (d: Design, p: Point): number => {
      const s = buildShapeField(d);
      return s.values[Math.floor((p.y / d.photo.height) * s.rows) * s.cols + Math.floor((p.x / d.photo.width) * s.cols)]!;
    };
    const onScar = { x: mm(80.5), y: mm(130.5) };
    expect(at(design([]), onScar)).toBe(0);
    expect(at(design([zone('scar', strip, { featherMm: 2 })]), onScar)).toBe(1);
    expect(at(design([zone('patch', { kind: 'ellipse', cx: onScar.x, cy: onScar.y, rxMm: 5, ryMm: 5, angle: 0 })]), onScar)).toBe(1);
    // A scalp zone there does not: zones other than scars and patches only change how the area is worked.
    expect(at(design([zone('crown', square(mm(60), mm(120), mm(100), mm(140)))]), onScar)).toBe(0);
    // Where the whole area was erased, a scar still brings its own.
    const erased = design([zone('scar', { ...strip, points: [{ x: mm(40), y: mm(50) }, { x: mm(120), y: mm(50) }] })], {
      area: { edits: [{ kind: 'polygon', mode: 'erase', points: [{ x: 0, y: 0 }, { x: 1600, y: 0 }, { x: 1600, y: 1200 }, { x: 0, y: 1200 }] }] },
    });
    expect(at(erased, { x: mm(80.5), y: mm(50.5) })).toBe(1);
    expect(at(erased, { x: mm(80.5), y: mm(60.5) })).toBe(0);
  });

  it('only scar and patch outlines are part of the shape key', () => {
    const scar = zone('scar', strip);
    const crown = zone('crown', square(mm(60), mm(20), mm(100), mm(60)), { id: 'c' });
    const k = shapeKey(design([scar, crown]));
    expect(shapeKey(design([{ ...scar, density: 1.4, shade: 0.3, size: 1.2, name: 'x' }, { ...crown, density: 0.5, featherMm: 30 }]))).toBe(k);
    expect(shapeKey(design([{ ...scar, shape: { ...strip, widthMm: 6 } }, crown]))).not.toBe(k);
    expect(shapeKey(design([{ ...scar, featherMm: 5 }, crown]))).not.toBe(k);
  });
});

describe('new zones', () => {
  it('get sensible names and unique ids', () => {
    const poly = square(0, 0, 10, 10);
    let zones: Zone[] = [];
    const add = (role: ZoneRole, shape: ZoneShape): string => {
      const z = newZone(role, shape, zones);
      zones = [...zones, z];
      return z.name;
    };
    expect(add('crown', poly)).toBe('Crown');
    expect(add('crown', poly)).toBe('Crown 2');
    expect(add('scar', strip())).toBe('FUT scar 1');
    expect(add('scar', strip())).toBe('FUT scar 2');
    expect(add('scar', { kind: 'dots', points: [{ x: 1, y: 1 }], sizeMm: 1 })).toBe('FUE scars 1');
    expect(add('patch', { kind: 'ellipse', cx: 0, cy: 0, rxMm: 5, ryMm: 5, angle: 0 })).toBe('Alopecia patch 1');
    expect(new Set(zones.map((z) => z.id)).size).toBe(zones.length);
    expect(zones.find((z) => z.role === 'crown')!.whorl).toBe(true);
    expect(zones.filter((z) => z.role === 'scar').every((z) => z.density === 1)).toBe(true);
    expect(defaultZoneName('side', 'polygon', [])).toBe('Side');
  });
  const strip = (): ZoneShape => ({ kind: 'strip', points: [{ x: 0, y: 0 }, { x: 10, y: 0 }], widthMm: 3 });
});
