import { fieldMax, makeDensitySampler, perPx2 } from './field.ts';
import { hash32, unit } from './hash.ts';
import { Rng } from './rng.ts';
import { getTile, type Tile } from './tile.ts';
import type { PatternRequest, PatternResult } from './types.ts';

/**
 * Dots are produced in fixed row bands of this height, in a fixed order within each band, so splitting the bands
 * among workers and joining the results gives exactly the single-threaded arrays.
 */
export const BAND_PX = 256;

export const bandCount = (r: PatternRequest): number => Math.ceil(r.height / BAND_PX);

/** How the tile lies over the region: its scale, a seeded offset and one of the 8 symmetries of the square. */
export interface Placement {
  /** Region px per tile unit: the tile's density becomes the peak density. */
  scale: number;
  ox: number;
  oy: number;
  symmetry: number;
  seedHash: number;
  peak: number;
}

/** The density the tile is laid at: the field's peak, or the generation density when that is higher. */
export const layPeak = (r: PatternRequest): number => Math.max(fieldMax(r.density), r.generationDensity ?? 0);

export function placementFor(r: PatternRequest, tile: Tile = getTile()): Placement | null {
  const peak = layPeak(r);
  if (!(peak > 0)) return null;
  const rng = new Rng(r.seed, 'placement');
  return {
    scale: Math.sqrt(tile.density / perPx2(peak, r.pxPerMm)),
    ox: rng.next() * tile.side,
    oy: rng.next() * tile.side,
    symmetry: rng.int(8),
    seedHash: rng.int(4294967296),
    peak,
  };
}

/** Columns to write dots into, so a caller can hand back the buffers of an earlier result instead of allocating. */
export type DotColumns = Pick<PatternResult, 'x' | 'y' | 'diameter' | 'rank' | 'tone'>;

/** The buffers behind the columns, for a transfer list. */
export const columnBuffers = (c: DotColumns): Transferable[] => [c.x.buffer, c.y.buffer, c.diameter.buffer, c.rank.buffer, c.tone.buffer] as Transferable[];

/**
 * Room for the dots of bands [b0, b1): their rows at the peak density the tile is laid at, with 5% to spare (blue
 * noise keeps counts far closer than that). The engine reserves it; the pool asks the first part for the whole job's.
 */
export function roomFor(r: PatternRequest, b0: number, b1: number, peak = layPeak(r)): number {
  const rows = Math.max(0, Math.min(r.height, b1 * BAND_PX) - b0 * BAND_PX);
  return Math.ceil(r.width * rows * perPx2(peak, r.pxPerMm) * 1.05) + 64;
}

/**
 * The dots of bands [b0, b1) of a validated request. A tile point is kept where its rank is under
 * density(x) / peak; its session rank becomes rank / that share, so rank < t keeps t of the local density.
 * Sizes and tones hash the tile point and its copy, so a dot keeps its size and tone when the density changes.
 *
 * The result's arrays are views of the first `count` entries of buffers that may be larger: nothing is copied.
 * `into` lends buffers to fill (their whole length, whatever the views cover); `capacity` asks for room for at
 * least that many dots (a caller that will append more dots after these).
 */
export function generateBands(r: PatternRequest, b0: number, b1: number, into?: DotColumns, capacity = 0): PatternResult {
  const tile = getTile();
  const p = placementFor(r, tile);
  if (!p) return new DotBuffer().result();
  const need = Math.max(capacity, roomFor(r, b0, b1, p.peak));
  const out = new DotBuffer(into && lendable(into, need) ? into : undefined);
  out.reserve(need);
  for (let b = b0; b < b1; b++) fillBand(r, tile, p, b, out);
  return out.result();
}

