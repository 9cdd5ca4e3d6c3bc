import type { DotLook } from '../render/dot-layer.ts';

/**
 * How many dots the shader draws, by the same rule as shaders/dot-look.glsl: rank under the density's share, in a
 * session already done. (Zones and the hair mask refine it per dot on the GPU; this count is for the status bar.)
 */
export function countVisible(ranks: Float32Array, look: Pick<DotLook, 'share' | 'sessionCum' | 'sessionAge'>): number {
  // Sessions are rank prefixes: the dots drawn are those below the last done session's cumulative share.
  let done = 0;
  for (let k = 0; k < 4; k++) if (look.sessionAge[k]! >= 0) done = look.sessionCum[k]!;
  const limit = look.share * done;
  let n = 0;
  for (let i = 0; i < ranks.length; i++) if (ranks[i]! < limit) n++;
  return n;
}
