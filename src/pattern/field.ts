import type { DensityField } from './types.ts';

/** Dots per cm² → dots per px² at this scale (1 cm² = 100 mm²). */
export function perPx2(dotsPerCm2: number, pxPerMm: number): number {
  return dotsPerCm2 / (100 * pxPerMm * pxPerMm);
}

/**
 * Returns density(x, y) in dots/cm² at a point in region px. A raster is stretched over the region with its values
 * at cell centres, sampled bilinearly and clamped at the edges (like a texture with linear filtering).
 */
export function makeDensitySampler(field: DensityField, width: number, height: number): (x: number, y: number) => number {
  if (typeof field === 'number') return () => field;
  const { cols, rows, values } = field;
  const sx = cols / width;
  const sy = rows / height;
  return (x, y) => {
    let u = x * sx - 0.5;
    let v = y * sy - 0.5;
    u = u < 0 ? 0 : u > cols - 1 ? cols - 1 : u;
    v = v < 0 ? 0 : v > rows - 1 ? rows - 1 : v;
    const i = Math.min(Math.floor(u), cols - 2 < 0 ? 0 : cols - 2);
    const j = Math.min(Math.floor(v), rows - 2 < 0 ? 0 : rows - 2);
    const fu = cols > 1 ? u - i : 0;
    const fv = rows > 1 ? v - j : 0;
    const i1 = cols > 1 ? i + 1 : i;
    const j1 = rows > 1 ? j + 1 : j;
    const a = values[j * cols + i]!;
    const b = values[j * cols + i1]!;
    const c = values[j1 * cols + i]!;
    const d = values[j1 * cols + i1]!;
    return (a + (b - a) * fu) * (1 - fv) + (c + (d - c) * fu) * fv;
  };
}

export function fieldMax(field: DensityField): number {
  if (typeof field === 'number') return field;
  let m = 0;
  for (const v of field.values) if (v > m) m = v;
  return m;
}

/**
 * Expected number of dots: the integral of the field over the region. For a raster this is exact: the midpoint rule
 * on half-cell steps never straddles a seam of the bilinear patches.
 */
export function expectedDots(field: DensityField, width: number, height: number, pxPerMm: number): number {
  const areaCm2 = (width * height) / (100 * pxPerMm * pxPerMm);
  if (typeof field === 'number') return field * areaCm2;
  const sample = makeDensitySampler(field, width, height);
  const nu = field.cols * 2;
  const nv = field.rows * 2;
  let sum = 0;
  for (let j = 0; j < nv; j++) {
    const y = ((j + 0.5) / nv) * height;
    for (let i = 0; i < nu; i++) sum += sample(((i + 0.5) / nu) * width, y);
  }
  return (sum / (nu * nv)) * areaCm2;
}
