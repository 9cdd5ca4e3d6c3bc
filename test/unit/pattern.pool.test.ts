import { afterAll, describe, expect, it } from 'vitest';
import { bandCount, generateBands, generatePattern, isPatternError, type PatternRequest, type PatternResult } from '../../src/pattern/index.ts';
import { lendable, roomFor } from '../../src/pattern/generate.ts';
import { joinParts, PatternPool } from '../../src/pool/pattern-pool.ts';
import { createNodePatternPool } from '../helpers/node-pool.ts';
import { ramp, uniform } from './pattern-fixtures.ts';

const same = (a: PatternResult, b: PatternResult): boolean =>
  a.count === b.count &&
  (['x', 'y', 'diameter', 'rank', 'tone'] as const).every((k) => a[k].length === b[k].length && a[k].every((v, i) => v === b[k][i]));

const pools: PatternPool[] = [];
const pool = (n: number): PatternPool => {
  const p = createNodePatternPool(n);
  pools.push(p);
  return p;
};
afterAll(() => pools.forEach((p) => p.terminate()));

describe('determinism', () => {
  it('the same request twice gives identical arrays; another seed does not', () => {
    const a = generatePattern(uniform('delta'));
    expect(same(a, generatePattern(uniform('delta')))).toBe(true);
    expect(same(a, generatePattern(uniform('echo')))).toBe(false);
  });

  it('the pool with 1, 2 and 4 workers gives the single-threaded arrays', async () => {
    for (const req of [uniform('foxtrot', 100, 3000, 2000), ramp('golf')]) {
      const single = generatePattern(req);
      for (const n of [1, 2, 4]) expect(same(await pool(n).generate(req), single)).toBe(true);
    }
  });
});

describe('the pool', () => {
  it('drops a job superseded by a newer one with the same key, and finishes the newer one', async () => {
    const p = pool(1);
    const first = p.generate(uniform('a', 100, 4000, 3000), { key: 'slider' }).then(
      () => 'finished',
      (e: unknown) => (isPatternError(e) ? e.code : 'failed'),
    );
    const second = p.generate(uniform('b', 100, 4000, 3000), { key: 'slider' });
    const third = p.generate(uniform('c', 120, 2000, 1000), { key: 'slider' });
    await expect(second).rejects.toMatchObject({ code: 'cancelled' });
    const last = await third;
    expect(same(last, generatePattern(uniform('c', 120, 2000, 1000)))).toBe(true);
    // The first was already running when the second replaced it: it is dropped.
    expect(await first).toBe('cancelled');
  });

  it('refuses a bad request with a clear typed error and keeps working', async () => {
    const p = pool(2);
    await expect(p.generate({ ...uniform('h'), width: NaN })).rejects.toMatchObject({ name: 'PatternError', code: 'invalid-request' });
    await expect(p.generate(uniform('h', 250, 15000, 15000))).rejects.toMatchObject({ code: 'over-budget' });
    expect((await p.generate(uniform('h', 100, 500, 400))).count).toBeGreaterThan(100);
  });
});

