// A generated "thinning hair" photo with known hair pixels: skin-coloured noise under smooth light, and straight
// strands 1–3 px wide drawn hard-edged, so every pixel is either hair or skin. Deterministic (seeded).
import { Rng } from '../../src/pattern/rng.ts';

export interface HairPhoto {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  /** 1 where a strand was drawn. */
  hair: Uint8Array;
}

export interface HairPhotoOptions {
  width: number;
  height: number;
  seed: string;
  skin: [number, number, number];
  hair: [number, number, number];
  /** Strands per 10 000 px. */
  strandsPer10k: number;
  /** Uniform noise added to each channel of the skin, ±. */
  noise?: number;
  /** Light falls from 1.05 at the top-left to this at the bottom-right. */
  shade?: number;
  /** Strands stay this far (px) from the left, right, top and bottom edges. */
  margin?: number;
}

export function makeHairPhoto(o: HairPhotoOptions): HairPhoto {
  const { width, height } = o;
  const rng = new Rng('hair-photo', o.seed);
  const noise = o.noise ?? 8, shade = o.shade ?? 0.8, margin = o.margin ?? 0;
  const hair = new Uint8Array(width * height);
  const count = Math.round((width * height * o.strandsPer10k) / 10_000);
  for (let s = 0; s < count; s++) {
    const len = 15 + rng.next() * 45, angle = rng.next() * Math.PI;
    const w = 1 + rng.int(3);
    const cx = margin + len / 2 + rng.next() * (width - 2 * margin - len), cy = margin + len / 2 + rng.next() * (height - 2 * margin - len);
    const ax = cx - (Math.cos(angle) * len) / 2, ay = cy - (Math.sin(angle) * len) / 2;
    const dx = Math.cos(angle) * len, dy = Math.sin(angle) * len;
    for (let y = Math.floor(Math.min(ay, ay + dy) - w); y <= Math.ceil(Math.max(ay, ay + dy) + w); y++) {
      for (let x = Math.floor(Math.min(ax, ax + dx) - w); x <= Math.ceil(Math.max(ax, ax + dx) + w); x++) {
        if (x < 0 || y < 0 || x >= width || y >= height) continue;
        const px = x + 0.5 - ax, py = y + 0.5 - ay;
        const t = Math.min(1, Math.max(0, (px * dx + py * dy) / (len * len)));
        if (Math.hypot(px - t * dx, py - t * dy) <= w / 2) hair[y * width + x] = 1;
      }
    }
  }
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const light = 1.05 - (1.05 - shade) * ((x / width + y / height) / 2);
      const base = hair[p] ? o.hair : o.skin;
      for (let c = 0; c < 3; c++) rgba[p * 4 + c] = base[c]! * light + (hair[p] ? 0 : (rng.next() * 2 - 1) * noise);
      rgba[p * 4 + 3] = 255;
    }
  }
  return { width, height, rgba, hair };
}
