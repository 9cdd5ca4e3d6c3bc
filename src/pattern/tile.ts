import { base64ToBytes, decodeTile } from './tile-codec.ts';
import { TILE_BASE64 } from './tile-data.generated.ts';

/** Buckets per side of the tile's spatial index. */
const BUCKETS = 48;

/** The committed tile, decoded once and indexed by square buckets so a region reads only the points it covers. */
export interface Tile {
  side: number;
  count: number;
  /** Points per unit² of tile space. */
  density: number;
  buckets: number;
  bucketSide: number;
  /** Bucket b holds entries bucketStart[b] .. bucketStart[b+1]-1. */
  bucketStart: Uint32Array;
  x: Float32Array;
  y: Float32Array;
  /** The point's index in rank order: rank = (index + 0.5) / count. */
  index: Uint32Array;
}

let cached: Tile | undefined;

export function getTile(): Tile {
  cached ??= indexTile(decodeTile(base64ToBytes(TILE_BASE64)));
  return cached;
}

function indexTile(t: { side: number; count: number; x: Float32Array; y: Float32Array }): Tile {
  const bucketSide = t.side / BUCKETS;
  const bucketOf = (i: number): number =>
    Math.min(BUCKETS - 1, Math.floor(t.y[i]! / bucketSide)) * BUCKETS + Math.min(BUCKETS - 1, Math.floor(t.x[i]! / bucketSide));
  const bucketStart = new Uint32Array(BUCKETS * BUCKETS + 1);
  for (let i = 0; i < t.count; i++) bucketStart[bucketOf(i) + 1]!++;
  for (let b = 0; b < BUCKETS * BUCKETS; b++) bucketStart[b + 1]! += bucketStart[b]!;
  const fill = bucketStart.slice(0, BUCKETS * BUCKETS);
  const x = new Float32Array(t.count), y = new Float32Array(t.count), index = new Uint32Array(t.count);
  for (let i = 0; i < t.count; i++) {
    const at = fill[bucketOf(i)]!++;
    x[at] = t.x[i]!;
    y[at] = t.y[i]!;
    index[at] = i;
  }
  return { side: t.side, count: t.count, density: t.count / (t.side * t.side), buckets: BUCKETS, bucketSide, bucketStart, x, y, index };
}
