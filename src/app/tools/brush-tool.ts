import type { AreaEdit, Design, EditMode, Point } from '../../design/types.ts';
import { setDesign, type AppState, type ToolId } from '../state.ts';
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
export function replaceEdit<E>(edits: readonly E[], index: number, edit: E): E[] {
  return edits.map((e, i) => (i === index ? edit : e));
}

/** What a stroke tool paints into: a list of edits in the design, each with its own growing points. */
export interface StrokeTarget<E extends { points: Point[] }> {
  id: ToolId;
  edits(d: Design): readonly E[];
  withEdits(d: Design, edits: E[]): Design;
  /** The edit a press starts, with the brush of that moment. */
  start(p: Point, s: AppState): E;
  /** Draws the cursor (photo px, radius r) into the tool's layer. */
  cursor(layer: SVGGElement, at: Point, r: number, s: AppState): void;
}

/**
 * A brush: a drag is one edit whose points grow while the pointer is held, so a drag is one undoable step and the
 * picture follows it live. The brush's circle follows the pointer. Shared by the area brush and eraser and the
 * hair-mask brushes; the target says where the edits live.
 */
export function strokeTool<E extends { points: Point[] }>(t: StrokeTarget<E>): ToolFactory {
  return (ctx: ToolContext): Tool => {
    /** Index of the edit being painted and the edit object itself (to notice anyone else replacing it). */
    let stroke: { index: number; edit: E } | null = null;
    let cursor: Point | null = null;
    const radiusPx = (): number => (ctx.store.get().brush.sizeMm * ctx.store.get().design.scale.pxPerMm) / 2;

    const draw = (): void => {
      ctx.layer.replaceChildren();
      if (cursor) t.cursor(ctx.layer, cursor, radiusPx(), ctx.store.get());
      if (cursor) svg('circle', { cx: cursor.x, cy: cursor.y, r: 1.5 / ctx.scale(), class: 'brush-cursor centre' }, ctx.layer);
    };
    onPointerLeave(ctx, t.id, () => {
      if (!stroke && cursor) {
        cursor = null;
        draw();
      }
    });

    const grow = (p: Point, force: boolean): void => {
      if (!stroke) return;
      const s = stroke;
      const edits = t.edits(ctx.store.get().design);
      if (edits[s.index] !== s.edit) {
        stroke = null; // replaced under us (a reset, an undo): stop painting
        return;
      }
      const points = extendStroke(s.edit.points, p, radiusPx() * STEP_OF_RADIUS, force);
      if (points === s.edit.points) return;
      const edit: E = { ...s.edit, points: [...points] };
      stroke = { index: s.index, edit };
      setDesign(ctx.store, (d) => t.withEdits(d, replaceEdit(t.edits(d), s.index, edit)));
    };

    return {
      id: t.id,
      down(p) {
        const edit = t.start(p, ctx.store.get());
        stroke = { index: t.edits(ctx.store.get().design).length, edit };
        cursor = p;
        setDesign(ctx.store, (d) => t.withEdits(d, [...t.edits(d), edit]));
        return true;
      },
      move(p) {
        cursor = p;
        grow(p, false);
        draw();
      },
      up(p) {
        cursor = p;
        grow(p, true);
        stroke = null;
        draw();
      },
      hover(p) {
        cursor = p;
        draw();
      },
      draw,
      leave() {
        stroke = null;
        cursor = null;
      },
    };
  };
}

/**
 * Paints the treatment area: a drag is one brush edit (mode add for 'brush', erase for 'eraser') with the brush
 * size and feather of the moment it started. A circle of the brush size (and a dashed one for its hard core)
 * follows the pointer.
 */
export function brushTool(mode: EditMode): ToolFactory {
  return strokeTool<AreaEdit>({
    id: mode === 'add' ? 'brush' : 'eraser',
    edits: (d) => d.area.edits,
    withEdits: (d, edits) => ({ ...d, area: { edits } }),
    start: (p, s) => ({ kind: 'brush', mode, sizeMm: s.brush.sizeMm, feather: s.brush.feather, points: [{ x: p.x, y: p.y }] }),
    cursor(layer, at, r, s) {
      const feather = Math.min(1, Math.max(0, s.brush.feather));
      const cls = `brush-cursor ${mode}`;
      svg('circle', { cx: at.x, cy: at.y, r, class: 'brush-halo' }, layer);
      svg('circle', { cx: at.x, cy: at.y, r, class: cls, 'data-testid': 'brush-cursor' }, layer);
      if (feather > 0 && feather < 1) svg('circle', { cx: at.x, cy: at.y, r: r * (1 - feather), class: `${cls} core` }, layer);
    },
  });
}
