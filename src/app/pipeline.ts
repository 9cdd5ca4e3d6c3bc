import { buildDensityField, buildShapeField, shapeKey } from '../design/density-field.ts';
import type { Design } from '../design/types.ts';
import { isPatternError, type PatternRequest } from '../pattern/index.ts';
import type { PatternPool } from '../pool/pattern-pool.ts';
import type { Scene } from '../render/scene.ts';
import type { AppStore } from './state.ts';

/** The parts of a design that change where dots are; everything else only changes how they look. */
const patternKey = (d: Design): string =>
  JSON.stringify([d.photo, d.scale.pxPerMm, d.hairline, d.area, d.dots.density, d.dots.diameterMm, d.dots.spreadMm, d.dots.seed]);

export function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.replace('#', ''), 16);
  return [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255];
}

let shapeCache: { key: string; shape: ReturnType<typeof buildShapeField> } | undefined;

/** The engine request for a design; the field's shape is cached, so a density change only rescales it. */
export function requestFor(d: Design): PatternRequest {
  const key = shapeKey(d);
  if (shapeCache?.key !== key) shapeCache = { key, shape: buildShapeField(d) };
  return {
    width: d.photo.width,
    height: d.photo.height,
    pxPerMm: d.scale.pxPerMm,
    density: buildDensityField(d, shapeCache.shape),
    dotDiameterMm: { mean: d.dots.diameterMm, spread: d.dots.spreadMm },
    seed: d.dots.seed,
  };
}

export interface PipelineStatus {
  /** Increments each time new dots reach the screen. */
  generation: number;
  dots: number;
  /** The pattern key the dots on screen were made for. */
  shown: string;
  wanted: string;
}

/**
 * design state → density field → workers → dot buffers → GPU. A change that moves dots starts a pool job under
 * one key, so a newer design drops a stale one and a stale result never overwrites a newer picture. Look-only
 * changes (pigment, opacity, split) go straight to the scene's uniforms.
 */
export function startPipeline(store: AppStore, pool: PatternPool, scene: Scene, onStatus: (s: PipelineStatus) => void): () => void {
  const status: PipelineStatus = { generation: 0, dots: 0, shown: '', wanted: '' };
  let scheduled = false;

  const regenerate = (): void => {
    scheduled = false;
    const design = store.get().design;
    const key = patternKey(design);
    if (key === status.wanted) return;
    status.wanted = key;
    onStatus({ ...status });
    pool.generate(requestFor(design), { key: 'dots' }).then(
      (dots) => {
        if (key !== status.wanted) return;
        scene.setDots(dots);
        void scene.requestRender().then(() => {
          status.generation++;
          status.dots = dots.count;
          status.shown = key;
          onStatus({ ...status });
        });
      },
      (e: unknown) => {
        if (isPatternError(e) && e.code === 'cancelled') return;
        const text = e instanceof Error ? e.message : String(e);
        store.update((s) => ({ ...s, notice: { kind: 'error', text } }));
        status.wanted = status.shown;
      },
    );
  };

  const apply = (): void => {
    const s = store.get();
    scene.setLook({ pigment: hexToRgb(s.design.dots.pigment), opacity: s.design.dots.opacity });
    scene.setSplit(s.showBefore ? 1 : s.split);
    scene.setView(s.view);
    if (!scheduled && patternKey(s.design) !== status.wanted) {
      scheduled = true;
      // Coalesce a burst of input events (a slider drag) into one job per frame.
      requestAnimationFrame(regenerate);
    }
  };

  apply();
  return store.subscribe(apply);
}
