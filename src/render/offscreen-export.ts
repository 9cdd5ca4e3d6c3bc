// Runs inside the export worker: pixi.js on an OffscreenCanvas (no DOM), the app's own DotLayer, so the exported
// dots are drawn by the same buffer layout and shaders as the view. Like the view (view-app.ts), it loads pixi's
// eval-free uploads before its renderer is made (see README, Privacy).
import 'pixi.js/unsafe-eval';
import { autoDetectRenderer, Container, DOMAdapter, RenderTexture, WebWorkerAdapter, type GlRenderTarget, type GlRenderTargetAdaptor, type Renderer, type WebGLRenderer } from 'pixi.js';
import type { Composition, Rect, Size } from '../compose/layout.ts';
import type { PatternResult } from '../pattern/types.ts';
import { coversCanvas, drawOverlays, drawPanes } from './compose-draw.ts';
import { DEFAULT_LOOK, DotLayer, type DotLook, type HairMask, type ZoneField } from './dot-layer.ts';
import { dotsByTile, drawBounds, multiplyInto, tilesOf } from './export-tiles.ts';

/** Largest tile drawn at once (also bounded by the GPU's texture limit): one tile is one short GPU job. */
const TILE = 2048;
/** How long the last picture's canvas is kept for another export of its size. */
const KEEP_CANVAS_MS = 30_000;

export interface ExportJob {
  comp: Composition;
  /** The photo, upright, at full resolution. */
  photo: ImageBitmap;
  logo: ImageBitmap | null;
  /** The view's look (lookFor(design)); what it leaves out is the layer's default. */
  look: Partial<DotLook>;
  /** The view's zone field and hair mask (DotLayer.zoneField, .hairMask). */
  zoneField: ZoneField | null;
  hairMask: HairMask | null;
  /** Which dots (sent before with setDots) this job draws. */
  dotsKey: string;
  format: 'image/png' | 'image/jpeg';
  /** JPEG quality, 0–1. */
  quality: number;
  /** Letterbox colour. */
  background: string;
}

export interface ExportProgress {
  stage: 'render' | 'encode';
  done: number;
  total: number;
}

export interface ExportResult {
  blob: Blob;
  width: number;
  height: number;
  /** Time in the worker: drawing (tiles and 2D), and encoding. */
  renderMs: number;
  encodeMs: number;
  /** Where the drawing time went, ms: dots sorted into tiles, the photo panes in 2D, GPU tiles (draw + readback), putting them in, overlays. */
  phases: { sort: number; panes: number; gpu: number; compose: number; overlays: number };
}

export class ExportCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'ExportCancelled';
  }
}

const nextTask = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

/** One renderer and one dot layer for the worker's life; each job draws its tiles through them. */
export class OffscreenExporter {
  private readonly renderer: Renderer;
  private readonly dots: DotLayer;
  private readonly tile: number;
  private readonly world = new Container();
  private readonly dotsHolder = new Container();
  private dotsKey = '';
  private pattern: PatternResult | null = null;
  private photoSize: Size = { width: 1, height: 1 };
  private readonly cancelled = new Set<number>();

  private constructor(renderer: Renderer) {
    this.renderer = renderer;
    const gl = (renderer as WebGLRenderer).gl;
    this.tile = Math.min(TILE, gl.getParameter(gl.MAX_TEXTURE_SIZE) as number);
    const pointRange = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array;
    this.dots = new DotLayer(pointRange[1] ?? 1);
    this.dotsHolder.addChild(this.dots.view);
    this.world.addChild(this.dotsHolder);
  }

  static async create(): Promise<OffscreenExporter> {
    DOMAdapter.set(WebWorkerAdapter);
    const renderer = await autoDetectRenderer({
      preference: 'webgl',
      width: 1,
      height: 1,
      antialias: false,
      backgroundAlpha: 0,
      autoDensity: false,
      resolution: 1,
    });
    return new OffscreenExporter(renderer);
  }

