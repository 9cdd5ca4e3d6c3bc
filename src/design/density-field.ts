import type { DensityRaster } from '../pattern/types.ts';
import { applyEdit, editBounds, editCoverage } from './area.ts';
import { hairlineCurve } from './hairline.ts';
import { seededNoise } from './noise.ts';
import { segmentDistance } from './spline.ts';
import type { Design, Point } from './types.ts';
import { isTissueRole, tissueKey, zoneCoverageRaster } from './zone-shape.ts';

/** Raster cell size: fine enough to resolve a 1 mm noise wiggle in the hairline band. */
const CELL_MM = 1;
const MAX_CELLS = 1_000_000;
/** Irregularity at full strength: mm of large-scale (≈15 mm) and small-scale (≈2.5 mm) wander of the band. */
const LARGE_MM = 3;
const SMALL_MM = 1;
/** Gaps ("broken" style): the noise scale of the bare patches, mm; gaps come out ≈ 6–12 mm wide. */
const GAP_MM = 11;

/**
 * The density (dots/cm²) the engine is given: the design's density times its shape (see buildShapeField).
 */
export function buildDensityField(d: Design, shape: DensityRaster = buildShapeField(d)): DensityRaster {
  const values = new Float32Array(shape.values.length);
  for (let i = 0; i < values.length; i++) values[i] = shape.values[i]! * d.dots.density;
  return { cols: shape.cols, rows: shape.rows, values };
}

/** What the shape depends on: a design change outside these leaves it as it is (of the zones, scars' and patches' outlines only). */
export const shapeKey = (d: Design): string => JSON.stringify([d.photo, d.scale.pxPerMm, d.hairline, d.area, d.dots.seed, tissueKey(d.zones)]);
const rampKey = (d: Design): string => JSON.stringify([d.photo, d.scale.pxPerMm, d.hairline, d.dots.seed]);
const areaKey = (d: Design): string => JSON.stringify([d.photo, d.scale.pxPerMm, d.area]);
const tissueCacheKey = (d: Design): string => JSON.stringify([d.photo, d.scale.pxPerMm, tissueKey(d.zones)]);

/** The raster's cells for a design: 1 mm, coarser for very large photos. */
export function fieldGrid(d: Design): { cols: number; rows: number } {
  const { width, height } = d.photo;
  let cellPx = CELL_MM * d.scale.pxPerMm;
  while ((width / cellPx) * (height / cellPx) > MAX_CELLS) cellPx *= 1.25;
  return { cols: Math.max(1, Math.ceil(width / cellPx)), rows: Math.max(1, Math.ceil(height / cellPx)) };
}

let rampCache: { key: string; values: Float32Array; band: Uint8Array } | undefined;
let areaCache: { key: string; values: Float32Array } | undefined;
let tissueCache: { key: string; values: Float32Array | null } | undefined;

/**
 * A design's shape, and its hairline's soft band per cell (1 where the ramp is strictly between 0 and 1: where the
 * finer needle works, see zones.ts). The band comes with the shape because the ramp behind it is the costly part.
 */
export interface Shape extends DensityRaster {
  band: Uint8Array;
}

/**
 * Where dots go, 0–1: the treatment-area coverage times the hairline ramp, each cached on its own so that a brush
 * stroke does not recompute the hairline and a hairline drag does not recompute the area. The ramp is 0 in front of
 * the hairline and rises smoothly across the soft band behind it; seeded simplex noise makes the band wander at
 * small and large scale so the edge is never ruler-straight.
 */
