import * as Comlink from 'comlink';
import { generateBands } from '../pattern/generate.ts';
import { getTile } from '../pattern/tile.ts';
import type { PatternRequest, PatternResult } from '../pattern/types.ts';

/** What a pattern worker exposes. The worker files only wire this to their endpoint. */
export const patternWorkerApi = {
  /** Decodes the tile ahead of the first job. */
  warm(): boolean {
    getTile();
    return true;
  },
  /** Dots of bands [b0, b1) of an already validated request, with their buffers transferred, not copied. */
  generateBands(request: PatternRequest, b0: number, b1: number): PatternResult {
    const r = generateBands(request, b0, b1);
    return Comlink.transfer(r, [r.x.buffer, r.y.buffer, r.diameter.buffer, r.rank.buffer, r.tone.buffer] as Transferable[]);
  },
};

export type PatternWorkerApi = typeof patternWorkerApi;
