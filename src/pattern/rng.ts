import seedrandom from 'seedrandom';

/**
 * A fast seeded generator (sfc32) for the hot loops. seedrandom turns the seed string and the stream's
 * coordinates into the initial state, so every stream is reproducible and independent of the others.
 * A class, not closures: each stream then shares one hidden class and the optimiser keeps the calls inlined.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...parts: (string | number)[]) {
    const init = seedrandom(parts.join('\u241f'));
    this.a = init.int32() >>> 0;
    this.b = init.int32() >>> 0;
    this.c = init.int32() >>> 0;
    this.d = init.int32() >>> 0 || 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    const c = (this.c << 21) | (this.c >>> 11);
    this.c = (c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }
}
