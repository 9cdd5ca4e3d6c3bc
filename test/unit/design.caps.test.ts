import { describe, expect, it } from 'vitest';
import { createAppStore, designFor, initialState } from '../../src/app/state.ts';
import { CAPS, overCap } from '../../src/design/caps.ts';
import type { AreaEdit, Design } from '../../src/design/types.ts';
import { validateDesign } from '../../src/persist/design-file.ts';

const base = designFor({ width: 1000, height: 800 }, { pxPerMm: 4, calibrated: true, source: 'ruler' });
const stroke = (n: number): AreaEdit => ({ kind: 'brush', mode: 'add', sizeMm: 10, feather: 0.5, points: Array.from({ length: n }, (_, i) => ({ x: i % 1000, y: 100 })) });
const withEdits = (edits: AreaEdit[]): Design => ({ ...base, area: { edits } });

describe('design caps', () => {
  it('are the schema\'s: a design at a cap opens, one past it does not', () => {
    for (const d of [withEdits(Array.from({ length: CAPS.areaEdits }, () => stroke(2))), withEdits([stroke(CAPS.strokePoints)])]) {
      expect(overCap(d)).toBeNull();
      expect(() => validateDesign(JSON.parse(JSON.stringify(d)))).not.toThrow();
    }
    for (const d of [withEdits(Array.from({ length: CAPS.areaEdits + 1 }, () => stroke(2))), withEdits([stroke(CAPS.strokePoints + 1)])]) {
      expect(overCap(d)).toMatch(/at most|as long as/);
      expect(() => validateDesign(JSON.parse(JSON.stringify(d)))).toThrow();
    }
  });

  it('the store refuses an edit past a cap, keeping the design before it and saying why', () => {
    const store = createAppStore(initialState(withEdits([stroke(CAPS.strokePoints)]), { name: 'x', width: 1000, height: 800, demo: false }));
    const before = store.get().design;
    store.update((s) => ({ ...s, design: withEdits([stroke(CAPS.strokePoints + 1)]) }));
    expect(store.get().design).toBe(before);
    expect(store.get().notice?.kind).toBe('error');
    // Edits within the caps go through.
    store.update((s) => ({ ...s, design: withEdits([stroke(5)]) }));
    expect(store.get().design.area.edits[0]!.points).toHaveLength(5);
  });
});
