import { describe, expect, it } from 'vitest';
import { designFor } from '../../src/app/state.ts';
import { setShare, walkThrough, withSessionCount } from '../../src/app/treatment-section.ts';
import { DEFAULT_TREATMENT, type Treatment } from '../../src/design/types.ts';
import { appearanceAt, appearanceLut, fadeRate, fadingAt, healingAt, LUT_SIZE } from '../../src/realism/appearance.ts';
import { lookFor } from '../../src/realism/look.ts';
import { dilute, fitzpatrickFromSkin, hexToRgb255, PIGMENT_SHADES, suggestedDilution, suggestPigment, toLab } from '../../src/realism/pigment.ts';
import { effectiveDesign } from '../../src/realism/risks.ts';
import { cumulativeShares, sessionAges, sessionDates, sessionOfRank, sessionShade, sessionShare } from '../../src/realism/sessions.ts';
import { countVisible } from '../../src/realism/visibility.ts';

const T: Treatment = { ...DEFAULT_TREATMENT };
const HEALED_MM = 0.12;

describe('sessions', () => {
  it('are rank prefixes at the cumulative shares, each a shade darker', () => {
    expect(cumulativeShares(T)).toEqual([0.3, 0.7, 1, 1]);
    expect([0.1, 0.29, 0.31, 0.69, 0.71, 0.99].map((r) => sessionOfRank(r, T))).toEqual([0, 0, 1, 1, 2, 2]);
    expect([1, 2, 3].map((s) => sessionShare(T, s))).toEqual([0.3, 0.7, 1]);
    const shades = [1, 2, 3].map((s) => sessionShade(T, s));
    expect(shades[0]).toBeCloseTo(1 - 2 * T.shadeStep);
    expect(shades[1]).toBeCloseTo(1 - T.shadeStep);
    expect(shades[2]).toBe(1);
  });

  it('age earlier sessions by the interval and leave later ones undone', () => {
    expect(sessionAges(T, { session: 2, days: 3, risks: { blueDrift: false, blowouts: false, helmet: false } })).toEqual([3 + T.intervalDays, 3, -1, -1]);
    expect(sessionAges(T, { session: 3, days: 0, risks: { blueDrift: false, blowouts: false, helmet: false } })).toEqual([2 * T.intervalDays, T.intervalDays, 0, -1]);
  });

  it('date each session from the first, or none without a start date', () => {
    expect(sessionDates({ ...T, startDate: '2026-01-30', intervalDays: 14 })).toEqual(['2026-01-30', '2026-02-13', '2026-02-27']);
    expect(sessionDates(T)).toEqual([null, null, null]);
  });

  it('keep shares rising to 1 whatever a slider asks', () => {
    expect(setShare([0.3, 0.7, 1], 0, 0.8)).toEqual([0.8, 0.81, 1]);
    expect(setShare([0.3, 0.7, 1], 1, 0.1)).toEqual([0.09, 0.1, 1]);
    expect(setShare([0.3, 0.7, 1], 2, 0.5)).toEqual([0.3, 0.7, 1]);
    const d = designFor({ width: 100, height: 100 }, { pxPerMm: 2, calibrated: false, source: 'default' });
    expect(withSessionCount({ ...d, preview: { ...d.preview, session: 3 } }, 2)).toMatchObject({ treatment: { shares: [0.4, 1] }, preview: { session: 2 } });
    expect(withSessionCount(d, 4).treatment.shares).toHaveLength(4);
  });

  it('walk a client from session 1 fresh through the years', () => {
    const steps = walkThrough(T);
    expect(steps[0]).toEqual({ session: 1, days: 0 });
    expect(steps.at(-1)).toEqual({ session: 3, days: 2922 });
    expect(steps.some((s) => s.session === 3 && s.days === 1826)).toBe(true);
    // Every step differs from the one before, so Next always moves on (interval ≥ heal days made two alike).
    for (const t of [T, { ...T, intervalDays: 30, healDays: 30 }, { ...T, intervalDays: 60, healDays: 20 }]) {
      const w = walkThrough(t);
      for (let i = 1; i < w.length; i++) expect(w[i]).not.toEqual(w[i - 1]);
      expect(w.at(-1)).toEqual({ session: 3, days: 2922 });
    }
  });
});

describe('healing and fading', () => {
  it('fresh dots are red, larger (towards the fresh diameter) and darker; healed ones are true size and shade', () => {
    const fresh = healingAt(0, T, HEALED_MM);
    expect(fresh.size * HEALED_MM).toBeCloseTo(T.freshDiameterMm, 3);
    expect(fresh.ink).toBeGreaterThan(1.2);
    expect(fresh.redness).toBe(1);
    expect(healingAt(3, T, HEALED_MM).redness).toBeGreaterThan(0);
    expect(healingAt(8, T, HEALED_MM).redness).toBe(0);
    const healed = healingAt(T.healDays, T, HEALED_MM);
    expect(healed).toEqual({ size: 1, ink: 1, redness: 0, blur: 0 });
    // Size shrinks monotonically from fresh to healed.
    const sizes = [0, 2, 4, 6, 10, 20, 30].map((a) => healingAt(a, T, HEALED_MM).size);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
  });

  it('fade gradually over years to about 60 % at fadeYears, spreading slightly; sun and scars speed it', () => {
    expect(fadingAt(0, T).ink).toBe(1);
    expect(fadingAt(T.fadeYears, T).ink).toBeCloseTo(0.6, 5);
    expect(fadingAt(3, T).ink).toBeGreaterThan(fadingAt(5, T).ink);
    expect(fadingAt(5, T).size).toBeGreaterThan(1);
    const y5 = appearanceAt(T.healDays + 5 * 365.25, T, HEALED_MM);
    const y5Sunny = appearanceAt(T.healDays + 5 * 365.25, { ...T, sun: 1 }, HEALED_MM);
    const y5Scar = appearanceAt(T.healDays + 5 * 365.25, T, HEALED_MM, fadeRate(T, T.scarFade));
    expect(y5.ink).toBeLessThan(0.8);
    expect(y5Sunny.ink).toBeLessThan(y5.ink);
    expect(y5Scar.ink).toBeLessThan(y5.ink);
  });

  it('is written once into the lookup table the shader reads', () => {
    const lut = appearanceLut(T, HEALED_MM);
    expect(lut).toHaveLength(LUT_SIZE * 2 * 4);
    // Row 0 texel 0: day 0; row 1 at the texel for fadeYears.
    expect((lut[0]! / 255) * 3).toBeCloseTo(healingAt(0, T, HEALED_MM).size, 1);
    expect(lut[2]).toBe(255);
    const i = Math.round((T.fadeYears / 24) * (LUT_SIZE - 1));
    expect((lut[(LUT_SIZE + i) * 4 + 1]! / 255) * 1.5).toBeCloseTo(fadingAt((i / (LUT_SIZE - 1)) * 24, T).ink, 2);
  });
});

