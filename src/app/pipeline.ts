import { buildDensityField, buildShapeField, fieldGrid, shapeKey, type Shape } from '../design/density-field.ts';
import { lookFor } from '../realism/look.ts';
import { effectiveDesign } from '../realism/risks.ts';
import { countVisible, type ZoneDensity } from '../realism/visibility.ts';
import { buildZoneField } from '../design/zones.ts';
import type { DensityRaster, PatternResult } from '../pattern/types.ts';
import { LIMITS, type Design } from '../design/types.ts';
import { isPatternError, type PatternRequest } from '../pattern/index.ts';
import type { PatternPool } from '../pool/pattern-pool.ts';
import type { DotLook } from '../render/dot-layer.ts';
import type { Scene } from '../render/scene.ts';
import type { AppStore } from './state.ts';

/**
 * Dots are generated once at the slider's top density and thinned by rank in the shader: the density is a uniform,
 * so moving its slider redraws one frame and never moves a dot. These parts of a design change the dots themselves.
 */
export const GENERATION_DENSITY = LIMITS.density.max;
/** A function of a design, computed once per design object (designs are immutable; a pan or zoom keeps the design). */
function perDesign<T>(f: (d: Design) => T): (d: Design) => T {
  const cache = new WeakMap<Design, T>();
  return (d) => {
    if (!cache.has(d)) cache.set(d, f(d));
    return cache.get(d)!;
  };
}
/** What the dots themselves depend on (a risk like the helmet look can change it: see effectiveDesign). */
export const patternKey = perDesign((design: Design): string => {
  const d = effectiveDesign(design);
  return JSON.stringify([shapeKey(d), d.dots.diameterMm, d.dots.spreadMm]);
});
/** What the shader shows of them: density share, session, age, pigment, risks, zones. */
const lookKey = perDesign((d: Design): string => JSON.stringify({ ...lookFor(d), ageLut: [d.treatment, d.dots.diameterMm], zones: d.zones }));
/** Everything the picture shows: when what is on screen was drawn for this, the pipeline is settled. */
const pictureKey = (d: Design): string => `${patternKey(d)}|${lookKey(d)}`;
/** The engine request for a design and its shape (from the field worker). */
export function requestFor(design: Design, shape: DensityRaster): PatternRequest {
  const d = effectiveDesign(design);
  return {
    width: d.photo.width,
    height: d.photo.height,
    pxPerMm: d.scale.pxPerMm,
    density: buildDensityField({ ...d, dots: { ...d.dots, density: GENERATION_DENSITY } }, shape),
    generationDensity: GENERATION_DENSITY,
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
export function startPipeline(
  store: AppStore,
  pool: PatternPool,
  scene: Scene,
  onStatus: (s: PipelineStatus) => void,
  shapes: { shape(d: Design): Promise<Shape> } = { shape: async (d) => buildShapeField(d) },
): () => void {
  const status: PipelineStatus = { generation: 0, dots: 0, shown: '', wanted: '' };
  let scheduled = false;
  let shapeCache: { key: string; shape: Promise<Shape> } | undefined;
  let shaping = false;
  let reshape = false;
  let requested = '';
  let seq = 0;
  let shownSeq = 0;
  /**
   * A pattern nobody reads any more, whose buffers the next job fills again (touching fresh memory costs the pool a
   * third of its speed-up on 2 cores: bench:pattern). A pattern is read only while it is the scene's: the scene
   * and compare panes pack it into their own buffers at once, and export copies it to its worker at once.
   */
  let spare: PatternResult | undefined;
  let drawn = { pattern: '', look: '' };

  /** Zones' density, size, shade and fade (src/design/zones.ts) to the dot layer, when they changed. */
  let zone: ZoneDensity | null = null;
  /** The shape the dots on screen were made from: its hairline band is where the finer needle goes. */
  let shownShape: Shape | null = null;
  const showZones = (design: Design): void => {
    const d = effectiveDesign(design);
    const grid = fieldGrid(d);
    const values = buildZoneField(d, grid, shownShape); // the same array while nothing it depends on changed
    if (values === zone?.values) return;
    zone = { ...grid, values, width: d.photo.width, height: d.photo.height };
    scene.dots.setZoneField({ ...grid, values });
  };

  /** The status bar's dot count, counted again only when the dots, the sessions shown or the zones changed. */
  let counted: { dots: unknown; sessions: string; zone: unknown; n: number } | undefined;
  const visibleDots = (look: Pick<DotLook, 'share' | 'sessionCum' | 'sessionAge'>): number => {
    const dots = scene.shownDots;
    if (!dots) return 0;
    const sessions = `${look.share}|${look.sessionCum.join()}|${look.sessionAge.map((a) => a >= 0).join()}`;
    if (counted?.dots !== dots || counted.sessions !== sessions || counted.zone !== zone) counted = { dots, sessions, zone, n: countVisible(dots, look, zone) };
    return counted.n;
  };

  /** Draws the dots on screen with the design's look, then reports the picture as settled for this design. */
  const show = (): void => {
    const d = store.get().design;
    const look = lookFor(d);
    const lk = lookKey(d);
    const pattern = drawn.pattern;
    scene.setLook(look);
    showZones(d);
    const visible = visibleDots(look);
    const key = `${pattern}|${lk}`;
    void scene.requestRender().then(() => {
      drawn = { pattern, look: lk };
      status.generation++;
      status.dots = visible;
      status.shown = key;
      onStatus({ ...status });
    });
  };

  const regenerate = (): void => {
    scheduled = false;
    const current = store.get().design;
    const key = patternKey(current);
    status.wanted = pictureKey(current);
    // The dots are made for the design as the previewed risks change it (the helmet look reshapes the band).
    const design = effectiveDesign(current);
    onStatus({ ...status });
    if (key === requested) return;
    // One shape at a time: while the field worker is busy, the latest design waits and is taken when it is done.
    const sk = shapeKey(design);
    if (shapeCache?.key !== sk) {
      if (shaping) {
        reshape = true;
        return;
      }
      shaping = true;
      shapeCache = {
        key: sk,
        shape: shapes.shape(design).finally(() => {
          shaping = false;
          if (reshape) {
            reshape = false;
            regenerate();
          }
        }),
      };
    }
    requested = key;
    const mine = ++seq;
    shapeCache.shape
      .then(async (shape) => {
        const into = spare;
        spare = undefined;
        return { dots: await pool.generate(requestFor(design, shape), { key: 'dots', into }), shape };
      })
      .then(
        ({ dots, shape }) => {
          // A result older than the one on screen never replaces it; a newer one always does.
          if (mine <= shownSeq) {
            spare = dots;
            return;
          }
          shownSeq = mine;
          spare = scene.shownDots ?? undefined;
          shownShape = shape;
          scene.setDots(dots);
          drawn = { pattern: key, look: '' };
          show();
        },
        (e: unknown) => {
          if (isPatternError(e) && e.code === 'cancelled') return;
          const text = e instanceof Error ? e.message : String(e);
          store.update((s) => ({ ...s, notice: { kind: 'error', text } }));
          requested = '';
          status.wanted = status.shown;
          onStatus({ ...status });
        },
      );
  };

  let last: { split: number; view: unknown } | undefined;
  const apply = (): void => {
    const s = store.get();
    // Only what changed is handed to the scene: each hand-over asks for a frame.
    const split = s.showBefore ? 1 : s.split;
    if (last?.split !== split) scene.setSplit(split);
    if (last?.view !== s.view) scene.setView(s.view);
    last = { split, view: s.view };
    if (!scheduled && patternKey(s.design) !== requested) {
      // Not settled from this moment: whoever waits for the picture waits for these dots.
      status.wanted = pictureKey(s.design);
      onStatus({ ...status });
      scheduled = true;
      // Coalesce a burst of input events (a slider drag) into one job per frame.
      requestAnimationFrame(regenerate);
    } else if (drawn.pattern === requested && drawn.look !== lookKey(s.design)) {
      status.wanted = pictureKey(s.design);
      show();
    }
  };

  apply();
  return store.subscribe(apply);
}
