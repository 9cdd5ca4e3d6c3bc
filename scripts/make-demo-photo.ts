// Draws the built-in demo photo: npx tsx scripts/make-demo-photo.ts [--preview DIR]
// Writes public/demo/scalp-demo.jpg and src/photo/demo.ts (what was drawn, in photo px); --preview also writes PNG
// copies to look at (the whole picture halved, 1:1 crops). Deterministic: seeded noise and generators only, pure
// computation into an RGB buffer, encoded with jpeg-js. Takes ~30 s.
//
// The picture: a man's shaved head seen from above and in front, at 8 px/mm (2400 × 1800 px = 300 × 225 mm), the
// forehead at the bottom (the top of the brow ridge at the bottom edge), the crown at the top, on a dark backdrop.
// The head is a 3-D surface (a stack of horizontal ellipses, egg-shaped from above) ray-cast by an orthographic
// camera tilted 30° from overhead towards the face, lit by a spot from above and in front (wrapped diffuse for
// skin, a soft specular sheen on the bald skin). Follicular units sit on that surface at a natural density (82 per
// cm², blue-noise spaced) with 1–4 hairs each. Where hair remains (Norwood 5: a horseshoe on the sides and back
// thinning towards the bald top, recessed temples, a sparse bridge in front of the crown, a thin forelock) each hair
// is what a close shave leaves: a cut stubble shaft (~0.09 mm wide, a sub-pixel streak ~2 px long, drawn as
// area-correct soft dots) and the shaft under the skin, which with its neighbours' makes the grey-blue shadow of
// stubble. Elsewhere the follicles are pores with vellus hairs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import seedrandom from 'seedrandom';
import { createNoise3D, type NoiseFunction3D } from 'simplex-noise';
import { Rng } from '../src/pattern/rng.ts';
import { encodePng } from './lib/png.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 'smp-demo-photo-v1';
const W = 2400, H = 1800, PX_PER_MM = 8, QUALITY = 88;
const UNIT_DENSITY = 0.82; // follicular units per mm² (82 per cm²)

