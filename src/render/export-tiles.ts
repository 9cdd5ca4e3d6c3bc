// The export worker's arithmetic, with no pixi and no canvas: its tiles, the dots each tile needs, and the
// multiply that puts a tile of dots over the photo.
import type { Pane, Rect } from '../compose/layout.ts';
import type { PatternResult } from '../pattern/types.ts';
import type { DotLook, ZoneField } from './dot-layer.ts';

/** Tiles of at most `t` px a side over `r`, row by row. */
export function tilesOf(r: Rect, t: number): Rect[] {
  const out: Rect[] = [];
  for (let y = r.y; y < r.y + r.height; y += t) {
    for (let x = r.x; x < r.x + r.width; x += t) out.push({ x, y, width: Math.min(t, r.x + r.width - x), height: Math.min(t, r.y + r.height - y) });
  }
  return out;
}

export interface DrawBounds {
  /** No dot of rank at or above this can show (shaders/dot-look.glsl: rank < share × zone density). */
  rankLimit: number;
  /** How far a dot's ink can reach from its centre, per px of its diameter (size LUT, zone size, blowout, halo, soft edge). */
  reachPerDiameter: number;
}

/**
 * Bounds on what the shader can draw for this look, taken wide: a dot past them never shows, so leaving it out of a
 * tile changes no pixel. They follow shaders/dot-look.glsl and dot-ink.glsl; the margins cover what they don't say.
 */
export function drawBounds(look: Pick<DotLook, 'share' | 'sizeScale' | 'blowout' | 'softness' | 'irregular' | 'ageLut'>, zone: ZoneField | null): DrawBounds {
  let density = 1, size = 1;
  if (zone) {
    density = 0;
    size = 0;
    for (let i = 0; i < zone.values.length; i += 4) {
      density = Math.max(density, zone.values[i]!);
      size = Math.max(size, zone.values[i + 1]!);
    }
    // The texture holds at most 255/128 density and 2× size.
    density = Math.min(density, 255 / 128);
    size = Math.min(Math.max(size, 0.5), 2);
  }
  // Healing and fading size: 9 × heal.r × aged.r (LUT rows 0 and 1, 0..1).
  const lut = look.ageLut;
  let heal = 0, aged = 0;
  for (let i = 0; i < 256; i++) {
    heal = Math.max(heal, lut[4 * i]! / 255);
    aged = Math.max(aged, lut[4 * (256 + i)]! / 255);
  }
  const radius = 0.5 * look.sizeScale * 9 * heal * aged * size * (look.blowout > 0 ? 2.6 : 1);
  // Halo (redness) to 2.8 radii, a wandering outline and a soft edge of up to (softness + 2) radii: 4 + softness.
  return { rankLimit: look.share * density * 1.001 + 2 / 65536, reachPerDiameter: radius * (4 + look.softness + look.irregular) };
}

/**
 * The dots each tile needs, in their order: those that can show and whose ink can reach the tile. Each tile then
 * draws only its own, not every dot of the photo (on a software GPU the vertex work is most of a tile's time).
 * `tiles` is tilesOf(area, t).
 */
export function dotsByTile(tiles: Rect[], t: number, d: PatternResult, pane: Pane, scale: number, b: DrawBounds): PatternResult[] {
  const n = tiles.length;
  if (n === 0) return [];
  const x0 = tiles[0]!.x, y0 = tiles[0]!.y;
  const cols = tiles.filter((q) => q.y === y0).length, rows = n / cols;
  // Pass 1 counts each tile's dots (one near a corner reaches up to four), pass 2 copies them.
  const counts = new Uint32Array(n);
  const each = (f: (i: number, j: number) => void): void => {
    for (let i = 0; i < d.count; i++) {
      if (d.rank[i]! >= b.rankLimit) continue;
      const x = pane.dest.x + (d.x[i]! - pane.src.x) * scale - x0, y = pane.dest.y + (d.y[i]! - pane.src.y) * scale - y0;
      // + 4 px: a fresh dot drawn at the 0.75 px minimum has a halo reaching 0.75 × 2.8 + 1.5 + 0.25 ≈ 3.9 px.
      const r = d.diameter[i]! * scale * b.reachPerDiameter + 4;
      const c0 = Math.max(0, Math.floor((x - r) / t)), c1 = Math.min(cols - 1, Math.floor((x + r) / t));
      const r0 = Math.max(0, Math.floor((y - r) / t)), r1 = Math.min(rows - 1, Math.floor((y + r) / t));
      for (let row = r0; row <= r1; row++) for (let col = c0; col <= c1; col++) f(i, row * cols + col);
    }
  };
  each((_, j) => counts[j]!++);
  const out = Array.from(counts, (c) => ({ count: 0, x: new Float32Array(c), y: new Float32Array(c), diameter: new Float32Array(c), rank: new Float32Array(c), tone: new Float32Array(c) }));
  each((i, j) => {
    const o = out[j]!, k = o.count++;
    o.x[k] = d.x[i]!;
    o.y[k] = d.y[i]!;
    o.diameter[k] = d.diameter[i]!;
    o.rank[k] = d.rank[i]!;
    o.tone[k] = d.tone[i]!;
  });
  return out;
}

/**
 * Multiplies a picture's pixels (RGBA, `w` × `h`) by a tile read from the GPU (RGBA, rows `stride` px apart): the
 * dots drawn over white are each pixel's multiplier, as the view's multiply blend makes them over the photo. Pixels
 * with no dot (white) are skipped. Alpha is left alone.
 */
export function multiplyInto(dst: Uint8ClampedArray, m: Uint8ClampedArray | Uint8Array, stride: number, w: number, h: number): void {
  const words = new Uint32Array(m.buffer, m.byteOffset, m.byteLength >> 2);
  for (let y = 0; y < h; y++) {
    const from = y * stride, to = y * w;
    for (let x = 0; x < w; x++) {
      if (words[from + x] === 0xffffffff) continue;
      const i = (to + x) * 4, j = (from + x) * 4;
      // A clamped array rounds to nearest, as the GPU's blend does.
      dst[i] = (dst[i]! * m[j]!) / 255;
      dst[i + 1] = (dst[i + 1]! * m[j + 1]!) / 255;
      dst[i + 2] = (dst[i + 2]! * m[j + 2]!) / 255;
    }
  }
}
