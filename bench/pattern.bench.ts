/**
 * Pattern benchmark (npm run bench:pattern): the engine on one thread, the worker pool and two Poisson-disc peers,
 * in one process, on the same work.
 *
 *   (a) 4000 × 3000 px at 10 px/mm, constant 100 dots/cm²
 *   (b) the same region, a 64 × 1 raster ramping 20 → 200 dots/cm² left to right
 *
 * Peers: poisson-disk-sampling (fixed density for (a), distanceFunction for (b)) and fast-2d-poisson-disk-sampling
 * (constant density only: n/a on (b)). Their spacing is calibrated so they make the requested number of dots.
 * Then the engine's cost per dot at about 10k, 100k, 1M and 4M dots.
 *
 * Engine and pool runs alternate, each run lending the previous result's buffers as the app does. The table gives the
 * median and the best run of each. poolSpeedup compares best with best (timeit's rule on a shared machine): on this
 * 2-core VM the slower pool runs are those where the OS woke both workers onto one CPU and left the other idle, which
 * the placement probe counts (plain workers reporting their CPU) and which pure-CPU workers show too after the main
 * thread has just been busy. The medians are in the JSON beside it.
 *
 * The last line of stdout is one JSON object with the headline figures; nothing is printed after it.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import seedrandom from 'seedrandom';
import {
  bandCount, expectedDots, generateBands, generatePattern, makeDensitySampler,
  type DensityField, type PatternRequest, type PatternResult,
} from '../src/pattern/index.ts';
import { perPx2 } from '../src/pattern/field.ts';
import { spacingStats, type SpacingStats } from '../src/pattern/metrics.ts';
import { joinParts } from '../src/pool/pattern-pool.ts';
import { createNodePatternPool } from '../test/helpers/node-pool.ts';
import { median } from './lib.ts';

// ---------------------------------------------------------------------------------------------------------------
// Peers (CommonJS, untyped): loaded through require with the small part of their API used here.

interface PeerSampler {
  fill(): number[][];
}
interface PdsOptions {
  shape: [number, number];
  minDistance: number;
  maxDistance?: number;
  tries?: number;
  distanceFunction?: (p: number[]) => number;
  bias?: number;
}
type PdsCtor = new (options: PdsOptions, rng?: () => number) => PeerSampler;
type FastPdsCtor = new (options: { shape: [number, number]; radius: number; tries?: number }, rng?: () => number) => PeerSampler;

const require = createRequire(import.meta.url);
const PoissonDiskSampling = require('poisson-disk-sampling') as PdsCtor;
const FastPoissonDiskSampling = require('fast-2d-poisson-disk-sampling') as FastPdsCtor;

// ---------------------------------------------------------------------------------------------------------------
// Settings

const PX_PER_MM = 10;
const WIDTH = 4000;
const HEIGHT = 3000;
const MARGIN = 30;
const SEED = 'bench-pattern';
const DOT = { mean: 0.8, spread: 0.12 };
/** Timed runs per workload for the engine and the pool, after warm-up, interleaved (engine, pool, engine, …). */
const POOL_RUNS = 61;
const WARM_MIN = 20;
const WARM_MAX = 200;
const WARM_MS = 1500;
const PEER_RUNS = 3;
/** Poisson-disc with radius r makes about this many points per r² when maximal; the starting guess for calibration. */
const PACKING = 0.69;

const WORKERS = Math.max(2, os.availableParallelism());
const loadAtStart = os.loadavg();

const ramp: DensityField = {
  cols: 64,
  rows: 1,
  values: Float32Array.from({ length: 64 }, (_, i) => 20 + (180 * i) / 63),
};

interface Workload {
  key: 'a' | 'b';
  label: string;
  density: DensityField;
  target: number;
}

const workloads: Workload[] = [
  { key: 'a', label: '(a) const 100/cm²', density: 100, target: expectedDots(100, WIDTH, HEIGHT, PX_PER_MM) },
  { key: 'b', label: '(b) ramp 20→200/cm²', density: ramp, target: expectedDots(ramp, WIDTH, HEIGHT, PX_PER_MM) },
];

