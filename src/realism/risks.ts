import type { Design } from '../design/types.ts';
import type { Rgb } from './pigment.ts';

/** The colour wrong (tattoo) ink drifts to: carbon seen through the dermis scatters blue-green. */
export const DRIFT_COLOUR: Rgb = [30, 74, 118];
/** Share of dots that blow out when the needle went too deep. */
export const BLOWOUT_SHARE = 0.12;
/** Years of (rate-scaled) fading over which wrong ink finishes its drift. */
export const DRIFT_YEARS = 5;

/**
 * Risks that change where dots go act on the design; those that change how dots look act in the shader. The
 * helmet look is too many dots, too even, behind a hard straight-edged front: density pushed up, the soft band
 * and its irregularity gone.
 */
export function effectiveDesign(d: Design): Design {
  if (!d.preview.risks.helmet) return d;
  return {
    ...d,
    hairline: { ...d.hairline, bandMm: 0.5, irregularity: 0.05, gaps: 0 },
    dots: { ...d.dots, density: Math.min(250, Math.max(180, d.dots.density * 1.6)), spreadMm: 0 },
  };
}
