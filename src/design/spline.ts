import type { Point } from './types.ts';

/**
 * Samples a centripetal Catmull-Rom spline through the points (no cusps or self-loops between close points),
 * `perSegment` samples per span, ends included. Fewer than 2 points: the points themselves.
 */
export function sampleSpline(points: readonly Point[], perSegment = 24): Point[] {
  if (points.length < 2) return points.map((p) => ({ ...p }));
  const ext = [reflect(points[1]!, points[0]!), ...points, reflect(points[points.length - 2]!, points[points.length - 1]!)];
  const out: Point[] = [];
  for (let i = 1; i < ext.length - 2; i++) {
    const [p0, p1, p2, p3] = [ext[i - 1]!, ext[i]!, ext[i + 1]!, ext[i + 2]!];
    const t0 = 0;
    const t1 = t0 + knot(p0, p1);
    const t2 = t1 + knot(p1, p2);
    const t3 = t2 + knot(p2, p3);
    for (let s = 0; s < perSegment; s++) {
      const t = t1 + ((t2 - t1) * s) / perSegment;
      out.push(catmullRom(p0, p1, p2, p3, t0, t1, t2, t3, t));
    }
  }
  out.push({ ...points[points.length - 1]! });
  return out;
}

const reflect = (a: Point, b: Point): Point => ({ x: 2 * b.x - a.x, y: 2 * b.y - a.y });
const knot = (a: Point, b: Point): number => Math.max(1e-6, Math.sqrt(Math.hypot(b.x - a.x, b.y - a.y)));

function catmullRom(p0: Point, p1: Point, p2: Point, p3: Point, t0: number, t1: number, t2: number, t3: number, t: number): Point {
  const lerp = (a: Point, b: Point, ta: number, tb: number): Point => {
    const u = (t - ta) / (tb - ta);
    return { x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u };
  };
  const a1 = lerp(p0, p1, t0, t1), a2 = lerp(p1, p2, t1, t2), a3 = lerp(p2, p3, t2, t3);
  const b1 = lerp(a1, a2, t0, t2), b2 = lerp(a2, a3, t1, t3);
  return lerp(b1, b2, t1, t2);
}

/** Distance from p to the segment ab. */
export function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const u = len2 > 0 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0;
  return Math.hypot(p.x - a.x - u * dx, p.y - a.y - u * dy);
}
