import { createViewApp } from './view-app.ts';
import { type Application, Container, Graphics, Sprite, Texture, type WebGLRenderer } from 'pixi.js';
import type { PatternResult } from '../pattern/types.ts';
import { DotLayer, type DotLook } from './dot-layer.ts';
import type { View } from './view.ts';
import { frameScheduler } from './frame-scheduler.ts';

/**
 * Calls `done` with the ms from `t0` until the GPU has finished everything asked of it so far, seen by polling a
 * fence (no readback: the page is never blocked); null if it cannot tell within 10 s or without WebGL 2.
 */
export function whenGpuDone(gl: WebGL2RenderingContext | WebGLRenderingContext, t0: number, done: (ms: number | null) => void): void {
  if (!('fenceSync' in gl)) return done(null);
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!sync) return done(null);
  gl.flush();
  const poll = (): void => {
    const signalled = !gl.isContextLost() && gl.getSyncParameter(sync, gl.SYNC_STATUS) === gl.SIGNALED;
    const ms = performance.now() - t0;
    if (!signalled && ms < 10_000 && !gl.isContextLost()) return void setTimeout(poll, 1);
    if (!gl.isContextLost()) gl.deleteSync(sync);
    done(signalled ? ms : null);
  };
  setTimeout(poll, 1);
}

/**
 * The WebGL picture: the photo and the dot layer in photo coordinates inside `world`, drawn on demand. A projection
 * of state: callers set the photo, dots, look, view and split; the scene draws, and owns nothing else.
 */
export class Scene {
  readonly app: Application;
  readonly dots: DotLayer;
  readonly maxTextureSize: number;
  private readonly world = new Container();
  private readonly photo = new Sprite();
  private readonly splitMask = new Graphics();
  private view: View = { scale: 1, x: 0, y: 0 };
  /** Share of the width, from the left, that shows the photo without dots (0 = all after, 1 = all before). */
  private split = 0;
  private readonly frames = frameScheduler(() => this.renderNow());
  private photoSize = { width: 1, height: 1 };
  private photoSource: { source: ImageBitmap | HTMLCanvasElement; displayScale: number } | null = null;

  private constructor(app: Application) {
    this.app = app;
    const gl = (app.renderer as WebGLRenderer).gl;
    this.maxTextureSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    const pointRange = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array;
    this.dots = new DotLayer(pointRange[1] ?? 1);
    this.world.addChild(this.photo, this.dots.view);
    app.stage.addChild(this.world, this.splitMask);
    // The split hides the dots left of it: a stencil mask on the GPU meshes; the splat clips itself (dot-layer.ts).
    this.dots.meshes.mask = this.splitMask;
    app.renderer.on('resize', () => this.requestRender());
    // pixi keeps the CPU copies of textures and buffers and rebuilds the GPU ones when the context comes back.
    app.canvas.addEventListener('webglcontextlost', () => this.contextListener?.('lost'));
    app.canvas.addEventListener('webglcontextrestored', () => {
      this.contextListener?.('restored');
      void this.requestRender();
    });
  }

  private contextListener: ((e: 'lost' | 'restored') => void) | undefined;

  /** Called when the GPU context is lost and when it is back (the picture is redrawn by itself). */
  onContext(l: (e: 'lost' | 'restored') => void): void {
    this.contextListener = l;
  }

  static async create(host: HTMLElement): Promise<Scene> {
    const app = await createViewApp(host);
    app.canvas.setAttribute('aria-label', 'Simulation view');
    app.canvas.setAttribute('role', 'img');
    return new Scene(app);
  }

  get viewSize(): { width: number; height: number } {
    return { width: this.app.screen.width, height: this.app.screen.height };
  }

  /** The display copy of the photo; `displayScale` is its px per photo px, so the world stays in photo px. */
  setPhoto(bitmap: ImageBitmap | HTMLCanvasElement, size: { width: number; height: number }, displayScale: number): void {
    const old = this.photo.texture;
    this.photo.texture = Texture.from(bitmap);
    this.photo.scale.set(1 / displayScale);
    this.photoSize = size;
    this.photoSource = { source: bitmap, displayScale };
    if (old !== Texture.EMPTY) old.destroy(true);
    this.requestRender();
  }

  /**
   * The photo's own display pixels (never the dots) in the box around a disc given in photo px, for colour picking:
   * the pixels, and the disc's centre and radius in them. Null when the centre is off the photo.
   */
  readPhoto(x: number, y: number, radius: number): { pixels: ImageData; cx: number; cy: number; r: number } | null {
    if (!this.photoSource) return null;
    const { source, displayScale: k } = this.photoSource;
    const cx = x * k, cy = y * k, r = Math.max(0.5, radius * k);
    if (!(cx >= 0 && cy >= 0 && cx < source.width && cy < source.height)) return null;
    const x0 = Math.max(0, Math.floor(cx - r)), y0 = Math.max(0, Math.floor(cy - r));
    const w = Math.min(source.width, Math.ceil(cx + r)) - x0, h = Math.min(source.height, Math.ceil(cy + r)) - y0;
    const g = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true });
    if (!g) return null;
    g.drawImage(source, x0, y0, w, h, 0, 0, w, h);
    return { pixels: g.getImageData(0, 0, w, h), cx: cx - x0, cy: cy - y0, r };
  }

  setDots(d: PatternResult): void {
    this.dots.setDots(d, this.photoSize);
    this.shown = d;
    this.requestRender();
  }

  private shown: PatternResult | null = null;

  /** The pattern on screen (photo px), for the export worker's own dot layer. */
  get shownDots(): PatternResult | null {
    return this.shown;
  }

  setLook(look: Partial<DotLook>): void {
    this.dots.setLook(look);
    this.requestRender();
  }

  setView(v: View): void {
    this.view = v;
    this.requestRender();
  }

  setSplit(split: number): void {
    this.split = Math.min(1, Math.max(0, split));
    this.requestRender();
  }

  /** Draws in the next animation frame (at most once a frame); resolves once drawn. */
  requestRender(): Promise<void> {
    return this.frames.request();
  }


  renderNow(): void {
    const { scale, x, y } = this.view;
    this.world.position.set(x, y);
    this.world.scale.set(scale);
    this.dots.setDevicePxPerUnit(scale * this.app.renderer.resolution);
    const { width, height } = this.viewSize;
    const left = width * this.split;
    this.splitMask.clear().rect(left, 0, Math.max(0, width - left), height).fill(0xffffff);
    this.dots.view.visible = this.dots.dotCount > 0 && left < width;
    const t0 = performance.now();
    const resolution = this.app.renderer.resolution;
    if (this.dots.view.visible) this.dots.beginFrame({ x, y, scale, resolution, width: width * resolution, height: height * resolution, clipLeft: left * resolution });
    this.app.render();
    if (this.dots.timing) whenGpuDone((this.app.renderer as WebGLRenderer).gl, t0, this.dots.takeTiming());
  }

  destroy(): void {
    this.frames.cancel();
    this.dots.destroy();
    this.app.destroy(true, { children: true, texture: true });
  }
}
