import type { Zone, ZoneRole } from '../../design/types.ts';
import { pathOf, svg } from './tool.ts';

/** ids of the zones panel's inputs the zone tools read (as the polygon tool reads its checkbox). */
export const ZONE_ROLE_ID = 'c-zone-role';
export const SCAR_WIDTH_ID = 'c-scar-width';
export const DOT_SCAR_SIZE_ID = 'c-dot-scar-size';

/** Defaults when the panel is not there: a 3 mm FUT strip, 1 mm FUE dots, a mid-scalp zone. */
export const DEFAULT_SCAR_WIDTH_MM = 3;
export const DEFAULT_DOT_SCAR_MM = 1;

const ROLES: readonly ZoneRole[] = ['front', 'mid', 'crown', 'side', 'scar', 'patch'];

/** A number from the panel's input `id`, clamped, or the fallback when there is none. */
export function panelNumber(id: string, fallback: number, min: number, max: number): number {
  const input = typeof document === 'undefined' ? null : (document.getElementById(id) as HTMLInputElement | null);
  const v = input ? Number(input.value) : NaN;
  return Number.isFinite(v) && input?.value.trim() ? Math.min(max, Math.max(min, v)) : fallback;
}

/** The role the panel's select gives a new zone outline. */
export function panelRole(): ZoneRole {
  const select = typeof document === 'undefined' ? null : (document.getElementById(ZONE_ROLE_ID) as HTMLSelectElement | null);
  const v = select?.value as ZoneRole | undefined;
  return v && ROLES.includes(v) ? v : 'mid';
}

/** Draws every zone's outline, thin and dashed, so a zone tool shows what is already there. */
export function drawZoneOutlines(layer: SVGGElement, zones: readonly Zone[], pxPerMm: number): void {
  for (const z of zones) {
    const cls = `zone-outline ${z.role}`;
    const s = z.shape;
    if (s.kind === 'polygon') svg('path', { d: pathOf(s.points, true), class: cls }, layer);
    else if (s.kind === 'ellipse') {
      const deg = (s.angle * 180) / Math.PI;
      svg('ellipse', { cx: s.cx, cy: s.cy, rx: s.rxMm * pxPerMm, ry: s.ryMm * pxPerMm, transform: `rotate(${deg} ${s.cx} ${s.cy})`, class: cls }, layer);
    } else if (s.kind === 'strip') {
      svg('path', { d: pathOf(s.points), class: 'zone-strip', 'stroke-width': s.widthMm * pxPerMm }, layer);
      svg('path', { d: pathOf(s.points), class: cls }, layer);
    } else for (const q of s.points) svg('circle', { cx: q.x, cy: q.y, r: (s.sizeMm * pxPerMm) / 2, class: cls }, layer);
  }
}
