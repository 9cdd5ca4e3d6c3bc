import type { Design } from './types.ts';

/**
 * How much a design may hold: the design-file schema refuses more, so the app must never make more (an autosaved
 * design past a cap would not open again). The store holds every edit to these (see createAppStore).
 */
export const CAPS = {
  hairlinePoints: 200,
  areaEdits: 2_000,
  strokePoints: 20_000,
  polygonPoints: 2_000,
  zones: 200,
  stripPoints: 2_000,
  dotScars: 5_000,
  maskEdits: 2_000,
} as const;

/** What in a design is past its cap, in words for the user; null when it all fits. Cheap: lengths only. */
export function overCap(d: Design): string | null {
  if (d.hairline.points.length > CAPS.hairlinePoints) return `A hairline holds at most ${CAPS.hairlinePoints} points.`;
  if (d.area.edits.length > CAPS.areaEdits) return `The treatment area holds at most ${CAPS.areaEdits.toLocaleString('en-US')} edits: reset it or save a copy and start a new one.`;
  for (const e of d.area.edits) {
    if (e.points.length > (e.kind === 'brush' ? CAPS.strokePoints : CAPS.polygonPoints)) return 'That stroke is as long as one can be: release and start another.';
  }
  if (d.zones.length > CAPS.zones) return `A design holds at most ${CAPS.zones} zones.`;
  for (const z of d.zones) {
    const s = z.shape;
    const cap = s.kind === 'dots' ? CAPS.dotScars : s.kind === 'strip' ? CAPS.stripPoints : s.kind === 'polygon' ? CAPS.polygonPoints : Infinity;
    if ('points' in s && s.points.length > cap) return `A zone holds at most ${cap.toLocaleString('en-US')} points.`;
  }
  if (d.thinning.edits.length > CAPS.maskEdits) return `The hair mask holds at most ${CAPS.maskEdits.toLocaleString('en-US')} corrections.`;
  for (const e of d.thinning.edits) if (e.points.length > CAPS.strokePoints) return 'That stroke is as long as one can be: release and start another.';
  return null;
}
