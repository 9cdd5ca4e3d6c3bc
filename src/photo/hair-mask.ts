// Thinning-hair mode: which pixels of a photo are existing hair (1) and which are visible scalp (0), so dots go only
// between the hairs. Pure: no DOM; runs in the mask worker and, as a fallback, on the main thread.
import type { MaskEdit, Point } from '../design/types.ts';

export interface HairMaskOptions {
  /** 0–1: how far from the skin (darker, or another colour) a pixel must be to count as hair. */
  threshold: number;
  /** The skin colour sampled from the photo (8-bit sRGB), or null to estimate it from the photo itself. */
  skinColour?: readonly [number, number, number] | null;
  /** Grow the hair by this radius (mask px, a disc): a dot centred just beside a strand must not ink it. */
  dilatePx: number;
  /**
   * Side of the square (mask px) over which the skin's brightness and colour are estimated: a few mm, much larger
   * than a strand and its gaps, small enough to follow the light across the head. Default 32.
   */
  backgroundPx?: number;
}

/** How strongly a change of colour (chromaticity distance, 0–~0.5) counts against the threshold. */
const CHROMA_GAIN = 4;
/** Below this sum of r+g+b (0–765) a pixel's chromaticity is noise; only its darkness counts. */
const MIN_CHROMA_SUM = 60;
/** The skin's brightness in a block: this percentile of its pixels (hair is darker, so it sits low). */
const SKIN_PERCENTILE = 0.7;
/** A block whose share of skin-coloured pixels is under this takes its skin brightness from its neighbours. */
const MIN_SKIN_SHARE = 0.1;
const BINS = 64;

const lumaAt = (d: ArrayLike<number>, i: number): number => (0.2126 * d[i]! + 0.7152 * d[i + 1]! + 0.0722 * d[i + 2]!) / 255;

/**
 * The hair mask of an RGBA image (1 = hair, 0 = scalp), row-major, one byte a pixel. A pixel is hair when it is
 * darker than the skin around it by more than `threshold` (as a share of the skin's brightness), or its colour
 * differs from the skin's by more than that (grey or blond hair on skin). The skin around a pixel is estimated per
 * block of `backgroundPx`: its brightness is a high percentile of the block (hair sits below it; with a sampled skin
 * colour, of the block's skin-coloured pixels), its colour the block's median (or the sampled colour), both smoothed
 * across blocks and interpolated per pixel. O(pixels): histograms per block, a separable box over the block grid,
 * and an exact Euclidean distance transform for the dilation.
 */
export function computeHairMask(rgba: ArrayLike<number>, width: number, height: number, opts: HairMaskOptions): Uint8Array {
  const n = width * height;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) throw new RangeError(`bad size ${width} × ${height}`);
  if (rgba.length < n * 4) throw new RangeError(`${rgba.length} bytes for ${width} × ${height} RGBA`);
  const threshold = Math.min(1, Math.max(0, opts.threshold));
  const skin = opts.skinColour ? chromaOf(opts.skinColour[0], opts.skinColour[1], opts.skinColour[2]) : null;
  const skinLuma = opts.skinColour ? lumaAt(opts.skinColour, 0) : null;
  const bg = estimateSkin(rgba, width, height, Math.max(4, Math.round(opts.backgroundPx ?? 32)), threshold, skin, skinLuma);

  const mask = new Uint8Array(n);
  const row = { l: new Float32Array(bg.cols), cr: new Float32Array(bg.cols), cg: new Float32Array(bg.cols) };
  const t2 = (threshold / CHROMA_GAIN) ** 2;
  for (let y = 0; y < height; y++) {
    bg.row(y, row);
    for (let x = 0; x < width; x++) {
      const p = y * width + x, i = p * 4;
      const x0 = bg.x0[x]!, x1 = bg.x1[x]!, tx = bg.tx[x]!;
      const refL = row.l[x0]! + (row.l[x1]! - row.l[x0]!) * tx;
      const l = lumaAt(rgba, i);
      if (refL > 0 && 1 - l / refL > threshold) {
        mask[p] = 1;
        continue;
      }
      const r = rgba[i]!, g = rgba[i + 1]!, b = rgba[i + 2]!;
      const sum = r + g + b;
      if (sum < MIN_CHROMA_SUM) continue;
      const dr = r / sum - (row.cr[x0]! + (row.cr[x1]! - row.cr[x0]!) * tx);
      const dg = g / sum - (row.cg[x0]! + (row.cg[x1]! - row.cg[x0]!) * tx);
      if (dr * dr + dg * dg > t2) mask[p] = 1;
    }
  }
  return opts.dilatePx > 0 ? dilate(mask, width, height, opts.dilatePx) : mask;
}