type V3 = [number, number, number];
const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: V3): V3 => {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
};
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const clamp = (v: number, lo = 0, hi = 1): number => (v < lo ? lo : v > hi ? hi : v);
const smooth = (e0: number, e1: number, v: number): number => {
  const t = clamp((v - e0) / (e1 - e0));
  return t * t * (3 - 2 * t);
};
const mix = (a: number, b: number, t: number): number => a + (b - a) * t;
const toLinear = (s: number): number => {
  const c = s / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const rgbLinear = (r: number, g: number, b: number): V3 => [toLinear(r), toLinear(g), toLinear(b)];
const DEG = Math.PI / 180;

// ------------------------------------------------------------------------------------------------------ geometry
// Head coordinates, mm: X to the head's right (image right), Y forward (towards the face), Z up; Z = 0 is the brow.
// The head is a stack of horizontal ellipses: its half breadth peaks at ZA (the parietal bulge) and its half length
// at ZB (glabella to occiput), both closing to the vertex at ZV; below, the sides and the forehead narrow slowly.
const A = 78, B = 99; // greatest half breadth and half length
const ZV = 112, ZA = 38, ZB = 6;
const halfBreadth = (z: number): number =>
  z >= ZA ? A * Math.sqrt(Math.max(0, 1 - ((z - ZA) / (ZV - ZA)) ** 2)) : A * Math.max(0.9, 1 - 0.05 * ((ZA - z) / 100) ** 2);
const halfLength = (z: number): number =>
  z >= ZB ? B * Math.sqrt(Math.max(0, 1 - ((z - ZB) / (ZV - ZB)) ** 2)) : B * Math.max(0.6, 1 - 0.05 * ((ZB - z) / 40) ** 2);
/** < 0 inside the head, 0 on its surface. */
function field(p: V3): number {
  if (p[2] >= ZV) return 1 + p[2] - ZV;
  const a = halfBreadth(p[2]), b = halfLength(p[2]);
  if (a < 1e-9 || b < 1e-9) return 1;
  return (p[0] / a) ** 2 + (p[1] / b) ** 2 - 1;
}
function normalAt(p: V3): V3 {
  const h = 0.02;
  const z = Math.min(p[2], ZV - 2 * h);
  return norm([
    field([p[0] + h, p[1], z]) - field([p[0] - h, p[1], z]),
    field([p[0], p[1] + h, z]) - field([p[0], p[1] - h, z]),
    field([p[0], p[1], z + h]) - field([p[0], p[1], z - h]),
  ]);
}

const TILT = 30 * DEG; // the camera looks down, tilted towards the face
const ST = Math.sin(TILT), CT = Math.cos(TILT);
const E_UP: V3 = [0, -CT, ST]; // image up, in head coordinates
const E_VIEW: V3 = [0, ST, CT]; // towards the camera
const ZC = ZA; // the image's reference point is (0, 0, ZC)
/** The point 80 mm above the brow, up the forehead along the midline: where an SMP hairline's centre belongs. */
function hairlinePoint(): V3 {
  let prev: V3 = [0, halfLength(0), 0], walked = 0;
  for (let z = 0.01; z < ZV; z += 0.01) {
    const p: V3 = [0, halfLength(z), z];
    walked += Math.hypot(p[1] - prev[1], p[2] - prev[2]);
    prev = p;
    if (walked >= 80) return p;
  }
  throw new Error('no hairline');
}
const V_HAIRLINE = dot(hairlinePoint(), E_UP) - ZC * ST;
/**
 * The head is an egg from above: narrower at the forehead, wider at the back (X scaled by image height v, mm). The
 * scale is exact at the hairline's height.
 */
const widthScale = (v: number): number => 1 + 0.05 * clamp((v - V_HAIRLINE) / 90, -1, 1);
const CX = W / 2;
/** The brow (0, B, 0) sits 3 mm below the bottom edge: the top of the brow ridge shows, not the eyebrows. */
const CY = H + 3 * PX_PER_MM + (-halfLength(0) * CT - ZC * ST) * PX_PER_MM;
function toImage(p: V3): [number, number] {
  const v = dot(p, E_UP) - ZC * ST;
  return [CX + p[0] * widthScale(v) * PX_PER_MM, CY - v * PX_PER_MM];
}

/** The head's surface point seen at image point (x, y), or undefined. */
function castRay(x: number, y: number): V3 | undefined {
  const v = (CY - y) / PX_PER_MM;
  const u = (x - CX) / PX_PER_MM / widthScale(v);
  if (Math.abs(u) >= A) return undefined;
  const at = (t: number): V3 => [u, -v * CT + t * ST, ZC + v * ST + t * CT];
  // March from in front of the head towards the back; the head is convex, so the first entry is the surface.
  let t = Math.min((B + v * CT) / ST, (ZV - ZC - v * ST) / CT);
  const tEnd = (-B + v * CT) / ST;
  const step = 2;
  for (; t > tEnd; t -= step) {
    if (field(at(t)) < 0) {
      let hi = t + step, lo = t; // outside at hi, inside at lo
      for (let k = 0; k < 20; k++) {
        const mid = (hi + lo) / 2;
        if (field(at(mid)) < 0) lo = mid;
        else hi = mid;
      }
      return at(hi);
    }
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------------- noise
const noise3 = (name: string): NoiseFunction3D => createNoise3D(seedrandom(`${SEED}\u241f${name}`));
function fbm(n: NoiseFunction3D, p: V3, scale: number, octaves: number): number {
  let sum = 0, amp = 1, f = 1 / scale, total = 0;
  for (let o = 0; o < octaves; o++) {
    sum += amp * n(p[0] * f + o * 17.1, p[1] * f - o * 9.3, p[2] * f + o * 5.7);
    total += amp;
    amp *= 0.5;
    f *= 2.03;
  }
  return sum / total;
}
const N_RED = noise3('redness'), N_YEL = noise3('yellowness'), N_MOT = noise3('mottle'), N_FINE = noise3('fine');
const N_LUMP = noise3('lumps'), N_PORE = noise3('pores'), N_SHEEN = noise3('sheen'), N_EDGE = noise3('hair-edge');
const N_WRINKLE = noise3('wrinkles');

// ---------------------------------------------------------------------------------------------------- hair map
/** The centre follicles are placed around, and head angles measured from. */
const ORIGIN: V3 = [0, 0, 30];
/** The surface point in direction q (a unit vector) from ORIGIN. */
function onSkull(q: V3): V3 {
  let lo = 0, hi = 400;
  for (let k = 0; k < 30; k++) {
    const mid = (lo + hi) / 2;
    if (field([ORIGIN[0] + q[0] * mid, ORIGIN[1] + q[1] * mid, ORIGIN[2] + q[2] * mid]) < 0) lo = mid;
    else hi = mid;
  }
  return [ORIGIN[0] + q[0] * hi, ORIGIN[1] + q[1] * hi, ORIGIN[2] + q[2] * hi];
}

/** Angles of a head point seen from ORIGIN (head proportions evened out): elevation, azimuth from the front (±180°). */
function angles(p: V3): { el: number; az: number } {
  const q = norm([p[0] / A, p[1] / B, (p[2] - ORIGIN[2]) / (ZV - ORIGIN[2])]);
  return { el: Math.asin(clamp(q[2], -1, 1)) / DEG, az: Math.atan2(q[0], q[1]) / DEG };
}

/**
 * Where hair remains (Norwood 5): `density` is the share of follicular units still growing terminal hair, `calibre`
 * how thick and dark their hair is (miniaturised towards the bald areas).
 */
function hairAt(p: V3): { density: number; calibre: number } {
  const { el, az } = angles(p);
  const aaz = Math.abs(az);
  const wobble = fbm(N_EDGE, p, 20, 3) * 5 + fbm(N_EDGE, p, 5, 2) * 1.8;
  // Horseshoe: sides and back up to elTop; forward only to the recessed temples.
  const elTop = mix(47, 53, smooth(90, 180, aaz)) - 14 * smooth(95, 58, aaz);
  const front = mix(64, 44, smooth(5, -30, el)); // the temple recession's front edge, in azimuth
  const thin = smooth(-12, 8, elTop + wobble - el); // thinning towards the bald top
  const fringe = smooth(0.25, 0.75, thin) * smooth(-5, 4, aaz - front + wobble * 0.8);
  // A thin, sparse bridge over the top, in front of the crown; a thin forelock at the front of the midline.
  const bridgeY = p[1] - 6 + wobble * 1.5;
  const bridge = smooth(18, 7, Math.abs(bridgeY)) * smooth(25, 38, el) * 0.42;
  const fx = p[0] + wobble * 0.8, fz = el - 40 + wobble * 0.6;
  const forelock = smooth(1.3, 0.2, Math.hypot(fx / 30, fz / 14)) * 0.4;
  const strip = smooth(16, 5, Math.abs(p[0] + wobble)) * smooth(36, 50, el) * smooth(45, 15, p[1]) * 0.2;
  const density = clamp(Math.max(fringe, bridge, forelock, strip));
  const calibre = clamp(0.25 + 0.75 * thin ** 1.5 + 0.6 * Math.max(bridge, forelock, strip));
  return { density, calibre };
}

/** The crown's whorl; hair grows away from it, turning clockwise close to it. */
const WHORL = onSkull(norm([0.03, -0.35, 0.94]));
function growthDirection(p: V3, n: V3): V3 {
  const w = WHORL;
  const away: V3 = [p[0] - w[0], p[1] - w[1], p[2] - w[2]];
  const k = dot(away, n);
  const t = norm([away[0] - k * n[0], away[1] - k * n[1], away[2] - k * n[2]]);
  const spin = cross(n, t);
  const r = Math.hypot(away[0], away[1], away[2]);
  const twist = 0.9 * Math.exp(-r / 35);
  return norm([t[0] + twist * spin[0], t[1] + twist * spin[1] + 0.15, t[2] + twist * spin[2] - 0.1]);
}

// --------------------------------------------------------------------------------------------------- the skin
const SKIN = rgbLinear(222, 184, 164);
const RED_SKIN = rgbLinear(214, 150, 138);
const YELLOW_SKIN = rgbLinear(226, 192, 150);
const TAN_SKIN = rgbLinear(205, 158, 128);
const LENTIGO = rgbLinear(176, 124, 96);

interface Spot { c: V3; r: number; strength: number; colour: V3 }
/** Sun spots on the bald top, a few red dots: placed once, from the seed. */
function makeSpots(): Spot[] {
  const rng = new Rng(SEED, 'spots');
  const spots: Spot[] = [];
  while (spots.length < 9) {
    const el = (20 + rng.next() * 65) * DEG, az = (rng.next() * 2 - 1) * 60 * DEG;
    const c = onSkull([Math.cos(el) * Math.sin(az), Math.cos(el) * Math.cos(az), Math.sin(el)]);
    if (hairAt(c).density > 0.05) continue;
    const red = spots.length >= 7;
    spots.push({ c, r: red ? 0.3 + rng.next() * 0.2 : 1.5 + rng.next() * 3, strength: red ? 0.35 : 0.07 + rng.next() * 0.12,
      colour: red ? rgbLinear(185, 80, 78) : LENTIGO });
  }
  return spots;
}
const SPOTS = makeSpots();

function albedo(p: V3): V3 {
  const { el } = angles(p);
  const red = Math.max(0, fbm(N_RED, p, 38, 3) + 0.1) * 0.45;
  const yel = Math.max(0, fbm(N_YEL, p, 40, 2)) * 0.6;
  const tan = smooth(35, 75, el) * 0.35 * (0.7 + 0.3 * fbm(N_YEL, p, 12, 2));
  const mot = 1 + fbm(N_MOT, p, 3.5, 2) * 0.035 + fbm(N_FINE, p, 0.5, 2) * 0.035 + fbm(N_PORE, p, 0.18, 1) * 0.025;
  const out: V3 = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    let v = SKIN[c]!;
    v = mix(v, RED_SKIN[c]!, red);
    v = mix(v, YELLOW_SKIN[c]!, yel);
    v = mix(v, TAN_SKIN[c]!, tan);
    out[c] = v * mot;
  }
  for (const s of SPOTS) {
    const d = Math.hypot(p[0] - s.c[0], p[1] - s.c[1], p[2] - s.c[2]);
    if (d > s.r * 2.5) continue;
    const edge = s.r * (1 + 0.45 * fbm(N_MOT, p, s.r * 1.3, 3));
    const k = smooth(edge, edge * 0.3, d) * s.strength;
    for (let c = 0; c < 3; c++) out[c] = mix(out[c]!, s.colour[c]!, k);
  }
  return out;
}

/** Height over the base surface, mm: the brow ridge, forehead lines, slight lumps, fine relief. */
function relief(p: V3): number {
  let h = fbm(N_LUMP, p, 30, 2) * 0.15 + fbm(N_PORE, p, 0.35, 2) * 0.01;
  if (p[1] > 0.6 * B) {
    // Brow ridge: two arches over the eyes, a slight dip at the glabella; forehead lines above.
    const front = smooth(0.6 * B, 0.9 * B, p[1]);
    const arch = Math.exp(-(((Math.abs(p[0]) - 28) / 24) ** 2)) * Math.exp(-(((p[2] + 2 + 0.0008 * p[0] * p[0]) / 11) ** 2));
    const glabella = Math.exp(-((p[0] / 10) ** 2)) * Math.exp(-(((p[2] - 2) / 7) ** 2));
    h += front * (1.8 * arch - 0.4 * glabella);
    for (const [z0, depth] of [[22, 0.05], [30, 0.06], [39, 0.04]] as const) {
      const z = z0 + 0.0012 * p[0] * p[0] + fbm(N_WRINKLE, p, 25, 2) * 2;
      const fade = smooth(40, 12, Math.abs(p[0])) * clamp(0.3 + 0.9 * fbm(N_WRINKLE, [p[0] * 2, p[1], z0], 14, 2));
      h -= front * depth * fade * Math.exp(-(((p[2] - z) / 0.7) ** 2));
    }
  }
  return h;
}

// -------------------------------------------------------------------------------------------------- lighting
const KEY: V3 = norm([-0.2, 0.45, 1.0]), FILL: V3 = norm([0.8, 0.5, 0.15]);
const KEY_RGB: V3 = [0.93, 0.89, 0.84], FILL_RGB: V3 = [0.05, 0.055, 0.065], AMBIENT: V3 = [0.02, 0.021, 0.024];
const WRAP: V3 = [0.14, 0.07, 0.05]; // light bleeds further round the terminator in red: skin scatters
const HALF_KEY = norm([KEY[0] + E_VIEW[0], KEY[1] + E_VIEW[1], KEY[2] + E_VIEW[2]]);

/** The key light is a spot aimed at the top of the head: the brow and the lower sides get less of it. */
const spot = (p: V3): number => 0.3 + 0.7 * smooth(150, 65, Math.hypot(p[0], p[1] - 15, p[2] - 75));

/** Diffuse light (per channel) reaching a skin point p with normal n. */
function irradiance(n: V3, p: V3): V3 {
  const k = dot(n, KEY) * spot(p), f = dot(n, FILL);
  const out: V3 = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    const w = WRAP[c]!;
    out[c] = KEY_RGB[c]! * Math.max(0, (k + w) / (1 + w)) ** 1.8 + FILL_RGB[c]! * Math.max(0, (f + w) / (1 + w)) +
      AMBIENT[c]! * (0.6 + 0.4 * n[2]);
  }
  return out;
}

function specular(n: V3, p: V3, shine: number): number {
  const nh = Math.max(0, dot(n, HALF_KEY));
  const nv = Math.max(0, dot(n, E_VIEW));
  const fresnel = 0.04 + 0.96 * (1 - nv) ** 5;
  const sheen = 0.6 + 0.4 * fbm(N_SHEEN, p, 6, 2);
  return spot(p) * shine * sheen * (0.45 * nh ** 10 + 0.9 * nh ** 60) * (0.5 + 2.5 * fresnel);
}

// ------------------------------------------------------------------------------------------------ the render
interface Frame {
  rgb: Float32Array; // linear RGB of skin and backdrop
  light: Float32Array; // diffuse light per pixel (for the hair)
  cover: Float32Array; // head coverage, 0..1
  /** The expected shadow of hair under the skin, from the hair map: smooth where the follicles' own is patchy. */
  shadow: Float32Array;
}

function renderSkin(): Frame {
  const rgb = new Float32Array(W * H * 3), light = new Float32Array(W * H * 3), cover = new Float32Array(W * H);
  const shadow = new Float32Array(W * H);
  const bgRng = new Rng(SEED, 'backdrop');
  // Pass 1: which pixel centres see the head.
  const hits: (V3 | undefined)[] = new Array<V3 | undefined>(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) hits[y * W + x] = castRay(x + 0.5, y + 0.5);
  const eps = 0.06; // mm, for the relief's slope
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      // Backdrop: dark neutral grey, a soft falloff from the upper left.
      const gx = x / W - 0.3, gy = y / H - 0.25;
      const bgv = 0.016 * (1.2 - 0.55 * Math.min(1, Math.hypot(gx, gy))) * (1 + (bgRng.next() - 0.5) * 0.02);
      const bg: V3 = [bgv * 0.97, bgv, bgv * 1.05];
      // Coverage: 1 or 0, except where a neighbour differs: there 16 sub-samples decide (and give a point).
      let p = hits[i];
      let cov = p ? 1 : 0;
      const edge = [[1, 0], [-1, 0], [0, 1], [0, -1]].some(([dx, dy]) => {
        const xx = x + dx!, yy = y + dy!;
        return xx >= 0 && yy >= 0 && xx < W && yy < H && !hits[yy * W + xx] !== !p;
      });
      if (edge) {
        let n = 0;
        for (let sy = 0; sy < 4; sy++) {
          for (let sx = 0; sx < 4; sx++) {
            const q = castRay(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
            if (q) {
              n++;
              p ??= q;
            }
          }
        }
        cov = n / 16;
      }
      cover[i] = cov;
      if (!p || cov <= 0) {
        rgb.set(bg, i * 3);
        continue;
      }
      const n0 = normalAt(p);
      // The relief tilts the normal: its slope along two tangents.
      const t1 = norm(Math.abs(n0[2]) > 0.999 ? [1, 0, 0] : cross([0, 0, 1], n0));
      const t2 = cross(n0, t1);
      const h0 = relief(p);
      const h1 = relief([p[0] + t1[0] * eps, p[1] + t1[1] * eps, p[2] + t1[2] * eps]);
      const h2 = relief([p[0] + t2[0] * eps, p[1] + t2[1] * eps, p[2] + t2[2] * eps]);
      const d1 = (h1 - h0) / eps, d2 = (h2 - h0) / eps;
      const n = norm([n0[0] - d1 * t1[0] - d2 * t2[0], n0[1] - d1 * t1[1] - d2 * t2[1], n0[2] - d1 * t1[2] - d2 * t2[2]]);
      const alb = albedo(p);
      const irr = irradiance(n, p);
      const { density, calibre } = hairAt(p);
      // Units per px² × hairs per unit × each hair's visible shaft under the skin (see drawFollicles).
      shadow[i] = ((UNIT_DENSITY / PX_PER_MM ** 2) * density * 2.1 * (0.088 * calibre * PX_PER_MM * 2.2 * PX_PER_MM * 0.5)) /
        Math.max(0.25, dot(n0, E_VIEW));
      const shine = 0.24 * (1 - 0.7 * density);
      const spec = specular(n, p, shine);
      const cavity = 1 + Math.min(0, h0 - fbm(N_LUMP, p, 30, 2) * 0.15) * 1.2;
      for (let c = 0; c < 3; c++) {
        light[i * 3 + c] = irr[c]!;
        rgb[i * 3 + c] = mix(bg[c]!, alb[c]! * irr[c]! * cavity + spec * KEY_RGB[c]!, cov);
      }
    }
  }
  return { rgb, light, cover, shadow };
}

