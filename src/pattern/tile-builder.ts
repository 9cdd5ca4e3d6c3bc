import { Rng } from './rng.ts';

/**
 * Builds the progressive blue-noise tile the engine draws from: maximal Poisson-disc sets on a torus, level by level.
 *
 * Units: the final spacing radius is 1. Level k fills the torus to maximal at radius 1/√share_k (coarse to fine)
 * against every point placed before, so the points of levels ≤ k are a maximal Poisson-disc set at that radius: any
 * prefix is blue noise at its own density, and finer levels only add points. Each level is filled by maximal
 * Poisson-disc sampling with cell refinement (after Ebeida et al. 2012): one dart per open cell in shuffled order,
 * then each open cell is split in four and quarters that a single disc covers are dropped. Within a level, points
 * are ranked by their distance to the points placed before them, farthest first, so a partial level is still a
 * Poisson-disc set (two points a, b with insertion distance ≥ δ are ≥ δ apart: the later one measured the earlier).
 *
 * This is slow (about 2.5 µs a point) and runs offline: scripts/build-tile.ts writes the committed tile.
 */
export interface TileBuildOptions {
  /** Side of the torus in final spacing radii. */
  side: number;
  seed: string;
  /** Share of the points present after the coarsest level. */
  coarsestShare: number;
  /** Each level multiplies the share by this. */
  levelRatio: number;
  /** Dart stages (refinements) per level. */
  stages: number;
}

export interface BuiltTile {
  side: number;
  count: number;
  /** In [0, side). */
  x: Float32Array;
  y: Float32Array;
  /** Progressive order in [0, 1): rank < t is a blue-noise set at t of the tile's density. */
  rank: Float32Array;
}

const EMPTY = Math.fround(1e30);
const PAD = 2;
const SHUFFLE_RUN = 256;

export function levelShares(coarsest: number, ratio: number): number[] {
  const shares: number[] = [];
  for (let s = coarsest; s < 1 - 1e-9; s *= ratio) shares.push(s);
  shares.push(1);
  return shares;
}

export function buildTile(o: TileBuildOptions): BuiltTile {
  const b = new TorusSampler(o.side, Math.ceil(o.side * o.side * 0.75));
  const shares = levelShares(o.coarsestShare, o.levelRatio);
  const order: number[] = [];
  for (let k = 0; k < shares.length; k++) {
    const start = b.count;
    b.fillLevel(1 / Math.sqrt(shares[k]!), new Rng(o.seed, 'tile-level', k), o.stages);
    const idx = Array.from({ length: b.count - start }, (_, i) => start + i);
    idx.sort((p, q) => b.dIns[q]! - b.dIns[p]! || p - q);
    order.push(...idx);
  }
  const n = order.length;
  const tile: BuiltTile = { side: o.side, count: n, x: new Float32Array(n), y: new Float32Array(n), rank: new Float32Array(n) };
  order.forEach((p, i) => {
    tile.x[i] = b.x[p]!;
    tile.y[i] = b.y[p]!;
    tile.rank[i] = (i + 0.5) / n;
  });
  return tile;
}

/** Dart throwing on a torus with a padded cell grid whose pad mirrors the opposite edges. */
class TorusSampler {
  x: Float32Array;
  y: Float32Array;
  /** Distance to the nearest point present when the point was placed (capped at the neighbourhood's reach). */
  dIns: Float32Array;
  count = 0;
  private readonly side: number;
  private cellXY = new Float32Array(0);
  private offsets = new Int32Array(25);
  private near = new Float64Array(50);
  private ax = new Float64Array(0);
  private ay = new Float64Array(0);
  private n = 0;
  private g = 1;
  private stride = 0;
  private r2 = 0;
  private reach2 = 0;

  constructor(side: number, capacity: number) {
    this.side = side;
    this.x = new Float32Array(capacity);
    this.y = new Float32Array(capacity);
    this.dIns = new Float32Array(capacity);
  }