function chromaOf(r: number, g: number, b: number): { cr: number; cg: number } {
  const s = r + g + b;
  return s > 0 ? { cr: r / s, cg: g / s } : { cr: 1 / 3, cg: 1 / 3 };
}

/** The skin's luma and chromaticity per block, smoothed, with what a row of pixels needs to interpolate them. */
interface SkinField {
  cols: number;
  /** Per pixel column: the block columns to either side of it and the weight of the right one. */
  x0: Int32Array;
  x1: Int32Array;
  tx: Float32Array;
  /** Fills `out` with the blocks' values interpolated to pixel row y, one per block column. */
  row(y: number, out: { l: Float32Array; cr: Float32Array; cg: Float32Array }): void;
}

/** Per-block skin estimate (see computeHairMask), smoothed over 3 × 3 blocks, sampled bilinearly. */
function estimateSkin(
  rgba: ArrayLike<number>, width: number, height: number, block: number, threshold: number,
  skin: { cr: number; cg: number } | null, skinLuma: number | null,
): SkinField {
  const cols = Math.ceil(width / block), rows = Math.ceil(height / block);
  const nb = cols * rows;
  const L = new Float32Array(nb), CR = new Float32Array(nb), CG = new Float32Array(nb);
  const valid = new Uint8Array(nb);
  /** Pixels this far from the sampled skin colour do not tell the skin's brightness (half the threshold). */
  const half2 = (threshold / 2 / CHROMA_GAIN) ** 2;
  const hl = new Uint32Array(BINS), hr = new Uint32Array(BINS), hg = new Uint32Array(BINS);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      hl.fill(0); hr.fill(0); hg.fill(0);
      let total = 0, kept = 0;
      for (let y = by * block; y < Math.min(height, (by + 1) * block); y++) {
        for (let x = bx * block; x < Math.min(width, (bx + 1) * block); x++) {
          const i = (y * width + x) * 4;
          const r = rgba[i]!, g = rgba[i + 1]!, b = rgba[i + 2]!, s = r + g + b;
          total++;
          if (skin) {
            // Only skin-coloured pixels tell the skin's brightness here (dark pixels' colour is noise: left out).
            if (s < MIN_CHROMA_SUM || (r / s - skin.cr) ** 2 + (g / s - skin.cg) ** 2 > half2) continue;
          } else if (s > 0) {
            hr[bin(r / s)]!++;
            hg[bin(g / s)]!++;
          }
          hl[bin(lumaAt(rgba, i))]!++;
          kept++;
        }
      }
      const k = by * cols + bx;
      if (kept === 0 || kept < total * MIN_SKIN_SHARE) continue;
      valid[k] = 1;
      L[k] = percentile(hl, kept, SKIN_PERCENTILE);
      CR[k] = skin ? skin.cr : percentile(hr, sumOf(hr), 0.5);
      CG[k] = skin ? skin.cg : percentile(hg, sumOf(hg), 0.5);
    }
  }
  fillInvalid(valid, cols, rows, [L, CR, CG], [skinLuma ?? 0.5, skin?.cr ?? 1 / 3, skin?.cg ?? 1 / 3]);
  for (const a of [L, CR, CG]) boxSmooth(a, cols, rows);

  // Block centres sit at (b + 0.5) × block; beyond the outer ones the values are held.
  const centre = (v: number, count: number): number => Math.min(count - 1, Math.max(0, (v + 0.5) / block - 0.5));
  const x0 = new Int32Array(width), x1 = new Int32Array(width), tx = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const f = centre(x, cols);
    x0[x] = Math.floor(f);
    x1[x] = Math.min(cols - 1, x0[x]! + 1);
    tx[x] = f - x0[x]!;
  }
  const row = (y: number, out: { l: Float32Array; cr: Float32Array; cg: Float32Array }): void => {
    const f = centre(y, rows);
    const y0 = Math.floor(f), y1 = Math.min(rows - 1, y0 + 1), ty = f - y0;
    for (let c = 0; c < cols; c++) {
      const a = y0 * cols + c, b = y1 * cols + c;
      out.l[c] = L[a]! + (L[b]! - L[a]!) * ty;
      out.cr[c] = CR[a]! + (CR[b]! - CR[a]!) * ty;
      out.cg[c] = CG[a]! + (CG[b]! - CG[a]!) * ty;
    }
  };
  return { cols, x0, x1, tx, row };
}

