import type { Design } from '../design/types.ts';
import type { Store } from './store.ts';

interface HasDesign {
  design: Design;
}

/**
 * Undo and redo of the design. It stores designs (parameters and seed, shared structurally, never dot buffers).
 * Every change made while a gesture is open (a pointer held down: a drag of a point, a brush stroke, a slider) is
 * one step; view, tool and split changes are not recorded. A new photo starts a new history.
 */
export class History<S extends HasDesign> {
  private past: Design[] = [];
  private future: Design[] = [];
  private gesture = false;
  private gestureRecorded = false;
  private applying = false;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: Store<S>, private readonly limit = 200) {
    store.subscribe((s, prev) => {
      if (s.design === prev.design || this.applying) return;
      if (s.design.photo !== prev.design.photo && (s.design.photo.width !== prev.design.photo.width || s.design.photo.height !== prev.design.photo.height)) {
        this.clear();
        return;
      }
      if (!this.gesture || !this.gestureRecorded) {
        this.past.push(prev.design);
        if (this.past.length > this.limit) this.past.shift();
        this.gestureRecorded = this.gesture;
      }
      this.future = [];
      this.emit();
    });
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Changes until endGesture() are one step. */
  beginGesture(): void {
    this.gesture = true;
    this.gestureRecorded = false;
  }

  endGesture(): void {
    this.gesture = false;
    this.gestureRecorded = false;
  }

  undo(): boolean {
    const d = this.past.pop();
    if (!d) return false;
    this.future.push(this.store.get().design);
    this.apply(d);
    return true;
  }

  redo(): boolean {
    const d = this.future.pop();
    if (!d) return false;
    this.past.push(this.store.get().design);
    this.apply(d);
    return true;
  }

  clear(): void {
    this.past = [];
    this.future = [];
    this.emit();
  }

  onChange(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private apply(d: Design): void {
    this.applying = true;
    try {
      this.store.update((s) => ({ ...s, design: d }));
    } finally {
      this.applying = false;
    }
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/**
 * Wires a history to the page: a pointer held anywhere is one gesture; Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and
 * Ctrl+Y redo (not while typing in a text box, which has its own undo).
 */
export function attachHistoryInput<S extends HasDesign>(h: History<S>, target: Window = window): () => void {
  const down = (): void => h.beginGesture();
  const up = (): void => h.endGesture();
  const key = (e: KeyboardEvent): void => {
    const typing = e.target instanceof HTMLInputElement && (e.target.type === 'text' || e.target.type === 'number');
    if (typing || !(e.ctrlKey || e.metaKey)) return;
    const k = e.key.toLowerCase();
    if (k === 'z' && !e.shiftKey) {
      if (h.undo()) e.preventDefault();
    } else if ((k === 'z' && e.shiftKey) || k === 'y') {
      if (h.redo()) e.preventDefault();
    }
  };
  target.addEventListener('pointerdown', down, true);
  target.addEventListener('pointerup', up, true);
  target.addEventListener('pointercancel', up, true);
  target.addEventListener('keydown', key);
  return () => {
    target.removeEventListener('pointerdown', down, true);
    target.removeEventListener('pointerup', up, true);
    target.removeEventListener('pointercancel', up, true);
    target.removeEventListener('keydown', key);
  };
}
