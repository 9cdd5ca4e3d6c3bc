import * as Comlink from 'comlink';
import { computeHairMask, type HairMaskOptions } from '../photo/hair-mask.ts';
import type { MaskPixels, MaskWorkerApi } from './mask-api.ts';

/** A mask taking longer than this means the worker stopped answering: it is replaced. */
const STALL_MS = 10_000;

/**
 * Computes hair masks in a worker, so a threshold drag never blocks the page. The pixels are transferred, so
 * `pixels` is called for each attempt: if the worker cannot start, dies, or stops answering, it is replaced and
 * that mask is computed on the main thread from fresh pixels instead (slower, never wrong).
 */
export function createMaskClient(stallMs = STALL_MS): { mask(pixels: () => MaskPixels, opts: HairMaskOptions): Promise<Uint8Array> } {
  let worker: Worker | undefined;
  let api: Comlink.Remote<MaskWorkerApi> | undefined;
  const retire = (): void => {
    worker?.terminate();
    worker = undefined;
    api = undefined;
  };
  const start = (): Comlink.Remote<MaskWorkerApi> => {
    worker = new Worker(new URL('../../workers/mask.worker.ts', import.meta.url), { type: 'module', name: 'mask' });
    worker.addEventListener('error', retire, { once: true });
    return (api = Comlink.wrap<MaskWorkerApi>(worker));
  };
  return {
    async mask(pixels, opts) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('stalled')), stallMs)));
      try {
        const p = pixels();
        return await Promise.race([(api ?? start()).mask(Comlink.transfer(p, [p.rgba.buffer as ArrayBuffer]), opts), stalled]);
      } catch {
        retire();
        const p = pixels();
        return computeHairMask(p.rgba, p.width, p.height, opts);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
