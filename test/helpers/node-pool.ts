import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { Worker } from 'node:worker_threads';
import { PatternPool } from '../../src/pool/pattern-pool.ts';
import type { PatternWorkerApi } from '../../src/pool/worker-api.ts';

/** A PatternPool over Node worker threads (TypeScript loaded through tsx). */
export function createNodePatternPool(size: number, stallMs?: number): PatternPool {
  return new PatternPool({
    size,
    ...(stallMs === undefined ? {} : { stallMs }),
    spawn: () => {
      const worker = new Worker(new URL('./ts-worker-bootstrap.mjs', import.meta.url), {
        workerData: { entry: new URL('./node-pattern-worker.ts', import.meta.url).href },
      });
      return {
        api: Comlink.wrap<PatternWorkerApi>(nodeEndpoint(worker)),
        terminate: () => void worker.terminate(),
        onDeath: (cb) => {
          worker.once('error', (e) => cb(e.message));
          worker.once('exit', (code) => cb(`exit ${code}`));
        },
      };
    },
  });
}
