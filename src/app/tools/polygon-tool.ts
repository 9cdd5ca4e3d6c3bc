import type { AreaEdit, EditMode, Point } from '../../design/types.ts';
import { setDesign } from '../state.ts';
import { onPointerLeave, pathOf, svg, type Tool, type ToolContext } from './tool.ts';

/** Screen px: vertex handles, and how near the first vertex a click closes a path. */
const HANDLE_PX = 5;
export const CLOSE_PX = 10;
/** A second press this soon (ms) and this near (screen px) the first is a double-click. */
const DOUBLE_MS = 450;
const DOUBLE_PX = 6;

/**
 * Tells a double press from two clicks, for the click-to-place path tools (a pointerdown's detail is not a click
 * count in every browser): call it on each press.
 */
export function doublePress(): (e: PointerEvent) => boolean {
  let last = { time: -Infinity, x: 0, y: 0 };
  return (e) => {
    const double = e.detail >= 2 || (e.timeStamp - last.time < DOUBLE_MS && Math.hypot(e.clientX - last.x, e.clientY - last.y) <= DOUBLE_PX);
    last = double ? { time: -Infinity, x: 0, y: 0 } : { time: e.timeStamp, x: e.clientX, y: e.clientY };
    return double;
  };
}

/** The placed vertices' handles; the first grows when the pointer is near enough to close the path on it. */
export function drawVertices(layer: SVGGElement, points: readonly Point[], nearFirst: boolean, k: number): void {
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

/**
 * Adds or removes a polygon from the treatment area: click to place vertices, then click the first vertex (or
 * double-click, or press Enter) to close it; it becomes one edit. Escape drops the open polygon, Backspace its last
 * vertex. Shift held (or the panel's checkbox) makes it remove instead of add; the preview shows which.
 */
export function polygonTool(ctx: ToolContext): Tool {
  let points: Point[] = [];
  let pointer: Point | null = null;
  let shift = false;
  const isDouble = doublePress();

  const redraw = (): void => draw();
  onPointerLeave(ctx, 'polygon', () => {
    pointer = null;
    redraw();
  });
  const cancel = (): void => {
    points = [];
    redraw();
  };
  const commit = (erase: boolean): boolean => {
    const edit = polygonEdit(points, polygonMode(erase));
    if (!edit) return false;
    points = [];
    setDesign(ctx.store, (d) => ({ ...d, area: { edits: [...d.area.edits, edit] } }));
    return true;
  };

  const draw = (): void => {
    const layer = ctx.layer;
    layer.replaceChildren();
    if (points.length === 0 && !pointer) return;
    const k = ctx.scale();
    const mode = polygonMode(shift);
    if (points.length > 0) {
      const shown = pointer ? [...points, pointer] : points;
      svg('path', { d: pathOf(shown, shown.length >= 3), class: `area ${mode}`, 'data-testid': 'polygon-preview' }, layer);
      if (pointer) svg('path', { d: pathOf([points[points.length - 1]!, pointer]), class: `area-rubber ${mode}` }, layer);
      const nearFirst = pointer !== null && polygonClick(points, pointer, CLOSE_PX / k) === 'close';
      drawVertices(layer, points, nearFirst, k);
    }
    if (pointer) svg('circle', { cx: pointer.x, cy: pointer.y, r: 2 / k, class: `area-pointer ${mode}` }, layer);
  };

  return {
    id: 'polygon',
    down(p, e) {
      shift = e.shiftKey;
      pointer = p;
      const double = isDouble(e);
      if (double && points.length >= 3) {
        // Double-click: the first click already placed the last vertex.
        commit(e.shiftKey);
        redraw();
        return true;
      }
      const what = polygonClick(points, p, CLOSE_PX / ctx.scale());
      if (what === 'close') commit(e.shiftKey);
      else if (what === 'add') points = [...points, { x: p.x, y: p.y }];
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
      if (e.key === 'Enter') return commit(e.shiftKey) || points.length > 0;
      if (e.key === 'Escape' && points.length > 0) {
        cancel();
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
