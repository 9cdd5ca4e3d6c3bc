import { effectivePoints, hairlineCurve } from '../../design/hairline.ts';
import { segmentDistance } from '../../design/spline.ts';
import type { Point } from '../../design/types.ts';
import { setDesign } from '../state.ts';
import { drawGuides } from './guides-tool.ts';
import { pathOf, svg, type Tool, type ToolContext } from './tool.ts';

const HANDLE_PX = 7;

/**
 * Edits the hairline: drag a point (with mirror on, its twin follows), drag the midline, click on the curve to add
 * a point, Delete (or double-click a point) to remove the selected one. The soft band is drawn behind the curve,
 * and the front-view guide lines (guides-tool.ts) under it when they are placed.
 */
export function hairlineTool(ctx: ToolContext): Tool {
  let dragging: { kind: 'point'; index: number; mirrored: boolean } | { kind: 'midline' } | null = null;
  let selected = -1;
  // A pointer press's click count is 0 in some browsers, so double-clicks are timed here.
  let lastPress = { index: -1, at: 0 };

  const h = () => ctx.store.get().design.hairline;
  const grab = () => (HANDLE_PX * 1.6) / ctx.scale();

  /** Index into hairline.points of the control point under p (its mirror image counts), or -1. */
  const pick = (p: Point): { index: number; mirrored: boolean } | null => {
    const hl = h();
    let best: { index: number; mirrored: boolean; d: number } | null = null;
    hl.points.forEach((q, index) => {
      const candidates = [{ pt: q, mirrored: false }];
      if (hl.mirror) candidates.push({ pt: { x: 2 * hl.midlineX - q.x, y: q.y }, mirrored: true });
      for (const c of candidates) {
        const d = Math.hypot(c.pt.x - p.x, c.pt.y - p.y);
        if (d < grab() && (!best || d < best.d)) best = { index, mirrored: c.mirrored, d };
      }
    });
    return best;
  };

  const removeSelected = (): boolean => {
    if (selected < 0 || h().points.length <= 2) return false;
    const i = selected;
    selected = -1;
    setDesign(ctx.store, (d) => ({ ...d, hairline: { ...d.hairline, points: d.hairline.points.filter((_, k) => k !== i) } }));
    return true;
  };

  return {
    id: 'hairline',
    down(p, e) {
      const hit = pick(p);
      if (hit) {
        const double = lastPress.index === hit.index && e.timeStamp - lastPress.at < 400;
        lastPress = { index: hit.index, at: e.timeStamp };
        if (double && selected === hit.index) return removeSelected();
        selected = hit.index;
        dragging = { kind: 'point', ...hit };
        ctx.store.update((s) => ({ ...s }));
        return true;
      }
      const hl = h();
      if (hl.mirror && Math.abs(p.x - hl.midlineX) < grab() * 0.6) {
        dragging = { kind: 'midline' };
        return true;
      }
      // Click near the curve: add a point there (on the left half when mirrored; the twin appears by itself).
      const curve = hairlineCurve(hl);
      let near = Infinity;
      for (let i = 1; i < curve.length; i++) near = Math.min(near, segmentDistance(p, curve[i - 1]!, curve[i]!));
      if (near < grab()) {
        const q = hl.mirror && p.x > hl.midlineX ? { x: 2 * hl.midlineX - p.x, y: p.y } : p;
        setDesign(ctx.store, (d) => ({ ...d, hairline: { ...d.hairline, points: [...d.hairline.points, q] } }));
        selected = h().points.length - 1;
        dragging = { kind: 'point', index: selected, mirrored: q !== p };
        return true;
      }
      selected = -1;
      ctx.store.update((s) => ({ ...s }));
      return false;
    },
    move(p) {
      if (!dragging) return;
      if (dragging.kind === 'midline') {
        const dx = p.x - h().midlineX;
        setDesign(ctx.store, (d) => ({
          ...d,
          hairline: { ...d.hairline, midlineX: p.x, points: d.hairline.points.map((q) => ({ x: q.x + dx, y: q.y })) },
        }));
        return;
      }
      const { index, mirrored } = dragging;
      const hl = h();
      let q = mirrored ? { x: 2 * hl.midlineX - p.x, y: p.y } : p;
      // A mirrored point stays on its own side of the midline.
      if (hl.mirror) q = { x: Math.min(q.x, hl.midlineX - 1e-3), y: q.y };
      setDesign(ctx.store, (d) => ({ ...d, hairline: { ...d.hairline, points: d.hairline.points.map((o, k) => (k === index ? q : o)) } }));
    },
    up() {
      dragging = null;
    },
    key(e) {
      if (e.key === 'Delete' || e.key === 'Backspace') return removeSelected();
      return false;
    },
    draw(s) {
      const layer = ctx.layer;
      layer.replaceChildren();
      drawGuides(layer, s, ctx.scale(), false); // the front-view guide lines, if placed, to drag the hairline to
      const hl = s.design.hairline;
      const curve = hairlineCurve(hl);
      const bandPx = hl.bandMm * s.design.scale.pxPerMm;
      const r = HANDLE_PX / ctx.scale();
      svg('path', { d: pathOf(curve), class: 'hairline-band', 'stroke-width': bandPx, transform: `translate(0 ${-bandPx / 2})` }, layer);
      svg('path', { d: pathOf(curve), class: 'hairline-curve', 'data-testid': 'hairline-curve' }, layer);
      if (hl.mirror) {
        svg('line', { x1: hl.midlineX, x2: hl.midlineX, y1: 0, y2: s.design.photo.height, class: 'midline', 'data-testid': 'midline' }, layer);
      }
      const shown = effectivePoints(hl);
      shown.forEach((q) => {
        const own = hl.points.findIndex((o) => o.x === q.x && o.y === q.y);
        const c = svg('circle', { cx: q.x, cy: q.y, r, class: own >= 0 && own === selected ? 'handle selected' : own >= 0 ? 'handle' : 'handle twin' }, layer);
        c.setAttribute('aria-label', own >= 0 ? `Hairline point ${own + 1}` : 'Mirrored hairline point');
      });
    },
    leave() {
      dragging = null;
      selected = -1;
    },
  };
}
