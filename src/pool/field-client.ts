import * as Comlink from 'comlink';
import { buildShapeField } from '../design/density-field.ts';
import type { Design } from '../design/types.ts';
import type { DensityRaster } from '../pattern/types.ts';
import type { FieldWorkerApi } from './field-api.ts';

/**
 * Builds field shapes in a worker, so dragging the hairline or painting the area never blocks the page. If the
 * worker cannot start or dies, the shape is built on the main thread instead (slower, never wrong).
 */
export function createFieldClient(): { shape(d: Design): Promise<DensityRaster> } {
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
  return {
    async shape(d) {
      if (!api) start();
      try {
        return await api!.shape(d);
      } catch {
        return buildShapeField(d);
      }
    },
  };
}
