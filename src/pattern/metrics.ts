import { perPx2 } from './field.ts';

/**
 * Measures of a dot pattern, used by the tests and the benchmark. Pure functions over point arrays.
 */

/** Hexagonal-packing spacing (px) at a density of `perPx2` dots per px². */
export function hexSpacing(perPx2Density: number): number {
  return Math.sqrt(2 / (Math.sqrt(3) * perPx2Density));
}

/** Distance from each point to its nearest neighbour among the first `count` points (Infinity when alone). */
export function nearestNeighbourDistances(x: ArrayLike<number>, y: ArrayLike<number>, count: number, cellHint?: number): Float64Array {
  const out = new Float64Array(count).fill(Infinity);
  if (count < 2) return out;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    minX = Math.min(minX, x[i]!); maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!); maxY = Math.max(maxY, y[i]!);
  }
  const area = Math.max((maxX - minX) * (maxY - minY), 1e-9);
  const cell = cellHint ?? Math.sqrt((area / count) * 2);
  const nx = Math.max(1, Math.ceil((maxX - minX) / cell) + 1);
  const ny = Math.max(1, Math.ceil((maxY - minY) / cell) + 1);
  const head = new Int32Array(nx * ny).fill(-1);
  const next = new Int32Array(count);
  const cx = new Int32Array(count);
  const cy = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    cx[i] = Math.floor((x[i]! - minX) / cell);
    cy[i] = Math.floor((y[i]! - minY) / cell);
    const c = cy[i]! * nx + cx[i]!;
    next[i] = head[c]!;
    head[c] = i;
  }
  for (let i = 0; i < count; i++) {
    let best = Infinity;
    // Search rings of cells until the ring is further than the best distance found.
    for (let ring = 0; ; ring++) {
      if (ring > 0 && (ring - 1) * cell > Math.sqrt(best)) break;
      if (ring > nx + ny) break;
      for (let j = cy[i]! - ring; j <= cy[i]! + ring; j++) {
        if (j < 0 || j >= ny) continue;
        const edgeRow = j === cy[i]! - ring || j === cy[i]! + ring;
        for (let k = cx[i]! - ring; k <= cx[i]! + ring; k += edgeRow ? 1 : Math.max(1, 2 * ring)) {
          if (k < 0 || k >= nx) continue;
          for (let p = head[j * nx + k]!; p >= 0; p = next[p]!) {
            if (p === i) continue;
            const dx = x[p]! - x[i]!;
            const dy = y[p]! - y[i]!;
            const d2 = dx * dx + dy * dy;
            if (d2 < best) best = d2;
          }
        }
      }
    }
    out[i] = Math.sqrt(best);
  }
  return out;
}

export interface SpacingStats {
  min: number;
  p01: number;
  mean: number;
  count: number;
}

/**
 * Nearest-neighbour distance over the hexagonal spacing at each point's local density, for points at least `margin`
 * px inside the box [0, width) × [0, height) (edge points lack neighbours on one side).
 */
export function spacingStats(
  x: ArrayLike<number>, y: ArrayLike<number>, count: number,
  localDensityCm2: (x: number, y: number) => number, pxPerMm: number,
  box: { width: number; height: number; margin: number },
): SpacingStats {
  const nn = nearestNeighbourDistances(x, y, count);
  const ratios: number[] = [];
  for (let i = 0; i < count; i++) {
    const px = x[i]!, py = y[i]!;
    if (px < box.margin || py < box.margin || px > box.width - box.margin || py > box.height - box.margin) continue;
    const rho = localDensityCm2(px, py);
    if (!(rho > 0) || !Number.isFinite(nn[i]!)) continue;
    ratios.push(nn[i]! / hexSpacing(perPx2(rho, pxPerMm)));
  }
  ratios.sort((a, b) => a - b);
  const n = ratios.length;
  let sum = 0;
  for (const r of ratios) sum += r;
  return { min: ratios[0] ?? NaN, p01: ratios[Math.floor(n * 0.01)] ?? NaN, mean: sum / n, count: n };
}

/**
 * Periodogram of the points inside a square window [x0, x0+L) × [y0, y0+L), normalised so that white noise
 * (a Poisson process) has an expected value of 1 at every frequency: P(k) = |Σ exp(-2πi k·p / L)|² / N.
 * Returns the largest value over integer frequencies 0 < |k| ≤ kMax (k = 0 is the mean, excluded).
 */
export function maxLowFrequencyPower(x: ArrayLike<number>, y: ArrayLike<number>, count: number, x0: number, y0: number, L: number, kMax: number): { max: number; at: [number, number] } {
  const px: number[] = [], py: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = x[i]! - x0, v = y[i]! - y0;
    if (u >= 0 && u < L && v >= 0 && v < L) {
      px.push((2 * Math.PI * u) / L);
      py.push((2 * Math.PI * v) / L);
    }
  }
  const n = px.length;
  let max = 0;
  let at: [number, number] = [0, 0];
  // Half plane is enough: P(-k) = P(k).
  for (let ky = 0; ky <= kMax; ky++) {
    for (let kx = -kMax; kx <= kMax; kx++) {
      if (ky === 0 && kx <= 0) continue;
      if (kx * kx + ky * ky > kMax * kMax) continue;
      let re = 0, im = 0;
      for (let i = 0; i < n; i++) {
        const a = kx * px[i]! + ky * py[i]!;
        re += Math.cos(a);
        im -= Math.sin(a);
      }
      const p = (re * re + im * im) / n;
      if (p > max) {
        max = p;
        at = [kx, ky];
      }
    }
  }
  return { max, at };
}

/** Mean absolute relative error of dot counts in square windows of side `w` px against the expected counts. */
export function windowCountError(
  x: ArrayLike<number>, y: ArrayLike<number>, count: number, width: number, height: number, w: number,
  expected: (x0: number, y0: number, w: number) => number,
): number {
  const nx = Math.floor(width / w), ny = Math.floor(height / w);
  const counts = new Float64Array(nx * ny);
  for (let i = 0; i < count; i++) {
    const a = Math.floor(x[i]! / w), b = Math.floor(y[i]! / w);
    if (a < nx && b < ny) counts[b * nx + a]!++;
  }
  let sum = 0, n = 0;
  for (let b = 0; b < ny; b++) {
    for (let a = 0; a < nx; a++) {
      const e = expected(a * w, b * w, w);
      if (e <= 0) continue;
      sum += Math.abs(counts[b * nx + a]! - e) / e;
      n++;
    }
  }
  return sum / n;
}
