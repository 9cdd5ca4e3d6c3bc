import * as Comlink from 'comlink';
import { PatternError } from '../pattern/errors.ts';
import { bandCount, columnBuffers, layPeak, lendable, roomFor, type DotColumns } from '../pattern/generate.ts';
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
  /**
   * Buffers of an earlier result that the caller no longer reads, to be filled again: fresh memory costs about as
   * much to touch as an eighth of the engine's work, so a steady stream of jobs should hand its old results back.
   * The arrays are detached by the call: never read them again.
   */
  into?: DotColumns;
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
  /** Set once `ready` resolved: a started worker's part is posted at once, with no wait in between. */
  started: boolean;
  /** Buffers of a part this worker made, joined and handed back: it fills them again instead of allocating. */
  spare?: DotColumns;
}

/** A worker that has not started within this long is replaced. */
const START_MS = 30_000;

interface Job {
  request: PatternRequest;
  /** The density the tile is laid at (layPeak), found once: every part's room is sized from it. */
  peak: number;
  key: string | undefined;
  into: DotColumns | undefined;
  parts: (PatternResult | undefined)[];
  /** Which worker made each part, to give its buffers back after the join. */
  makers: (Slot | undefined)[];
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
      const job: Job = { request, peak: layPeak(request), key: options.key, into: options.into, parts: new Array(n), makers: new Array(n), left: n, dropped: false, resolve, reject };
      if (options.key !== undefined) {
        const old = this.latest.get(options.key);
        if (old) {
          this.drop(old);
          // Buffers lent to a job that never started them go to the job that replaces it.
          job.into ??= old.into;
          old.into = undefined;
        }
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
    const slot: Slot = { handle, death, ready: handle.api.warm(), started: false };
    slot.ready.then(() => (slot.started = true), () => undefined);
    return slot;
  }

  /** Runs one part; a worker that dies or stalls is replaced and the part queued again on a fresh one. */
  private async run(slot: Slot, chunk: Chunk): Promise<void> {
    const { job, part, b0, b1 } = chunk;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const after = (ms: number) => new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new WorkerDied('stalled')), ms)));
    const r0 = job.request;
    const room = roomFor(r0, b0, b1, job.peak);
    const budget = this.stallMs + room * 2e-3;
    // The first part is the join's base: it asks for room for the whole job (untouched room costs nothing), so the
    // other parts are appended to it rather than all copied into new arrays.
    const capacity = part === 0 && job.parts.length > 1 ? roomFor(r0, 0, bandCount(r0), job.peak) : 0;
    let into = part === 0 ? job.into : undefined;
    if (into) job.into = undefined;
    else [into, slot.spare] = [slot.spare, undefined];
    // Only buffers the engine will fill are sent (lendable): one that is too small or detached is let go here.
    if (into && !lendable(into, Math.max(capacity, room))) into = undefined;
    let healthy = true;
    try {
      if (!slot.started) {
        await Promise.race([slot.ready, slot.death, after(START_MS)]);
        clearTimeout(timer);
      }
      const lent = into && Comlink.transfer(into, columnBuffers(into));
      const r = await Promise.race([slot.handle.api.generateBands(job.request, b0, b1, lent, capacity), slot.death, after(budget)]);
      if (!job.dropped) {
        job.parts[part] = r;
        job.makers[part] = slot;
        if (--job.left === 0) this.finish(job);
      } else slot.spare = r; // a part nobody wants: its buffers serve this worker's next part
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
    const parts = job.parts as PatternResult[];
    const joined = joinParts(parts);
    // Every part but the base was copied out: its worker gets the buffers back for its next part.
    for (let i = 0; i < parts.length; i++) {
      const maker = job.makers[i];
      if (maker && parts[i]!.x.buffer !== joined.x.buffer) maker.spare = parts[i];
    }
    job.resolve(joined);
  }
}

/**
 * Concatenates results in order. The others are appended to the first part's buffers where they have the room (the
 * pool asks the first part for it); otherwise, into new arrays. One part is returned as it is.
 */
export function joinParts(parts: PatternResult[]): PatternResult {
  if (parts.length === 1) return parts[0]!;
  const count = parts.reduce((s, p) => s + p.count, 0);
  const base = parts[0]!;
  const join = (key: 'x' | 'y' | 'diameter' | 'rank' | 'tone'): Float32Array => {
    const first = base[key];
    const room = (first.buffer.byteLength - first.byteOffset) >> 2;
    const out = room >= count ? new Float32Array(first.buffer, first.byteOffset, count) : new Float32Array(count);
    if (out.buffer !== first.buffer) out.set(first.subarray(0, base.count));
    let o = base.count;
    for (let i = 1; i < parts.length; i++) {
      const p = parts[i]!;
      out.set(p[key].subarray(0, p.count), o);
      o += p.count;
    }
    return out;
  };
  return { count, x: join('x'), y: join('y'), diameter: join('diameter'), rank: join('rank'), tone: join('tone') };
}
