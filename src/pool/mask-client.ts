import * as Comlink from 'comlink';
import { computeHairMask, type HairMaskOptions } from '../photo/hair-mask.ts';
import type { MaskPixels, MaskWorkerApi } from './mask-api.ts';
import { createWorkerCaller } from './worker-call.ts';

/** A mask taking longer than this means the worker stopped answering: it is replaced. */
const STALL_MS = 10_000;

/**
 * Computes hair masks in a worker, so a threshold drag never blocks the page. The pixels are transferred, so
 * `pixels` is called for each attempt: when the worker is not there (see createWorkerCaller), the main thread
 * computes the mask from fresh pixels.
 */
export function createMaskClient(stallMs = STALL_MS): { mask(pixels: () => MaskPixels, opts: HairMaskOptions): Promise<Uint8Array> } {
  const worker = createWorkerCaller<MaskWorkerApi>(() => new Worker(new URL('../../workers/mask.worker.ts', import.meta.url), { type: 'module', name: 'mask' }), stallMs);
  return {
    mask: (pixels, opts) =>
      worker.call(
        (api) => {
          const p = pixels();
          return api.mask(Comlink.transfer(p, [p.rgba.buffer as ArrayBuffer]), opts);
        },
        () => {
          const p = pixels();
          return computeHairMask(p.rgba, p.width, p.height, opts);
        },
      ),
  };
}
