import { sampleSpline } from './spline.ts';
import type { Hairline, HairlinePreset, Point } from './types.ts';

/**
 * The control points the curve actually passes through. With mirror on, the points left of the midline are kept
 * and reflected to the right (a point on the midline stays single), so the curve is symmetric whatever was dragged.
 */
export function effectivePoints(h: Hairline): Point[] {
  const sorted = [...h.points].sort((a, b) => a.x - b.x);
  if (!h.mirror) return sorted;
  const eps = 1e-6;
  const left = sorted.filter((p) => p.x < h.midlineX - eps);
  const centre = sorted.filter((p) => Math.abs(p.x - h.midlineX) <= eps);
  const right = left.map((p) => ({ x: 2 * h.midlineX - p.x, y: p.y })).reverse();
  return [...left, ...centre, ...right];
}

/** The hairline as a dense polyline, left to right, in photo px. */
export function hairlineCurve(h: Hairline): Point[] {
  return sampleSpline(effectivePoints(h), 32);
}

/**
 * Control points for a named shape. Lengths are in mm, turned to px by the scale: the hairline's centre sits at
 * (centreX, centreY) and it spans halfWidthMm either side. y grows downward, so "up the head" is −y.
 */
export function presetPoints(preset: HairlinePreset, centreX: number, centreY: number, halfWidthMm: number, pxPerMm: number): Point[] {
  // (u, v): u in [-1, 1] across the half width, v in mm up from the centre.
  const shapes: Record<HairlinePreset, [number, number][]> = {
    straight: [[-1, 6], [-0.6, 1], [0, 0], [0.6, 1], [1, 6]],
    rounded: [[-1, 22], [-0.6, 8], [0, 0], [0.6, 8], [1, 22]],
    mature: [[-1, 30], [-0.55, 20], [-0.25, 5], [0, 3], [0.25, 5], [0.55, 20], [1, 30]],
    'm-shape': [[-1, 14], [-0.62, 26], [-0.3, 6], [0, 0], [0.3, 6], [0.62, 26], [1, 14]],
    'widows-peak': [[-1, 18], [-0.55, 9], [-0.15, 4], [0, -7], [0.15, 4], [0.55, 9], [1, 18]],
  };
  return shapes[preset].map(([u, v]) => ({ x: centreX + u * halfWidthMm * pxPerMm, y: centreY - v * pxPerMm }));
}