// --------------------------------------------------------------------------------------------------- follicles
interface Buffers {
  hair: Float32Array; // summed shaft coverage, px²/px²
  hairRgb: Float32Array; // coverage-weighted hair colour
  under: Float32Array; // hair under the skin, each hair's own trace: absorption
  field: Float32Array; // hair under the skin, smoothed over ~1 mm: the even shadow of many overlapping hairs
}

/** Adds `amount` px² of coverage at (x, y), spread as a small gaussian (the lens's blur); its total is exact. */
function splat(buf: Float32Array, x: number, y: number, amount: number, sigma: number, colour?: { rgb: Float32Array; c: V3 }): void {
  const r = Math.ceil(sigma * 2.5);
  const x0 = Math.max(0, Math.floor(x) - r), x1 = Math.min(W - 1, Math.floor(x) + r);
  const y0 = Math.max(0, Math.floor(y) - r), y1 = Math.min(H - 1, Math.floor(y) + r);
  if (x1 < x0 || y1 < y0) return;
  let total = 0;
  const inv = 1 / (2 * sigma * sigma);
  const ws: number[] = [];
  for (let yy = y0; yy <= y1; yy++) {
    for (let xx = x0; xx <= x1; xx++) {
      const dx = xx + 0.5 - x, dy = yy + 0.5 - y;
      const w = Math.exp(-(dx * dx + dy * dy) * inv);
      ws.push(w);
      total += w;
    }
  }
  if (total <= 0) return;
  let k = 0;
  for (let yy = y0; yy <= y1; yy++) {
    for (let xx = x0; xx <= x1; xx++) {
      const a = (ws[k++]! / total) * amount;
      const i = yy * W + xx;
      buf[i] = buf[i]! + a;
      if (colour) {
        colour.rgb[i * 3] = colour.rgb[i * 3]! + a * colour.c[0];
        colour.rgb[i * 3 + 1] = colour.rgb[i * 3 + 1]! + a * colour.c[1];
        colour.rgb[i * 3 + 2] = colour.rgb[i * 3 + 2]! + a * colour.c[2];
      }
    }
  }
}

