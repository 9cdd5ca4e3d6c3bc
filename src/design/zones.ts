import { makeHairlineRamp } from './density-field.ts';
import { hairlineCurve } from './hairline.ts';
import { isTissueRole, zoneCentre, zoneCoverageRaster, zoneShapeKey } from './zone-shape.ts';
import type { Design, Point, Zone } from './types.ts';

/** Floats per cell of the zone field: [densityMul, sizeMul, shade, fadeMul]. */
export const ZONE_CHANNELS = 4;
/** The body's values, where no zone reaches. */
const BODY = [1, 1, 0, 1] as const;

/** A crown whorl: density swings ± this share of the zone's, along two spiral arms one turn per PITCH_MM outward. */
const WHORL_AMPLITUDE = 0.15;
const WHORL_PITCH_MM = 30;
/** The swing fades in over this distance from the centre, so the centre itself is not a point of extremes. */
const WHORL_CORE_MM = 4;

/**
 * The density factor a whorl gives at p about its centre: 1 + a sine along a two-armed Archimedean spiral. Its
 * mean over any circle about the centre is exactly 1, so the crown keeps the density its multiplier says.
 */
export function whorlFactor(p: Point, centre: Point, pxPerMm: number): number {
  const dx = p.x - centre.x, dy = p.y - centre.y;
  const rMm = Math.hypot(dx, dy) / pxPerMm;
  const theta = Math.atan2(dy, dx);
  const amp = WHORL_AMPLITUDE * (1 - Math.exp(-rMm / WHORL_CORE_MM));
  return 1 + amp * Math.sin(2 * theta - (2 * Math.PI * rMm) / WHORL_PITCH_MM);
}

/** mm past the band (per unit of irregularity, plus as much again) that the hairline's wander may reach. */
const BAND_MARGIN_MM = 6;

type Grid = { cols: number; rows: number };
type Coverage = ReturnType<typeof zoneCoverageRaster>;

let coverageCache = new Map<string, Coverage>();
let bandCache: { key: string; band: Uint8Array } | undefined;
let fieldCache: { key: string; values: Float32Array } | undefined;

/** What the zone field depends on: a design change outside it leaves the field as it is. */
export const zoneFieldKey = (d: Design): string =>
  JSON.stringify([d.photo, d.scale.pxPerMm, d.hairline, d.dots.seed, d.zones, d.treatment.scarFade, d.treatment.hairlineNeedle]);

/**
 * How the design's zones change the dots, per cell (cell centres as in density-field.ts, row-major):
 * [densityMul, sizeMul, shade, fadeMul], from the body's [1, 1, 0, 1] with each zone blended in by its coverage,
 * in order. Scars and patches fade `treatment.scarFade` times faster; in the hairline's soft band dots are the
 * finer single-point needle's (size × `treatment.hairlineNeedle`); a crown with a whorl spirals its density.
 * Zone outlines and the hairline band are cached apart from the values, so changing a zone's density, size or
 * shade only re-blends.
 */
export function buildZoneField(d: Design, grid: Grid): Float32Array {
  const key = JSON.stringify([grid, zoneFieldKey(d)]);
  if (fieldCache?.key === key) return fieldCache.values;
  const { cols, rows } = grid;
  const values = new Float32Array(cols * rows * ZONE_CHANNELS);
  for (let k = 0; k < cols * rows; k++) values.set(BODY, k * ZONE_CHANNELS);

  const ppm = d.scale.pxPerMm;
  const next = new Map<string, Coverage>();
  for (const z of d.zones) {
    const ck = JSON.stringify([grid, d.photo, ppm, zoneShapeKey(z)]);
    const cov = next.get(ck) ?? coverageCache.get(ck) ?? zoneCoverageRaster(z, d.photo, ppm, grid);
    next.set(ck, cov);
    blendZone(values, grid, d, z, cov);
  }
  coverageCache = next; // keeps only the outlines in use

  const needle = d.treatment.hairlineNeedle;
  if (needle !== 1) {
    const band = hairlineBand(d, grid);
    for (let k = 0; k < band.length; k++) if (band[k]) values[k * ZONE_CHANNELS + 1]! *= needle;
  }
  fieldCache = { key, values };
  return values;
}