const request = (density: DensityField, width = WIDTH, height = HEIGHT): PatternRequest => ({
  width, height, pxPerMm: PX_PER_MM, density, dotDiameterMm: DOT, seed: SEED,
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers


const log = (line = ''): void => void process.stdout.write(`${line}\n`);
const progress = (line: string): void => void process.stderr.write(`  … ${line}\n`);

const fmt = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
const round = (v: number, digits = 3): number => Number(v.toPrecision(digits));

function spacingOf(x: ArrayLike<number>, y: ArrayLike<number>, count: number, density: DensityField): SpacingStats {
  return spacingStats(x, y, count, makeDensitySampler(density, WIDTH, HEIGHT), PX_PER_MM, { width: WIDTH, height: HEIGHT, margin: MARGIN });
}

function flatten(points: number[][]): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(points.length), y = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    x[i] = points[i]![0]!;
    y[i] = points[i]![1]!;
  }
  return { x, y };
}

interface Row {
  method: string;
  workload: string;
  dots: number | null;
  target: number | null;
  /** Median of the runs. */
  ms: number;
  /** Fastest run. */
  best: number;
  runs: number;
  mdps: number;
  spacing: SpacingStats | null;
  note?: string;
}

const rows: Row[] = [];

// ---------------------------------------------------------------------------------------------------------------
// Engine and pool, interleaved (engine run, pool run, …) so both see the same machine noise.

const pool = createNodePatternPool(WORKERS);
await pool.warm();

const engineMdps: Record<string, number> = {};
const poolMdps: Record<string, number> = {};
const engineSpacing: Record<string, SpacingStats> = {};
const speedups: Record<string, { best: number; median: number }> = {};

function sameResult(a: PatternResult, b: PatternResult): boolean {
  if (a.count !== b.count) return false;
  for (let i = 0; i < a.count; i++) if (a.x[i] !== b.x[i] || a.y[i] !== b.y[i] || a.rank[i] !== b.rank[i]) return false;
  return true;
}

/**
 * Engine and pool on one request. Each run lends the previous run's result to the next (`into`), as the app's
 * pipeline does: on this VM, touching fresh memory from two threads at once costs the pool a third of its speed-up.
 * `lend: false` makes every run allocate, to show that cost.
 */
async function engineVsPool(label: string, req: PatternRequest, target: number, runs: number, lend = true): Promise<{ engine: Row; pool: Row }> {
  // Warm-up: the tile decode and the JIT, on the main thread and in every worker. Each worker is its own V8 isolate
  // and tiers up on its own, which takes tens of jobs: at least WARM_MIN jobs, then more until WARM_MS, WARM_MAX at most.
  let single: PatternResult | undefined, pooled: PatternResult | undefined;
  const engineRun = (): PatternResult => (single = generatePattern(req, lend ? single : undefined));
  const poolRun = async (): Promise<PatternResult> => (pooled = await pool.generate(req, { into: lend ? pooled : undefined }));
  const warmStart = performance.now();
  for (let i = 0; i < WARM_MAX && (i < WARM_MIN || performance.now() - warmStart < WARM_MS); i++) {
    engineRun();
    await poolRun();
  }
  const identical = sameResult(engineRun(), await poolRun());
  const te: number[] = [], tp: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    engineRun();
    te.push(performance.now() - t);
    t = performance.now();
    await poolRun();
    tp.push(performance.now() - t);
  }
  const a = single!, b = pooled!;
  const spacing = req.width === WIDTH && req.height === HEIGHT ? spacingOf(a.x, a.y, a.count, req.density) : null;
  const ms = median(te), pms = median(tp);
  const how = lend ? '' : ', fresh buffers';
  return {
    engine: { method: `engine (1 thread${how})`, workload: label, dots: a.count, target, ms, best: Math.min(...te), runs, mdps: a.count / ms / 1e3, spacing },
    pool: {
      method: `pool (${WORKERS} workers${how})`, workload: label, dots: b.count, target, ms: pms, best: Math.min(...tp), runs, mdps: b.count / pms / 1e3,
      spacing: spacing && (identical ? spacing : spacingOf(b.x, b.y, b.count, req.density)),
      note: identical ? 'same dots as engine' : 'DIFFERS from engine',
    },
  };
}