const DARK_HAIR = rgbLinear(44, 36, 32), GREY_HAIR = rgbLinear(175, 170, 164), VELLUS = rgbLinear(150, 118, 102);

/**
 * Follicular units spread evenly over the head: a Fibonacci lattice of directions from ORIGIN, projected onto the
 * surface, thinned by the surface area each direction covers (r² / cos), then jittered in the tangent plane.
 */
function drawFollicles(frame: Frame): { buffers: Buffers; units: number; hairs: number } {
  const buffers: Buffers = { hair: new Float32Array(W * H), hairRgb: new Float32Array(W * H * 3), under: new Float32Array(W * H),
    field: new Float32Array(W * H) };
  const rng = new Rng(SEED, 'follicles');
  const golden = Math.PI * (3 - Math.sqrt(5));
  const lattice = (k: number, n: number): V3 => {
    const qz = 1 - (2 * (k + 0.5)) / n, rr = Math.sqrt(1 - qz * qz);
    return [rr * Math.cos(k * golden), rr * Math.sin(k * golden), qz];
  };
  const areaPerSteradian = (q: V3): { p: V3; n: V3; j: number } => {
    const p = onSkull(q);
    const n = normalAt(p);
    const r2 = (p[0] - ORIGIN[0]) ** 2 + (p[1] - ORIGIN[1]) ** 2 + (p[2] - ORIGIN[2]) ** 2;
    return { p, n, j: r2 / Math.max(0.2, dot(n, q)) };
  };
  const Q_MIN = -0.55; // down to about the ears
  let jMax = 0;
  for (let k = 0; k < 20000; k++) {
    const q = lattice(k, 20000);
    if (q[2] >= Q_MIN) jMax = Math.max(jMax, areaPerSteradian(q).j);
  }
  jMax *= 1.05;
  const n = Math.ceil(UNIT_DENSITY * 4 * Math.PI * jMax);
  const spacing = 1 / Math.sqrt(UNIT_DENSITY);
  let units = 0, hairs = 0;
  for (let k = 0; k < n; k++) {
    const q = lattice(k, n);
    if (q[2] < Q_MIN) break;
    const cand = areaPerSteradian(q);
    if (rng.next() > cand.j / jMax) continue;
    let nrm = cand.n;
    if (dot(nrm, E_VIEW) < 0.02) continue; // facing away
    const t1 = norm(Math.abs(nrm[2]) > 0.999 ? [1, 0, 0] : cross([0, 0, 1], nrm));
    const t2 = cross(nrm, t1);
    const j1 = (rng.next() - 0.5) * 0.7 * spacing, j2 = (rng.next() - 0.5) * 0.7 * spacing;
    const p: V3 = onSkull(norm([cand.p[0] + t1[0] * j1 + t2[0] * j2 - ORIGIN[0], cand.p[1] + t1[1] * j1 + t2[1] * j2 - ORIGIN[1],
      cand.p[2] + t1[2] * j1 + t2[2] * j2 - ORIGIN[2]]));
    nrm = normalAt(p);
    const [ux, uy] = toImage(p);
    if (ux < -10 || uy < -10 || ux > W + 10 || uy > H + 10) continue;
    units++;
    const { density, calibre } = hairAt(p);
    const growing = rng.next() < density;
    const g = growthDirection(p, nrm);
    const light = pixelLight(frame, ux, uy);
    if (!growing) {
      // A pore with a vellus hair: a faint speck.
      const d = 0.07 * PX_PER_MM;
      splat(buffers.hair, ux, uy, Math.PI * (d / 2) ** 2, 0.45, { rgb: buffers.hairRgb, c: mulLight(VELLUS, light) });
      continue;
    }
    const count = pickHairCount(rng, density);
    for (let h = 0; h < count; h++) {
      hairs++;
      // Hairs of a unit emerge within ~0.15 mm of each other.
      const o1 = (rng.next() - 0.5) * 0.3, o2 = (rng.next() - 0.5) * 0.3;
      const e: V3 = [p[0] + t1[0] * o1 + t2[0] * o2, p[1] + t1[1] * o1 + t2[1] * o2, p[2] + t1[2] * o1 + t2[2] * o2];
      const grey = rng.next() < 0.12;
      const cal = calibre * Math.exp((rng.next() - 0.5) * 0.35);
      drawHair(buffers, e, nrm, g, cal, grey, rng, light);
      // Its share of the even shadow: ~2 mm of shaft under the skin, half visible.
      splat(buffers.field, ux, uy, 0.088 * cal * PX_PER_MM * 2.2 * PX_PER_MM * 0.5 * (grey ? 0.15 : 1), 1);
    }
  }
  return { buffers, units, hairs };
}

