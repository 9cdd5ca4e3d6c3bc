import { LIMITS, type Design } from '../design/types.ts';
import type { DotLook } from '../render/dot-layer.ts';
import { appearanceLut, fadeRate } from './appearance.ts';
import { dilute, hexToRgb255 } from './pigment.ts';
import { BLOWOUT_SHARE, DRIFT_COLOUR, effectiveDesign } from './risks.ts';
import { cumulativeShares, sessionAges, sessionShade } from './sessions.ts';

/** Dots are generated at the top density and thinned by rank: the share of them a density keeps. */
const densityShareOf = (density: number): number => Math.min(1, density / LIMITS.density.max);

let lutCache: { key: string; lut: Uint8Array } | undefined;

/**
 * The dot shader's uniforms for a design: what the picture shows (session, age, risks) on this skin with this
 * pigment. Everything here is a projection of the design; the models live in sessions.ts, appearance.ts, pigment.ts
 * and risks.ts.
 */
export function lookFor(design: Design): Omit<DotLook, 'softness' | 'irregular' | 'toneVar' | 'sizeScale'> {
  const d = effectiveDesign(design);
  const t = d.treatment;
  const key = JSON.stringify([t, d.dots.diameterMm]);
  if (lutCache?.key !== key) lutCache = { key, lut: appearanceLut(t, d.dots.diameterMm) };
  const pigment = dilute(hexToRgb255(d.dots.pigment), d.dots.dilution).map((c) => c / 255) as [number, number, number];
  return {
    pigment,
    opacity: d.dots.opacity * sessionShade(t, d.preview.session),
    share: densityShareOf(d.dots.density),
    sessionCum: cumulativeShares(t),
    sessionAge: sessionAges(t, d.preview),
    healDays: t.healDays,
    fadeRate: fadeRate(t),
    drift: d.preview.risks.blueDrift ? 1 : 0,
    driftColour: DRIFT_COLOUR.map((c) => c / 255) as [number, number, number],
    blowout: d.preview.risks.blowouts ? BLOWOUT_SHARE : 0,
    ageLut: lutCache.lut,
  };
}