describe('pigment and skin', () => {
  it('places skin colours on the Fitzpatrick scale by their typology angle', () => {
    expect(fitzpatrickFromSkin([250, 226, 214])).toBeLessThanOrEqual(2);
    expect(fitzpatrickFromSkin([224, 180, 150])).toBe(2);
    expect(fitzpatrickFromSkin([200, 150, 115])).toBe(3);
    expect(fitzpatrickFromSkin([150, 100, 70])).toBeGreaterThanOrEqual(4);
    expect(fitzpatrickFromSkin([70, 45, 35])).toBe(6);
  });

  it('suggests more dilution for lighter skin, and dilution lightens the pigment', () => {
    const d = [1, 2, 3, 4, 5, 6].map((t) => suggestedDilution(t as 1));
    for (let i = 1; i < 6; i++) expect(d[i]).toBeLessThan(d[i - 1]!);
    const neat = hexToRgb255('#161415');
    expect(toLab(dilute(neat, 0.5)).L).toBeGreaterThan(toLab(neat).L + 20);
    expect(dilute(neat, 0)).toEqual(neat);
  });

  it('matches the shade to the sampled hair and the dilution to the sampled skin', () => {
    const blackHairFair = suggestPigment([245, 222, 205], [25, 22, 22]);
    const brownHairTan = suggestPigment([190, 140, 105], [92, 66, 50]);
    expect(blackHairFair.fitzpatrick).toBeLessThanOrEqual(2);
    expect(blackHairFair.dilution).toBeGreaterThan(brownHairTan.dilution);
    expect(toLab(hexToRgb255(brownHairTan.hex)).b).toBeGreaterThan(toLab(hexToRgb255('#3a3634')).b); // a brown, not a grey
    expect(PIGMENT_SHADES.map((p) => p.hex)).toContain(blackHairFair.hex);
    expect(suggestPigment([60, 40, 30], [10, 10, 10]).caution).toMatch(/blue-green/);
  });
});

describe('the look a design gives the shader', () => {
  const d = designFor({ width: 800, height: 600 }, { pxPerMm: 4, calibrated: true, source: 'ruler' });

  it('follows the previewed session, age and risks', () => {
    const s1 = lookFor({ ...d, preview: { ...d.preview, session: 1, days: 0 } });
    expect(s1.sessionAge).toEqual([0, -1, -1, -1]);
    expect(s1.opacity).toBeCloseTo(d.dots.opacity * (1 - 2 * d.treatment.shadeStep));
    const drift = lookFor({ ...d, preview: { ...d.preview, risks: { blueDrift: true, blowouts: true, helmet: false } } });
    expect(drift.drift).toBe(1);
    expect(drift.blowout).toBeGreaterThan(0);
    expect(lookFor({ ...d, dots: { ...d.dots, dilution: 0.5 } }).pigment[0]).toBeGreaterThan(lookFor(d).pigment[0] + 0.3);
  });

  it('counts the dots a session shows as its share of the final ones', () => {
    const n = 10_000;
    const dots = { x: Float32Array.from({ length: n }, (_, i) => (i % 100) * 8), y: Float32Array.from({ length: n }, (_, i) => Math.floor(i / 100) * 6), rank: Float32Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n) };
    const at = (session: number) => countVisible(dots, lookFor({ ...d, preview: { ...d.preview, session } }));
    expect(at(1) / at(3)).toBeCloseTo(0.3, 2);
    expect(at(2) / at(3)).toBeCloseTo(0.7, 2);
    // A zone at half density on the left half of the photo keeps half its dots there.
    const values = new Float32Array(2 * 1 * 4).fill(1);
    values[0] = 0.5;
    const zoned = countVisible(dots, lookFor(d), { cols: 2, rows: 1, values, width: 800, height: 600 });
    expect(zoned / at(3)).toBeCloseTo(0.75, 1);
  });

  it('the helmet look is denser, hard-edged and even', () => {
    const h = effectiveDesign({ ...d, preview: { ...d.preview, risks: { blueDrift: false, blowouts: false, helmet: true } } });
    expect(h.dots.density).toBeGreaterThan(d.dots.density);
    expect(h.hairline.bandMm).toBeLessThan(1);
    expect(h.dots.spreadMm).toBe(0);
    expect(effectiveDesign(d)).toBe(d);
  });
});
