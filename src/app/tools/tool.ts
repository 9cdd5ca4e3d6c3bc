import type { Point } from '../../design/types.ts';
import type { AppState, AppStore, ToolId } from '../state.ts';

/** What a tool gets: the store, its own SVG group in photo coordinates, and the screen scale. */
export interface ToolContext {
  store: AppStore;
  /** Drawn in photo px; cleared and redrawn by the tool's draw(). */
  layer: SVGGElement;
  /** Screen px per photo px, for handles that keep their size on screen. */
  scale(): number;
  /** The photo's own display pixels (no dots) around a disc in photo px, for colour picking (Scene.readPhoto). */
  readPhoto?(x: number, y: number, radius: number): { pixels: ImageData; cx: number; cy: number; r: number } | null;
}

/** A tool reacts to pointer input on the view (in photo px) and draws its handles. */
export interface Tool {
  id: ToolId;
  /** Pointer events the tool wants; returning true captures the pointer until it is released. */
  down?(p: Point, e: PointerEvent): boolean;
  move?(p: Point, e: PointerEvent): void;
  up?(p: Point, e: PointerEvent): void;
  /** Hover feedback without a button pressed. */
  hover?(p: Point, e: PointerEvent): void;
  key?(e: KeyboardEvent): boolean;
  draw(s: AppState): void;
  /** Called when another tool takes over. */
  leave?(): void;
}

export type ToolFactory = (ctx: ToolContext) => Tool;

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  parent?.appendChild(el);
  return el;
}

export const pathOf = (pts: readonly Point[], close = false): string =>
  pts.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join('') + (close ? 'Z' : '');

/**
 * Calls `f` when the pointer leaves the view while tool `id` is the active one, so a tool can hide its cursor (the
 * view's input reports moves to tools, not leaving). Every tool draws into the one overlay layer, so an inactive
 * tool must not redraw there. The view is the element holding that layer.
 */
export function onPointerLeave(ctx: ToolContext, id: ToolId, f: () => void): void {
  ctx.layer.ownerSVGElement?.parentElement?.addEventListener('pointerleave', () => {
    if (ctx.store.get().tool === id) f();
  });
}