export function buildShapeField(d: Design): Shape {
  const grid = fieldGrid(d);
  const rk = rampKey(d);
  if (rampCache?.key !== rk) {
    const ramp = rampRaster(d, grid);
    rampCache = { key: rk, values: ramp, band: Uint8Array.from(ramp, (r) => (r > 0 && r < 1 ? 1 : 0)) };
  }
  const ak = areaKey(d);
  if (areaCache?.key !== ak) areaCache = { key: ak, values: areaRaster(d, grid) };
  const tk = tissueCacheKey(d);
  if (tissueCache?.key !== tk) tissueCache = { key: tk, values: tissueRaster(d, grid) };
  const values = new Float32Array(grid.cols * grid.rows);
  for (let i = 0; i < values.length; i++) values[i] = rampCache.values[i]! * areaCache.values[i]!;
  // Scars and patches are treated wherever they are drawn, in front of the hairline too: they raise the shape.
  const tissue = tissueCache.values;
  if (tissue) for (let i = 0; i < values.length; i++) if (tissue[i]! > values[i]!) values[i] = tissue[i]!;
  return { ...grid, values, band: rampCache.band };
}

function rampRaster(d: Design, { cols, rows }: { cols: number; rows: number }): Float32Array {
  const { width, height } = d.photo;
  const values = new Float32Array(cols * rows);
  const ramp = makeHairlineRamp(d);
  for (let j = 0; j < rows; j++) {
    const y = ((j + 0.5) / rows) * height;
    for (let i = 0; i < cols; i++) values[j * cols + i] = ramp({ x: ((i + 0.5) / cols) * width, y });
  }
  return values;
}

/** The treatment area's coverage per cell: each edit touches only the cells in its box (a stroke, per segment). */
function areaRaster(d: Design, { cols, rows }: { cols: number; rows: number }): Float32Array {
  const { width, height } = d.photo;
  const ppm = d.scale.pxPerMm;
  const values = new Float32Array(cols * rows).fill(1);
  const sx = cols / width, sy = rows / height;
  const cellsIn = (b: { x0: number; y0: number; x1: number; y1: number }) => ({
    i0: Math.max(0, Math.floor(b.x0 * sx - 0.5)), i1: Math.min(cols - 1, Math.ceil(b.x1 * sx - 0.5)),
    j0: Math.max(0, Math.floor(b.y0 * sy - 0.5)), j1: Math.min(rows - 1, Math.ceil(b.y1 * sy - 0.5)),
  });
  const edit = new Float32Array(cols * rows);
  for (const e of d.area.edits) {
    // This edit's own coverage, over its box only.
    const box = cellsIn(editBounds(e, ppm));
    for (let j = box.j0; j <= box.j1; j++) edit.fill(0, j * cols + box.i0, j * cols + box.i1 + 1);
    const pieces = e.kind === 'brush' && e.points.length > 1 ? e.points.slice(1).map((q, k) => ({ ...e, points: [e.points[k]!, q] })) : [e];
    for (const piece of pieces) {
      const b = cellsIn(editBounds(piece, ppm));
      for (let j = b.j0; j <= b.j1; j++) {
        const y = ((j + 0.5) / rows) * height;
        for (let i = b.i0; i <= b.i1; i++) {
          const c = editCoverage({ x: ((i + 0.5) / cols) * width, y }, piece, ppm);
          if (c > edit[j * cols + i]!) edit[j * cols + i] = c;
        }
      }
    }
    for (let j = box.j0; j <= box.j1; j++) {
      for (let i = box.i0; i <= box.i1; i++) {
        const k = j * cols + i, c = edit[k]!;
        if (c > 0) values[k] = applyEdit(values[k]!, c, e.mode);
      }
    }
  }
  return values;
}

/** The scar and patch zones' coverage per cell (the largest where they overlap), or null when there are none. */
function tissueRaster(d: Design, grid: { cols: number; rows: number }): Float32Array | null {
  const zones = d.zones.filter((z) => isTissueRole(z.role));
  if (zones.length === 0) return null;
  const values = new Float32Array(grid.cols * grid.rows);
  for (const z of zones) {
    const c = zoneCoverageRaster(z, d.photo, d.scale.pxPerMm, grid);
    for (let j = 0; j < c.h; j++) {
      for (let i = 0; i < c.w; i++) {
        const k = (c.j0 + j) * grid.cols + c.i0 + i, v = c.values[j * c.w + i]!;
        if (v > values[k]!) values[k] = v;
      }
    }
  }
  return values;
}

