import { presetPoints } from '../design/hairline.ts';
import { STYLE_PRESETS } from '../design/hairline-style.ts';
import { realismDefaults, type Design, type HairlinePreset, type Point } from '../design/types.ts';
import type { CompareState } from '../compose/compare-panes.ts';
import type { View } from '../render/view.ts';
import { Store } from './store.ts';
import { overCap } from '../design/caps.ts';

export type ToolId = 'pan' | 'hairline' | 'brush' | 'eraser' | 'polygon' | 'calibrate-ruler' | 'calibrate-pupils' | 'eyedropper' | 'eyedropper-skin' | 'eyedropper-hair' | 'guides'
  | 'zone' | 'strip-scar' | 'dot-scar' | 'patch' | 'mask-hair' | 'mask-scalp';

export interface PhotoInfo {
  name: string;
  width: number;
  height: number;
  /** true for the built-in demo photo. */
  demo: boolean;
}

export interface AppState {
  design: Design;
  photo: PhotoInfo | null;
  view: View;
  tool: ToolId;
  /** Share of the view's width from the left that shows the photo without dots. */
  split: number;
  /** Compare toggle: show the photo alone. */
  showBefore: boolean;
  brush: { sizeMm: number; feather: number };
  /** A short message for the user (bad file, calibration done…), or null. */
  notice: { kind: 'error' | 'info'; text: string } | null;
  /** The compare view's panes and shared view while it is open (src/app/compare-view.ts); absent when closed. */
  compare?: CompareState;
  /** Thinning-hair mode: tint the hair mask over the photo (src/app/thinning.ts); absent = off. */
  showMask?: boolean;
}

export type AppStore = Store<AppState>;

/** Default scale for a photo that has not been calibrated: about a 25 cm wide head filling a 3/4 of the frame. */
export function defaultPxPerMm(width: number): number {
  return Math.max(1, (width * 0.75) / 250);
}

/** A ready design for a photo: a rounded hairline across its upper middle, default dots. */
export function designFor(
  photo: { width: number; height: number },
  scale: Design['scale'],
  hairline?: { centreX: number; centreY: number; halfWidthMm: number; preset?: HairlinePreset },
  seed = 'smp-1',
): Design {
  const h = hairline ?? { centreX: photo.width / 2, centreY: photo.height * 0.62, halfWidthMm: (photo.width * 0.32) / scale.pxPerMm };
  const points: Point[] = presetPoints(h.preset ?? 'rounded', h.centreX, h.centreY, h.halfWidthMm, scale.pxPerMm);
  return {
    version: 2,
    photo: { width: photo.width, height: photo.height },
    scale,
    hairline: { points, mirror: true, midlineX: h.centreX, ...STYLE_PRESETS.soft },
    style: 'soft',
    area: { edits: [] },
    dots: { density: 100, diameterMm: 0.12, spreadMm: 0.02, pigment: '#2b2622', opacity: 0.85, dilution: 0, seed },
    ...realismDefaults(),
  };
}

export function initialState(design: Design, photo: PhotoInfo): AppState {
  return { design, photo, view: { scale: 1, x: 0, y: 0 }, tool: 'pan', split: 0, showBefore: false, brush: { sizeMm: 15, feather: 0.5 }, notice: null };
}

/**
 * The app's store. A design past one of its caps (src/design/caps.ts) is never taken: the file schema would refuse
 * it, so an autosave of it would not open again. The edit that went past stops there, with a notice; the design
 * before it stays.
 */
export const createAppStore = (s: AppState): AppStore =>
  new Store(s, (next, prev) => {
    if (next.design === prev.design) return next;
    const problem = overCap(next.design);
    return problem ? { ...next, design: prev.design, notice: { kind: 'error', text: problem } } : next;
  });

/** Updates the design immutably. */
export function setDesign(store: AppStore, fn: (d: Design) => Design): void {
  store.update((s) => ({ ...s, design: fn(s.design) }));
}
