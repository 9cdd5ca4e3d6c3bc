import * as Comlink from 'comlink';
import { PatternPool } from './pattern-pool.ts';
import type { PatternWorkerApi } from './worker-api.ts';

/** A pool of module workers, one per logical core (at most 8). */
export function createBrowserPatternPool(size = Math.min(8, Math.max(1, navigator.hardwareConcurrency || 2))): PatternPool {
  return new PatternPool({
    size,
    spawn: () => {
      const worker = new Worker(new URL('../../workers/pattern.worker.ts', import.meta.url), { type: 'module', name: 'pattern' });
      return {
        api: Comlink.wrap<PatternWorkerApi>(worker),
        terminate: () => worker.terminate(),
        onDeath: (cb) => worker.addEventListener('error', (e) => cb(e.message || 'error'), { once: true }),
      };
    },
  });
}
