/**
 * The follicle pattern engine: pure, synchronous, no DOM. Usable in Node, in workers and on the main thread.
 *
 * Method (README "Pattern engine"): one progressive blue-noise tile is built offline (src/pattern/tile-builder.ts)
 * and committed; a request scales it to the peak density, lays it at a seeded offset and symmetry, and keeps each
 * point whose rank is under density(x) / peak. src/pool/ runs the same bands across workers.
 */
import { bandCount, generateBands, type DotColumns } from './generate.ts';
import type { PatternRequest, PatternResult } from './types.ts';
import { validateRequest } from './validate.ts';

export type { DensityField, DensityRaster, PatternRequest, PatternResult } from './types.ts';
export { DEFAULT_MAX_DOTS } from './types.ts';
export { PatternError, isPatternError, type PatternErrorCode } from './errors.ts';
export { expectedDots, makeDensitySampler, fieldMax } from './field.ts';
export { validateRequest } from './validate.ts';
export { bandCount, generateBands, BAND_PX, type DotColumns } from './generate.ts';

/**
 * The dots of a request. `into` lends the buffers of an earlier result that the caller no longer reads, to be
 * filled again instead of allocating (the old result's arrays then hold the new dots or are left behind).
 */
export function generatePattern(request: PatternRequest, into?: DotColumns): PatternResult {
  validateRequest(request);
  return generateBands(request, 0, bandCount(request), into);
}
