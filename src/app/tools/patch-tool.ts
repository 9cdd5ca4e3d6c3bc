import type { Point, Zone, ZoneShape } from '../../design/types.ts';
import { newZone } from '../../design/zone-presets.ts';
import { setDesign } from '../state.ts';
import { onPointerLeave, svg, type Tool, type ToolContext } from './tool.ts';
import { drawZoneOutlines } from './zone-overlay.ts';

/** A drag smaller than this (mm, either radius) makes no patch; the design file's smallest radius is 0.5 mm. */
const MIN_RADIUS_MM = 1;

/** The ellipse a drag from a to b spans (its box); a circle with Shift. null while too small. */
export function patchShape(a: Point, b: Point, pxPerMm: number, circle: boolean): Extract<ZoneShape, { kind: 'ellipse' }> | null {
  let rx = Math.abs(b.x - a.x) / 2 / pxPerMm, ry = Math.abs(b.y - a.y) / 2 / pxPerMm;
  if (circle) rx = ry = Math.max(rx, ry);
  if (rx < MIN_RADIUS_MM || ry < MIN_RADIUS_MM) return null;
  const cx = circle ? a.x + Math.sign(b.x - a.x || 1) * rx * pxPerMm : (a.x + b.x) / 2;
  const cy = circle ? a.y + Math.sign(b.y - a.y || 1) * ry * pxPerMm : (a.y + b.y) / 2;
  return { kind: 'ellipse', cx, cy, rxMm: Math.min(500, rx), ryMm: Math.min(500, ry), angle: 0 };
}

/**
 * Alopecia areata patches: drag the box of an oval (Shift: a circle); it becomes an ellipse zone that adds itself
 * to the treatment area. The zone appears once the drag is big enough and follows it; the whole drag is one undo
 * step.
 */
export function patchTool(ctx: ToolContext): Tool {
  let start: Point | null = null;
  let drawing: { index: number; zone: Zone } | null = null;
  let cursor: Point | null = null;
  const redraw = (): void => draw();
  onPointerLeave(ctx, 'patch', () => {
    cursor = null;
    redraw();
  });

  const drag = (p: Point, shift: boolean): void => {
    if (!start) return;
    const d = ctx.store.get().design;
    const shape = patchShape(start, p, d.scale.pxPerMm, shift);
    if (!shape) return;
    if (drawing && d.zones[drawing.index] !== drawing.zone) drawing = null; // replaced under us (undo): start again
    const zone: Zone = drawing ? { ...drawing.zone, shape } : newZone('patch', shape, d.zones);
    const index = drawing ? drawing.index : d.zones.length;
    drawing = { index, zone };
    setDesign(ctx.store, (x) => ({ ...x, zones: index < x.zones.length ? x.zones.map((z, i) => (i === index ? zone : z)) : [...x.zones, zone] }));
  };

  const draw = (): void => {
    const layer = ctx.layer;
    layer.replaceChildren();
    const d = ctx.store.get().design;
    drawZoneOutlines(layer, d.zones, d.scale.pxPerMm);
    if (cursor) svg('circle', { cx: cursor.x, cy: cursor.y, r: 2 / ctx.scale(), class: 'area-pointer' }, layer);
  };

  return {
    id: 'patch',
    down(p) {
      start = p;
      drawing = null;
      cursor = p;
      redraw();
      return true;
    },
    move(p, e) {
      cursor = p;
      drag(p, e.shiftKey);
      redraw();
    },
    up(p, e) {
      cursor = p;
      drag(p, e.shiftKey);
      start = null;
      drawing = null;
      redraw();
    },
    hover(p) {
      cursor = p;
      redraw();
    },
    draw,
    leave() {
      start = null;
      drawing = null;
      cursor = null;
    },
  };
}