const bin = (v: number): number => Math.min(BINS - 1, Math.max(0, Math.floor(v * BINS)));
const sumOf = (h: Uint32Array): number => h.reduce((a, b) => a + b, 0);

/** The value (bin centre, 0–1) below which share `q` of the histogram's `count` entries lie. */
function percentile(h: Uint32Array, count: number, q: number): number {
  const target = q * count;
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    seen += h[i]!;
    if (seen >= target && seen > 0) return (i + 0.5) / h.length;
  }
  return 0.5;
}

/**
 * Blocks with no estimate (all hair) take the mean of their nearest valid blocks, ring by ring; with none valid at
 * all, the fallback (the sampled skin, or mid-grey).
 */
function fillInvalid(valid: Uint8Array, cols: number, rows: number, arrays: Float32Array[], fallback: number[]): void {
  if (!valid.includes(0)) return;
  if (!valid.includes(1)) {
    arrays.forEach((a, j) => a.fill(fallback[j]!));
    return;
  }
  let pending = valid.slice();
  // Each pass grows the valid region by one block: at most max(cols, rows) passes over the (small) block grid.
  while (pending.includes(0)) {
    const next = pending.slice();
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        const k = y * cols + x;
        if (pending[k]) continue;
        const sums = arrays.map(() => 0);
        let count = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const xx = x + dx, yy = y + dy;
            if (xx < 0 || yy < 0 || xx >= cols || yy >= rows || !pending[yy * cols + xx]) continue;
            arrays.forEach((a, j) => (sums[j]! += a[yy * cols + xx]!));
            count++;
          }
        }
        if (count === 0) continue;
        arrays.forEach((a, j) => (a[k] = sums[j]! / count));
        next[k] = 1;
      }
    }
    pending = next;
  }
}

/** A 3 × 3 box blur of a small grid, separable, edges clamped. */
function boxSmooth(a: Float32Array, cols: number, rows: number): void {
  const t = new Float32Array(a.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      let s = 0, c = 0;
      for (let dx = -1; dx <= 1; dx++) {
        if (x + dx < 0 || x + dx >= cols) continue;
        s += a[y * cols + x + dx]!;
        c++;
      }
      t[y * cols + x] = s / c;
    }
  }
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      let s = 0, c = 0;
      for (let dy = -1; dy <= 1; dy++) {
        if (y + dy < 0 || y + dy >= rows) continue;
        s += t[(y + dy) * cols + x]!;
        c++;
      }
      a[y * cols + x] = s / c;
    }
  }
}

/**
 * The mask grown by a disc of `radius` px: every pixel within `radius` of a set pixel's centre is set. Exact squared
 * Euclidean distances by two separable passes (along rows by two sweeps, then down columns as the lower envelope of
 * parabolas, Felzenszwalb & Huttenlocher 2012), O(pixels). Distances past the radius are capped: only whether a
 * pixel is within it matters, and a capped value is still beyond it.
 */
export function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const r2 = radius * radius, cap = r2 + 1;
  const rowD = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    let last = -Infinity;
    for (let x = 0; x < width; x++) {
      if (mask[o + x]) last = x;
      rowD[o + x] = Math.min(cap, (x - last) ** 2);
    }
    let next = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (mask[o + x]) next = x;
      rowD[o + x] = Math.min(rowD[o + x]!, (next - x) ** 2);
    }
  }
  const f = new Float64Array(height), d = new Float64Array(height), z = new Float64Array(height + 1);
  const v = new Int32Array(height);
  const out = new Uint8Array(width * height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = rowD[y * width + x]!;
    distance1d(f, height, d, v, z);
    for (let y = 0; y < height; y++) if (d[y]! <= r2) out[y * width + x] = 1;
  }
  return out;
}