function pickHairCount(rng: Rng, density: number): number {
  const r = rng.next() * (0.5 + 0.5 * density);
  return r < 0.25 ? 1 : r < 0.72 ? 2 : r < 0.95 ? 3 : 4;
}

function pixelLight(frame: Frame, x: number, y: number): V3 {
  const xi = clamp(Math.floor(x), 0, W - 1), yi = clamp(Math.floor(y), 0, H - 1);
  const i = (yi * W + xi) * 3;
  return [frame.light[i]!, frame.light[i + 1]!, frame.light[i + 2]!];
}
const mulLight = (c: V3, l: V3): V3 => [c[0] * l[0], c[1] * l[1], c[2] * l[2]];

/**
 * One shaved hair: the stubble above the skin (a streak of the shaft's width from where it emerges, leaning with
 * its growth) and the shaft under the skin behind it, fading with depth (the blue-grey shadow of a shaved head).
 */
function drawHair(buf: Buffers, e: V3, n: V3, g: V3, calibre: number, grey: boolean, rng: Rng, light: V3): void {
  const width = 0.088 * calibre * PX_PER_MM; // px
  const lean = (28 + rng.next() * 16) * DEG;
  const len = 0.22 * (0.55 + 0.45 * calibre) * Math.exp((rng.next() - 0.5) * 0.6); // mm above the skin
  const dir: V3 = norm([g[0] * Math.cos(lean) + n[0] * Math.sin(lean), g[1] * Math.cos(lean) + n[1] * Math.sin(lean),
    g[2] * Math.cos(lean) + n[2] * Math.sin(lean)]);
  const colour = mulLight(grey ? GREY_HAIR : DARK_HAIR, light);
  const [x0, y0] = toImage(e);
  const [x1, y1] = toImage([e[0] + dir[0] * len, e[1] + dir[1] * len, e[2] + dir[2] * len]);
  const lengthPx = Math.hypot(x1 - x0, y1 - y0);
  const steps = Math.max(1, Math.ceil(lengthPx / 0.4));
  for (let s = 0; s <= steps; s++) {
    const f = s / steps;
    const taper = s === steps ? 0.5 : 1;
    splat(buf.hair, x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, width * (lengthPx / steps) * taper * (s === 0 ? 0.5 : 1), 0.42,
      { rgb: buf.hairRgb, c: colour });
  }
  // The cut end, seen end-on.
  splat(buf.hair, x1, y1, Math.PI * (width / 2) ** 2, 0.42, { rgb: buf.hairRgb, c: colour });
  // Under the skin: back along the growth direction, deeper as it goes.
  const pigment = grey ? 0.15 : 1;
  const under = 3; // mm followed
  for (let s = 0.05; s < under; s += 0.15) {
    const depth = s * Math.tan(lean * 0.8);
    const w = Math.exp(-depth / 0.9) * pigment * 1.5;
    if (w < 0.02) break;
    const [ux, uy] = toImage([e[0] - g[0] * s, e[1] - g[1] * s, e[2] - g[2] * s]);
    splat(buf.under, ux, uy, width * 0.15 * PX_PER_MM * w * calibre, 0.8 + depth * 1.5);
  }
}