  /** Keeps the pattern (photo px; `photo` is the photo's full size, the dots' bounds); each tile hands its own dots to the layer. */
  setDots(key: string, d: PatternResult, photo: Size): void {
    this.pattern = d;
    this.photoSize = photo;
    this.dotsKey = key;
  }

  cancel(id: number): void {
    this.cancelled.add(id);
  }

  /** The top-left w × h of a render texture into `out`, rows top down (as pixi's own getPixels, into a reused buffer). */
  private readTile(texture: RenderTexture, w: number, h: number, out: Uint8ClampedArray): void {
    const r = this.renderer as WebGLRenderer;
    const target = r.renderTarget.getGpuRenderTarget(r.renderTarget.getRenderTarget(texture)) as GlRenderTarget;
    (r.renderTarget.adaptor as GlRenderTargetAdaptor).bindFramebuffer(target.resolveTargetFramebuffer);
    r.gl.readPixels(0, 0, w, h, r.gl.RGBA, r.gl.UNSIGNED_BYTE, out);
  }

  private kept: { out: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D } | null = null;
  private letGo: ReturnType<typeof setTimeout> | undefined;

  /**
   * The picture's canvas. A full-size one takes a few hundred MB and ~100 ms to set up, so the last one is kept a
   * while for the next export of the same size (another format, other labels), then let go.
   */
  private canvasFor(comp: Composition): { out: OffscreenCanvas; ctx: OffscreenCanvasRenderingContext2D } {
    clearTimeout(this.letGo);
    let k = this.kept;
    if (!k || k.out.width !== comp.width || k.out.height !== comp.height) {
      this.kept = null;
      const out = new OffscreenCanvas(comp.width, comp.height);
      const ctx = out.getContext('2d', { alpha: false });
      if (!ctx) throw new Error('The browser could not make a canvas this large.');
      k = { out, ctx };
    }
    k.ctx.globalCompositeOperation = 'source-over';
    this.kept = k;
    this.letGo = setTimeout(() => (this.kept = null), KEEP_CANVAS_MS);
    return k;
  }

