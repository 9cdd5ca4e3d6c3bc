import * as Comlink from 'comlink';
import { computeHairMask, type HairMaskOptions } from '../photo/hair-mask.ts';
import type { RgbaPixels } from '../photo/photo-pixels.ts';

/** A photo's pixels for the hair mask (transferred to the worker: the sender's copy is gone). */
export type MaskPixels = RgbaPixels;

/** What the mask worker exposes: the hair mask of some pixels (before the technician's corrections), transferred. */
export const maskWorkerApi = {
  mask(pixels: MaskPixels, opts: HairMaskOptions): Uint8Array {
    const m = computeHairMask(pixels.rgba, pixels.width, pixels.height, opts);
    return Comlink.transfer(m, [m.buffer as ArrayBuffer]);
  },
};

export type MaskWorkerApi = typeof maskWorkerApi;