/** 1D squared distance transform of sampled function f (lower envelope of parabolas). */
function distance1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    // z[0] is −∞, so this never passes the first parabola.
    let s = intersection(f, q, v[k]!);
    while (s <= z[k]!) s = intersection(f, q, v[--k]!);
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    d[q] = (q - p) * (q - p) + f[p]!;
  }
}

const intersection = (f: Float64Array, q: number, p: number): number => (f[q]! + q * q - (f[p]! + p * p)) / (2 * (q - p));

/**
 * Paints the technician's corrections into `mask` (in place), in order: each stroke is a chain of round brush
 * dabs joined by capsules, setting 1 (hair) or 0 (scalp). `maskPerPhotoPx` maps photo px to mask px; `pxPerMm` is
 * the photo's scale. Returns the box of mask px it painted over (empty when none), where a caller redraws.
 */
export function applyMaskEdits(
  mask: Uint8Array, width: number, height: number, edits: readonly MaskEdit[], maskPerPhotoPx: number, pxPerMm: number,
): MaskBox {
  const box = { x0: width, y0: height, x1: 0, y1: 0 };
  for (const e of edits) {
    const r = (e.sizeMm * pxPerMm * maskPerPhotoPx) / 2;
    if (!(r > 0) || e.points.length === 0) continue;
    const value = e.mode === 'hair' ? 1 : 0;
    const pts = e.points.map((p) => ({ x: p.x * maskPerPhotoPx, y: p.y * maskPerPhotoPx }));
    for (let i = 0; i < pts.length; i++) paintCapsule(mask, width, height, pts[i]!, pts[Math.max(0, i - 1)]!, r, value, box);
  }
  return box;
}

/** A box of mask px: x0, y0 inclusive; x1, y1 exclusive. */
export interface MaskBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * What to paint over the mask `prev` gave to get the one `next` gives, when `next` only adds paint: the last stroke
 * grown (its new points, from the last one painted) or new strokes after the same ones. null otherwise (an undo, an
 * edit in the middle): paint `next` again from the start. A drag then paints one segment a move, not every stroke.
 */
export function strokesAdded(prev: readonly MaskEdit[], next: readonly MaskEdit[]): MaskEdit[] | null {
  if (next.length < prev.length || prev.some((e, i) => i < prev.length - 1 && next[i] !== e)) return null;
  if (prev.length === 0) return next.slice();
  const k = prev.length - 1, a = prev[k]!, b = next[k]!;
  if (a !== b) {
    const grown = a.mode === b.mode && a.sizeMm === b.sizeMm && a.points.length <= b.points.length && a.points.every((p, i) => p.x === b.points[i]!.x && p.y === b.points[i]!.y);
    if (!grown) return null;
  }
  const tail = a === b ? [] : [{ ...b, points: b.points.slice(Math.max(0, a.points.length - 1)) }];
  return [...tail, ...next.slice(prev.length)];
}

/** Sets every pixel whose centre lies within r of the segment a–b, and grows `box` over the pixels it looked at. */
function paintCapsule(mask: Uint8Array, width: number, height: number, a: Point, b: Point, r: number, value: number, box: MaskBox): void {
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - r)), x1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + r));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - r)), y1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + r));
  if (x1 >= x0 && y1 >= y0) {
    box.x0 = Math.min(box.x0, x0);
    box.y0 = Math.min(box.y0, y0);
    box.x1 = Math.max(box.x1, x1 + 1);
    box.y1 = Math.max(box.y1, y1 + 1);
  }
  const dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  const r2 = r * r;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5 - a.x, py = y + 0.5 - a.y;
      const t = len2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / len2)) : 0;
      const ex = px - t * dx, ey = py - t * dy;
      if (ex * ex + ey * ey <= r2) mask[y * width + x] = value;
    }
  }
}
