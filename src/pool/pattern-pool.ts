import type * as Comlink from 'comlink';
import { PatternError } from '../pattern/errors.ts';
import { BAND_PX, bandCount } from '../pattern/generate.ts';
import { fieldMax } from '../pattern/field.ts';
import type { PatternRequest, PatternResult } from '../pattern/types.ts';
import { validateRequest } from '../pattern/validate.ts';
import type { PatternWorkerApi } from './worker-api.ts';

export interface WorkerHandle {
  api: Comlink.Remote<PatternWorkerApi>;
  terminate(): void;
  /** Calls back once if the worker dies (an uncaught error, a failed start, an exit). */
  onDeath(cb: (why: string) => void): void;
}

export interface PoolOptions {
  /** Number of workers (e.g. navigator.hardwareConcurrency). */
  size: number;
  spawn: () => WorkerHandle;
  /** A part taking longer than this (plus 2 µs a dot) counts as a stalled worker: it is replaced. Default 4 s. */
  stallMs?: number;
}

/** How many times one part is run again on a fresh worker before the job fails. */
const RETRIES = 2;

class WorkerDied extends Error {}

export interface GenerateOptions {
  /** A newer job with the same key supersedes this one: it is dropped (rejected with code 'cancelled'). */
  key?: string;
}

interface Chunk {
  job: Job;
  part: number;
  b0: number;
  b1: number;
  tries: number;
}

interface Slot {
  handle: WorkerHandle;
  /** Rejects when the worker dies. */
  death: Promise<never>;
  /** Resolves once the worker has started and decoded the tile: stall time counts from then. */
  ready: Promise<unknown>;
}

/** A worker that has not started within this long is replaced. */
const START_MS = 30_000;

interface Job {
  request: PatternRequest;
  key: string | undefined;
  parts: (PatternResult | undefined)[];
  left: number;
  dropped: boolean;
  resolve: (r: PatternResult) => void;
  reject: (e: unknown) => void;
}

/**
 * Runs the pattern engine across workers. A request is cut into contiguous ranges of the engine's fixed row bands,
 * one per worker; idle workers take the next range; the parts are joined in band order, so the result is exactly
 * what generatePattern returns on one thread. Buffers come back transferred. A job superseded by a newer one with
 * the same key is dropped: its queued ranges never run and its promise rejects with code 'cancelled'.
 */
export class PatternPool {
  readonly size: number;
  /** Workers replaced after dying or stalling, since the pool started. */
  replaced = 0;
  private readonly spawn: () => WorkerHandle;
  private readonly stallMs: number;
  private readonly workers: Slot[];
  private readonly idle: Slot[];
  private readonly queue: Chunk[] = [];
  private readonly latest = new Map<string, Job>();

  constructor(o: PoolOptions) {
    this.size = Math.max(1, Math.floor(o.size));
    this.spawn = o.spawn;
    this.stallMs = o.stallMs ?? 4000;
    this.workers = Array.from({ length: this.size }, () => this.newSlot());
    this.idle = [...this.workers];
  }

  /** Decodes the tile in every worker, so the first job is not slowed by it. */
  async warm(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.ready));
  }

  /** Kills worker i as a crash would, without telling the pool (fault drills and tests). */
  killWorker(i: number): void {
    this.workers[i % this.workers.length]?.handle.terminate();
  }

  generate(request: PatternRequest, options: GenerateOptions = {}): Promise<PatternResult> {
    try {
      validateRequest(request);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<PatternResult>((resolve, reject) => {
      const bands = bandCount(request);
      const n = Math.min(bands, this.size);
      const job: Job = { request, key: options.key, parts: new Array(n), left: n, dropped: false, resolve, reject };
      if (options.key !== undefined) {
        const old = this.latest.get(options.key);
        if (old) this.drop(old);
        this.latest.set(options.key, job);
      }
      for (let part = 0; part < n; part++) {
        this.queue.push({ job, part, b0: Math.floor((part * bands) / n), b1: Math.floor(((part + 1) * bands) / n), tries: 0 });
      }
      this.pump();
    });
  }

  terminate(): void {
    for (const w of this.workers) w.handle.terminate();
    for (const c of this.queue) this.drop(c.job);
    this.queue.length = 0;
  }

  private drop(job: Job): void {
    if (job.dropped) return;
    job.dropped = true;
    job.reject(new PatternError('cancelled', 'A newer design replaced this pattern before it was finished.'));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const chunk = this.queue.shift()!;
      if (chunk.job.dropped) continue;
      void this.run(this.idle.pop()!, chunk);
    }
  }

  private newSlot(): Slot {
    const handle = this.spawn();
    const death = new Promise<never>((_, reject) => handle.onDeath((why) => reject(new WorkerDied(why))));
    death.catch(() => undefined);
    const ready = handle.api.warm();
    ready.catch(() => undefined);
    return { handle, death, ready };
  }

  /** Runs one part; a worker that dies or stalls is replaced and the part queued again on a fresh one. */
  private async run(slot: Slot, chunk: Chunk): Promise<void> {
    const { job, part, b0, b1 } = chunk;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const after = (ms: number) => new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new WorkerDied('stalled')), ms)));
    const r0 = job.request;
    const dots = (r0.width * (b1 - b0) * BAND_PX * fieldMax(r0.density)) / (100 * r0.pxPerMm * r0.pxPerMm);
    const budget = this.stallMs + dots * 2e-3;
    let healthy = true;
    try {
      await Promise.race([slot.ready, slot.death, after(START_MS)]);
      clearTimeout(timer);
      const r = await Promise.race([slot.handle.api.generateBands(job.request, b0, b1), slot.death, after(budget)]);
      if (!job.dropped) {
        job.parts[part] = r;
        if (--job.left === 0) this.finish(job);
      }
    } catch (e) {
      if (e instanceof WorkerDied) {
        healthy = false;
        this.replace(slot);
        if (!job.dropped && chunk.tries < RETRIES) this.queue.unshift({ ...chunk, tries: chunk.tries + 1 });
        else if (!job.dropped) this.fail(job, new PatternError('worker-failed', 'The pattern worker stopped working twice in a row. Reload the page; your design is saved.'));
      } else if (!job.dropped) {
        this.fail(job, e);
      }
    } finally {
      clearTimeout(timer);
      if (healthy) this.idle.push(slot);
      this.pump();
    }
  }

  private replace(dead: Slot): void {
    dead.handle.terminate();
    const fresh = this.newSlot();
    this.workers[this.workers.indexOf(dead)] = fresh;
    this.idle.push(fresh);
    this.replaced++;
  }

  private fail(job: Job, e: unknown): void {
    job.dropped = true;
    job.reject(e);
  }

  private finish(job: Job): void {
    if (job.key !== undefined && this.latest.get(job.key) === job) this.latest.delete(job.key);
    job.resolve(joinParts(job.parts as PatternResult[]));
  }
}

/** Concatenates results in order (no copy when there is one part). */
export function joinParts(parts: PatternResult[]): PatternResult {
  if (parts.length === 1) return parts[0]!;
  const count = parts.reduce((s, p) => s + p.count, 0);
  const join = (key: 'x' | 'y' | 'diameter' | 'rank' | 'tone'): Float32Array => {
    const out = new Float32Array(count);
    let o = 0;
    for (const p of parts) {
      out.set(p[key].subarray(0, p.count), o);
      o += p.count;
    }
    return out;
  };
  return { count, x: join('x'), y: join('y'), diameter: join('diameter'), rank: join('rank'), tone: join('tone') };
}
