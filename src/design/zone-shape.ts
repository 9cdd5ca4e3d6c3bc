import { insidePolygon } from './area.ts';
import { segmentDistance } from './spline.ts';
import type { Point, Zone, ZoneRole, ZoneShape } from './types.ts';

/** Scars and patches are tissue to treat: they add themselves to the treatment area and fade faster. */
export const isTissueRole = (role: ZoneRole): boolean => role === 'scar' || role === 'patch';

/**
 * Signed distance (px) from the shape's outline, positive inside: a polygon's edges, an ellipse's rim (first-order
 * estimate, exact on its axes), a strip's polyline less half its width, the nearest dot's disc.
 */
function shapeDepth(p: Point, s: ZoneShape, pxPerMm: number): number {
  switch (s.kind) {
    case 'polygon': {
      if (s.points.length < 3) return -Infinity;
      let d = Infinity;
      for (let i = 0, j = s.points.length - 1; i < s.points.length; j = i++) d = Math.min(d, segmentDistance(p, s.points[j]!, s.points[i]!));
      return insidePolygon(p, s.points) ? d : -d;
    }
    case 'ellipse': {
      const a = s.rxMm * pxPerMm, b = s.ryMm * pxPerMm;
      const c = Math.cos(s.angle), sn = Math.sin(s.angle);
      const dx = p.x - s.cx, dy = p.y - s.cy;
      const u = dx * c + dy * sn, v = -dx * sn + dy * c;
      const k = Math.hypot(u / a, v / b);
      if (k < 1e-9) return Math.min(a, b);
      // k − 1 over the length of k's gradient: the distance to the rim to first order.
      const grad = Math.hypot(u / (a * a), v / (b * b)) / k;
      return (1 - k) / grad;
    }
    case 'strip':
      return (s.widthMm * pxPerMm) / 2 - polylineDistance(p, s.points);
    case 'dots': {
      let d = Infinity;
      for (const q of s.points) d = Math.min(d, Math.hypot(p.x - q.x, p.y - q.y));
      return (s.sizeMm * pxPerMm) / 2 - d;
    }
  }
}

function polylineDistance(p: Point, pts: readonly Point[]): number {
  if (pts.length === 0) return Infinity;
  if (pts.length === 1) return Math.hypot(p.x - pts[0]!.x, p.y - pts[0]!.y);
  let d = Infinity;
  for (let i = 1; i < pts.length; i++) d = Math.min(d, segmentDistance(p, pts[i - 1]!, pts[i]!));
  return d;
}

const smooth = (t: number): number => {
  const u = Math.min(1, Math.max(0, t));
  return u * u * (3 - 2 * u);
};

/**
 * How much a photo point belongs to a zone, 0–1, with its feather. A scalp zone's feather straddles its outline
 * (where two zones meet they share it halfway); a scar's or patch's lies outside it, so the tissue drawn is fully
 * treated and the treatment fades out around it.
 */
export function zoneCoverage(p: Point, zone: Zone, pxPerMm: number): number {
  const depth = shapeDepth(p, zone.shape, pxPerMm);
  const f = Math.max(0, zone.featherMm) * pxPerMm;
  if (f <= 0) return depth >= 0 ? 1 : 0;
  return smooth(isTissueRole(zone.role) ? 1 + depth / f : 0.5 + depth / f);
}

/** The photo box (px) outside which a zone's coverage is 0. */
export function zoneBounds(zone: Zone, pxPerMm: number): { x0: number; y0: number; x1: number; y1: number } {
  const s = zone.shape;
  const f = Math.max(0, zone.featherMm) * pxPerMm;
  const reach = isTissueRole(zone.role) ? f : f / 2;
  if (s.kind === 'ellipse') {
    const r = Math.max(s.rxMm, s.ryMm) * pxPerMm + reach;
    return { x0: s.cx - r, y0: s.cy - r, x1: s.cx + r, y1: s.cy + r };
  }
  const pad = reach + (s.kind === 'strip' ? (s.widthMm * pxPerMm) / 2 : s.kind === 'dots' ? (s.sizeMm * pxPerMm) / 2 : 0);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const q of s.points) {
    x0 = Math.min(x0, q.x); y0 = Math.min(y0, q.y); x1 = Math.max(x1, q.x); y1 = Math.max(y1, q.y);
  }
  return { x0: x0 - pad, y0: y0 - pad, x1: x1 + pad, y1: y1 + pad };
}

