/** A 32-bit integer hash (lowbias32): well mixed, cheap, and the same on every platform. */
export function hash32(v: number): number {
  let x = v >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Uniform in [0, 1) from a hash. */
export const unit = (h: number): number => h / 4294967296;