/** 0–1 at a photo point: 0 in front of the hairline, rising across the band behind it. */
export function makeHairlineRamp(d: Design): (p: Point) => number {
  const curve = hairlineCurve(d.hairline);
  const ppm = d.scale.pxPerMm;
  const bandPx = d.hairline.bandMm * ppm;
  const irr = Math.max(0, d.hairline.irregularity);
  const large = seededNoise(d.dots.seed, 'hairline-large');
  const small = seededNoise(d.dots.seed, 'hairline-small');
  const speckle = seededNoise(d.dots.seed, 'hairline-speckle');
  const gaps = Math.min(1, Math.max(0, d.hairline.gaps));
  const gapNoise = gaps > 0 ? seededNoise(d.dots.seed, 'hairline-gaps') : undefined;
  const reach = bandPx + (LARGE_MM + SMALL_MM) * irr * ppm + 2 * ppm;
  const depth = signedDepth(curve, reach);
  return (p) => {
    if (curve.length < 2) return 1;
    const mm = { x: p.x / ppm, y: p.y / ppm };
    const wander = irr * (LARGE_MM * large(mm.x / 15, mm.y / 15) + SMALL_MM * small(mm.x / 2.5, mm.y / 2.5)) * ppm;
    const s = depth(p) + wander;
    if (s <= 0) return 0;
    if (bandPx <= 0 || s >= bandPx) return 1;
    const t = s / bandPx;
    // Inside the band the ramp is also patchy at the scale of a few dots, as a natural hairline thins out.
    const patchy = 1 + 0.35 * irr * speckle(mm.x / 1.8, mm.y / 1.8) * (1 - t);
    const v = Math.min(1, Math.max(0, t * t * (3 - 2 * t) * patchy));
    if (!gapNoise) return v;
    // Broken: fuller clumps between the gaps (the ramp rises sooner), so the gaps read against them.
    return v ** (1 - 0.6 * gaps) * gapFactor(gapNoise(mm.x / GAP_MM, mm.y / GAP_MM), gaps, t);
  };
}

/**
 * How much of the band a gap leaves (0–1) at noise value `n` (−1…1) and depth `t` (0 front … 1 back of the band).
 * More gaps lower the noise level at which a gap opens, so more of the band's length is open and the gaps widen; a
 * gap is bare through most of the band's depth (so it reads as a notch, not just a sparser front) and closes at its
 * back, where the full density takes over.
 */
export function gapFactor(n: number, gaps: number, t: number): number {
  if (gaps <= 0) return 1;
  const cut = 0.8 - 1.4 * gaps;
  const u = Math.min(1, Math.max(0, (n - cut) / 0.4));
  const open = u * u * (3 - 2 * u);
  return 1 - open * Math.min(1, 1.25 * (1 - t ** 4));
}

/**
 * Signed distance (px) from the curve, positive on the scalp side (above it, smaller y). Points further than
 * `reach` from the curve only need the sign, read off the curve's height at their x.
 */
export function signedDepth(curve: readonly Point[], reach: number): (p: Point) => number {
  const n = curve.length;
  const xs = curve.map((q) => q.x);
  const heightAt = (x: number): number => {
    if (x <= xs[0]!) return curve[0]!.y;
    if (x >= xs[n - 1]!) return curve[n - 1]!.y;
    let lo = 0, hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= x) lo = mid;
      else hi = mid;
    }
    const a = curve[lo]!, b = curve[hi]!;
    return b.x > a.x ? a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x) : a.y;
  };
  return (p) => {
    const above = heightAt(p.x) - p.y;
    if (Math.abs(above) > reach + 1) return above;
    let d = Infinity;
    for (let i = 1; i < n; i++) {
      const a = curve[i - 1]!, b = curve[i]!;
      if (Math.min(a.x, b.x) > p.x + reach || Math.max(a.x, b.x) < p.x - reach) continue;
      d = Math.min(d, segmentDistance(p, a, b));
    }
    if (!Number.isFinite(d)) d = Math.abs(above);
    return above >= 0 ? d : -d;
  };
}

