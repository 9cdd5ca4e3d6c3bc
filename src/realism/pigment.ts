import type { Skin } from '../design/types.ts';

export type Rgb = [number, number, number];

/** Pigment shades clinics use, light grey through dark brown to black (0–255 sRGB). */
export const PIGMENT_SHADES: { name: string; hex: string }[] = [
  { name: 'Light grey', hex: '#8a8684' },
  { name: 'Soft grey', hex: '#5a5655' },
  { name: 'Charcoal', hex: '#3a3634' },
  { name: 'Light brown', hex: '#5a4336' },
  { name: 'Dark brown', hex: '#3b2a22' },
  { name: 'Espresso', hex: '#2b2622' },
  { name: 'Black', hex: '#161415' },
];

export function hexToRgb255(hex: string): Rgb {
  const v = parseInt(hex.replace('#', ''), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function rgbToHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Diluted pigment: mixed toward "no pigment". Under the multiply blend a colour of 1 leaves skin unchanged, so
 * dilution is a mix toward white in linear terms; 0 = neat pigment.
 */
export function dilute(pigment: Rgb, dilution: number): Rgb {
  const d = Math.min(1, Math.max(0, dilution));
  return pigment.map((c) => c + (255 - c) * d) as Rgb;
}

/** CIE L*a*b* (D65) of an sRGB colour. */
export function toLab([r, g, b]: Rgb): { L: number; a: number; b: number } {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const R = lin(r), G = lin(g), B = lin(b);
  const X = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
  const Y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
  const Z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return { L: 116 * f(Y) - 16, a: 500 * (f(X) - f(Y)), b: 200 * (f(Y) - f(Z)) };
}

/**
 * Fitzpatrick type from a sampled skin colour by its Individual Typology Angle (ITA° = atan((L* − 50) / b*)):
 * > 55 very light (I), > 41 light (II), > 28 intermediate (III), > 10 tan (IV), > −30 brown (V), else dark (VI).
 */
export function fitzpatrickFromSkin(skin: Rgb): Skin['fitzpatrick'] {
  const { L, b } = toLab(skin);
  const ita = (Math.atan2(L - 50, Math.max(1e-3, b)) * 180) / Math.PI;
  if (ita > 55) return 1;
  if (ita > 41) return 2;
  if (ita > 28) return 3;
  if (ita > 10) return 4;
  if (ita > -30) return 5;
  return 6;
}

/** Dilution a type suggests: lighter skin takes diluted pigment (too dark on fair skin reads blue). */
export function suggestedDilution(type: Skin['fitzpatrick']): number {
  return [0.5, 0.4, 0.28, 0.15, 0.05, 0][type - 1]!;
}

export interface PigmentSuggestion {
  hex: string;
  name: string;
  dilution: number;
  fitzpatrick: Skin['fitzpatrick'];
  /** Plain words for the technician, or '' when nothing stands out. */
  caution: string;
}

/**
 * A pigment for this client: the shade closest to the hair or stubble colour (by L*a*b* distance, neat pigment
 * being darker than hair seen on skin, so the hair is compared diluted the same way), the dilution the skin type
 * suggests, and a caution where the facts warn of colour shifts.
 */
export function suggestPigment(skin: Rgb | null, hair: Rgb | null, type?: Skin['fitzpatrick']): PigmentSuggestion {
  const fitz = type ?? (skin ? fitzpatrickFromSkin(skin) : 3);
  const dilution = suggestedDilution(fitz);
  let best = PIGMENT_SHADES[5]!;
  if (hair) {
    const h = toLab(hair);
    let bestD = Infinity;
    for (const p of PIGMENT_SHADES) {
      const q = toLab(dilute(hexToRgb255(p.hex), dilution));
      const d = (q.L - h.L) ** 2 + 2 * ((q.a - h.a) ** 2 + (q.b - h.b) ** 2);
      if (d < bestD) [bestD, best] = [d, p];
    }
  }
  const L = toLab(hexToRgb255(best.hex)).L;
  let caution = '';
  if (fitz <= 2 && L < 12 && dilution < 0.3) caution = 'Very dark pigment on fair skin can read blue: dilute it.';
  if (fitz === 6 && best.name === 'Black') caution = 'Pure black on very dark skin can turn blue-green: prefer a dark brown.';
  return { hex: best.hex, name: best.name, dilution, fitzpatrick: fitz, caution };
}
