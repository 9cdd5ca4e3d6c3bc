import { segmentDistance } from './spline.ts';
import type { AreaEdit, Point } from './types.ts';

/**
 * How one edit changes the treatment area's coverage m (0–1) where the edit's own coverage is c: an add raises it
 * to c, an erase scales it down by c. The area starts full (the default area is the whole scalp behind the
 * hairline, which the hairline's ramp cuts), and the edits apply in order.
 */
export function applyEdit(m: number, c: number, mode: AreaEdit['mode']): number {
  return mode === 'add' ? Math.max(m, c) : m * (1 - c);
}

/** One edit's own coverage at a point, 0–1 (a feathered capsule for a stroke, in or out for a polygon). */
export function editCoverage(p: Point, e: AreaEdit, pxPerMm: number): number {
  if (e.kind === 'polygon') return e.points.length >= 3 && insidePolygon(p, e.points) ? 1 : 0;
  const r = (e.sizeMm * pxPerMm) / 2;
  let d = Infinity;
  if (e.points.length === 1) d = Math.hypot(p.x - e.points[0]!.x, p.y - e.points[0]!.y);
  for (let i = 1; i < e.points.length; i++) d = Math.min(d, segmentDistance(p, e.points[i - 1]!, e.points[i]!));
  if (d >= r) return 0;
  const inner = r * (1 - Math.min(1, Math.max(0, e.feather)));
  if (d <= inner) return 1;
  const t = (r - d) / (r - inner);
  return t * t * (3 - 2 * t);
}

/** Even-odd point in polygon. */
export function insidePolygon(p: Point, poly: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!, b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** The box an edit can touch, for skipping raster cells far from it. */
export function editBounds(e: AreaEdit, pxPerMm: number): { x0: number; y0: number; x1: number; y1: number } {
  const pad = e.kind === 'brush' ? (e.sizeMm * pxPerMm) / 2 : 0;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const q of e.points) {
    x0 = Math.min(x0, q.x); y0 = Math.min(y0, q.y); x1 = Math.max(x1, q.x); y1 = Math.max(y1, q.y);
  }
  return { x0: x0 - pad, y0: y0 - pad, x1: x1 + pad, y1: y1 + pad };
}