  fillLevel(radius: number, rng: Rng, stages: number): void {
    // n cells a side, so that cells tile the torus exactly; g ≤ r/√2 keeps at most one point per cell.
    const n = (this.n = Math.ceil(this.side / (radius / Math.SQRT2)));
    const g = (this.g = this.side / n);
    this.r2 = radius * radius;
    this.reach2 = 4 * g * g;
    const stride = (this.stride = n + 2 * PAD);
    this.cellXY = new Float32Array(stride * stride * 2).fill(EMPTY);
    let o = 0;
    const near: [number, number][] = [];
    for (let dj = -2; dj <= 2; dj++) for (let di = -2; di <= 2; di++) near.push([di, dj]);
    near.sort((a, c) => a[0] ** 2 + a[1] ** 2 - (c[0] ** 2 + c[1] ** 2));
    for (const [di, dj] of near) this.offsets[o++] = 2 * (dj * stride + di);
    for (let p = 0; p < this.count; p++) this.place(this.x[p]!, this.y[p]!);

    let len = 0;
    this.ensure(n * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        if (this.cellXY[this.cellIndex(i, j)] === EMPTY) {
          this.ax[len] = i * g;
          this.ay[len] = j * g;
          len++;
        }
      }
    }
    let size = g;
    for (let stage = 0; len > 0 && stage < stages; stage++) {
      shuffleRuns(this.ax, this.ay, len, rng);
      len = this.throwDarts(len, size, rng);
      if (stage + 1 < stages) len = this.refine(len, size);
      size *= 0.5;
    }
  }

  private cellIndex(i: number, j: number): number {
    return 2 * ((j + PAD) * this.stride + i + PAD);
  }

  /** Writes a point into its cell and into every pad cell that mirrors it across the torus. */
  private place(px: number, py: number): void {
    const { n, g, side } = this;
    const i = Math.min(n - 1, Math.floor(px / g));
    const j = Math.min(n - 1, Math.floor(py / g));
    for (const sx of [-1, 0, 1]) {
      const ii = i + sx * n;
      if (ii < -PAD || ii >= n + PAD) continue;
      for (const sy of [-1, 0, 1]) {
        const jj = j + sy * n;
        if (jj < -PAD || jj >= n + PAD) continue;
        const c = this.cellIndex(ii, jj);
        this.cellXY[c] = px + sx * side;
        this.cellXY[c + 1] = py + sy * side;
      }
    }
  }

  private throwDarts(len: number, size: number, rng: Rng): number {
    const { g, cellXY, offsets, r2, reach2, ax, ay } = this;
    const half = size * 0.5;
    let kept = 0;
    for (let q = 0; q < len; q++) {
      const x0 = ax[q]!, y0 = ay[q]!;
      const c = this.cellIndex(Math.floor((x0 + half) / g), Math.floor((y0 + half) / g));
      if (cellXY[c] !== EMPTY) continue;
      const px = x0 + rng.next() * size;
      const py = y0 + rng.next() * size;
      let hit = -1;
      let best = reach2;
      for (let k = 0; k < 25; k++) {
        const m = c + offsets[k]!;
        const dx = cellXY[m]! - px, dy = cellXY[m + 1]! - py;
        const d2 = dx * dx + dy * dy;
        if (d2 < r2) {
          hit = m;
          break;
        }
        if (d2 < best) best = d2;
      }
      if (hit < 0) {
        const p = this.count++;
        this.x[p] = px;
        this.y[p] = py;
        this.dIns[p] = Math.sqrt(best);
        this.place(px, py);
      } else if (!covers(cellXY[hit]!, cellXY[hit + 1]!, x0, x0 + size, y0, y0 + size, r2)) {
        ax[kept] = x0;
        ay[kept] = y0;
        kept++;
      }
    }
    return kept;
  }

  private refine(len: number, size: number): number {
    this.ensure(len * 4, len);
    const { g, cellXY, offsets, r2, ax, ay, near } = this;
    const half = size * 0.5;
    let out = len * 4;
    for (let q = len - 1; q >= 0; q--) {
      const x0 = ax[q]!, y0 = ay[q]!;
      const c = this.cellIndex(Math.floor((x0 + half) / g), Math.floor((y0 + half) / g));
      if (cellXY[c] !== EMPTY) continue;
      let nn = 0;
      for (let k = 0; k < 25; k++) {
        const m = c + offsets[k]!;
        if (cellXY[m] !== EMPTY) {
          near[nn++] = cellXY[m]!;
          near[nn++] = cellXY[m + 1]!;
        }
      }
      for (let h = 3; h >= 0; h--) {
        const sx = x0 + (h & 1) * half, sy = y0 + (h >> 1) * half;
        let covered = false;
        for (let m = 0; m < nn && !covered; m += 2) covered = covers(near[m]!, near[m + 1]!, sx, sx + half, sy, sy + half, r2);
        if (covered) continue;
        out--;
        ax[out] = sx;
        ay[out] = sy;
      }
    }
    ax.copyWithin(0, out, len * 4);
    ay.copyWithin(0, out, len * 4);
    return len * 4 - out;
  }

  private ensure(n: number, keep = 0): void {
    if (n <= this.ax.length) return;
    const ax = new Float64Array(n), ay = new Float64Array(n);
    ax.set(this.ax.subarray(0, keep));
    ay.set(this.ay.subarray(0, keep));
    this.ax = ax;
    this.ay = ay;
  }
}

function shuffleRuns(ax: Float64Array, ay: Float64Array, len: number, rng: Rng): void {
  // Shuffled within runs: darts stay in random order but touch warm memory (the list is built row by row, and
  // each level ends maximal, so the order shapes only fine statistics).
  for (let run = 0; run < len; run += SHUFFLE_RUN) {
    const end = Math.min(len, run + SHUFFLE_RUN);
    for (let a = end - 1; a > run; a--) {
      const b = run + rng.int(a - run + 1);
      const tx = ax[a]!, ty = ay[a]!;
      ax[a] = ax[b]!;
      ay[a] = ay[b]!;
      ax[b] = tx;
      ay[b] = ty;
    }
  }
}

/** Whether the disc of radius √r2 around (px, py) covers the whole rectangle. */
function covers(px: number, py: number, xa: number, xb: number, ya: number, yb: number, r2: number): boolean {
  const dx = Math.max(Math.abs(px - xa), Math.abs(px - xb));
  const dy = Math.max(Math.abs(py - ya), Math.abs(py - yb));
  return dx * dx + dy * dy < r2;
}
