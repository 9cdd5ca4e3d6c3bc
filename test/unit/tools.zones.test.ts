import { describe, expect, it } from 'vitest';
import { designFor } from '../../src/app/state.ts';
import { dotScarTarget, stampDotScar } from '../../src/app/tools/dot-scar-tool.ts';
import { patchShape } from '../../src/app/tools/patch-tool.ts';
import { outlineShape, stripShape } from '../../src/app/tools/zone-path-tool.ts';

const d0 = designFor({ width: 1000, height: 800 }, { pxPerMm: 5, calibrated: true, source: 'ruler' });

describe('zone tool helpers', () => {
  it('a strip needs two distinct points; an outline needs an area', () => {
    expect(stripShape([{ x: 1, y: 1 }, { x: 1, y: 1 }], 3)).toBeNull();
    expect(stripShape([{ x: 1, y: 1 }, { x: 1, y: 1 }, { x: 9, y: 1 }], 3)).toEqual({ kind: 'strip', points: [{ x: 1, y: 1 }, { x: 9, y: 1 }], widthMm: 3 });
    expect(outlineShape([{ x: 0, y: 0 }, { x: 5, y: 5 }, { x: 10, y: 10 }])).toBeNull();
    expect(outlineShape([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }])?.kind).toBe('polygon');
  });

  it('a patch spans the dragged box, a circle with Shift, nothing while under 1 mm', () => {
    expect(patchShape({ x: 100, y: 100 }, { x: 104, y: 140 }, 5, false)).toBeNull();
    expect(patchShape({ x: 100, y: 100 }, { x: 200, y: 140 }, 5, false)).toEqual({ kind: 'ellipse', cx: 150, cy: 120, rxMm: 10, ryMm: 4, angle: 0 });
    const c = patchShape({ x: 100, y: 100 }, { x: 60, y: 140 }, 5, true)!;
    expect([c.rxMm, c.ryMm, c.cx, c.cy]).toEqual([4, 4, 80, 120]);
  });

  it('dot scars go into one FUE zone of their size; another size starts another', () => {
    let d = stampDotScar(d0, { x: 10, y: 10 }, 1);
    d = stampDotScar(d, { x: 30, y: 10 }, 1);
    expect(d.zones).toHaveLength(1);
    expect(d.zones[0]!.shape).toEqual({ kind: 'dots', points: [{ x: 10, y: 10 }, { x: 30, y: 10 }], sizeMm: 1 });
    expect(dotScarTarget(d.zones, 1)).toBe(0);
    d = stampDotScar(d, { x: 50, y: 10 }, 0.8);
    expect(d.zones.map((z) => z.name)).toEqual(['FUE scars 1', 'FUE scars 2']);
  });
});