for (const w of workloads) {
  progress(`engine + pool on ${w.label}`);
  const { engine, pool: p } = await engineVsPool(w.label, request(w.density), w.target, POOL_RUNS);
  rows.push(engine, p);
  engineMdps[w.key] = engine.mdps;
  poolMdps[w.key] = p.mdps;
  engineSpacing[w.key] = engine.spacing!;
  speedups[w.key] = { best: engine.best / p.best, median: engine.ms / p.ms };
}

// Extra: a bigger job (1M dots), where the pool's per-job overhead matters less. Not used for poolSpeedup.
progress('engine + pool on 1M dots (extra)');
const big = await engineVsPool('(x) const 100/cm², 10000²', request(100, 10000, 10000), expectedDots(100, 10000, 10000, PX_PER_MM), 9);
rows.push(big.engine, big.pool);

// Extra: (a) with a fresh allocation for every result, as before the pipeline lent its old results back.
progress('engine + pool on (a), fresh buffers (extra)');
const fresh = await engineVsPool(workloads[0]!.label, request(100), workloads[0]!.target, POOL_RUNS, false);
rows.push(fresh.engine, fresh.pool);

// Pool breakdown on (a): what the critical path would be with free messaging, measured on the main thread with
// the pool's own lending (the first part fills the last joined result, the others their own last buffers).
progress('pool breakdown');
const breakdown = (() => {
  const req = request(100);
  const bands = bandCount(req);
  const n = Math.min(bands, WORKERS);
  const ranges = Array.from({ length: n }, (_, p) => [Math.floor((p * bands) / n), Math.floor(((p + 1) * bands) / n)] as const);
  const partMs: number[][] = ranges.map(() => []);
  const joinMs: number[] = [];
  let joined: PatternResult | undefined;
  let spares: (PatternResult | undefined)[] = [];
  for (let i = 0; i < 14; i++) {
    const parts = ranges.map(([b0, b1], k) => {
      const t = performance.now();
      const r = generateBands(req, b0, b1, k === 0 ? joined : spares[k]);
      if (i >= 3) partMs[k]!.push(performance.now() - t);
      return r;
    });
    const t = performance.now();
    joined = joinParts(parts);
    if (i >= 3) joinMs.push(performance.now() - t);
    spares = parts;
  }
  return { bands, ranges, partMs: partMs.map(median), joinMs: median(joinMs) };
})();
// A one-dot job: the messaging of a round trip to a worker, with no work to speak of.
const roundTrips: number[] = [];
for (let i = 0; i < 21; i++) {
  const t = performance.now();
  await pool.generate(request(100, 8, 8));
  roundTrips.push(performance.now() - t);
}
const roundTripMs = median(roundTrips);
pool.terminate();

// The whole of (a) on a pool of one worker, against the engine: worker compute + messaging, no parallelism.
const solo = await (async () => {
  const one = createNodePatternPool(1);
  await one.warm();
  const req = request(100);
  const te: number[] = [], t1: number[] = [];
  let e: PatternResult | undefined, o: PatternResult | undefined;
  for (let i = 0; i < WARM_MIN + POOL_RUNS; i++) {
    let t = performance.now();
    e = generatePattern(req, e);
    const em = performance.now() - t;
    t = performance.now();
    o = await one.generate(req, { into: o });
    const om = performance.now() - t;
    if (i >= WARM_MIN) {
      te.push(em);
      t1.push(om);
    }
  }
  one.terminate();
  return { engineMs: median(te), oneWorkerMs: median(t1) };
})();

