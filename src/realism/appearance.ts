import type { Treatment } from '../design/types.ts';

/** How a dot looks at some age, relative to its healed self. */
export interface Appearance {
  /** Diameter multiplier. */
  size: number;
  /** Pigment multiplier (1 = healed shade; above 1 darker, as a scab). */
  ink: number;
  /** 0–1: inflamed skin around the dot. */
  redness: number;
  /** Added edge softness, share of the radius (pigment spreading under the skin). */
  blur: number;
}

const DAY = 1;
const YEAR = 365.25 * DAY;

/**
 * Healing, from the facts: days 0–7 red skin around the dots and scabs that look larger (up to the fresh diameter)
 * and darker; the scabs fall off by about day 7, leaving the dot a little lighter than it will settle; the true
 * colour shows after about healDays.
 */
export function healingAt(ageDays: number, t: Treatment, healedDiameterMm: number): Appearance {
  const a = Math.max(0, ageDays);
  const scabDays = Math.min(7, t.healDays / 3);
  const fresh = Math.max(1, t.freshDiameterMm / Math.max(0.01, healedDiameterMm));
  if (a <= scabDays) {
    const u = a / scabDays;
    return {
      size: fresh + (1.1 - fresh) * u * u,
      ink: 1.3 - 0.15 * u,
      // Redness peaks in the first two days and is gone by the time the scabs fall.
      redness: Math.max(0, 1 - Math.max(0, a - 1) / (scabDays - 1 || 1)) ** 1.5,
      blur: 0.25 * (1 - u),
    };
  }
  // After the scabs: a lighter "ghosting" phase that settles to the healed shade by healDays.
  const u = Math.min(1, (a - scabDays) / Math.max(1, t.healDays - scabDays));
  const settle = u * u * (3 - 2 * u);
  return { size: 1.1 - 0.1 * settle, ink: 0.8 + 0.2 * settle, redness: 0, blur: 0 };
}

/** How fast this skin fades: sun exposure speeds it (up to 1.6× at full sun), scar tissue by its own factor. */
export function fadeRate(t: Treatment, tissue: number = 1): number {
  return (1 + 0.6 * t.sun) * tissue;
}

/**
 * Fading: the dot loses pigment gradually, to about 60 % of its healed ink after fadeYears (when clinics touch
 * up), and spreads slightly; `years` is already scaled by the fade rate.
 */
export function fadingAt(years: number, t: Treatment): Appearance {
  const y = Math.max(0, years);
  const k = -Math.log(0.6) / t.fadeYears;
  return { size: 1 + 0.035 * y, ink: Math.exp(-k * y), redness: 0, blur: Math.min(0.6, 0.05 * y) };
}

/** The whole curve: healing by age, times fading by age and rate (fading starts once healed). */
export function appearanceAt(ageDays: number, t: Treatment, healedDiameterMm: number, rate = fadeRate(t)): Appearance {
  const h = healingAt(ageDays, t, healedDiameterMm);
  const f = fadingAt((Math.max(0, ageDays - t.healDays) / YEAR) * rate, t);
  return { size: h.size * f.size, ink: h.ink * f.ink, redness: h.redness, blur: h.blur + f.blur };
}

/** Age axis of the shader's lookup table: days 0–60 get half the samples (healing changes fast), years the rest. */
export const LUT_SIZE = 256;
export const LUT_HEAL_DAYS = 60;
export const LUT_FADE_YEARS = 24;

/**
 * The lookup table the dot shader reads (RGBA8, 2 rows of LUT_SIZE): row 0 healing by age over 0–LUT_HEAL_DAYS
 * days, row 1 fading by rate-scaled years over 0–LUT_FADE_YEARS. Channels: size/3, ink/1.5, redness, blur. One
 * model, written here once; the shader only looks it up.
 */
export function appearanceLut(t: Treatment, healedDiameterMm: number): Uint8Array {
  const out = new Uint8Array(LUT_SIZE * 2 * 4);
  const put = (row: number, i: number, a: Appearance): void => {
    const o = (row * LUT_SIZE + i) * 4;
    out[o] = Math.round(Math.min(1, a.size / 3) * 255);
    out[o + 1] = Math.round(Math.min(1, a.ink / 1.5) * 255);
    out[o + 2] = Math.round(Math.min(1, a.redness) * 255);
    out[o + 3] = Math.round(Math.min(1, a.blur) * 255);
  };
  for (let i = 0; i < LUT_SIZE; i++) {
    const u = i / (LUT_SIZE - 1);
    put(0, i, healingAt(u * LUT_HEAL_DAYS, t, healedDiameterMm));
    put(1, i, fadingAt(u * LUT_FADE_YEARS, t));
  }
  return out;
}