function blendZone(values: Float32Array, { cols, rows }: Grid, d: Design, z: Zone, cov: Coverage): void {
  const ppm = d.scale.pxPerMm;
  const fade = isTissueRole(z.role) ? d.treatment.scarFade : 1;
  const whorl = z.role === 'crown' && z.whorl ? zoneCentre(z.shape) : null;
  for (let j = 0; j < cov.h; j++) {
    const y = ((cov.j0 + j + 0.5) / rows) * d.photo.height;
    for (let i = 0; i < cov.w; i++) {
      const c = cov.values[j * cov.w + i]!;
      if (c <= 0) continue;
      const x = ((cov.i0 + i + 0.5) / cols) * d.photo.width;
      const density = whorl ? z.density * whorlFactor({ x, y }, whorl, ppm) : z.density;
      const o = ((cov.j0 + j) * cols + cov.i0 + i) * ZONE_CHANNELS;
      values[o] = values[o]! + (density - values[o]!) * c;
      values[o + 1] = values[o + 1]! + (z.size - values[o + 1]!) * c;
      values[o + 2] = values[o + 2]! + (z.shade - values[o + 2]!) * c;
      values[o + 3] = values[o + 3]! + (fade - values[o + 3]!) * c;
    }
  }
}

/** 1 where the hairline ramp is strictly between 0 and 1: the soft band worked with the finer needle. */
function hairlineBand(d: Design, { cols, rows }: Grid): Uint8Array {
  const key = JSON.stringify([cols, rows, d.photo, d.scale.pxPerMm, d.hairline, d.dots.seed]);
  if (bandCache?.key === key) return bandCache.band;
  const ramp = makeHairlineRamp(d);
  const band = new Uint8Array(cols * rows);
  const { width, height } = d.photo;
  const curve = hairlineCurve(d.hairline);
  // The ramp (noise at every point) is only asked near the curve: the band and its widest wander lie within
  // `reach` of a segment, or, past the curve's ends, of the end's height (where the ramp reads depth vertically).
  const reach = (d.hairline.bandMm + BAND_MARGIN_MM * (1 + Math.max(0, d.hairline.irregularity))) * d.scale.pxPerMm;
  const near = new Uint8Array(cols * rows);
  const mark = (x0: number, y0: number, x1: number, y1: number): void => {
    const i0 = Math.max(0, Math.floor((x0 / width) * cols)), i1 = Math.min(cols - 1, Math.floor((x1 / width) * cols));
    const j0 = Math.max(0, Math.floor((y0 / height) * rows)), j1 = Math.min(rows - 1, Math.floor((y1 / height) * rows));
    for (let j = j0; j <= j1; j++) near.fill(1, j * cols + i0, j * cols + i1 + 1);
  };
  if (curve.length < 2) return (bandCache = { key, band }).band;
  for (let k = 1; k < curve.length; k++) {
    const a = curve[k - 1]!, b = curve[k]!;
    mark(Math.min(a.x, b.x) - reach, Math.min(a.y, b.y) - reach, Math.max(a.x, b.x) + reach, Math.max(a.y, b.y) + reach);
  }
  const first = curve[0]!, last = curve[curve.length - 1]!;
  mark(0, first.y - reach, Math.min(first.x, last.x), first.y + reach);
  mark(Math.max(first.x, last.x), last.y - reach, width, last.y + reach);
  for (let j = 0; j < rows; j++) {
    const y = ((j + 0.5) / rows) * height;
    for (let i = 0; i < cols; i++) {
      if (!near[j * cols + i]) continue;
      const r = ramp({ x: ((i + 0.5) / cols) * width, y });
      if (r > 0 && r < 1) band[j * cols + i] = 1;
    }
  }
  bandCache = { key, band };
  return band;
}
