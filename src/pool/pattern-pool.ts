import type * as Comlink from 'comlink';
import { PatternError } from '../pattern/errors.ts';
import { bandCount } from '../pattern/generate.ts';
import type { PatternRequest, PatternResult } from '../pattern/types.ts';
import { validateRequest } from '../pattern/validate.ts';
import type { PatternWorkerApi } from './worker-api.ts';

export interface WorkerHandle {
  api: Comlink.Remote<PatternWorkerApi>;
  terminate(): void;
}

export interface PoolOptions {
  /** Number of workers (e.g. navigator.hardwareConcurrency). */
  size: number;
  spawn: () => WorkerHandle;
}

export interface GenerateOptions {
  /** A newer job with the same key supersedes this one: it is dropped (rejected with code 'cancelled'). */
  key?: string;
}

interface Chunk {
  job: Job;
  part: number;
  b0: number;
  b1: number;
}

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
  private readonly workers: WorkerHandle[];
  private readonly idle: WorkerHandle[];
  private readonly queue: Chunk[] = [];
  private readonly latest = new Map<string, Job>();

  constructor(o: PoolOptions) {
    this.size = Math.max(1, Math.floor(o.size));
    this.workers = Array.from({ length: this.size }, o.spawn);
    this.idle = [...this.workers];
  }

  /** Decodes the tile in every worker, so the first job is not slowed by it. */
  async warm(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.api.warm()));
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
        this.queue.push({ job, part, b0: Math.floor((part * bands) / n), b1: Math.floor(((part + 1) * bands) / n) });
      }
      this.pump();
    });
  }

  terminate(): void {
    for (const w of this.workers) w.terminate();
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
      const worker = this.idle.pop()!;
      void this.run(worker, chunk);
    }
  }

  private async run(worker: WorkerHandle, { job, part, b0, b1 }: Chunk): Promise<void> {
    try {
      const r = await worker.api.generateBands(job.request, b0, b1);
      if (!job.dropped) {
        job.parts[part] = r;
        if (--job.left === 0) this.finish(job);
      }
    } catch (e) {
      if (!job.dropped) {
        job.dropped = true;
        job.reject(e);
      }
    } finally {
      this.idle.push(worker);
      this.pump();
    }
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
