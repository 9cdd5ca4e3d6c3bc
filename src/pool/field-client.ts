import * as Comlink from 'comlink';
import { buildShapeField, type Shape } from '../design/density-field.ts';
import type { Design } from '../design/types.ts';
import type { FieldWorkerApi } from './field-api.ts';

/** A shape taking longer than this means the worker stopped answering: it is replaced. */
const STALL_MS = 8000;

/**
 * Builds field shapes (and hairline bands) in a worker, so dragging the hairline or painting the area never blocks the page. If the
 * worker cannot start, dies, or stops answering, it is replaced and that shape is built on the main thread
 * instead (slower, never wrong).
 */
export interface FieldClient {
  shape(d: Design): Promise<Shape>;
}

export function createFieldClient(stallMs = STALL_MS): FieldClient {
  let worker: Worker | undefined;
  let api: Comlink.Remote<FieldWorkerApi> | undefined;
  const start = (): void => {
    worker = new Worker(new URL('../../workers/field.worker.ts', import.meta.url), { type: 'module', name: 'field' });
    api = Comlink.wrap<FieldWorkerApi>(worker);
    worker.addEventListener('error', () => {
      worker?.terminate();
      worker = undefined;
      api = undefined;
    }, { once: true });
  };
  const retire = (): void => {
    worker?.terminate();
    worker = undefined;
    api = undefined;
  };
  return {
    async shape(d) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('stalled')), stallMs)));
      try {
        // Inside the try: a worker that cannot even start falls back to the main thread too.
        if (!api) start();
        return await Promise.race([api!.shape(d), stalled]);
      } catch {
        retire();
        return buildShapeField(d);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
