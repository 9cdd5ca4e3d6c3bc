// What bench/render-page.ts hands back to bench/render.bench.ts (plain JSON through page.evaluate).

export interface FrameRow {
  key: 'ours' | 'oursPoints' | 'baseline' | 'oursPhoto' | 'baselinePhoto' | 'oursNoMask' | 'oursCulled';
  method: string;
  dots: number;
  /** GPU-inclusive ms of each timed frame (render, then a 1-px readPixels that waits for the frame to finish). */
  ms: number[];
  note: string;
}

export interface FrameReport {
  gpu: string;
  /** The path DotLayer chose for the timed frames (dot-layer.ts beginFrame): 'splat' or 'gpu'. */
  path: string;
  maxTextureSize: number;
  photo: { width: number; height: number };
  display: { width: number; height: number; scale: number };
  view: { scale: number; x: number; y: number };
  viewport: { width: number; height: number };
  dots: number;
  meanDiameterPx: number;
  pxPerMm: number;
  density: number;
  /** Timed frames of each of ours and the baseline (after the first frame, which is the warm-up). */
  frameCount: number;
  rows: FrameRow[];
  setupMs: { photo: number; pattern: number; oursSetDots: number; baselineParticles: number };
  /** The first frame after the dots were handed over: upload + draw. */
  firstFrameMs: { ours: number; baseline: number };
  /** 1 − mean luminance with dots ÷ without, over the photo on screen: both should darken about as much. */
  darkening: { ours: number; baseline: number };
  bytesPerDot: number;
  /** Read from the baseline's own ParticleBuffer after a frame; null if its internals were not found. */
  baselineBuffer: { vertexBytesPerParticle: number; indexBytesPerParticle: number; staticFloatsPerVertex: number; dynamicFloatsPerVertex: number } | null;
}

export interface LatencyMove {
  density: number;
  dots: number;
  /** Frames the scene drew between the input and the one reported with the new dots (that one included). */
  renders: number;
  /** Whether the move asked the pool for new dots (a density move does not: density is a shader uniform). */
  pooled: boolean;
  /** input → the pipeline asks the pool (the frame it waits for, plus the density field on the main thread); 0 when not pooled. */
  toRequestMs: number;
  /** the pool's job: workers, transfer, join; 0 when not pooled. */
  generateMs: number;
  /** input → onStatus reports the frame with these dots drawn. */
  toStatusMs: number;
  /** input → that frame's pixels are finished (a 1-px readPixels in onStatus). */
  toPixelsMs: number;
}

export interface LatencyReport {
  /** The path DotLayer drew the moves with (dot-layer.ts beginFrame). */
  path: string;
  workers: number;
  photo: { width: number; height: number };
  pxPerMm: number;
  densities: number[];
  initialDots: number;
  /** The first pattern, from store creation to drawn. */
  initialMs: number;
  warmup: number;
  moves: LatencyMove[];
}

export interface FrameOptions {
  /** Timed frames of ours and of the baseline: as many rounds as fit budgetMs (estimated from the first frames). */
  minFrames: number;
  maxFrames: number;
  budgetMs: number;
  photoWarmup: number;
  photoFrames: number;
  /** Frames of each diagnostic row (0: none). */
  diagnoseFrames: number;
}

export interface LatencyOptions {
  /** Timed moves: as many as fit budgetMs (estimated from the warm-up moves), within [minMoves, maxMoves]. */
  minMoves: number;
  maxMoves: number;
  budgetMs: number;
  /** Warm-up moves, skipped when the first pattern took longer than slowMs. */
  warmup: number;
  slowMs: number;
  pauseMs: number;
}

export interface RenderBenchApi {
  frames(o: FrameOptions): Promise<FrameReport>;
  latency(o: LatencyOptions): Promise<LatencyReport>;
}
