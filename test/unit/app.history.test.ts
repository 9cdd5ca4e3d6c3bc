import { describe, expect, it } from 'vitest';
import { History } from '../../src/app/history.ts';
import { designFor } from '../../src/app/state.ts';
import { Store } from '../../src/app/store.ts';
import type { Design } from '../../src/design/types.ts';

const make = () => {
  const design = designFor({ width: 1000, height: 800 }, { pxPerMm: 5, calibrated: false, source: 'default' });
  const store = new Store({ design, view: 1 });
  return { store, history: new History(store), design };
};
const setDensity = (s: Store<{ design: Design; view: number }>, density: number) => s.update((x) => ({ ...x, design: { ...x.design, dots: { ...x.design.dots, density } } }));

describe('history', () => {
  it('undoes and redoes design edits in order, and a new edit clears the redo stack', () => {
    const { store, history, design } = make();
    setDensity(store, 120);
    setDensity(store, 140);
    expect(history.undo()).toBe(true);
    expect(store.get().design.dots.density).toBe(120);
    expect(history.undo()).toBe(true);
    expect(store.get().design).toBe(design);
    expect(history.undo()).toBe(false);
    expect(history.redo()).toBe(true);
    expect(store.get().design.dots.density).toBe(120);
    setDensity(store, 90);
    expect(history.canRedo).toBe(false);
  });

  it('records a whole gesture as one step', () => {
    const { store, history, design } = make();
    history.beginGesture();
    for (let d = 101; d <= 160; d++) setDensity(store, d);
    history.endGesture();
    setDensity(store, 170);
    history.undo();
    expect(store.get().design.dots.density).toBe(160);
    history.undo();
    expect(store.get().design).toBe(design);
  });

  it('does not record view changes, and a new photo size starts over', () => {
    const { store, history } = make();
    store.update((s) => ({ ...s, view: 2 }));
    expect(history.canUndo).toBe(false);
    setDensity(store, 130);
    store.update((s) => ({ ...s, design: designFor({ width: 640, height: 480 }, s.design.scale) }));
    expect(history.canUndo).toBe(false);
  });
});