// Where the pool's threads ran (Linux only): the same two halves in two plain workers that report their CPU, each
// job just after an engine run on the main thread, as in engineVsPool. When the OS wakes both workers onto one CPU
// and leaves the other idle, the job takes twice as long: that, not the pool, is what spreads the pool's times.
progress('thread placement probe');
const placement = await (async () => {
  const req = request(100);
  const bands = bandCount(req);
  const spawn = (): Worker => new Worker(new URL('../test/helpers/ts-worker-bootstrap.mjs', import.meta.url), {
    workerData: { entry: new URL('./cpu-probe.worker.ts', import.meta.url).href },
  });
  const ws = [spawn(), spawn()];
  const part = (w: Worker, b0: number, b1: number): Promise<[number, number]> => new Promise((resolve) => {
    w.once('message', resolve);
    w.postMessage({ request: req, b0, b1 });
  });
  const halves = (): Promise<[number, number][]> => Promise.all([part(ws[0]!, 0, bands >> 1), part(ws[1]!, bands >> 1, bands)]);
  let e: PatternResult | undefined;
  for (let i = 0; i < WARM_MIN * 2; i++) {
    e = generatePattern(req, e);
    await halves();
  }
  const shared: number[] = [], apart: number[] = [];
  let unknown = false;
  for (let i = 0; i < 60; i++) {
    e = generatePattern(req, e);
    const t = performance.now();
    const [a, b] = (await halves()) as [[number, number], [number, number]];
    const ms = performance.now() - t;
    if (a[0] < 0) unknown = true;
    (a[0] === b[0] && a[1] === b[1] ? shared : apart).push(ms);
  }
  await Promise.all(ws.map((w) => w.terminate()));
  return unknown ? null : { shared, apart };
})();

// ---------------------------------------------------------------------------------------------------------------
// Peers. Calibration: start from PACKING / r² points per px², run once (the warm-up), rescale r by √(got / wanted),
// run again; the timed runs use the last r. Each run gets a fresh seedrandom stream with the same seed.

const rngFor = (name: string): (() => number) => seedrandom(`${SEED}/${name}`);

interface PeerSpec {
  name: string;
  /** Makes a sampler whose spacing is scaled by `k` (points ≈ k / r² per px²). */
  make: (w: Workload, k: number) => PeerSampler | null;
}

const radiusAt = (dotsPerCm2: number, k: number): number => Math.sqrt(k / perPx2(dotsPerCm2, PX_PER_MM));

const peers: PeerSpec[] = [
  {
    name: 'poisson-disk-sampling',
    make: (w, k) => {
      if (typeof w.density === 'number') {
        return new PoissonDiskSampling({ shape: [WIDTH, HEIGHT], minDistance: radiusAt(w.density, k) }, rngFor('pds'));
      }
      const sample = makeDensitySampler(w.density, WIDTH, HEIGHT);
      let lo = Infinity, hi = 0;
      for (const v of w.density.values) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const rMin = radiusAt(hi, k), rMax = radiusAt(lo, k);
      return new PoissonDiskSampling({
        shape: [WIDTH, HEIGHT],
        minDistance: rMin,
        maxDistance: rMax,
        // distance = minDistance + (maxDistance − minDistance) × f(p): f maps the local radius into [0, 1].
        distanceFunction: (p) => Math.min(1, Math.max(0, (radiusAt(sample(p[0]!, p[1]!), k) - rMin) / (rMax - rMin))),
      }, rngFor('pds'));
    },
  },
  {
    name: 'fast-2d-poisson-disk-sampling',
    make: (w, k) => (typeof w.density === 'number' ? new FastPoissonDiskSampling({ shape: [WIDTH, HEIGHT], radius: radiusAt(w.density, k) }, rngFor('fast')) : null),
  },
];

const peerMdps: Record<string, Record<string, number>> = { a: {}, b: {} };

