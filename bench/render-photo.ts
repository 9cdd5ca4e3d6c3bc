// The benchmark's photo, made on a canvas in the page (no image is downloaded), and its display copy.
import { Rng } from '../src/pattern/rng.ts';

/** sRGB stops of the skin gradient, centre to edge. */
const SKIN: [number, number, number][] = [
  [239, 207, 180],
  [215, 166, 136],
  [162, 109, 85],
];

/**
 * A skin-like photo: a warm radial gradient, soft blotches (value noise), a fine grain and pores, computed in the
 * page's memory from a seeded generator (a 2D canvas drawing the same shapes takes seconds on a software GPU).
 */
export function makeSkinPhoto(width: number, height: number, seed = 'bench-render'): HTMLCanvasElement {
  const rng = new Rng(seed, 'photo');
  // Blotches: value noise on a coarse grid (about 120 px a cell), smoothly interpolated.
  const CELL = 120;
  const gw = Math.ceil(width / CELL) + 2;
  const gh = Math.ceil(height / CELL) + 2;
  const grid = Float32Array.from({ length: gw * gh }, () => rng.next() * 2 - 1);
  const smooth = (t: number): number => t * t * (3 - 2 * t);

  const data = new Uint8ClampedArray(width * height * 4);
  const cx = width * 0.5;
  const cy = height * 0.38;
  const reach = Math.hypot(width * 0.5, height * 0.62);
  const s0 = SKIN[0]!;
  const s1 = SKIN[1]!;
  const s2 = SKIN[2]!;
  for (let y = 0; y < height; y++) {
    const gy = y / CELL;
    const j = Math.floor(gy);
    const fy = smooth(gy - j);
    for (let x = 0; x < width; x++) {
      const gx = x / CELL;
      const i = Math.floor(gx);
      const fx = smooth(gx - i);
      const a = grid[j * gw + i]!;
      const b = grid[j * gw + i + 1]!;
      const c = grid[(j + 1) * gw + i]!;
      const d = grid[(j + 1) * gw + i + 1]!;
      const blotch = a + (b - a) * fx + (c - a + (a - b - c + d) * fx) * fy;
      const t = Math.min(1, Math.sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / reach);
      const u = t < 0.55 ? t / 0.55 : (t - 0.55) / 0.45;
      const lo = t < 0.55 ? s0 : s1;
      const hi = t < 0.55 ? s1 : s2;
      // Grain: an integer hash of the pixel, ±7 levels.
      let h = Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1);
      h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
      const grain = ((h >>> 24) / 255 - 0.5) * 14;
      const k = 1 + 0.06 * blotch;
      const o = (y * width + x) * 4;
      data[o] = (lo[0] + (hi[0] - lo[0]) * u) * k + grain;
      data[o + 1] = (lo[1] + (hi[1] - lo[1]) * u) * (k - 0.01 * blotch) + grain;
      data[o + 2] = (lo[2] + (hi[2] - lo[2]) * u) * (k - 0.02 * blotch) + grain;
      data[o + 3] = 255;
    }
  }

  // Pores: small darker discs.
  for (let n = 0; n < 40_000; n++) {
    const px = rng.next() * width;
    const py = rng.next() * height;
    const r = 0.8 + 2.2 * rng.next();
    const dark = 0.75 + 0.17 * rng.next();
    for (let y = Math.max(0, Math.floor(py - r)); y <= Math.min(height - 1, Math.ceil(py + r)); y++) {
      for (let x = Math.max(0, Math.floor(px - r)); x <= Math.min(width - 1, Math.ceil(px + r)); x++) {
        if ((x + 0.5 - px) ** 2 + (y + 0.5 - py) ** 2 > r * r) continue;
        const o = (y * width + x) * 4;
        data[o] = data[o]! * dark;
        data[o + 1] = data[o + 1]! * dark;
        data[o + 2] = data[o + 2]! * dark;
      }
    }
  }

  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('No 2D context for the photo');
  g.putImageData(new ImageData(data, width, height), 0, 0);
  return canvas;
}

/** The display copy the scene shows: the photo itself when it fits `maxSide`, else a smaller copy. */
export async function displayCopy(photo: HTMLCanvasElement, maxSide: number): Promise<{ bitmap: ImageBitmap; displayScale: number }> {
  const scale = Math.min(1, maxSide / Math.max(photo.width, photo.height));
  if (scale === 1) return { bitmap: await createImageBitmap(photo), displayScale: 1 };
  const resizeWidth = Math.max(1, Math.floor(photo.width * scale));
  const resizeHeight = Math.max(1, Math.floor(photo.height * scale));
  const bitmap = await createImageBitmap(photo, { resizeWidth, resizeHeight, resizeQuality: 'high' });
  return { bitmap, displayScale: bitmap.width / photo.width };
}
