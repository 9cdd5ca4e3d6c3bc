import type { AreaEdit, EditMode, Point } from '../../design/types.ts';
import { setDesign, type ToolId } from '../state.ts';
import { onPointerLeave, pathOf, svg, type Tool, type ToolContext } from './tool.ts';

/** Screen px: vertex handles, and how near the first vertex a click closes a path. */
const HANDLE_PX = 5;
const CLOSE_PX = 10;
/** A second press this soon (ms) and this near (screen px) the first is a double-click. */
const DOUBLE_MS = 450;
const DOUBLE_PX = 6;

/**
 * Tells a double press from two clicks, for the click-to-place path tools (a pointerdown's detail is not a click
 * count in every browser): call it on each press.
 */
function doublePress(): (e: PointerEvent) => boolean {
  let last = { time: -Infinity, x: 0, y: 0 };
  return (e) => {
    const double = e.detail >= 2 || (e.timeStamp - last.time < DOUBLE_MS && Math.hypot(e.clientX - last.x, e.clientY - last.y) <= DOUBLE_PX);
    last = double ? { time: -Infinity, x: 0, y: 0 } : { time: e.timeStamp, x: e.clientX, y: e.clientY };
    return double;
  };
}

/** The placed vertices' handles; the first grows when the pointer is near enough to close the path on it. */
function drawVertices(layer: SVGGElement, points: readonly Point[], nearFirst: boolean, k: number): void {
  points.forEach((q, i) => {
    svg('circle', { cx: q.x, cy: q.y, r: (i === 0 && nearFirst ? HANDLE_PX * 1.6 : HANDLE_PX) / k, class: i === 0 ? 'handle first' : 'handle' }, layer);
  });
}
/** id of the panel's "Polygon removes" checkbox. */
export const POLYGON_ERASE_ID = 'c-polygon-erase';

/** What a click at `p` does to an open polygon: close it (on its first vertex, with 3 or more), or add a vertex. */
export function polygonClick(points: readonly Point[], p: Point, closeRadius: number): 'close' | 'add' | 'ignore' {
  const first = points[0];
  if (first && points.length >= 3 && Math.hypot(p.x - first.x, p.y - first.y) <= closeRadius) return 'close';
  const last = points[points.length - 1];
  // A repeated click on the last vertex (the second half of a slow double-click) adds nothing.
  if (last && Math.hypot(p.x - last.x, p.y - last.y) <= closeRadius / 4) return 'ignore';
  return 'add';
}

/** The polygon edit for closed vertices, or null when they enclose nothing (fewer than 3, or no area). */
export function polygonEdit(points: readonly Point[], mode: EditMode): AreaEdit | null {
  if (points.length < 3) return null;
  let twiceArea = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) twiceArea += points[j]!.x * points[i]!.y - points[i]!.x * points[j]!.y;
  if (Math.abs(twiceArea) < 1e-6) return null;
  return { kind: 'polygon', mode, points: points.map((q) => ({ x: q.x, y: q.y })) };
}

/** Removing instead of adding: Shift held, or the panel's "Polygon removes" box ticked. */
export function polygonMode(shift: boolean): EditMode {
  const box = typeof document === 'undefined' ? null : (document.getElementById(POLYGON_ERASE_ID) as HTMLInputElement | null);
  return shift || box?.checked ? 'erase' : 'add';
}

/** What differs between the click-to-place path tools; pathTool does the placing. */
export interface PathSpec {
  id: ToolId;
  /** Points a finished path needs (a double press finishes with this many). */
  minPoints: number;
  /** A click on the first vertex finishes the path (a closed outline). */
  closes: boolean;
  /** Makes the design change for the placed points (`shift`: Shift held); false when they make nothing. */
  finish(points: Point[], shift: boolean): boolean;
  /** Draws the open path (and its last leg to the pointer), under the vertex handles. */
  preview(layer: SVGGElement, points: Point[], pointer: Point | null, shift: boolean): void;
  /** Draws what the layer shows under any path (other zones' outlines). */
  backdrop?(layer: SVGGElement): void;
  /** The pointer dot's class. */
  pointerClass(shift: boolean): string;
}

/**
 * A click-to-place path tool: each click places a vertex; a double press (or Enter, or a click on the first vertex
 * of a closing path) finishes it as one design change, so one undo step. Escape drops the open path, Backspace its
 * last vertex.
 */
export function pathTool(ctx: ToolContext, spec: PathSpec): Tool {
  let points: Point[] = [];
  let pointer: Point | null = null;
  let shift = false;
  const isDouble = doublePress();

  const redraw = (): void => draw();
  onPointerLeave(ctx, spec.id, () => {
    pointer = null;
    redraw();
  });
  const finish = (): boolean => {
    if (!spec.finish(points, shift)) return false;
    points = [];
    return true;
  };

  const draw = (): void => {
    const layer = ctx.layer;
    layer.replaceChildren();
    spec.backdrop?.(layer);
    const k = ctx.scale();
    if (points.length > 0) {
      spec.preview(layer, points, pointer, shift);
      const nearFirst = spec.closes && pointer !== null && polygonClick(points, pointer, CLOSE_PX / k) === 'close';
      drawVertices(layer, points, nearFirst, k);
    }
    if (pointer) svg('circle', { cx: pointer.x, cy: pointer.y, r: 2 / k, class: spec.pointerClass(shift) }, layer);
  };

  return {
    id: spec.id,
    down(p, e) {
      shift = e.shiftKey;
      pointer = p;
      if (isDouble(e) && points.length >= spec.minPoints) {
        // The first press of the double press already placed the last vertex.
        finish();
      } else {
        const what = polygonClick(points, p, CLOSE_PX / ctx.scale());
        if (what === 'close' && spec.closes) finish();
        else if (what !== 'ignore') points = [...points, { x: p.x, y: p.y }];
      }
      redraw();
      return true;
    },
    hover(p, e) {
      shift = e.shiftKey;
      pointer = p;
      redraw();
    },
    key(e) {
      if (e.key === 'Shift') {
        shift = true;
        redraw();
        return false;
      }
      if (e.key === 'Enter') {
        shift = e.shiftKey;
        const done = finish();
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
}

/**
 * Adds or removes a polygon from the treatment area (pathTool: click vertices, then the first vertex, a double
 * press or Enter). Shift held (or the panel's checkbox) makes it remove instead of add; the preview shows which.
 */
export function polygonTool(ctx: ToolContext): Tool {
  return pathTool(ctx, {
    id: 'polygon',
    minPoints: 3,
    closes: true,
    finish(points, shift) {
      const edit = polygonEdit(points, polygonMode(shift));
      if (edit) setDesign(ctx.store, (d) => ({ ...d, area: { edits: [...d.area.edits, edit] } }));
      return edit !== null;
    },
    preview(layer, points, pointer, shift) {
      const mode = polygonMode(shift);
      const shown = pointer ? [...points, pointer] : points;
      svg('path', { d: pathOf(shown, shown.length >= 3), class: `area ${mode}`, 'data-testid': 'polygon-preview' }, layer);
      if (pointer) svg('path', { d: pathOf([points[points.length - 1]!, pointer]), class: `area-rubber ${mode}` }, layer);
    },
    pointerClass: (shift) => `area-pointer ${polygonMode(shift)}`,
  });
}
