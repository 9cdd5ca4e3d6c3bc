import type { Point, Thinning } from '../../design/types.ts';
import { setDesign } from '../state.ts';
import { extendStroke } from './brush-tool.ts';
import { onPointerLeave, svg, type Tool, type ToolContext, type ToolFactory } from './tool.ts';

type MaskEdit = Thinning['edits'][number];

/** A stroke keeps a point only once the pointer is this share of the brush radius from the last one. */
const STEP_OF_RADIUS = 0.1;

/**
 * Corrects the thinning-hair mask: a drag is one stroke that marks hair ('hair': no dots there) or visible scalp
 * ('scalp': dots allowed) with the brush size of the moment it started, growing live as one undoable step. A circle
 * of the brush size follows the pointer.
 */
export function maskBrushTool(mode: MaskEdit['mode']): ToolFactory {
  return (ctx: ToolContext): Tool => {
    let stroke: { index: number; edit: MaskEdit } | null = null;
    let cursor: Point | null = null;
    const radiusPx = (): number => (ctx.store.get().brush.sizeMm * ctx.store.get().design.scale.pxPerMm) / 2;

    const draw = (): void => {
      const layer = ctx.layer;
      layer.replaceChildren();
      if (!cursor) return;
      const r = radiusPx();
      svg('circle', { cx: cursor.x, cy: cursor.y, r, class: 'brush-halo' }, layer);
      svg('circle', { cx: cursor.x, cy: cursor.y, r, class: `brush-cursor mask-${mode}`, 'data-testid': 'mask-brush-cursor' }, layer);
      svg('circle', { cx: cursor.x, cy: cursor.y, r: 1.5 / ctx.scale(), class: 'brush-cursor centre' }, layer);
    };
    onPointerLeave(ctx, mode === 'hair' ? 'mask-hair' : 'mask-scalp', () => {
      if (!stroke && cursor) {
        cursor = null;
        draw();
      }
    });

    const grow = (p: Point, force: boolean): void => {
      if (!stroke) return;
      const s = stroke;
      if (ctx.store.get().design.thinning.edits[s.index] !== s.edit) {
        stroke = null; // replaced under us (Reset corrections, undo): stop painting
        return;
      }
      const points = extendStroke(s.edit.points, p, radiusPx() * STEP_OF_RADIUS, force);
      if (points === s.edit.points) return;
      const edit = { ...s.edit, points: [...points] };
      stroke = { index: s.index, edit };
      setDesign(ctx.store, (d) => ({ ...d, thinning: { ...d.thinning, edits: d.thinning.edits.map((e, i) => (i === s.index ? edit : e)) } }));
    };

    return {
      id: mode === 'hair' ? 'mask-hair' : 'mask-scalp',
      down(p) {
        const edit: MaskEdit = { mode, sizeMm: ctx.store.get().brush.sizeMm, points: [{ x: p.x, y: p.y }] };
        stroke = { index: ctx.store.get().design.thinning.edits.length, edit };
        cursor = p;
        setDesign(ctx.store, (d) => ({ ...d, thinning: { ...d.thinning, edits: [...d.thinning.edits, edit] } }));
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