for (const w of workloads) {
  for (const peer of peers) {
    if (!peer.make(w, PACKING)) {
      rows.push({ method: peer.name, workload: w.label, dots: null, target: w.target, ms: NaN, best: NaN, runs: 0, mdps: NaN, spacing: null, note: 'n/a: constant density only' });
      continue;
    }
    progress(`${peer.name} on ${w.label}`);
    let k = PACKING;
    for (let c = 0; c < 2; c++) {
      const got = peer.make(w, k)!.fill().length;
      k *= got / w.target; // points ∝ k / r² at a fixed r, and r ∝ √k: the same k on the next run gives ~target points
    }
    const times: number[] = [];
    let points: number[][] = [];
    for (let i = 0; i < PEER_RUNS; i++) {
      const sampler = peer.make(w, k)!;
      const t = performance.now();
      points = sampler.fill();
      times.push(performance.now() - t);
    }
    const ms = median(times);
    const { x, y } = flatten(points);
    const spacing = spacingOf(x, y, points.length, w.density);
    const mdps = points.length / ms / 1e3;
    peerMdps[w.key]![peer.name] = mdps;
    rows.push({ method: peer.name, workload: w.label, dots: points.length, target: w.target, ms, best: Math.min(...times), runs: PEER_RUNS, mdps, spacing, note: `k = ${k.toFixed(3)} (points·r²/px²)` });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cost per dot of the engine, constant 100 dots/cm², square regions of the right area.

const sizes: { key: '10k' | '100k' | '1M' | '4M'; dots: number }[] = [
  { key: '10k', dots: 1e4 }, { key: '100k', dots: 1e5 }, { key: '1M', dots: 1e6 }, { key: '4M', dots: 4e6 },
];
const costRows: { key: string; side: number; dots: number; iters: number; ms: number; ns: number }[] = [];
for (const s of sizes) {
  progress(`cost per dot at ${s.key}`);
  const side = Math.round(Math.sqrt((s.dots / 100) * 100 * PX_PER_MM * PX_PER_MM));
  const req = request(100, side, side);
  // Each run lends the last result's buffers, as the app does (engineVsPool).
  let r = generatePattern(req);
  let t = performance.now();
  r = generatePattern(req, r);
  const once = performance.now() - t;
  const iters = Math.max(1, Math.ceil(40 / Math.max(once, 0.01)));
  const samples = s.dots >= 4e6 ? 5 : 9;
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    t = performance.now();
    for (let j = 0; j < iters; j++) r = generatePattern(req, r);
    times.push((performance.now() - t) / iters);
  }
  const ms = median(times);
  costRows.push({ key: s.key, side, dots: r.count, iters, ms, ns: (ms * 1e6) / r.count });
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

log();
log(`Pattern benchmark — Node ${process.version}, ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model.trim() ?? '?'}), pool of ${WORKERS} workers`);
log(`Region ${WIDTH} × ${HEIGHT} px at ${PX_PER_MM} px/mm (${(WIDTH * HEIGHT) / (100 * PX_PER_MM ** 2)} cm²); ms = median of the runs shown, best = fastest, after warm-up.`);
log(`Spacing = nearest-neighbour distance ÷ hexagonal spacing at the requested local density (points ≥ ${MARGIN} px from the edges).`);
log();
const header = [pad('method', 33), pad('workload', 28), lpad('dots', 9), lpad('vs target', 10), lpad('ms', 9), lpad('best', 8), lpad('runs', 5), lpad('M dots/s', 9), lpad('min', 6), lpad('p01', 6), lpad('mean', 6), '  note'].join(' ');
log(header);
log('-'.repeat(header.length + 12));
for (const r of rows) {
  log([
    pad(r.method, 33), pad(r.workload, 28),
    lpad(r.dots === null ? 'n/a' : String(r.dots), 9),
    lpad(r.dots === null || r.target === null ? 'n/a' : `${(((r.dots - r.target) / r.target) * 100).toFixed(2)}%`, 10),
    lpad(fmt(r.ms, 1), 9), lpad(fmt(r.best, 1), 8), lpad(String(r.runs), 5), lpad(fmt(r.mdps, 3), 9),
    lpad(r.spacing ? fmt(r.spacing.min, 3) : 'n/a', 6), lpad(r.spacing ? fmt(r.spacing.p01, 3) : 'n/a', 6), lpad(r.spacing ? fmt(r.spacing.mean, 3) : 'n/a', 6),
    `  ${r.note ?? ''}`,
  ].join(' '));
}
log();
log(`Targets: (a) ${Math.round(workloads[0]!.target)} dots, (b) ${Math.round(workloads[1]!.target)} dots (integral of the requested field).`);
log();
log(`Pool breakdown on (a), ${breakdown.bands} bands split ${breakdown.ranges.map(([b0, b1]) => `[${b0},${b1})`).join(' ')}:`);
log(`  parts computed on the main thread: ${breakdown.partMs.map((v) => `${v.toFixed(1)} ms`).join(', ')}; join ${breakdown.joinMs.toFixed(1)} ms`);
log(`  ideal pool time (slowest part + join) ${(Math.max(...breakdown.partMs) + breakdown.joinMs).toFixed(1)} ms vs measured ${rows[1]!.ms.toFixed(1)} ms; round trip of a one-dot job ${roundTripMs.toFixed(2)} ms`);
log(`  whole job on a pool of 1 worker ${solo.oneWorkerMs.toFixed(1)} ms vs engine ${solo.engineMs.toFixed(1)} ms (same moment, interleaved)`);
if (placement) {
  const share = placement.shared.length / (placement.shared.length + placement.apart.length);
  const med = (a: number[]): string => (a.length ? `${median(a).toFixed(1)} ms` : 'n/a');
  log(`  thread placement (plain workers, same halves): both on one CPU in ${(share * 100).toFixed(0)}% of ${placement.shared.length + placement.apart.length} jobs, median ${med(placement.shared)}; on two CPUs ${med(placement.apart)}`);
} else {
  log('  thread placement: not probed (no /proc/thread-self/stat here)');
}
log(`  load average at start ${loadAtStart.map((v) => v.toFixed(2)).join(' ')}, at end ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} (other processes share these CPUs)`);
log();
log('Engine cost per dot (constant 100 dots/cm², square regions):');
log(['  ' + pad('size', 6), lpad('region px', 13), lpad('dots', 9), lpad('iters', 6), lpad('ms/run', 9), lpad('ns/dot', 8)].join(' '));
for (const c of costRows) {
  log(['  ' + pad(c.key, 6), lpad(`${c.side}²`, 13), lpad(String(c.dots), 9), lpad(String(c.iters), 6), lpad(c.ms.toFixed(2), 9), lpad(c.ns.toFixed(1), 8)].join(' '));
}
const nsList = costRows.map((c) => c.ns);
const costLinearity = Math.max(...nsList) / Math.min(...nsList);
log(`  max/min ns per dot: ${costLinearity.toFixed(2)}`);
log();

const bestPeer = (key: string): number => Math.max(...Object.values(peerMdps[key]!));
const summary = {
  mdotsPerSec: round(engineMdps.a!),
  mdotsPerSecRamp: round(engineMdps.b!),
  poolMdotsPerSec: round(poolMdps.a!),
  poolMdotsPerSecRamp: round(poolMdps.b!),
  // Best run against best run: timeit's rule for a shared machine, where the slower runs measure the interference
  // (here, the OS putting both workers on one CPU: the placement line above), not the code. Medians alongside.
  poolSpeedup: round(Math.min(...workloads.map((w) => speedups[w.key]!.best))),
  poolSpeedupMedian: round(Math.min(...workloads.map((w) => speedups[w.key]!.median))),
  poolSpeedup1M: round(big.engine.best / big.pool.best),
  poolSpeedup1MMedian: round(big.engine.ms / big.pool.ms),
  poolSpeedupFreshBuffers: round(fresh.engine.best / fresh.pool.best),
  ...(placement ? { sharedCpuShare: round(placement.shared.length / (placement.shared.length + placement.apart.length), 2) } : {}),
  vsBestPeer: round(Math.min(engineMdps.a! / bestPeer('a'), engineMdps.b! / bestPeer('b'))),
  peerMdotsPerSec: Object.fromEntries(Object.entries(peerMdps).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).map(([n, m]) => [n, round(m)]))])),
  rhoMin: round(Math.min(engineSpacing.a!.min, engineSpacing.b!.min)),
  costPerDotNs: Object.fromEntries(costRows.map((c) => [c.key, round(c.ns)])),
  costLinearity: round(costLinearity),
  workers: WORKERS,
};
log(JSON.stringify(summary));
