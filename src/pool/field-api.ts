import * as Comlink from 'comlink';
import { buildShapeField, type Shape } from '../design/density-field.ts';
import type { Design } from '../design/types.ts';

/** What the field worker exposes: the design's shape raster and hairline band (their caches live in the worker), transferred. */
export const fieldWorkerApi = {
  shape(design: Design): Shape {
    const r = buildShapeField(design);
    // The band is the worker's cached one: a copy goes, so the cache keeps its own.
    const band = r.band.slice();
    return Comlink.transfer({ ...r, band }, [r.values.buffer as ArrayBuffer, band.buffer]);
  },
};

export type FieldWorkerApi = typeof fieldWorkerApi;
