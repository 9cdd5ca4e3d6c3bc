// The CPU twin of the GL points path for dots under half a device pixel (see shaders/README.md, "Splat"). A dot that
// small is drawn by dot-point.vert/.frag as ONE pixel multiplying the photo by mix(1, pigment, ink·πr²); the same
// product can be made here, dot by dot, into a view-sized multiplier image that one sprite then multiplies over the
// photo. Pure arithmetic (no pixi, no DOM): the decision per dot is dot-look.glsl's, line for line, with its texture
// reads (linear zone field and age LUT, nearest hair mask) done the way the GPU samples them.
import { LUT_FADE_YEARS, LUT_HEAL_DAYS, LUT_SIZE } from '../realism/appearance.ts';
import { DRIFT_YEARS } from '../realism/risks.ts';

/** The dot shader's uniforms, as DotLayer holds them. */
export interface SplatUniforms {
  uShare: number;
  uSizeScale: number;
  uSoftness: number;
  uOpacity: number;
  uToneVar: number;
  uPigment: ArrayLike<number>;
  uDriftColour: ArrayLike<number>;
  uDrift: number;
  uSessionCum: ArrayLike<number>;
  uSessionAge: ArrayLike<number>;
  uHealDays: number;
  uFadeRate: number;
  uBlowout: number;
  uPhotoSize: ArrayLike<number>;
}

