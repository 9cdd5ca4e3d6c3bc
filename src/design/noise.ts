import seedrandom from 'seedrandom';
import { createNoise2D, type NoiseFunction2D } from 'simplex-noise';

/** Seeded 2-D simplex noise in [-1, 1]: the same seed gives the same field everywhere. */
export function seededNoise(...parts: (string | number)[]): NoiseFunction2D {
  return createNoise2D(seedrandom(parts.join('\u241f')));
}
