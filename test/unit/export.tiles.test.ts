import { describe, expect, it } from 'vitest';
import { compose } from '../../src/compose/layout.ts';
import { generatePattern } from '../../src/pattern/index.ts';
import { dotsByTile, drawBounds, multiplyInto, tilesOf } from '../../src/render/export-tiles.ts';

describe('export tiles', () => {
  it('cover a pane with tiles of at most the tile size, row by row', () => {
    const t = tilesOf({ x: 100, y: 0, width: 5000, height: 2100 }, 2048);
    expect(t).toHaveLength(6);
    expect(t.reduce((a, q) => a + q.width * q.height, 0)).toBe(5000 * 2100);
    expect(t[2]).toEqual({ x: 4196, y: 0, width: 904, height: 2048 });
    expect(t[5]).toEqual({ x: 4196, y: 2048, width: 904, height: 52 });
  });

  it('give every tile the dots that can reach it, and leave out those that can never show', () => {
    const d = generatePattern({ width: 3000, height: 2000, pxPerMm: 10, density: 100, dotDiameterMm: { mean: 0.4, spread: 0.05 }, seed: 'tiles' });
    const comp = compose({ photo: { width: 3000, height: 2000 }, layout: 'side', preset: 'original', fit: 'contain', labels: { before: '', after: '' }, stamp: false, watermark: '', logo: null });
    const after = comp.panes[1]!;
    const tiles = tilesOf(after.clip, 1024);
    // A healed look with a flat size table (85/255 × 9 = 1 in both rows), as DotLayer's default.
    const look = { share: 0.5, sizeScale: 1, blowout: 0, softness: 0.35, irregular: 0.08, ageLut: new Uint8Array(256 * 2 * 4).map((_, i) => [85, 170, 0, 0][i % 4]!) };
    const b = drawBounds(look, null);
    const per = dotsByTile(tiles, 1024, d, after, comp.scale, b);
    // Every dot that can show, whose centre is in a tile, is in that tile's list.
    for (let i = 0; i < d.count; i += 97) {
      const x = after.dest.x + d.x[i]!, y = d.y[i]!;
      const j = tiles.findIndex((q) => x >= q.x && x < q.x + q.width && y >= q.y && y < q.y + q.height);
      const has = Array.from(per[j]!.x.subarray(0, per[j]!.count)).some((v, k) => v === d.x[i] && per[j]!.y[k] === d.y[i]);
      expect(has).toBe(d.rank[i]! < 0.5);
    }
    // A dot that can show within its reach of a tile's edge is in the neighbouring tile's list too.
    const inList = (j: number, i: number): boolean => Array.from(per[j]!.x.subarray(0, per[j]!.count)).some((v, k) => v === d.x[i] && per[j]!.y[k] === d.y[i]);
    let straddling = 0;
    for (let i = 0; i < d.count; i++) {
      if (d.rank[i]! >= 0.5) continue;
      const x = after.dest.x + (d.x[i]! - after.src.x) * comp.scale, y = after.dest.y + (d.y[i]! - after.src.y) * comp.scale;
      const reach = d.diameter[i]! * comp.scale * b.reachPerDiameter;
      tiles.forEach((q, j) => {
        const inside = x >= q.x && x < q.x + q.width && y >= q.y && y < q.y + q.height;
        const near = !inside && x > q.x - reach && x < q.x + q.width + reach && y > q.y - reach && y < q.y + q.height + reach;
        if (!near) return;
        straddling++;
        expect(inList(j, i)).toBe(true);
      });
    }
    expect(straddling).toBeGreaterThan(10);
    // No more than that: the lists hold few dots beyond those shown.
    const total = per.reduce((a, p) => a + p.count, 0);
    const shown = Array.from(d.rank).filter((r) => r < b.rankLimit).length;
    expect(total).toBeGreaterThan(shown);
    expect(total).toBeLessThan(shown * 1.2);
    // A zone field that doubles density lets twice the ranks through.
    const zone = { cols: 1, rows: 1, values: new Float32Array([2, 1, 0, 1]) };
    expect(drawBounds(look, zone).rankLimit).toBeCloseTo((0.5 * 255) / 128, 2);
  });

  it('multiply the picture by the dots drawn over white, skipping white', () => {
    const dst = new Uint8ClampedArray([200, 100, 50, 255, 200, 100, 50, 255]);
    const m = new Uint8ClampedArray([255, 255, 255, 255, 128, 64, 0, 255]);
    multiplyInto(dst, m, 2, 2, 1);
    expect([...dst]).toEqual([200, 100, 50, 255, 100, 25, 0, 255]);
  });
});
