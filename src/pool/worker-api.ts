import * as Comlink from 'comlink';
import { columnBuffers, generateBands, type DotColumns } from '../pattern/generate.ts';
import { getTile } from '../pattern/tile.ts';
import type { PatternRequest, PatternResult } from '../pattern/types.ts';

/** What a pattern worker exposes. The worker files only wire this to their endpoint. */
export const patternWorkerApi = {
  /** Decodes the tile and runs a few small jobs, so the optimiser has compiled the hot loop before real work. */
  warm(): boolean {
    getTile();
    const raster = { cols: 2, rows: 1, values: new Float32Array([20, 200]) };
    for (let i = 0; i < 30; i++) {
      generateBands({ width: 1000, height: 512, pxPerMm: 10, density: i % 2 ? 100 : raster, dotDiameterMm: { mean: 0.12, spread: 0.02 }, seed: `warm${i}` }, 0, 2);
    }
    return true;
  },
  /**
   * Dots of bands [b0, b1) of an already validated request, with their buffers transferred, not copied. `into`
   * lends (transferred) buffers of an earlier part to fill again, so a steady stream of jobs allocates nothing
   * here; `capacity` asks for room for that many dots (the pool appends the other parts after these).
   */
  generateBands(request: PatternRequest, b0: number, b1: number, into?: DotColumns, capacity?: number): PatternResult {
    const r = generateBands(request, b0, b1, into, capacity);
    return Comlink.transfer(r, columnBuffers(r));
  },
};

export type PatternWorkerApi = typeof patternWorkerApi;
