import { applyStyle } from '../design/hairline-style.ts';
import { DENSITY_PRESETS, LIMITS, type Design, type HairlineStyle } from '../design/types.ts';
import type { View } from '../render/view.ts';
import { effectiveDesign } from '../realism/risks.ts';
import { clampSession } from '../realism/sessions.ts';

/**
 * One pane of the compare view: the main design with its own density, dot size, hairline style and session.
 * Values are whole (not optional overrides) so a pane reads the same after the main design moves on.
 */
export interface Pane {
  id: number;
  /** Dots per cm². */
  density: number;
  /** Healed dot diameter, mm. */
  diameterMm: number;
  /** The session the pane previews, 1 … the design's session count. */
  session: number;
  style: HairlineStyle;
}

/** The compare view: 2–4 panes over one shared view (pan and zoom in step), in pane-local screen px. */
export interface CompareState {
  panes: Pane[];
  view: View;
}

export const MIN_PANES = 2;
export const MAX_PANES = 4;
export const PANE_LETTERS = ['A', 'B', 'C', 'D'] as const;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** The pane that shows the design as it is. */
export function paneOf(d: Design, id: number): Pane {
  return { id, density: d.dots.density, diameterMm: d.dots.diameterMm, session: d.preview.session, style: d.style };
}

/** A density worth comparing with `density`: the next preset up, or the next down when there is none above. */
export function alternativeDensity(density: number, taken: readonly number[] = [density]): number {
  const presets = DENSITY_PRESETS.map((p) => p.density);
  const up = presets.find((p) => p > density && !taken.includes(p));
  const down = [...presets].reverse().find((p) => p < density && !taken.includes(p));
  return up ?? down ?? clamp(Math.round(density * 0.6), LIMITS.density.min, LIMITS.density.max);
}

/** Opens on two panes: the design as it is, and the same at another density. */
export function openCompare(d: Design, view: View): CompareState {
  const a = paneOf(d, 1);
  return { panes: [a, { ...a, id: 2, density: alternativeDensity(a.density) }], view };
}

/** A further pane (up to four): a copy of the last at a density none of the panes shows yet. */
export function addPane(c: CompareState): CompareState {
  if (c.panes.length >= MAX_PANES) return c;
  const last = c.panes[c.panes.length - 1]!;
  const id = Math.max(...c.panes.map((p) => p.id)) + 1;
  const density = alternativeDensity(last.density, c.panes.map((p) => p.density));
  return { ...c, panes: [...c.panes, { ...last, id, density }] };
}

export function removePane(c: CompareState, id: number): CompareState {
  if (c.panes.length <= MIN_PANES) return c;
  return { ...c, panes: c.panes.filter((p) => p.id !== id) };
}

/** Changes one pane, keeping its values within the design's limits. */
export function updatePane(c: CompareState, d: Design, id: number, patch: Partial<Omit<Pane, 'id'>>): CompareState {
  return { ...c, panes: c.panes.map((p) => (p.id === id ? clampPane({ ...p, ...patch }, d) : p)) };
}

export function clampPane(p: Pane, d: Design): Pane {
  return {
    ...p,
    density: clamp(p.density, LIMITS.density.min, LIMITS.density.max),
    diameterMm: clamp(p.diameterMm, LIMITS.diameterMm.min, LIMITS.diameterMm.max),
    session: clampSession(d.treatment, p.session),
  };
}

/** The main design as the pane shows it: what "Use this one" makes the main design. */
export function paneDesign(d: Design, p: Pane): Design {
  const q = clampPane(p, d);
  const styled = q.style === d.style ? d : applyStyle(d, q.style);
  return {
    ...styled,
    dots: { ...styled.dots, density: q.density, diameterMm: q.diameterMm },
    preview: { ...styled.preview, session: q.session },
  };
}

/**
 * Whether the pane needs dots of its own: only a hairline style changes where dots are; density and session thin the
 * same dots by rank and dot size scales them, all as shader uniforms. The hairlines compared are the ones the dots
 * are made for (effectiveDesign): with the helmet look previewed, every style makes the same dots.
 */
export function paneNeedsOwnDots(d: Design, p: Pane): boolean {
  const h = effectiveDesign(paneDesign(d, p)).hairline, m = effectiveDesign(d).hairline;
  return h.bandMm !== m.bandMm || h.irregularity !== m.irregularity || h.gaps !== m.gaps;
}

/** How much larger the pane draws each dot than the dots were generated (the main design's size). */
export const paneSizeScale = (d: Design, p: Pane): number => clampPane(p, d).diameterMm / d.dots.diameterMm;

/** The view the compare panes open on: the main view's scale, with the photo point at its centre in each pane's centre. */
export function paneViewFrom(main: View, mainSize: { width: number; height: number }, pane: { width: number; height: number }): View {
  return { scale: main.scale, x: main.x + (pane.width - mainSize.width) / 2, y: main.y + (pane.height - mainSize.height) / 2 };
}