/** An RGBA8 texture's texels. */
export interface Texels {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface SplatInputs {
  /** The 16-byte records (dot-layer.ts): x, y, diameter as f32; rank, tone as u16 at 2·(4i+3) and 2·(4i+3)+1. */
  f32: Float32Array;
  u16: Uint16Array;
  count: number;
  maxDiameter: number;
  u: SplatUniforms;
  /** The packed zone field (packZoneField); the hair mask itself (one byte a mask px, nonzero: hair), or null when off. */
  zone: Texels;
  mask: Texels | null;
  /** 256 × 2 RGBA8: row 0 healing, row 1 fading (size/3, ink/1.5, redness, blur). */
  ageLut: Uint8Array;
}

/** Where the photo sits on the canvas: device px = (offset + photo px × scale) × resolution. */
export interface SplatView {
  x: number;
  y: number;
  scale: number;
  resolution: number;
  /** The image to fill, device px. */
  width: number;
  height: number;
  /** Device px from the left that show no dots (the scene's before/after split); pixels whose centre is left of it. */
  clipLeft?: number;
}

/**
 * Sub-pixel steps of the rasteriser that places a GL point's centre: SwiftShader's (4 bits), measured against its
 * output by test/browser/splat.test.ts (the splat is only chosen where it is faster, i.e. on software GL).
 */
const SUBPIXEL = 16;

/** dot-look.glsl's lut(): linear between texels, u clamped to [0, 1], one channel of one row. */
function lutAt(lut: Uint8Array, u: number, row: number, channel: number): number {
  const t = Math.min(1, Math.max(0, u)) * (LUT_SIZE - 1);
  const i = Math.min(LUT_SIZE - 2, Math.floor(t));
  const f = t - i;
  const o = (row * LUT_SIZE + i) * 4 + channel;
  return (lut[o]! * (1 - f) + lut[o + 4]! * f) / 255;
}

/** The zone field's largest size and fade multipliers (as the shader decodes the packed texels). */
export interface ZoneMaxima {
  size: number;
  fade: number;
}

export function zoneMaxima(zone: Texels): ZoneMaxima {
  let size = 0, fade = 0;
  for (let i = 0; i < zone.data.length; i += 4) {
    size = Math.max(size, zone.data[i + 1]!);
    fade = Math.max(fade, zone.data[i + 3]!);
  }
  return { size: 0.5 + (size / 255) * 1.5, fade: 1 + (fade / 255) * 2 };
}

/**
 * The most any dot of the look can grow, as dot-look.glsl draws it, over the sessions already done: its size (times
 * diameter × uSizeScale: LUT rows, zone size, a blowout's 2.6×), its edge softness and its redness. One bound for
 * both the points/quads choice (DotLayer.activeMesh) and the splat's eligibility; DotLayer finds it when the look
 * or the zone field changes, not per frame.
 */
export interface DotExtent {
  size: number;
  softness: number;
  redness: number;
}

export function dotExtent(u: SplatUniforms, ageLut: Uint8Array, zone: ZoneMaxima): DotExtent {
  const e = { size: 0, softness: u.uSoftness, redness: 0 };
  for (let k = 0; k < 4; k++) {
    const age = u.uSessionAge[k]!;
    if (age < 0) continue;
    // The fading row between now and the oldest this session's dots are anywhere (a zone fades them faster).
    const years = (Math.max(0, age - u.uHealDays) / 365.25) * u.uFadeRate * zone.fade;
    const last = Math.min(LUT_SIZE - 1, Math.ceil((years / LUT_FADE_YEARS) * (LUT_SIZE - 1)) + 1);
    let agedSize = 0, agedBlur = 0;
    for (let i = 0; i <= last; i++) {
      agedSize = Math.max(agedSize, ageLut[(LUT_SIZE + i) * 4]! / 255);
      agedBlur = Math.max(agedBlur, ageLut[(LUT_SIZE + i) * 4 + 3]! / 255);
    }
    const heal = age / LUT_HEAL_DAYS;
    e.size = Math.max(e.size, lutAt(ageLut, heal, 0, 0) * agedSize * 9 * zone.size);
    e.softness = Math.max(e.softness, u.uSoftness + lutAt(ageLut, heal, 0, 3) + agedBlur);
    e.redness = Math.max(e.redness, lutAt(ageLut, heal, 0, 2));
  }
  if (u.uBlowout > 0) {
    e.size *= 2.6;
    e.softness += 0.9;
  }
  return e;
}

/**
 * Whether every dot the look can draw is under half a device pixel with no redness and no blowout: then the points
 * path draws each as one pixel and the splat makes the same picture. A bound, not a per-dot test (`extent`).
 */
export function splatPossible(s: Pick<SplatInputs, 'u' | 'count' | 'maxDiameter'>, extent: DotExtent, devicePxPerUnit: number): boolean {
  if (s.u.uBlowout > 0 || s.count === 0) return false;
  // Redness: a halo wider than the dot.
  return extent.redness === 0 && 0.5 * s.maxDiameter * s.u.uSizeScale * extent.size * devicePxPerUnit < 0.5;
}

/**
 * Multiplies every visible dot into `out` (width × height × 3 floats, top row first, 1 = untouched) as the points
 * path would: each at the device pixel its centre falls in. Returns how many dots were drawn and the box of pixels
 * they touched (x0, y0 inclusive; x1, y1 exclusive; empty when none).
 */
export function splatDots(s: SplatInputs, v: SplatView, out: Float32Array): { drawn: number; box: SplatBox } {
  const { f32, u16, u, ageLut, zone, mask } = s;
  const [pw, ph] = [u.uPhotoSize[0]!, u.uPhotoSize[1]!];
  const k = v.scale * v.resolution;
  const ox = v.x * v.resolution, oy = v.y * v.resolution;
  const dppu = k;
  const clipLeft = Math.max(0.5, v.clipLeft ?? 0);
  const pr = u.uPigment[0]!, pg = u.uPigment[1]!, pb = u.uPigment[2]!;
  const dr = u.uDriftColour[0]!, dg = u.uDriftColour[1]!, db = u.uDriftColour[2]!;
  const cum = u.uSessionCum, ages = u.uSessionAge;
  // Per session, what does not depend on the zone: healing by age, and the days that fade.
  const heal = [0, 1, 2, 3].map((i) => (ages[i]! < 0 ? [0, 0] : [lutAt(ageLut, ages[i]! / LUT_HEAL_DAYS, 0, 0), lutAt(ageLut, ages[i]! / LUT_HEAL_DAYS, 0, 1)]));
  const fadeYears = [0, 1, 2, 3].map((i) => (Math.max(0, ages[i]! - u.uHealDays) / 365.25) * u.uFadeRate);
  const zc = zone.width, zr = zone.height, zd = zone.data;
  let drawn = 0, x0 = v.width, y0 = v.height, x1 = 0, y1 = 0;
  for (let i = 0; i < s.count; i++) {
    const o = 4 * i;
    const x = f32[o]!, y = f32[o + 1]!;
    // The pixel the GL point covers: its centre snapped to the rasteriser's sub-pixel grid, then the pixel whose
    // centre lies in [c − 0.5, c + 0.5) (window y runs up: floor from the top).
    const sx = Math.round((ox + x * k) * SUBPIXEL) / SUBPIXEL, sy = Math.round((oy + y * k) * SUBPIXEL) / SUBPIXEL;
    const px = Math.ceil(sx) - 1, py = Math.floor(sy);
    if (px + 0.5 < clipLeft || py < 0 || px >= v.width || py >= v.height) continue;
    const rank = u16[2 * o + 6]! / 65535;
    // The zone field, sampled linearly with clamp-to-edge like the GPU's texture().
    const tx = (x / pw) * zc - 0.5, ty = (y / ph) * zr - 0.5;
    const ix = Math.floor(tx), iy = Math.floor(ty);
    const fx = tx - ix, fy = ty - iy;
    const cx0 = Math.min(zc - 1, Math.max(0, ix)), cx1 = Math.min(zc - 1, Math.max(0, ix + 1));
    const cy0 = Math.min(zr - 1, Math.max(0, iy)), cy1 = Math.min(zr - 1, Math.max(0, iy + 1));
    const a = (cy0 * zc + cx0) * 4, b = (cy0 * zc + cx1) * 4, c = (cy1 * zc + cx0) * 4, d = (cy1 * zc + cx1) * 4;
    const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
    const z0 = zd[a]! * w00 + zd[b]! * w10 + zd[c]! * w01 + zd[d]! * w11;
    const z1 = zd[a + 1]! * w00 + zd[b + 1]! * w10 + zd[c + 1]! * w01 + zd[d + 1]! * w11;
    const z2 = zd[a + 2]! * w00 + zd[b + 2]! * w10 + zd[c + 2]! * w01 + zd[d + 2]! * w11;
    const z3 = zd[a + 3]! * w00 + zd[b + 3]! * w10 + zd[c + 3]! * w01 + zd[d + 3]! * w11;
    const share = u.uShare * (z0 / 128);
    if (rank >= share) continue;
    if (mask) {
      const mx = Math.min(mask.width - 1, Math.max(0, Math.floor((x / pw) * mask.width)));
      const my = Math.min(mask.height - 1, Math.max(0, Math.floor((y / ph) * mask.height)));
      if (mask.data[my * mask.width + mx]) continue;
    }
    const r = rank / share;
    const session = r < cum[0]! ? 0 : r < cum[1]! ? 1 : r < cum[2]! ? 2 : 3;
    const age = ages[session]!;
    if (age < 0) continue;
    const sizeMul = 0.5 + (z1 / 255) * 1.5;
    const shade = z2 / 128 - 1;
    const years = fadeYears[session]! * (1 + (z3 / 255) * 2);
    const h = heal[session]!;
    const size = h[0]! * lutAt(ageLut, years / LUT_FADE_YEARS, 1, 0) * 9 * sizeMul;
    const ink = h[1]! * lutAt(ageLut, years / LUT_FADE_YEARS, 1, 1) * 2.25 * (1 + 0.35 * shade);
    const drift = u.uDrift * Math.min(1, Math.max(0, years / DRIFT_YEARS));
    const radius = 0.5 * f32[o + 2]! * u.uSizeScale * size * dppu;
    // dot-point.frag: inkOf × πr², pigmentOf, then multiplyBy (which discards a change under 0.001).
    const tone = (u16[2 * o + 7]! / 65535) * 2 - 1;
    const amount = Math.min(1, Math.max(0, u.uOpacity * ink * (1 + u.uToneVar * tone))) * (3.14159265 * radius * radius);
    const dark = 1 - 0.5 * Math.min(1, Math.max(0, ink - 1));
    const mr = 1 + ((pr + (dr - pr) * drift) * dark - 1) * amount;
    const mg = 1 + ((pg + (dg - pg) * drift) * dark - 1) * amount;
    const mb = 1 + ((pb + (db - pb) * drift) * dark - 1) * amount;
    if (1 - Math.min(mr, mg, mb) <= 0.001) continue;
    const p = (py * v.width + px) * 3;
    out[p] = out[p]! * mr;
    out[p + 1] = out[p + 1]! * mg;
    out[p + 2] = out[p + 2]! * mb;
    drawn++;
    if (px < x0) x0 = px;
    if (px >= x1) x1 = px + 1;
    if (py < y0) y0 = py;
    if (py >= y1) y1 = py + 1;
  }
  return { drawn, box: { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1, y1 } };
}

export interface SplatBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The multiplier image inside `box` as RGBA8 for a sprite blended 'multiply' with alpha 1: dst × src.rgb. Each value
 * read is set back to 1, so the image is ready for the next frame without a fill (every dot lies inside its box).
 */
export function toTexels(m: Float32Array, width: number, box: SplatBox, out: Uint8Array): void {
  for (let y = box.y0; y < box.y1; y++) for (let i = y * width + box.x0; i < y * width + box.x1; i++) {
    out[4 * i] = m[3 * i]! * 255 + 0.5;
    out[4 * i + 1] = m[3 * i + 1]! * 255 + 0.5;
    out[4 * i + 2] = m[3 * i + 2]! * 255 + 0.5;
    out[4 * i + 3] = 255;
    m[3 * i] = m[3 * i + 1] = m[3 * i + 2] = 1;
  }
}
