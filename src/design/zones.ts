import { isTissueRole, zoneCentre, zoneCoverageRaster, zoneShapeKey } from './zone-shape.ts';
import type { Shape } from './density-field.ts';
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

type Grid = { cols: number; rows: number };
type Coverage = ReturnType<typeof zoneCoverageRaster>;

let coverageCache = new Map<string, Coverage>();
let fieldCache: { key: string; band: Uint8Array | null; values: Float32Array } | undefined;

/** What the zone field depends on besides the hairline band: a design change outside it leaves the field as it is. */
const zoneFieldKey = (d: Design, grid: Grid): string =>
  JSON.stringify([grid, d.photo, d.scale.pxPerMm, d.zones, d.treatment.scarFade, d.treatment.hairlineNeedle]);

/**
 * How the design's zones change the dots, per cell (cell centres as in density-field.ts, row-major):
 * [densityMul, sizeMul, shade, fadeMul], from the body's [1, 1, 0, 1] with each zone blended in by its coverage,
 * in order. Scars and patches fade `treatment.scarFade` times faster; in the hairline's soft band dots are the
 * finer single-point needle's (size × `treatment.hairlineNeedle`); a crown with a whorl spirals its density.
 * The band is the one of `shape`, the shape the dots on screen were made from (the field worker computes it with
 * the shape, so the main thread never does). A shape of another grid (a new photo whose dots have not come yet) gives
 * no band until they do. Zone outlines are cached apart from the values, so changing a zone's density, size or shade
 * only re-blends.
 */
export function buildZoneField(d: Design, grid: Grid, shape: Pick<Shape, 'cols' | 'rows' | 'band'> | null): Float32Array {
  const { cols, rows } = grid;
  const needle = d.treatment.hairlineNeedle;
  const finer = needle !== 1 && shape?.cols === cols && shape.rows === rows ? shape.band : null;
  const key = zoneFieldKey(d, grid);
  if (fieldCache?.key === key && sameBand(fieldCache.band, finer)) return fieldCache.values;
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

  if (finer) for (let k = 0; k < finer.length; k++) if (finer[k]) values[k * ZONE_CHANNELS + 1]! *= needle;
  fieldCache = { key, band: finer, values };
  return values;
}

/** Every shape brings a new band array; one with the same cells (an area edit, not a hairline one) keeps the field. */
function sameBand(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
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
