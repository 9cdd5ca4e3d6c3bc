import { describe, expect, it } from 'vitest';
import { expectedDots, generatePattern, makeDensitySampler } from '../../src/pattern/index.ts';
import { hexSpacing, maxLowFrequencyPower, spacingStats, windowCountError } from '../../src/pattern/metrics.ts';
import { getTile } from '../../src/pattern/tile.ts';
import { PX_PER_MM, SEEDS, prefix, ramp, uniform } from './pattern-fixtures.ts';

const box = (r: { width: number; height: number }) => ({ width: r.width, height: r.height, margin: 30 });

describe.each(SEEDS)('pattern quality, seed %s', (seed) => {
  it('spacing at a uniform density: min ≥ 0.72, mean within 0.76..0.87 of the hexagonal spacing', () => {
    const req = uniform(seed);
    const r = generatePattern(req);
    const s = spacingStats(r.x, r.y, r.count, () => 100, PX_PER_MM, box(req));
    expect(s.count).toBeGreaterThan(1000);
    expect(s.min).toBeGreaterThanOrEqual(0.72);
    expect(s.mean).toBeGreaterThanOrEqual(0.76);
    expect(s.mean).toBeLessThanOrEqual(0.87);
  });

  it('spacing in a 20..200 dots/cm² field: 1st percentile ≥ 0.70 at the local density', () => {
    const req = ramp(seed);
    const r = generatePattern(req);
    const s = spacingStats(r.x, r.y, r.count, makeDensitySampler(req.density, req.width, req.height), PX_PER_MM, box(req));
    expect(s.p01).toBeGreaterThanOrEqual(0.7);
    expect(s.mean).toBeLessThanOrEqual(0.9);
  });

  it('density: whole-region count within 2% of the integral; 10 mm windows off by ≤ 5% on average', () => {
    for (const req of [uniform(seed), ramp(seed)]) {
      const r = generatePattern(req);
      const expected = expectedDots(req.density, req.width, req.height, req.pxPerMm);
      expect(Math.abs(r.count / expected - 1)).toBeLessThanOrEqual(0.02);
      const rho = makeDensitySampler(req.density, req.width, req.height);
      const w = 10 * PX_PER_MM;
      // Expected count of a window: the field's mean over it (midpoint rule on a 10 × 10 grid) × its area.
      const inWindow = (x0: number, y0: number, s: number) => {
        let sum = 0;
        for (let j = 0; j < 10; j++) for (let i = 0; i < 10; i++) sum += rho(x0 + ((i + 0.5) * s) / 10, y0 + ((j + 0.5) * s) / 10);
        return (sum / 100) * ((s * s) / (100 * PX_PER_MM * PX_PER_MM));
      };
      expect(windowCountError(r.x, r.y, r.count, req.width, req.height, w, inWindow)).toBeLessThanOrEqual(0.05);
    }
  });

  it('sessions: rank < 0.3 and < 0.7 hold 30% and 70% (±2%), each a blue-noise set at its own density', () => {
    const req = uniform(seed);
    const r = generatePattern(req);
    for (const t of [0.3, 0.7]) {
      const p = prefix(r, t);
      expect(Math.abs(p.x.length / r.count - t)).toBeLessThanOrEqual(0.02);
      const s = spacingStats(p.x, p.y, p.x.length, () => 100 * t, PX_PER_MM, box(req));
      expect(s.p01).toBeGreaterThanOrEqual(0.65);
    }
  });

  it('sessions hold in a varying field too, and adding a session never moves a dot', () => {
    const req = ramp(seed);
    const r = generatePattern(req);
    const rho = makeDensitySampler(req.density, req.width, req.height);
    const p = prefix(r, 0.3);
    const s = spacingStats(p.x, p.y, p.x.length, (x, y) => 0.3 * rho(x, y), PX_PER_MM, box(req));
    expect(s.p01).toBeGreaterThanOrEqual(0.65);
    expect(Math.abs(p.x.length / r.count - 0.3)).toBeLessThanOrEqual(0.02);
  });

  it('no repetition: no spike above 5 (white noise = 1) below half the blue-noise ring', () => {
    const req = uniform(seed, 100, 1200, 1000);
    const r = generatePattern(req);
    const L = 900;
    // The ring sits near 1 / (nearest-neighbour distance); half of it, in cycles per window.
    const kMax = Math.floor((0.5 * L) / (0.83 * hexSpacing(100 / (100 * PX_PER_MM * PX_PER_MM))));
    const { max } = maxLowFrequencyPower(r.x, r.y, r.count, 150, 50, L, kMax);
    expect(kMax).toBeGreaterThan(40);
    expect(max).toBeLessThan(5);
  });

  it('dot sizes: mean within 3% of the request, standard deviation within 10% of the spread', () => {
    const req = { ...uniform(seed), dotDiameterMm: { mean: 0.15, spread: 0.03 } };
    const r = generatePattern(req);
    let m = 0;
    for (let i = 0; i < r.count; i++) m += r.diameter[i]! / PX_PER_MM;
    m /= r.count;
    let v = 0;
    for (let i = 0; i < r.count; i++) v += (r.diameter[i]! / PX_PER_MM - m) ** 2;
    const sd = Math.sqrt(v / r.count);
    expect(Math.abs(m / 0.15 - 1)).toBeLessThanOrEqual(0.03);
    expect(Math.abs(sd / 0.03 - 1)).toBeLessThanOrEqual(0.1);
    for (let i = 0; i < r.count; i++) expect(r.tone[i]!).toBeGreaterThanOrEqual(-1);
  });
});

describe('the spectrum measure', () => {
  it('catches a tiled pattern: a 150 px patch repeated shows its tile', () => {
    const patch = generatePattern(uniform('patch', 100, 150, 150));
    const x: number[] = [], y: number[] = [];
    for (let ty = 0; ty < 6; ty++) for (let tx = 0; tx < 6; tx++) for (let i = 0; i < patch.count; i++) {
      x.push(patch.x[i]! + tx * 150);
      y.push(patch.y[i]! + ty * 150);
    }
    expect(maxLowFrequencyPower(x, y, x.length, 0, 0, 900, 40).max).toBeGreaterThan(5);
  });
});

describe('the tile never repeats inside a real scalp', () => {
  it('spans more than 35 cm at the densest setting (250 dots/cm²)', () => {
    const tile = getTile();
    // Tile units per mm at 250 dots/cm² (2.5 per mm²): the tile's density maps to it.
    const mmPerUnit = Math.sqrt(tile.density / 2.5);
    expect(tile.side * mmPerUnit).toBeGreaterThan(350);
  });
});
