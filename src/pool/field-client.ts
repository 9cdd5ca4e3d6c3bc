import { buildShapeField, type Shape } from '../design/density-field.ts';
import type { Design } from '../design/types.ts';
import type { FieldWorkerApi } from './field-api.ts';
import { createWorkerCaller } from './worker-call.ts';

/** A shape taking longer than this means the worker stopped answering: it is replaced. */
const STALL_MS = 8000;

/**
 * Builds field shapes (and hairline bands) in a worker, so dragging the hairline or painting the area never blocks
 * the page; the main thread builds one itself when the worker is not there (see createWorkerCaller).
 */
export interface FieldClient {
  shape(d: Design): Promise<Shape>;
}

export function createFieldClient(stallMs = STALL_MS): FieldClient {
  const worker = createWorkerCaller<FieldWorkerApi>(() => new Worker(new URL('../../workers/field.worker.ts', import.meta.url), { type: 'module', name: 'field' }), stallMs);
  return { shape: (d) => worker.call((api) => api.shape(d), () => buildShapeField(d)) };
}
