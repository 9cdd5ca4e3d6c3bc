import type { Point, Scale } from '../../design/types.ts';
import { calibrationLengths } from '../photo-section.ts';
import { setDesign } from '../state.ts';
import { svg, type Tool, type ToolContext, type ToolFactory } from './tool.ts';

/** A measured line shorter than this (screen px, and photo px) is refused: too short to set a scale from. */
export const MIN_LINE_PX = 10;
/** Screen px: half the length of the end ticks, and the pupil markers' radius. */
const TICK_PX = 8;

export type CalibrationSource = 'ruler' | 'pupils';

/**
 * The scale from a line of known length, or why it cannot be set. `viewScale` is screen px per photo px: a line
 * must be at least MIN_LINE_PX long on screen and in the photo.
 */
export function calibrate(a: Point, b: Point, mm: number, source: CalibrationSource, viewScale: number): { scale: Scale; text: string } | { error: string } {
  const lengthPx = Math.hypot(b.x - a.x, b.y - a.y);
  if (lengthPx * viewScale < MIN_LINE_PX || lengthPx < MIN_LINE_PX) {
    const what = source === 'ruler' ? 'Drag along the ruler across the whole known length' : 'Click the centre of one pupil, then the other';
    return { error: `That line is too short to measure (${lengthPx.toFixed(1)} px). ${what}.` };
  }
  if (!(mm > 0)) return { error: 'Type the known length in mm first.' };
  const pxPerMm = lengthPx / mm;
  const from = source === 'ruler' ? `a ${formatMm(mm)} mm ruler` : `a ${formatMm(mm)} mm pupil distance`;
  return { scale: { pxPerMm, calibrated: true, source }, text: `Scale set: ${pxPerMm.toFixed(2)} px/mm from ${from}` };
}

const formatMm = (mm: number): string => (Number.isInteger(mm) ? String(mm) : mm.toFixed(1));

/** The line's length in mm at a scale, for its label. */
export const lineLabel = (a: Point, b: Point, pxPerMm: number): string => `${(Math.hypot(b.x - a.x, b.y - a.y) / pxPerMm).toFixed(1)} mm`;

/**
 * Sets the photo's scale from a known length: 'calibrate-ruler' measures a drag along a ruler in the shot (the
 * "Known length" box), 'calibrate-pupils' the distance between the pupils (the "Pupil distance" box, 63 mm for an
 * average adult): click one pupil then the other, or drag from one to the other. On success the scale is set, a
 * notice says so, and the Pan tool comes back. Escape drops a half-drawn line.
 */
export function calibrateTool(source: CalibrationSource): ToolFactory {
  return (ctx: ToolContext): Tool => {
    let a: Point | null = null;
    let b: Point | null = null;
    /** drag: the button is held since the first point; await: a click marked the first pupil; second: its press. */
    let phase: 'idle' | 'drag' | 'await' | 'second' = 'idle';

    const reset = (): void => {
      a = null;
      b = null;
      phase = 'idle';
    };
    const redraw = (): void => draw();
    const notice = (kind: 'info' | 'error', text: string): void => ctx.store.update((s) => ({ ...s, notice: { kind, text } }));

    const finish = (from: Point, to: Point): void => {
      const lengths = calibrationLengths();
      const result = calibrate(from, to, source === 'ruler' ? lengths.rulerMm : lengths.ipdMm, source, ctx.scale());
      if ('error' in result) {
        reset();
        notice('error', result.error);
        redraw();
        return;
      }
      reset();
      setDesign(ctx.store, (d) => ({ ...d, scale: result.scale }));
      ctx.store.update((s) => ({ ...s, tool: 'pan', notice: { kind: 'info', text: result.text } }));
    };

    const draw = (): void => {
      const layer = ctx.layer;
      layer.replaceChildren();
      if (!a) return;
      const k = ctx.scale();
      const end = b ?? a;
      const g = svg('g', { 'data-testid': 'measure-line' }, layer);
      svg('line', { x1: a.x, y1: a.y, x2: end.x, y2: end.y, class: 'measure-halo' }, g);
      svg('line', { x1: a.x, y1: a.y, x2: end.x, y2: end.y, class: 'measure' }, g);
      const len = Math.hypot(end.x - a.x, end.y - a.y);
      // Unit normal (perpendicular) for the ticks and the label; straight up for a point.
      const n = len > 0 ? { x: -(end.y - a.y) / len, y: (end.x - a.x) / len } : { x: 0, y: -1 };
      const t = TICK_PX / k;
      for (const q of [a, end]) {
        svg('line', { x1: q.x - n.x * t, y1: q.y - n.y * t, x2: q.x + n.x * t, y2: q.y + n.y * t, class: 'measure' }, g);
        if (source === 'pupils') svg('circle', { cx: q.x, cy: q.y, r: TICK_PX / k, class: 'measure' }, g);
      }
      if (len > 0) {
        const s = ctx.store.get().design.scale;
        // The label sits beside the middle of the line, on its upper side, upright.
        const side = n.y > 0 ? -1 : 1;
        const mid = { x: (a.x + end.x) / 2 + side * n.x * 2.2 * t, y: (a.y + end.y) / 2 + side * n.y * 2.2 * t };
        const text = svg('text', { x: mid.x, y: mid.y, 'font-size': 13 / k, 'stroke-width': 3 / k, 'text-anchor': 'middle', 'dominant-baseline': 'middle', class: 'measure-label', 'data-testid': 'measure-label' }, g);
        text.textContent = `${lineLabel(a, end, s.pxPerMm)}${s.calibrated ? '' : ' (assumed scale)'}`;
      }
    };

    return {
      id: source === 'ruler' ? 'calibrate-ruler' : 'calibrate-pupils',
      down(p) {
        if (a && phase === 'await') {
          b = p;
          phase = 'second';
        } else {
          a = p;
          b = p;
          phase = 'drag';
        }
        redraw();
        return true;
      },
      move(p) {
        if (!a) return;
        b = p;
        redraw();
      },
      up(p) {
        if (!a) return;
        b = p;
        const screenLen = Math.hypot(p.x - a.x, p.y - a.y) * ctx.scale();
        if (phase === 'drag' && screenLen < MIN_LINE_PX && source === 'pupils') {
          // A click on the first pupil: wait for the second one, with the line following the pointer.
          phase = 'await';
          redraw();
          return;
        }
        finish(a, p);
      },
      hover(p) {
        if (a && phase === 'await') {
          b = p;
          redraw();
        }
      },
      key(e) {
        if (e.key === 'Escape' && a) {
          reset();
          redraw();
          return true;
        }
        return false;
      },
      draw,
      leave: reset,
    };
  };
}
