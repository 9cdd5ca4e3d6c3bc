import type { Point, ZoneShape } from '../../design/types.ts';
import { newZone } from '../../design/zone-presets.ts';
import { setDesign } from '../state.ts';
import { CLOSE_PX, doublePress, drawVertices, polygonClick, polygonEdit } from './polygon-tool.ts';
import { onPointerLeave, pathOf, svg, type Tool, type ToolContext, type ToolFactory } from './tool.ts';
import { DEFAULT_SCAR_WIDTH_MM, drawZoneOutlines, panelNumber, panelRole, SCAR_WIDTH_ID } from './zone-overlay.ts';


/** The strip scar for clicked points: a polyline of 2 or more distinct points, widened to `widthMm`. */
export function stripShape(points: readonly Point[], widthMm: number): ZoneShape | null {
  const pts = points.filter((q, i) => i === 0 || q.x !== points[i - 1]!.x || q.y !== points[i - 1]!.y);
  return pts.length >= 2 ? { kind: 'strip', points: pts.map((q) => ({ x: q.x, y: q.y })), widthMm } : null;
}

/** The zone outline for clicked points: a polygon enclosing some area, or null. */
export function outlineShape(points: readonly Point[]): ZoneShape | null {
  const edit = polygonEdit(points, 'add');
  return edit ? { kind: 'polygon', points: edit.points } : null;
}

/**
 * Click points on the photo, then finish: 'outline' closes a polygon into a new zone of the role chosen in the
 * panel (click the first vertex, double-click or Enter); 'strip' ends an open polyline, widened to the panel's
 * width, into a new FUT scar (double-click or Enter). Finishing is one design change, so one undo step. Escape
 * drops the points, Backspace the last one.
 */
export function zonePathTool(kind: 'outline' | 'strip'): ToolFactory {
  return (ctx: ToolContext): Tool => {
    let points: Point[] = [];
    let pointer: Point | null = null;
    const isDouble = doublePress();
    const widthMm = (): number => panelNumber(SCAR_WIDTH_ID, DEFAULT_SCAR_WIDTH_MM, 0.5, 50);

    const redraw = (): void => draw();
    onPointerLeave(ctx, kind === 'outline' ? 'zone' : 'strip-scar', () => {
      pointer = null;
      redraw();
    });
    const commit = (): boolean => {
      const shape = kind === 'outline' ? outlineShape(points) : stripShape(points, widthMm());
      if (!shape) return false;
      points = [];
      const role = kind === 'outline' ? panelRole() : 'scar';
      setDesign(ctx.store, (d) => ({ ...d, zones: [...d.zones, newZone(role, shape, d.zones)] }));
      return true;
    };

    const draw = (): void => {
      const layer = ctx.layer;
      layer.replaceChildren();
      const d = ctx.store.get().design;
      drawZoneOutlines(layer, d.zones, d.scale.pxPerMm);
      const k = ctx.scale();
      if (points.length > 0) {
        const shown = pointer ? [...points, pointer] : points;
        if (kind === 'strip') svg('path', { d: pathOf(shown), class: 'zone-strip', 'stroke-width': widthMm() * d.scale.pxPerMm }, layer);
        svg('path', { d: pathOf(shown, kind === 'outline' && shown.length >= 3), class: `zone-preview ${kind}`, 'data-testid': 'zone-preview' }, layer);
        const nearFirst = kind === 'outline' && pointer !== null && polygonClick(points, pointer, CLOSE_PX / k) === 'close';
        drawVertices(layer, points, nearFirst, k);
      }
      if (pointer) svg('circle', { cx: pointer.x, cy: pointer.y, r: 2 / k, class: 'area-pointer' }, layer);
    };

    return {
      id: kind === 'outline' ? 'zone' : 'strip-scar',
      down(p, e) {
        pointer = p;
        const double = isDouble(e);
        const enough = kind === 'outline' ? 3 : 2;
        if (double && points.length >= enough) {
          // The first click of the double-click already placed the last point.
          commit();
          redraw();
          return true;
        }
        const what = polygonClick(points, p, CLOSE_PX / ctx.scale());
        if (what === 'close' && kind === 'outline') commit();
        else if (what !== 'ignore') points = [...points, { x: p.x, y: p.y }];
        redraw();
        return true;
      },
      hover(p) {
        pointer = p;
        redraw();
      },
      key(e) {
        if (e.key === 'Enter') {
          const done = commit();
          redraw();
          return done || points.length > 0;
        }
        if (e.key === 'Escape' && points.length > 0) {
          points = [];
          redraw();
          return true;
        }
        if (e.key === 'Backspace' && points.length > 0) {
          points = points.slice(0, -1);
          redraw();
          return true;
        }
        return false;
      },
      draw,
      leave() {
        points = [];
        pointer = null;
      },
    };
  };
}
