import type { Point } from '../design/types.ts';
import { panBy, toPhoto, zoomAt } from '../render/view.ts';
import type { AppStore } from './state.ts';
import type { Tool } from './tools/tool.ts';

/**
 * Pointer input on the view: wheel zooms about the cursor, two fingers pinch and pan, and one pointer either pans
 * (pan tool, middle button, or space held) or goes to the active tool in photo px.
 */
export function attachViewInput(host: HTMLElement, store: AppStore, activeTool: () => Tool | undefined): () => void {
  const pointers = new Map<number, { x: number; y: number }>();
  let mode: 'none' | 'pan' | 'tool' | 'pinch' = 'none';
  let spaceHeld = false;
  let last = { x: 0, y: 0 };
  let pinchDist = 0;

  const local = (e: PointerEvent | WheelEvent): { x: number; y: number } => {
    const r = host.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const photoPoint = (e: PointerEvent): Point => {
    const l = local(e);
    return toPhoto(store.get().view, l.x, l.y);
  };
  const setView = (fn: (v: ReturnType<AppStore['get']>['view']) => ReturnType<AppStore['get']>['view']): void =>
    store.update((s) => ({ ...s, view: fn(s.view) }));

  const onWheel = (e: WheelEvent): void => {
    e.preventDefault();
    const l = local(e);
    const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
    setView((v) => zoomAt(v, factor, l.x, l.y));
  };

  const onDown = (e: PointerEvent): void => {
    pointers.set(e.pointerId, local(e));
    // preventDefault below keeps focus where it was: a press on the view takes it from a panel control, so that
    // keys (Enter, Escape, Delete) reach the tools instead of the box last touched.
    if (document.activeElement instanceof HTMLElement && !host.contains(document.activeElement)) document.activeElement.blur();
    if (pointers.size === 2) {
      mode = 'pinch';
      const [a, b] = [...pointers.values()];
      pinchDist = Math.hypot(a!.x - b!.x, a!.y - b!.y);
      last = { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 };
      return;
    }
    const tool = activeTool();
    if (e.button === 1 || spaceHeld || !tool || tool.id === 'pan') {
      mode = 'pan';
      last = local(e);
    } else if (tool.down?.(photoPoint(e), e)) {
      mode = 'tool';
    } else {
      return;
    }
    host.setPointerCapture(e.pointerId);
    e.preventDefault();
  };

  const onMove = (e: PointerEvent): void => {
    if (pointers.has(e.pointerId)) pointers.set(e.pointerId, local(e));
    if (mode === 'pinch' && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const mid = { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 };
      const dist = Math.hypot(a!.x - b!.x, a!.y - b!.y);
      setView((v) => zoomAt(panBy(v, mid.x - last.x, mid.y - last.y), pinchDist > 0 ? dist / pinchDist : 1, mid.x, mid.y));
      last = mid;
      pinchDist = dist;
    } else if (mode === 'pan') {
      const l = local(e);
      setView((v) => panBy(v, l.x - last.x, l.y - last.y));
      last = l;
    } else if (mode === 'tool') {
      activeTool()?.move?.(photoPoint(e), e);
    } else {
      activeTool()?.hover?.(photoPoint(e), e);
    }
  };

  const onUp = (e: PointerEvent): void => {
    pointers.delete(e.pointerId);
    if (mode === 'tool') activeTool()?.up?.(photoPoint(e), e);
    if (pointers.size === 0) mode = 'none';
  };

  const onKey = (e: KeyboardEvent): void => {
    if (e.code === 'Space' && !(e.target instanceof HTMLInputElement)) spaceHeld = e.type === 'keydown';
    if (e.type === 'keydown' && !(e.target instanceof HTMLInputElement) && activeTool()?.key?.(e)) e.preventDefault();
  };

  host.addEventListener('wheel', onWheel, { passive: false });
  host.addEventListener('pointerdown', onDown);
  host.addEventListener('pointermove', onMove);
  host.addEventListener('pointerup', onUp);
  host.addEventListener('pointercancel', onUp);
  window.addEventListener('keydown', onKey);
  window.addEventListener('keyup', onKey);
  return () => {
    host.removeEventListener('wheel', onWheel);
    host.removeEventListener('pointerdown', onDown);
    host.removeEventListener('pointermove', onMove);
    host.removeEventListener('pointerup', onUp);
    host.removeEventListener('pointercancel', onUp);
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('keyup', onKey);
  };
}
