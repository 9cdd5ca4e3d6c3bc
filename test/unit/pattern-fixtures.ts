import type { PatternRequest, PatternResult } from '../../src/pattern/index.ts';

export const PX_PER_MM = 10;
export const SEEDS = ['alpha', 'bravo', 'charlie'];

export function uniform(seed: string, density = 100, width = 2400, height = 1800): PatternRequest {
  return { width, height, pxPerMm: PX_PER_MM, density, dotDiameterMm: { mean: 0.12, spread: 0.02 }, seed };
}

/** A field from 20 to 200 dots/cm², left to right. */
export function ramp(seed: string, width = 3000, height = 1500): PatternRequest {
  const cols = 64;
  const values = new Float32Array(cols);
  for (let i = 0; i < cols; i++) values[i] = 20 + (180 * i) / (cols - 1);
  return { width, height, pxPerMm: PX_PER_MM, density: { cols, rows: 1, values }, dotDiameterMm: { mean: 0.12, spread: 0.02 }, seed };
}

/** The dots with rank < t. */
export function prefix(r: PatternResult, t: number): { x: number[]; y: number[] } {
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i < r.count; i++) if (r.rank[i]! < t) { x.push(r.x[i]!); y.push(r.y[i]!); }
  return { x, y };
}
