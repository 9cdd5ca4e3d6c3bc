import { describe, expect, it } from 'vitest';
import { expectedDots, makeDensitySampler } from '../../src/pattern/index.ts';
import { spacingStats } from '../../src/pattern/metrics.ts';
import { buildTile } from '../../src/pattern/tile-builder.ts';
import { decodeTile, encodeTile } from '../../src/pattern/tile-codec.ts';

const opts = { side: 64, seed: 'unit', coarsestShare: 1 / 16, levelRatio: 1.3, stages: 6 };

describe('tile builder', () => {
  it('is deterministic and reaches near-maximal packing', () => {
    const a = buildTile(opts);
    const b = buildTile(opts);
    expect(a.count).toBe(b.count);
    expect(a.x.every((v, i) => v === b.x[i])).toBe(true);
    // Maximal Poisson-disc sampling packs about 0.69 points per r² at radius r; plain dart throwing far less.
    expect(a.count / (opts.side * opts.side)).toBeGreaterThan(0.62);
  });

  it('keeps every spacing across the torus seam, and every prefix is a Poisson-disc set', () => {
    const t = buildTile(opts);
    // Lay the tile 2 × 2 and measure the middle copy's neighbours, seams included.
    const x: number[] = [], y: number[] = [];
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) for (let i = 0; i < t.count; i++) { x.push(t.x[i]! + dx! * opts.side); y.push(t.y[i]! + dy! * opts.side); }
    const density = t.count / (opts.side * opts.side);
    for (const share of [0.1, 0.3, 0.7, 1]) {
      const px: number[] = [], py: number[] = [];
      for (let i = 0; i < x.length; i++) if (t.rank[i % t.count]! < share) { px.push(x[i]!); py.push(y[i]!); }
      // Units: 1 px per unit, density in "cm²" = per unit² × 100.
      const s = spacingStats(px, py, px.length, () => density * share * 100, 1, { width: 2 * opts.side, height: 2 * opts.side, margin: 16 });
      expect(s.min).toBeGreaterThan(0.68);
    }
  });

  it('survives the byte format', () => {
    const t = buildTile(opts);
    const d = decodeTile(encodeTile(t));
    expect(d.count).toBe(t.count);
    for (let i = 0; i < t.count; i++) expect(Math.abs(d.x[i]! - t.x[i]!)).toBeLessThan(1e-4);
    expect(() => decodeTile(new Uint8Array(10))).toThrow(/not a version-1 tile/);
  });
});

describe('density field', () => {
  it('samples a raster bilinearly between cell centres and clamps at the edges', () => {
    const f = { cols: 2, rows: 1, values: new Float32Array([10, 30]) };
    const s = makeDensitySampler(f, 200, 100);
    expect(s(0, 50)).toBe(10);
    expect(s(50, 50)).toBe(10);
    expect(s(100, 50)).toBeCloseTo(20);
    expect(s(150, 50)).toBe(30);
    expect(s(199, 50)).toBe(30);
  });

  it('integrates a raster exactly', () => {
    const f = { cols: 2, rows: 1, values: new Float32Array([10, 30]) };
    // 200 × 100 px at 10 px/mm is 2 cm²; the mean of the clamped ramp is 20.
    expect(expectedDots(f, 200, 100, 10)).toBeCloseTo(40, 6);
    expect(expectedDots(55, 200, 100, 10)).toBeCloseTo(110, 6);
  });
});
