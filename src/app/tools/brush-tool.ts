import type { AreaEdit, EditMode, Point } from '../../design/types.ts';
import { setDesign } from '../state.ts';
import { onPointerLeave, svg, type Tool, type ToolContext, type ToolFactory } from './tool.ts';

/** A stroke keeps a point only once the pointer is this share of the brush radius from the last one. */
const STEP_OF_RADIUS = 0.1;

/**
 * The stroke's points with `p` added, or the same array when `p` is closer than `minStep` to the last point (unless
 * `force`, for the release point, which is kept unless it repeats the last one exactly).
 */
export function extendStroke(points: readonly Point[], p: Point, minStep: number, force = false): readonly Point[] {
  const last = points[points.length - 1];
  if (last) {
    const d = Math.hypot(p.x - last.x, p.y - last.y);
    if (d === 0 || (!force && d < minStep)) return points;
  }
  return [...points, { x: p.x, y: p.y }];
}

/** A copy of the edits with the one at `index` replaced. */
export function replaceEdit(edits: readonly AreaEdit[], index: number, edit: AreaEdit): AreaEdit[] {
  return edits.map((e, i) => (i === index ? edit : e));
}

/**
 * Paints the treatment area: a drag is one brush edit (mode add for 'brush', erase for 'eraser') with the brush
 * size and feather of the moment it started; while dragging the same edit grows, so a drag is one undoable step
 * and the dots follow the stroke live. A circle of the brush size (and a dashed one for its hard core) follows
 * the pointer.
 */
export function brushTool(mode: EditMode): ToolFactory {
  return (ctx: ToolContext): Tool => {
    /** Index of the edit being painted and the edit object itself (to notice anyone else replacing it). */
    let stroke: { index: number; edit: Extract<AreaEdit, { kind: 'brush' }> } | null = null;
    let cursor: Point | null = null;

    const radiusPx = (): number => (ctx.store.get().brush.sizeMm * ctx.store.get().design.scale.pxPerMm) / 2;
    const redraw = (): void => draw();
    onPointerLeave(ctx, mode === 'add' ? 'brush' : 'eraser', () => {
      if (!stroke && cursor) {
        cursor = null;
        redraw();
      }
    });

    const grow = (p: Point, force: boolean): void => {
      if (!stroke) return;
      const s = stroke;
      const edits = ctx.store.get().design.area.edits;
      if (edits[s.index] !== s.edit) {
        stroke = null; // replaced under us (Reset area): stop painting
        return;
      }
      const points = extendStroke(s.edit.points, p, radiusPx() * STEP_OF_RADIUS, force);
      if (points === s.edit.points) return;
      const edit = { ...s.edit, points: [...points] };
      stroke = { index: s.index, edit };
      setDesign(ctx.store, (d) => ({ ...d, area: { edits: replaceEdit(d.area.edits, s.index, edit) } }));
    };

    const draw = (): void => {
      const layer = ctx.layer;
      layer.replaceChildren();
      if (!cursor) return;
      const r = radiusPx();
      const feather = Math.min(1, Math.max(0, ctx.store.get().brush.feather));
      const cls = `brush-cursor ${mode}`;
      svg('circle', { cx: cursor.x, cy: cursor.y, r, class: 'brush-halo' }, layer);
      svg('circle', { cx: cursor.x, cy: cursor.y, r, class: cls, 'data-testid': 'brush-cursor' }, layer);
      if (feather > 0 && feather < 1) svg('circle', { cx: cursor.x, cy: cursor.y, r: r * (1 - feather), class: `${cls} core` }, layer);
      svg('circle', { cx: cursor.x, cy: cursor.y, r: 1.5 / ctx.scale(), class: `${cls} centre` }, layer);
    };

    return {
      id: mode === 'add' ? 'brush' : 'eraser',
      down(p) {
        const { brush } = ctx.store.get();
        const edit: Extract<AreaEdit, { kind: 'brush' }> = { kind: 'brush', mode, sizeMm: brush.sizeMm, feather: brush.feather, points: [{ x: p.x, y: p.y }] };
        stroke = { index: ctx.store.get().design.area.edits.length, edit };
        cursor = p;
        setDesign(ctx.store, (d) => ({ ...d, area: { edits: [...d.area.edits, edit] } }));
        return true;
      },
      move(p) {
        cursor = p;
        grow(p, false);
        redraw();
      },
      up(p) {
        cursor = p;
        grow(p, true);
        stroke = null;
        redraw();
      },
      hover(p) {
        cursor = p;
        redraw();
      },
      draw,
      leave() {
        stroke = null;
        cursor = null;
      },
    };
  };
}