  async render(id: number, job: ExportJob, onProgress: (p: ExportProgress) => void): Promise<ExportResult> {
    const t0 = performance.now();
    try {
      if (job.dotsKey !== this.dotsKey || !this.pattern) throw new Error('The export worker has not got these dots.');
      const { comp } = job;
      const { out, ctx } = this.canvasFor(comp);
      // Letterbox bands only where the panes leave the canvas bare (a fill of the whole picture costs ~100 ms).
      if (!coversCanvas(comp)) {
        ctx.fillStyle = job.background;
        ctx.fillRect(0, 0, comp.width, comp.height);
      }
      const after = comp.panes.find((p) => p.kind === 'after')!;
      const s = comp.scale;
      const tiles = tilesOf(after.clip, this.tile);
      let m = performance.now();
      // Each job sets the whole look, so nothing is left over from the one before.
      const look: DotLook = { ...DEFAULT_LOOK, ...job.look };
      this.dots.setLook(look);
      this.dots.setZoneField(job.zoneField);
      this.dots.setHairMask(job.hairMask);
      const perTile = dotsByTile(tiles, this.tile, this.pattern, after, s, drawBounds(look, job.zoneField));
      const sortMs = performance.now() - m;
      // Pigment multiplies the photo (the view's blend, dot-layer.ts): the dots drawn over white, read back, multiply
      // the photo drawn in 2D, the same sum the GPU does over the photo. Tiles with no dot are the photo as it is.
      const phases = { sort: sortMs, panes: 0, gpu: 0, compose: 0, overlays: 0 };
      onProgress({ stage: 'render', done: 0, total: tiles.length });
      // The photo panes are drawn once the first tile is on its way to the GPU, so both work at once.
      let panesDrawn = false;
      const panes = (): void => {
        if (panesDrawn) return;
        panesDrawn = true;
        m = performance.now();
        drawPanes(ctx, job.photo, comp);
        phases.panes = performance.now() - m;
      };

      const side = Math.min(this.tile, Math.max(...tiles.map((q) => q.width))), high = Math.min(this.tile, Math.max(...tiles.map((q) => q.height)));
      const target = RenderTexture.create({ width: side, height: high });
      this.dots.setDevicePxPerUnit(s);
      let done = 0;
      // The tile read last, put on the picture while the GPU draws the next one.
      let pending: { q: Rect; pixels: Uint8ClampedArray<ArrayBuffer>; width: number; height: number } | null = null;
      // Two read-back buffers, reused: one being put on the picture while the next tile is read into the other.
      const buffers = [0, 1].map(() => new Uint8ClampedArray(side * high * 4));
      const put = (): void => {
        if (!pending) return;
        const { q, pixels, width } = pending;
        m = performance.now();
        // Over white the tile is the multiplier of the photo there: the GPU's multiply blend, done here.
        const under = ctx.getImageData(q.x, q.y, q.width, q.height);
        multiplyInto(under.data, pixels, width, q.width, q.height);
        ctx.putImageData(under, q.x, q.y);
        pending = null;
        phases.compose += performance.now() - m;
        onProgress({ stage: 'render', done: ++done, total: tiles.length });
      };
      try {
        for (const [i, q] of tiles.entries()) {
          if (this.cancelled.has(id)) throw new ExportCancelled();
          const dots = perTile[i]!;
          if (dots.count === 0) {
            onProgress({ stage: 'render', done: ++done, total: tiles.length });
            continue;
          }
          m = performance.now();
          this.dots.setDots(dots, this.photoSize);
          // The dots in tile px: photo px × scale, moved so the tile's corner is the origin.
          this.dotsHolder.position.set(after.dest.x - after.src.x * s - q.x, after.dest.y - after.src.y * s - q.y);
          this.dotsHolder.scale.set(s);
          this.renderer.render({ container: this.world, target, clear: true, clearColor: [1, 1, 1, 1] });
          (this.renderer as WebGLRenderer).gl.flush();
          panes();
          phases.gpu += performance.now() - m;
          put();
          m = performance.now();
          const pixels = buffers[i % 2]!.subarray(0, q.width * q.height * 4);
          this.readTile(target, q.width, q.height, pixels);
          pending = { q, pixels, width: q.width, height: q.height };
          phases.gpu += performance.now() - m;
          // Lets a cancel() sent meanwhile arrive before the next tile.
          await nextTask();
        }
        put();
        panes();
      } finally {
        target.destroy(true);
      }
      const total = tiles.length;
      const logo = job.logo;
      m = performance.now();
      drawOverlays(ctx, comp, logo);
      phases.overlays = performance.now() - m;
      const renderMs = performance.now() - t0;
      if (this.cancelled.has(id)) throw new ExportCancelled();
      onProgress({ stage: 'encode', done, total });
      const t1 = performance.now();
      // Canvas encoding writes the pixels and nothing else: no EXIF, GPS or camera data from the original file.
      const blob = await out.convertToBlob(job.format === 'image/jpeg' ? { type: job.format, quality: job.quality } : { type: job.format });
      if (this.cancelled.has(id)) throw new ExportCancelled();
      return { blob, width: comp.width, height: comp.height, renderMs, encodeMs: performance.now() - t1, phases };
    } finally {
      this.cancelled.delete(id);
      job.photo.close();
      job.logo?.close();
    }
  }
}

/** The worker's API (comlink): one exporter, made on first use. */
export function createExportWorkerApi() {
  let exporter: Promise<OffscreenExporter> | undefined;
  const get = (): Promise<OffscreenExporter> => (exporter ??= OffscreenExporter.create());
  return {
    async setDots(key: string, d: PatternResult, photo: Size): Promise<void> {
      (await get()).setDots(key, d, photo);
    },
    async render(id: number, job: ExportJob, onProgress: (p: ExportProgress) => void): Promise<ExportResult> {
      return (await get()).render(id, job, onProgress);
    },
    cancel(id: number): void {
      void get().then((e) => e.cancel(id));
    },
  };
}
export type ExportWorkerApi = ReturnType<typeof createExportWorkerApi>;