describe('lent buffers', () => {
  it('the engine fills a lent result again: the same dots as a fresh call, in the lent memory', () => {
    const req = ramp('lima');
    const first = generatePattern(uniform('mike', 200, 3000, 2000));
    const lentBuffer = first.x.buffer;
    const again = generatePattern(req, first);
    expect(same(again, generatePattern(req))).toBe(true);
    expect(again.x.buffer === lentBuffer).toBe(true);
    expect(again.x.length).toBe(again.count);
  });

  it('grows past lent buffers that are too small, and leaves far too large ones alone', () => {
    const small = generatePattern(uniform('november', 100, 300, 200));
    const big = uniform('oscar', 100, 6000, 4000);
    const grown = generatePattern(big, small);
    expect(same(grown, generatePattern(big))).toBe(true);
    expect(grown.x.buffer === small.x.buffer).toBe(false);
    const tiny = uniform('papa', 100, 200, 200);
    const fromHuge = generatePattern(tiny, grown);
    expect(same(fromHuge, generatePattern(tiny))).toBe(true);
    expect(fromHuge.x.buffer === grown.x.buffer).toBe(false);
  });

  it('a lent result whose buffers were transferred away is left alone', () => {
    const req = uniform('whiskey', 100, 2000, 1500);
    const gone = generatePattern(req);
    structuredClone(gone.x.buffer, { transfer: [gone.x.buffer as ArrayBuffer] });
    expect(same(generatePattern(req, gone), generatePattern(req))).toBe(true);
  });

  it('refuses columns that share one buffer (they would overwrite each other)', () => {
    const one = new Float32Array(100000);
    const req = uniform('quebec', 100, 1000, 800);
    const r = generatePattern(req, { x: one, y: one, diameter: one, rank: one, tone: one });
    expect(same(r, generatePattern(req))).toBe(true);
    expect(r.x.buffer === one.buffer).toBe(false);
  });

  it('the pool, lent each last result over a stream of different jobs, always gives the engine\'s dots', async () => {
    const p = pool(2);
    const jobs = [uniform('romeo', 100, 4000, 3000), ramp('sierra'), uniform('tango', 160, 1200, 900), uniform('romeo', 100, 4000, 3000), ramp('uniform', 5000, 2500)];
    let last: PatternResult | undefined;
    let used = 0;
    for (const req of [...jobs, ...jobs]) {
      const lent = last;
      const lentBytes = lent?.x.buffer.byteLength ?? 0;
      const whole = roomFor(req, 0, bandCount(req));
      const worthLending = !!lent && lendable(lent, whole);
      last = await p.generate(req, { into: lent });
      expect(same(last, generatePattern(req))).toBe(true);
      if (lent && worthLending) {
        used++;
        // The lent arrays went to a worker (detached here, never to be read again) and came back holding the dots.
        expect(lent.x.length).toBe(0);
        expect(last.x.buffer.byteLength).toBe(lentBytes);
      } else if (lent) expect(lent.x.length).toBe(lent.count); // not worth lending: left alone
      // The first part had room for the whole job, so the other parts were appended to it, not copied anew.
      expect(last.x.buffer.byteLength).toBeGreaterThanOrEqual(4 * whole);
    }
    expect(used).toBeGreaterThanOrEqual(3);
  });

  it('joinParts appends to the first part where it has room, and copies into new arrays where it has not', () => {
    const req = uniform('victor', 100, 2000, 1536);
    const whole = generatePattern(req);
    const roomyBase = generateBands(req, 0, 3, undefined, whole.count);
    const roomy = joinParts([roomyBase, generateBands(req, 3, 6)]);
    expect(same(roomy, whole)).toBe(true);
    const base = generateBands(req, 0, 3);
    const tight = joinParts([base, generateBands(req, 3, 6)]);
    expect(same(tight, whole)).toBe(true);
    expect(roomy.x.length).toBe(whole.count);
    expect(roomy.x.buffer === roomyBase.x.buffer).toBe(true);
    expect(tight.x.buffer === base.x.buffer).toBe(false);
  });
});

describe('bad requests fail fast with a typed error', () => {
  const cases: [string, object][] = [
    ['NaN width', { width: NaN }],
    ['zero height', { height: 0 }],
    ['negative scale', { pxPerMm: -1 }],
    ['NaN density', { density: NaN }],
    ['negative density', { density: -5 }],
    ['zero dot size', { dotDiameterMm: { mean: 0, spread: 0.01 } }],
    ['negative spread', { dotDiameterMm: { mean: 0.1, spread: -1 } }],
    ['raster of the wrong length', { density: { cols: 4, rows: 4, values: new Float32Array(3) } }],
    ['raster holding NaN', { density: { cols: 2, rows: 1, values: new Float32Array([1, NaN]) } }],
    ['non-string seed', { seed: 42 }],
  ];
  it.each(cases)('%s', (_, patch) => {
    const t0 = performance.now();
    expect(() => generatePattern({ ...uniform('x'), ...patch } as never)).toThrow(expect.objectContaining({ name: 'PatternError', code: 'invalid-request' }));
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('a density that would make more than 5 million dots', () => {
    // 250 dots/cm² over 150 × 150 cm is 5.6 million dots.
    expect(() => generatePattern(uniform('x', 250, 15000, 15000))).toThrow(expect.objectContaining({ code: 'over-budget' }));
    expect(() => generatePattern({ ...uniform('x', 100, 2000, 2000), maxDots: 1000 })).toThrow(/more than the limit/);
  });

  it('zero density gives no dots', () => {
    expect(generatePattern(uniform('x', 0)).count).toBe(0);
  });
});

describe('worker faults', () => {
  it('replaces a worker that dies mid-job and runs its part again: the same dots come back', async () => {
    const p = createNodePatternPool(2, 300);
    pools.push(p);
    await p.warm();
    const req = uniform('india', 100, 4000, 3000);
    const job = p.generate(req);
    p.killWorker(0);
    expect(same(await job, generatePattern(req))).toBe(true);
    expect(p.replaced).toBeGreaterThanOrEqual(1);
    // The pool keeps working afterwards.
    expect(same(await p.generate(uniform('juliet')), generatePattern(uniform('juliet')))).toBe(true);
  });

  it('replaces a worker that stalls silently', async () => {
    // Handles that run the engine in-process; the first one never answers, as a hung worker would not.
    let spawned = 0;
    const p = new PatternPool({
      size: 1,
      stallMs: 100,
      spawn: () => {
        const hung = spawned++ === 0;
        return {
          api: { warm: async () => true, generateBands: (r: PatternRequest, b0: number, b1: number) => (hung ? new Promise(() => undefined) : Promise.resolve(generateBands(r, b0, b1))) } as never,
          terminate: () => undefined,
          onDeath: () => undefined,
        };
      },
    });
    const req = uniform('kilo', 100, 1000, 800);
    expect(same(await p.generate(req), generatePattern(req))).toBe(true);
    expect(p.replaced).toBe(1);
  });
});