// -------------------------------------------------------------------------------------------------- composite
const UNDER_ABSORB: V3 = [1.0, 0.8, 0.54]; // red is absorbed most deep in the skin: the shadow reads blue-grey

/** Separable gaussian blur, in place: light scattered in the skin spreads the shadow of the hair under it. */
function blur(buf: Float32Array, sigma: number): void {
  const r = Math.ceil(sigma * 3);
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const total = k.reduce((a, b) => a + b, 0);
  const tmp = new Float32Array(buf.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0;
      for (let i = -r; i <= r; i++) sum += k[i + r]! * buf[y * W + clamp(x + i, 0, W - 1)]!;
      tmp[y * W + x] = sum / total;
    }
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sum = 0;
      for (let i = -r; i <= r; i++) sum += k[i + r]! * tmp[clamp(y + i, 0, H - 1) * W + x]!;
      buf[y * W + x] = sum / total;
    }
  }
}

function composite(frame: Frame, buf: Buffers): Uint8Array {
  blur(buf.under, 2);
  blur(buf.field, 9);
  const out = new Uint8Array(W * H * 4);
  const noise = new Rng(SEED, 'sensor');
  const lut = new Uint8Array(4097);
  for (let i = 0; i <= 4096; i++) {
    const c = i / 4096;
    lut[i] = Math.round(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
  }
  const strength = 2.1;
  for (let i = 0; i < W * H; i++) {
    const cov = frame.cover[i]!;
    const hairCov = 1 - Math.exp(-buf.hair[i]!);
    const under = (0.7 * frame.shadow[i]! + 0.3 * buf.field[i]! + 0.12 * buf.under[i]!) * cov;
    const grain = (noise.next() + noise.next() + noise.next() - 1.5) * 0.012; // sensor noise, luminance
    for (let c = 0; c < 3; c++) {
      let v = frame.rgb[i * 3 + c]! * Math.exp(-strength * under * UNDER_ABSORB[c]!);
      if (buf.hair[i]! > 0) v = mix(v, buf.hairRgb[i * 3 + c]! / buf.hair[i]!, hairCov);
      v *= 1 + grain + (noise.next() - 0.5) * 0.006;
      out[i * 4 + c] = lut[Math.round(clamp(v) * 4096)]!;
    }
    out[i * 4 + 3] = 255;
  }
  return out;
}

// ----------------------------------------------------------------------------------------------- what was drawn
/** The point 80 mm above the brow, up the forehead along the midline: where an SMP hairline's centre goes. */
/**
 * The head's silhouette as a polygon: from the middle of the head, the last covered pixel along 72 rays, pulled in by
 * 2 % so the polygon stays on skin. The app uses it to keep the demo's treatment area on the head.
 */
function headOutline(cover: Float32Array): [number, number][] {
  let sx = 0, sy = 0, n = 0;
  for (let y = 0; y < H; y += 4) for (let x = 0; x < W; x += 4) if (cover[y * W + x]! > 0.5) { sx += x; sy += y; n++; }
  const cx = sx / n, cy = sy / n;
  const pts: [number, number][] = [];
  for (let k = 0; k < 72; k++) {
    const a = (k / 72) * 2 * Math.PI;
    let last = 0;
    for (let r = 0; r < Math.hypot(W, H); r += 2) {
      const x = Math.round(cx + r * Math.cos(a)), y = Math.round(cy + r * Math.sin(a));
      if (x < 0 || y < 0 || x >= W || y >= H) break;
      if (cover[y * W + x]! > 0.5) last = r;
    }
    pts.push([Math.round(cx + 0.98 * last * Math.cos(a)), Math.round(cy + 0.98 * last * Math.sin(a))]);
  }
  return pts;
}

function writeDemoModule(hairline: [number, number], outline: [number, number][]): void {
  const text = `// Generated by scripts/make-demo-photo.ts: what the demo photo shows, in its own pixels. Do not edit.
/** The built-in demo photo: a shaved head with Norwood 5 hair loss, seen from above and in front, at a known scale. */
export const DEMO_PHOTO = {
  /** Relative to the app's base (public/demo/). */
  url: 'demo/scalp-demo.jpg',
  width: ${W},
  height: ${H},
  /**
   * Drawn at this scale: exact across the head at the hairline's height, and along the head on the top; the forehead
   * is foreshortened (0.93 of it along the midline at the hairline, less lower down).
   */
  pxPerMm: ${PX_PER_MM},
  /**
   * Where a new hairline belongs: its centre 80 mm above the brow on the midline, its ends ${45} mm either side
   * (in line with the outer corners of the eyes).
   */
  hairline: { centreX: ${Math.round(hairline[0])}, centreY: ${Math.round(hairline[1])}, halfWidthMm: 45 },
  /** x of the head's midline (vertical in the photo). */
  midlineX: ${CX},
  /** The head's silhouette (photo px), a little inside its edge: the demo's treatment area stays within it. */
  headOutline: ${JSON.stringify(outline.map(([x, y]) => ({ x, y })))},
} as const;
`;
  writeFileSync(join(ROOT, 'src/photo/demo.ts'), text);
}

function main(): void {
  const previewAt = process.argv.indexOf('--preview');
  const t0 = performance.now();
  const frame = renderSkin();
  const t1 = performance.now();
  const { buffers, units, hairs } = drawFollicles(frame);
  const t2 = performance.now();
  const rgba = composite(frame, buffers);
  const jpg = jpeg.encode({ width: W, height: H, data: rgba }, QUALITY).data;
  mkdirSync(join(ROOT, 'public/demo'), { recursive: true });
  writeFileSync(join(ROOT, 'public/demo/scalp-demo.jpg'), jpg);
  const hairline = toImage(hairlinePoint());
  writeDemoModule(hairline, headOutline(frame.cover));
  console.log(`skin ${((t1 - t0) / 1000).toFixed(1)} s, follicles ${((t2 - t1) / 1000).toFixed(1)} s: ${units} units, ${hairs} hairs`);
  console.log(`public/demo/scalp-demo.jpg: ${W} × ${H}, ${(jpg.length / 1024).toFixed(0)} KiB; hairline centre ${hairline.map(Math.round).join(', ')}`);
  if (previewAt > 0) writePreviews(jpg, process.argv[previewAt + 1] ?? 'test-results/demo-preview');
}

/** PNG copies of the encoded JPEG, for looking at: the whole picture halved, and 1:1 (or zoomed) crops. */
function writePreviews(jpg: Uint8Array, dir: string): void {
  const img = jpeg.decode(jpg, { useTArray: true });
  mkdirSync(dir, { recursive: true });
  const png = (name: string, w: number, h: number, at: (x: number, y: number, c: number) => number): void => {
    const rgb = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) rgb[(y * w + x) * 3 + c] = at(x, y, c);
    writeFileSync(join(dir, `${name}.png`), encodePng(rgb, w, h, { channels: 3 }));
  };
  const px = (x: number, y: number, c: number): number => img.data[(y * W + x) * 4 + c]!;
  png('whole-half', W / 2, H / 2, (x, y, c) => (px(2 * x, 2 * y, c) + px(2 * x + 1, 2 * y, c) + px(2 * x, 2 * y + 1, c) + px(2 * x + 1, 2 * y + 1, c)) >> 2);
  const crop = (name: string, x0: number, y0: number, w: number, h: number, zoom = 1): void =>
    png(name, w * zoom, h * zoom, (x, y, c) => px(x0 + Math.floor(x / zoom), y0 + Math.floor(y / zoom), c));
  crop('side', 420, 700, 500, 400);
  crop('side-zoom', 560, 820, 150, 110, 4);
  crop('hairline', 950, 1050, 500, 400);
  crop('crown', 950, 250, 500, 400);
  crop('brow', 850, 1400, 700, 400);
}

main();
