import type { Design, Point, Zone } from '../../design/types.ts';
import { newZone } from '../../design/zone-presets.ts';
import { setDesign } from '../state.ts';
import { CAPS } from '../../design/caps.ts';
import { onPointerLeave, svg, type Tool, type ToolContext } from './tool.ts';
import { DEFAULT_DOT_SCAR_MM, DOT_SCAR_SIZE_ID, drawZoneOutlines, panelNumber } from './zone-overlay.ts';

/** A drag stamps a dot each time the pointer is this many dot sizes (at least 2 mm) from the last stamp. */
const STEP_OF_SIZE = 2.5;
const MIN_STEP_MM = 2;

/** The FUE zone new stamps go into: the last scar made of dots, when its dot size is the one asked for. */
export function dotScarTarget(zones: readonly Zone[], sizeMm: number): number {
  for (let i = zones.length - 1; i >= 0; i--) {
    const s = zones[i]!.shape;
    if (zones[i]!.role === 'scar' && s.kind === 'dots') return s.sizeMm === sizeMm && s.points.length < CAPS.dotScars ? i : -1;
  }
  return -1;
}

/** The design with a dot scar stamped at p: into the current FUE zone, or a new one. */
export function stampDotScar(d: Design, p: Point, sizeMm: number): Design {
  const at = dotScarTarget(d.zones, sizeMm);
  const dot = { x: p.x, y: p.y };
  if (at < 0) return { ...d, zones: [...d.zones, newZone('scar', { kind: 'dots', points: [dot], sizeMm }, d.zones)] };
  return {
    ...d,
    zones: d.zones.map((z, i) => (i === at && z.shape.kind === 'dots' ? { ...z, shape: { ...z.shape, points: [...z.shape.points, dot] } } : z)),
  };
}

/**
 * FUE scars: each click stamps a dot scar (about 1 mm, from the panel) and a drag stamps a trail of them, all into
 * one FUE zone, so its dots match the surrounding density and fade like scar tissue. A press to release is one
 * undo step (the history's gesture).
 */
export function dotScarTool(ctx: ToolContext): Tool {
  let cursor: Point | null = null;
  let last: Point | null = null;
  const sizeMm = (): number => panelNumber(DOT_SCAR_SIZE_ID, DEFAULT_DOT_SCAR_MM, 0.2, 10);
  const redraw = (): void => draw();
  onPointerLeave(ctx, 'dot-scar', () => {
    cursor = null;
    redraw();
  });
  const stamp = (p: Point): void => {
    last = p;
    const size = sizeMm();
    setDesign(ctx.store, (d) => stampDotScar(d, p, size));
  };

  const draw = (): void => {
    const layer = ctx.layer;
    layer.replaceChildren();
    const d = ctx.store.get().design;
    drawZoneOutlines(layer, d.zones, d.scale.pxPerMm);
    if (cursor) svg('circle', { cx: cursor.x, cy: cursor.y, r: Math.max((sizeMm() * d.scale.pxPerMm) / 2, 3 / ctx.scale()), class: 'brush-cursor', 'data-testid': 'dot-scar-cursor' }, layer);
  };

  return {
    id: 'dot-scar',
    down(p) {
      cursor = p;
      stamp(p);
      return true;
    },
    move(p) {
      cursor = p;
      const step = Math.max(MIN_STEP_MM, STEP_OF_SIZE * sizeMm()) * ctx.store.get().design.scale.pxPerMm;
      if (last && Math.hypot(p.x - last.x, p.y - last.y) >= step) stamp(p);
      else redraw();
    },
    up(p) {
      cursor = p;
      last = null;
      redraw();
    },
    hover(p) {
      cursor = p;
      redraw();
    },
    draw,
    leave() {
      cursor = null;
      last = null;
    },
  };
}
