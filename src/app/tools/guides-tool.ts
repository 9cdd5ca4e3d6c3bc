import { guideLabel, guideReport, LANDMARKS, type Landmark } from '../../design/guides.ts';
import { hairlineCurve } from '../../design/hairline.ts';
import type { Guides, Point } from '../../design/types.ts';
import { setDesign, type AppState } from '../state.ts';
import { pathOf, svg, type Tool, type ToolContext } from './tool.ts';

const HANDLE_PX = 6;

export const LANDMARK_NAMES: Record<Landmark, string> = {
  glabella: 'Glabella',
  browCrease: 'Brow crease',
  leftEye: 'Left eye corner',
  rightEye: 'Right eye corner',
};

/** The landmark the panel asked to place next (re-placing one already set), or null: the first one missing. */
let armed: Landmark | null = null;

/** Makes the next click of the guides tool place this landmark (null: the first one not yet placed). */
export function armLandmark(which: Landmark | null): void {
  armed = which;
}

/** What a click on empty photo places: the armed landmark, else the first missing one in order, else nothing. */
export function nextLandmark(g: Guides): Landmark | null {
  return armed ?? LANDMARKS.find((k) => g[k] === null) ?? null;
}

/**
 * Front-view guides: click to place the glabella, the highest brow crease and the outer eye corners (photo left,
 * then right) in turn, or the one picked in the panel; drag a landmark to move it. Draws the landmarks, the guide
 * line for the hairline's centre with its rule ("8 cm above glabella"), the temple lines through the eye corners,
 * and the hairline with its measured centre height. Assumes an upright front view (see design/guides.ts).
 */
export function guidesTool(ctx: ToolContext): Tool {
  let dragging: Landmark | null = null;
  const guides = () => ctx.store.get().design.guides;
  const setPoint = (k: Landmark, p: Point): void => setDesign(ctx.store, (d) => ({ ...d, guides: { ...d.guides, [k]: { x: p.x, y: p.y } } }));

  const pick = (p: Point): Landmark | null => {
    const g = guides();
    const grab = (HANDLE_PX * 2) / ctx.scale();
    let best: { k: Landmark; d: number } | null = null;
    for (const k of LANDMARKS) {
      const q = g[k];
      if (!q) continue;
      const d = Math.hypot(q.x - p.x, q.y - p.y);
      if (d < grab && (!best || d < best.d)) best = { k, d };
    }
    return best?.k ?? null;
  };

  return {
    id: 'guides',
    down(p) {
      const hit = armed ? null : pick(p);
      if (hit) {
        dragging = hit;
        return true;
      }
      const k = nextLandmark(guides());
      if (!k) return false;
      armed = null;
      setPoint(k, p);
      dragging = k; // a press that places a landmark can also drag it into place
      return true;
    },
    move(p) {
      if (dragging) setPoint(dragging, p);
    },
    up() {
      dragging = null;
    },
    draw(s) {
      ctx.layer.replaceChildren();
      drawGuides(ctx.layer, s, ctx.scale(), true);
    },
    leave() {
      dragging = null;
      armed = null;
    },
  };
}

/**
 * Draws the guides into an overlay layer (photo px; `k` = screen px per photo px): the temple lines, the guide line
 * with its rule, and with `full` (the Guides tool) also the hairline, its measured height and the landmarks. The
 * hairline tool draws the lines alone, so the hairline can be dragged to them.
 */
export function drawGuides(layer: SVGGElement, s: AppState, k: number, full: boolean): void {
  const d = s.design;
  const g = d.guides;
  const r = guideReport(d);
  const { width, height } = d.photo;
  const label = (x: number, y: number, text: string, cls: string, anchor = 'start', testid?: string): void => {
    const t = svg('text', { x, y, 'font-size': 13 / k, 'stroke-width': 3 / k, 'text-anchor': anchor, class: `guide-label ${cls}`, ...(testid ? { 'data-testid': testid } : {}) }, layer);
    t.textContent = text;
  };
  const assumed = d.scale.calibrated ? '' : ' (scale not set)';

  // Temple lines: vertical through each outer eye corner.
  for (const [side, x] of [['left', r.templeX.left], ['right', r.templeX.right]] as const) {
    if (x === null) continue;
    svg('line', { x1: x, x2: x, y1: 0, y2: height, class: 'temple-line', 'data-testid': `temple-line-${side}` }, layer);
  }
  // The rule that does not govern, faint; then the guide line with its label.
  const anchorX = (g.glabella ?? g.browCrease)?.x ?? width / 2;
  if (r.governs === 'brow' && r.glabellaLineY !== null) svg('line', { x1: 0, x2: width, y1: r.glabellaLineY, y2: r.glabellaLineY, class: 'guide-line other' }, layer);
  if (r.governs === 'glabella' && r.browLineY !== null) svg('line', { x1: 0, x2: width, y1: r.browLineY, y2: r.browLineY, class: 'guide-line other' }, layer);
  if (r.guideY !== null && r.governs) {
    svg('line', { x1: 0, x2: width, y1: r.guideY, y2: r.guideY, class: 'guide-line', 'data-testid': 'guide-line' }, layer);
    label(anchorX + 10 / k, r.guideY - 7 / k, `${guideLabel(r.governs, g)}${assumed}`, '', 'start', 'guide-label');
  }
  if (!full) return;
  // The hairline, and its centre's height above the glabella.
  svg('path', { d: pathOf(hairlineCurve(d.hairline)), class: 'hairline-curve faint' }, layer);
  if (g.glabella && r.centreAboveGlabellaMm !== null) {
    const cy = g.glabella.y - r.centreAboveGlabellaMm * d.scale.pxPerMm;
    svg('line', { x1: g.glabella.x, x2: g.glabella.x, y1: g.glabella.y, y2: cy, class: 'guide-height' }, layer);
    const cm = (r.centreAboveGlabellaMm / 10).toFixed(1);
    label(g.glabella.x - 10 / k, cy + 18 / k, `hairline ${cm} cm above glabella${assumed}`, r.warning?.lowMm != null ? 'low' : '', 'end', 'hairline-height');
  }
  // Landmarks.
  for (const key of LANDMARKS) {
    const q = g[key];
    if (!q) continue;
    const c = svg('circle', { cx: q.x, cy: q.y, r: HANDLE_PX / k, class: 'landmark', 'data-testid': `landmark-${key}` }, layer);
    c.setAttribute('aria-label', LANDMARK_NAMES[key]);
    label(q.x + 10 / k, q.y + 18 / k, LANDMARK_NAMES[key], 'small');
  }
}