/** The zone's centre: a polygon's area centroid, an ellipse's centre, the mean of a strip's or dots' points. */
export function zoneCentre(s: ZoneShape): Point {
  if (s.kind === 'ellipse') return { x: s.cx, y: s.cy };
  const pts = s.points;
  if (s.kind === 'polygon' && pts.length >= 3) {
    let a = 0, cx = 0, cy = 0;
    for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
      const cross = pts[j]!.x * pts[i]!.y - pts[i]!.x * pts[j]!.y;
      a += cross;
      cx += (pts[j]!.x + pts[i]!.x) * cross;
      cy += (pts[j]!.y + pts[i]!.y) * cross;
    }
    if (Math.abs(a) > 1e-9) return { x: cx / (3 * a), y: cy / (3 * a) };
  }
  const n = Math.max(1, pts.length);
  return { x: pts.reduce((m, q) => m + q.x, 0) / n, y: pts.reduce((m, q) => m + q.y, 0) / n };
}

/**
 * Rasterises a zone's coverage over the cells its box touches (cell centres as in density-field.ts). Returns the
 * box and its values, row-major; an empty box when the zone misses the photo.
 */
export function zoneCoverageRaster(
  zone: Zone,
  photo: { width: number; height: number },
  pxPerMm: number,
  { cols, rows }: { cols: number; rows: number },
): { i0: number; j0: number; w: number; h: number; values: Float32Array } {
  const sx = cols / photo.width, sy = rows / photo.height;
  const b = zoneBounds(zone, pxPerMm);
  const i0 = Math.max(0, Math.floor(b.x0 * sx - 0.5)), i1 = Math.min(cols - 1, Math.ceil(b.x1 * sx - 0.5));
  const j0 = Math.max(0, Math.floor(b.y0 * sy - 0.5)), j1 = Math.min(rows - 1, Math.ceil(b.y1 * sy - 0.5));
  const w = Math.max(0, i1 - i0 + 1), h = Math.max(0, j1 - j0 + 1);
  const values = new Float32Array(w * h);
  // Dots: each disc over its own small box (the union's coverage is the largest of its discs'), not every dot per cell.
  const pieces: Zone[] = zone.shape.kind === 'dots' ? zone.shape.points.map((q) => ({ ...zone, shape: { ...(zone.shape as Extract<ZoneShape, { kind: 'dots' }>), points: [q] } })) : [zone];
  for (const piece of pieces) {
    const pb = pieces.length > 1 ? zoneBounds(piece, pxPerMm) : b;
    const pi0 = Math.max(i0, Math.floor(pb.x0 * sx - 0.5)), pi1 = Math.min(i1, Math.ceil(pb.x1 * sx - 0.5));
    const pj0 = Math.max(j0, Math.floor(pb.y0 * sy - 0.5)), pj1 = Math.min(j1, Math.ceil(pb.y1 * sy - 0.5));
    for (let j = pj0; j <= pj1; j++) {
      const y = ((j + 0.5) / rows) * photo.height;
      for (let i = pi0; i <= pi1; i++) {
        const k = (j - j0) * w + (i - i0);
        const c = zoneCoverage({ x: ((i + 0.5) / cols) * photo.width, y }, piece, pxPerMm);
        if (c > values[k]!) values[k] = c;
      }
    }
  }
  return { i0, j0, w, h, values };
}

/** What a zone's coverage depends on (not its density, size, shade or name). */
export const zoneShapeKey = (z: Zone): string => JSON.stringify([z.role, z.shape, z.featherMm]);

/** The scar and patch zones' shapes: the part of the zones that decides where dots go. */
export const tissueKey = (zones: readonly Zone[]): string => zones.filter((z) => isTissueRole(z.role)).map(zoneShapeKey).join('|');