/** Appends the dots of one band, in tile-copy, bucket and point order. */
function fillBand(r: PatternRequest, tile: Tile, p: Placement, band: number, out: DotBuffer): void {
  const { side, bucketSide, buckets, bucketStart, x: tx, y: ty, index } = tile;
  const s = p.scale;
  const density = makeDensitySampler(r.density, r.width, r.height);
  const constant = typeof r.density === 'number' ? r.density / p.peak : -1;
  const { mean, spread } = r.dotDiameterMm;
  const sigma2 = Math.log(1 + (spread / mean) ** 2);
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(mean) - sigma2 / 2;
  const invCount = 1 / tile.count;
  const swap = (p.symmetry & 1) !== 0, flipA = (p.symmetry & 2) !== 0, flipB = (p.symmetry & 4) !== 0;
  const Y0 = band * BAND_PX, Y1 = Math.min(r.height, (band + 1) * BAND_PX);
  const U0 = p.ox, U1 = p.ox + r.width / s;
  const V0 = p.oy + Y0 / s, V1 = p.oy + Y1 / s;

  for (let mv = Math.floor(V0 / side); mv * side < V1; mv++) {
    for (let mu2 = Math.floor(U0 / side); mu2 * side < U1; mu2++) {
      const inst = hash32(((mu2 & 0xffff) | ((mv & 0xffff) << 16)) ^ p.seedHash);
      const baseA = mu2 * side, baseB = mv * side;
      for (let bj = 0; bj < buckets; bj++) {
        for (let bi = 0; bi < buckets; bi++) {
          // The bucket's rectangle after the symmetry, in region tile-space.
          let a0 = (swap ? bj : bi) * bucketSide, b0r = (swap ? bi : bj) * bucketSide;
          if (flipA) a0 = side - a0 - bucketSide;
          if (flipB) b0r = side - b0r - bucketSide;
          a0 += baseA;
          b0r += baseB;
          if (a0 >= U1 || a0 + bucketSide <= U0 || b0r >= V1 || b0r + bucketSide <= V0) continue;
          const b = bj * buckets + bi;
          for (let q = bucketStart[b]!; q < bucketStart[b + 1]!; q++) {
            let a = swap ? ty[q]! : tx[q]!, bb = swap ? tx[q]! : ty[q]!;
            if (flipA) a = side - a;
            if (flipB) bb = side - bb;
            const X = (a + baseA - p.ox) * s;
            const Y = (bb + baseB - p.oy) * s;
            if (X < 0 || X >= r.width || Y < Y0 || Y >= Y1) continue;
            const t = constant >= 0 ? constant : density(X, Y) / p.peak;
            const idx = index[q]!;
            const rank = (idx + 0.5) * invCount;
            if (!(rank < t)) continue;
            const h1 = hash32(idx ^ inst);
            const h2 = hash32(h1 + 0x9e3779b9);
            const h3 = hash32(h2 + 0x9e3779b9);
            const z = Math.sqrt(-2 * Math.log(1 - unit(h1))) * Math.cos(2 * Math.PI * unit(h2));
            out.push(X, Y, Math.exp(mu + sigma * z) * r.pxPerMm, Math.min(rank / t, 0.99999994), unit(h3) * 2 - 1);
          }
        }
      }
    }
  }
}

/** How many dots lent columns can hold (the smallest of their buffers). */
const roomOf = (c: DotColumns): number => Math.min(c.x.buffer.byteLength, c.y.buffer.byteLength, c.diameter.buffer.byteLength, c.rank.buffer.byteLength, c.tone.buffer.byteLength) >> 2;

/**
 * Whether lent columns are worth filling for `need` dots: each has its own buffer (views of one would overwrite each
 * other), room for them all (a buffer too small, or one transferred away, would only be replaced), and not far more
 * (one huge job must not pin its memory: such buffers are left to the garbage collector).
 */
export function lendable(c: DotColumns, need: number): boolean {
  const room = roomOf(c);
  return need <= room && room <= 4 * need + 65536 && new Set(columnBuffers(c)).size === 5;
}

/** The whole buffer behind a view: a lent array's full capacity. */
const whole = (a: Float32Array): Float32Array => new Float32Array(a.buffer, 0, a.buffer.byteLength >> 2);

/** Growable columns of dots; result() gives views of the first n entries. */
class DotBuffer {
  private n = 0;
  private x: Float32Array;
  private y: Float32Array;
  private d: Float32Array;
  private rank: Float32Array;
  private tone: Float32Array;
  constructor(into?: DotColumns) {
    const cap = into ? roomOf(into) : 64;
    const col = (a: Float32Array | undefined): Float32Array => (a && a.buffer.byteLength >> 2 === cap ? whole(a) : new Float32Array(cap));
    this.x = col(into?.x);
    this.y = col(into?.y);
    this.d = col(into?.diameter);
    this.rank = col(into?.rank);
    this.tone = col(into?.tone);
  }
  reserve(cap: number): void {
    if (cap <= this.x.length) return;
    const grow = (a: Float32Array): Float32Array => {
      const b = new Float32Array(cap);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.x = grow(this.x);
    this.y = grow(this.y);
    this.d = grow(this.d);
    this.rank = grow(this.rank);
    this.tone = grow(this.tone);
  }
  push(x: number, y: number, d: number, rank: number, tone: number): void {
    if (this.n === this.x.length) this.reserve(this.n * 2);
    const i = this.n++;
    this.x[i] = x;
    this.y[i] = y;
    this.d[i] = d;
    this.rank[i] = rank;
    this.tone[i] = tone;
  }
  result(): PatternResult {
    const n = this.n;
    return { count: n, x: this.x.subarray(0, n), y: this.y.subarray(0, n), diameter: this.d.subarray(0, n), rank: this.rank.subarray(0, n), tone: this.tone.subarray(0, n) };
  }
}
