import type { Point, ZoneShape } from '../../design/types.ts';
import { newZone } from '../../design/zone-presets.ts';
import { setDesign } from '../state.ts';
import { pathTool, polygonEdit } from './polygon-tool.ts';
import { pathOf, svg, type Tool, type ToolContext, type ToolFactory } from './tool.ts';
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
 * Click points on the photo, then finish (pathTool): 'outline' closes a polygon into a new zone of the role chosen in
 * the panel (click the first vertex, double-click or Enter); 'strip' ends an open polyline, widened to the panel's
 * width, into a new FUT scar (double-click or Enter).
 */
export function zonePathTool(kind: 'outline' | 'strip'): ToolFactory {
  const widthMm = (): number => panelNumber(SCAR_WIDTH_ID, DEFAULT_SCAR_WIDTH_MM, 0.5, 50);
  return (ctx: ToolContext): Tool =>
    pathTool(ctx, {
      id: kind === 'outline' ? 'zone' : 'strip-scar',
      minPoints: kind === 'outline' ? 3 : 2,
      closes: kind === 'outline',
      finish(points) {
        const shape = kind === 'outline' ? outlineShape(points) : stripShape(points, widthMm());
        if (!shape) return false;
        const role = kind === 'outline' ? panelRole() : 'scar';
        setDesign(ctx.store, (d) => ({ ...d, zones: [...d.zones, newZone(role, shape, d.zones)] }));
        return true;
      },
      backdrop(layer) {
        const d = ctx.store.get().design;
        drawZoneOutlines(layer, d.zones, d.scale.pxPerMm);
      },
      preview(layer, points, pointer) {
        const shown = pointer ? [...points, pointer] : points;
        if (kind === 'strip') svg('path', { d: pathOf(shown), class: 'zone-strip', 'stroke-width': widthMm() * ctx.store.get().design.scale.pxPerMm }, layer);
        svg('path', { d: pathOf(shown, kind === 'outline' && shown.length >= 3), class: `zone-preview ${kind}`, 'data-testid': 'zone-preview' }, layer);
      },
      pointerClass: () => 'area-pointer',
    });
}
