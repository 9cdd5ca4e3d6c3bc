import * as Comlink from 'comlink';
import { buildShapeField } from '../design/density-field.ts';
import type { Design } from '../design/types.ts';
import type { DensityRaster } from '../pattern/types.ts';

/** What the field worker exposes: the design's shape raster (its caches live in the worker), transferred. */
export const fieldWorkerApi = {
  shape(design: Design): DensityRaster {
    const r = buildShapeField(design);
    return Comlink.transfer(r, [r.values.buffer as ArrayBuffer]);
  },
};

export type FieldWorkerApi = typeof fieldWorkerApi;
