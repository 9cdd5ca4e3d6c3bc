import type { DotLook } from '../render/dot-layer.ts';

/** A zone field (src/design/zones.ts) with the photo size it covers. */
export interface ZoneDensity {
  cols: number;
  rows: number;
  /** 4 floats a cell; the first is the density multiplier. */
  values: Float32Array;
  width: number;
  height: number;
}

/**
 * How many dots the shader draws, by the rule in shaders/dot-look.glsl: rank under the density's share times the
 * zone's density, in a session already done. (The hair mask is left to the GPU; this count is for the status bar.)
 * The zone is read at the dot's cell, where the shader filters between cells: a count, not a replica.
 */
export function countVisible(
  dots: { x: Float32Array; y: Float32Array; rank: Float32Array },
  look: Pick<DotLook, 'share' | 'sessionCum' | 'sessionAge'>,
  zone: ZoneDensity | null = null,
): number {
  // Sessions are rank prefixes: the dots drawn are those below the last done session's cumulative share.
  let done = 0;
  for (let k = 0; k < 4; k++) if (look.sessionAge[k]! >= 0) done = look.sessionCum[k]!;
  const limit = look.share * done;
  const n = dots.rank.length;
  let count = 0;
  if (!zone) {
    for (let i = 0; i < n; i++) if (dots.rank[i]! < limit) count++;
    return count;
  }
  const sx = zone.cols / zone.width, sy = zone.rows / zone.height;
  for (let i = 0; i < n; i++) {
    const c = Math.min(zone.cols - 1, Math.max(0, Math.floor(dots.x[i]! * sx)));
    const r = Math.min(zone.rows - 1, Math.max(0, Math.floor(dots.y[i]! * sy)));
    if (dots.rank[i]! < limit * zone.values[4 * (r * zone.cols + c)]!) count++;
  }
  return count;
}
