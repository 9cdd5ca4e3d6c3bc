// Writes the app's icons into public/icons/ (committed): npx tsx scripts/make-icons.ts
// Deterministic: the same bytes every run (arithmetic only, an integer hash for the jitter, PNG by node:zlib).
//
//   icon-192.png, icon-512.png   the emblem: the crown of a shaved head on the app's dark backdrop, pigment dots
//                                over it down to a curved hairline, thinning over a soft band just above it. Full
//                                bleed, with everything that matters inside the central 80% circle, so the same
//                                files serve as "maskable" icons.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './lib/png.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../public/icons');

type Rgb = readonly [number, number, number];
const BACKDROP: Rgb = [0x20, 0x22, 0x25]; // the view's background (src/app/app.css)
const SKIN: Rgb = [0xd8, 0xb4, 0x96];
const SKIN_SHADE: Rgb = [0xb8, 0x92, 0x76];
const PIGMENT: Rgb = [0x2b, 0x26, 0x22]; // "Espresso" (src/app/panel.ts)

/** The head, in units of the icon's side: a disc whose lower half is cut off by the icon's safe circle. */
const HEAD = { cx: 0.5, cy: 0.56, r: 0.33 };
/** The hairline: y at x, lowest at the temples, highest mid-forehead. Dots only above it. */
const hairlineY = (x: number): number => {
  const t = (x - 0.5) / 0.3;
  return 0.6 + 0.09 * t * t;
};
const BAND = 0.07; // the soft band above the hairline where dots thin out
const SPACING = 0.05; // between dot centres (a jittered hexagonal grid)
const DOT_R = 0.0125;

/** A 32-bit integer hash of two integers and a salt, to [0, 1). */
function hash(i: number, j: number, salt: number): number {
  let h = Math.imul(i, 0x27d4eb2d) ^ Math.imul(j, 0x165667b1) ^ Math.imul(salt, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

const smoothstep = (e0: number, e1: number, x: number): number => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/** The dot centres: a jittered hexagonal grid, kept inside the head above the hairline, thinning over the band. */
function dots(): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  const rowStep = SPACING * 0.866;
  for (let j = 0; j * rowStep < 1; j++) {
    for (let i = 0; i * SPACING < 1; i++) {
      const x = i * SPACING + (j % 2 ? SPACING / 2 : 0) + (hash(i, j, 1) - 0.5) * SPACING * 0.45;
      const y = j * rowStep + (hash(i, j, 2) - 0.5) * SPACING * 0.45;
      const inHead = (x - HEAD.cx) ** 2 + (y - HEAD.cy) ** 2 < (HEAD.r - DOT_R * 2) ** 2;
      if (!inHead) continue;
      const keep = smoothstep(0, BAND, hairlineY(x) - y);
      if (hash(i, j, 3) < keep) out.push({ x, y });
    }
  }
  return out;
}

/** The emblem at `size` × `size`, RGB, 4 × 4 samples a pixel. */
function render(size: number): Uint8Array {
  const S = 4;
  const rgb = new Float64Array(size * size * 3);
  const centres = dots();
  const dotR2 = (DOT_R * Math.max(1, 192 / size)) ** 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size, y = (py + (sy + 0.5) / S) / size;
          const d2 = (x - HEAD.cx) ** 2 + (y - HEAD.cy) ** 2;
          let c: Rgb = BACKDROP;
          if (d2 < HEAD.r ** 2) {
            // Lit from the upper left: darker towards the lower right rim.
            const shade = smoothstep(0.35, 1, Math.sqrt(d2) / HEAD.r) * (0.5 + (x - HEAD.cx + y - HEAD.cy) / (2 * HEAD.r) * 0.5 + 0.25);
            c = [0, 1, 2].map((k) => SKIN[k]! + (SKIN_SHADE[k]! - SKIN[k]!) * Math.min(1, shade)) as unknown as Rgb;
            for (const d of centres) {
              if (Math.abs(d.x - x) > 0.03 || Math.abs(d.y - y) > 0.03) continue;
              if ((d.x - x) ** 2 + (d.y - y) ** 2 < dotR2) {
                c = [0, 1, 2].map((k) => c[k]! * 0.15 + PIGMENT[k]! * 0.85) as unknown as Rgb;
                break;
              }
            }
          }
          for (let k = 0; k < 3; k++) acc[k]! += c[k]!;
        }
      }
      for (let k = 0; k < 3; k++) rgb[(py * size + px) * 3 + k] = acc[k]! / (S * S);
    }
  }
  return Uint8Array.from(rgb, (v) => Math.round(v));
}

mkdirSync(OUT, { recursive: true });
for (const size of [192, 512]) {
  const file = join(OUT, `icon-${size}.png`);
  writeFileSync(file, encodePng(render(size), size, size, { channels: 3, level: 9 }));
  console.log(`${file}: ${size} × ${size}`);
}
