import type { Design, Hairline, HairlineStyle } from './types.ts';

/** What a style sets on the hairline: the soft band's width, its wander and its gaps. */
export type StyleParams = Pick<Hairline, 'bandMm' | 'irregularity' | 'gaps'>;

/**
 * The styles clinics name (see ../shared/smp-facts.md: a soft band 0.5–1 cm wide, irregular at small and large
 * scale). Soft/faded: a wide band that thins out gradually. Broken: a middling band with bare gaps a few mm to a
 * centimetre wide along its front. Sharp ("edge-up"): a narrow band and a nearly clean, crisp line.
 */
export const STYLE_PRESETS: Record<Exclude<HairlineStyle, 'custom'>, StyleParams> = {
  soft: { bandMm: 10, irregularity: 1, gaps: 0 },
  broken: { bandMm: 8, irregularity: 1, gaps: 0.6 },
  sharp: { bandMm: 2, irregularity: 0.25, gaps: 0 },
};

export const STYLE_NAMES: Record<HairlineStyle, string> = { soft: 'Soft / faded', broken: 'Broken', sharp: 'Sharp (edge-up)', custom: 'Custom' };

/** The design in a named style: its preset's band, irregularity and gaps. 'custom' keeps the values as they are. */
export function applyStyle(d: Design, style: HairlineStyle): Design {
  if (style === 'custom') return { ...d, style };
  return { ...d, style, hairline: { ...d.hairline, ...STYLE_PRESETS[style] } };
}

/**
 * A hand edit of the band, irregularity or gaps: the design is no longer in a named style, so it becomes 'custom'
 * (an edit that changes nothing keeps the style).
 */
export function editStyleParams(d: Design, patch: Partial<StyleParams>): Design {
  const changed = (Object.keys(patch) as (keyof StyleParams)[]).some((k) => patch[k] !== undefined && patch[k] !== d.hairline[k]);
  if (!changed) return d;
  return { ...d, style: 'custom', hairline: { ...d.hairline, ...patch } };
}
