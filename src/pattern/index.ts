/**
 * The follicle pattern engine: pure, synchronous, no DOM. Usable in Node, in workers and on the main thread.
 *
 * Method (README "Pattern engine"): one progressive blue-noise tile is built offline (src/pattern/tile-builder.ts)
 * and committed; a request scales it to the peak density, lays it at a seeded offset and symmetry, and keeps each
 * point whose rank is under density(x) / peak. src/pool/ runs the same bands across workers.
 */
import { bandCount, generateBands } from './generate.ts';
import type { PatternRequest, PatternResult } from './types.ts';
import { validateRequest } from './validate.ts';

export type { DensityField, DensityRaster, PatternRequest, PatternResult } from './types.ts';
export { DEFAULT_MAX_DOTS } from './types.ts';
export { PatternError, isPatternError, type PatternErrorCode } from './errors.ts';
export { expectedDots, makeDensitySampler, fieldMax } from './field.ts';
export { validateRequest } from './validate.ts';
export { bandCount, generateBands, BAND_PX } from './generate.ts';

export function generatePattern(request: PatternRequest): PatternResult {
  validateRequest(request);
  return generateBands(request, 0, bandCount(request));
}
