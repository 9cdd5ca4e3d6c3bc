import { createViewApp } from './view-app.ts';
import { type Application, Container, Graphics, Sprite, Texture, type WebGLRenderer } from 'pixi.js';
import type { PatternResult } from '../pattern/types.ts';
import { DotLayer, type DotLook } from './dot-layer.ts';
import { whenGpuDone } from './scene.ts';
import type { View } from './view.ts';
import { frameScheduler } from './frame-scheduler.ts';

/** A pane's picture on the compare canvas, CSS px from its top left. */
export interface PaneRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface PaneView {
  /** At the pane's top left, masked to its rectangle. */
  frame: Container;
  /** Photo px: the shared view's transform. */
  world: Container;
  dots: DotLayer;
  mask: Graphics;
  rect: PaneRect;
}

/**
 * The compare view's picture: one WebGL context, one photo texture, and per pane a world (the photo sprite and a dot
 * layer of its own, for its own uniforms) masked to the pane's rectangle. Every pane is drawn through one view, so
 * pan and zoom stay in step. A projection of state like Scene: callers set photo, dots, looks, view and rectangles.
 */
export class CompareScene {
  readonly app: Application;
  private readonly maxPointSize: number;
  private readonly panes: PaneView[] = [];
  private texture: Texture = Texture.EMPTY;
  private photoScale = 1;
  private photoSize = { width: 1, height: 1 };
  private view: View = { scale: 1, x: 0, y: 0 };
  private readonly frames = frameScheduler(() => this.renderNow());

  private constructor(app: Application) {
    this.app = app;
    const gl = (app.renderer as WebGLRenderer).gl;
    this.maxPointSize = (gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array)[1] ?? 1;
    app.renderer.on('resize', () => void this.requestRender());
    app.canvas.addEventListener('webglcontextrestored', () => void this.requestRender());
  }

  static async create(host: HTMLElement): Promise<CompareScene> {
    const app = await createViewApp(host);
    app.canvas.setAttribute('aria-hidden', 'true');
    return new CompareScene(app);
  }

  /** The photo's display copy (its own texture: the main scene's may be destroyed while this one shows it). */
  setPhoto(bitmap: ImageBitmap | HTMLCanvasElement, size: { width: number; height: number }, displayScale: number): void {
    const old = this.texture;
    this.texture = Texture.from(bitmap, true);
    this.photoScale = 1 / displayScale;
    this.photoSize = size;
    for (const p of this.panes) {
      this.photoOf(p).texture = this.texture;
      this.photoOf(p).scale.set(this.photoScale);
    }
    if (old !== Texture.EMPTY) old.destroy(true);
    void this.requestRender();
  }

  /** One pane per rectangle: panes are added or removed at the end to match. */
  setPanes(rects: PaneRect[]): void {
    while (this.panes.length > rects.length) {
      const p = this.panes.pop()!;
      p.dots.destroy();
      p.frame.destroy({ children: true });
      p.mask.destroy();
    }
    while (this.panes.length < rects.length) {
      const photo = new Sprite(this.texture);
      photo.scale.set(this.photoScale);
      const dots = new DotLayer(this.maxPointSize);
      const world = new Container();
      world.addChild(photo, dots.view);
      const frame = new Container();
      frame.addChild(world);
      const mask = new Graphics();
      frame.mask = mask;
      this.app.stage.addChild(frame, mask);
      this.panes.push({ frame, world, dots, mask, rect: { x: 0, y: 0, width: 0, height: 0 } });
    }
    rects.forEach((r, i) => (this.panes[i]!.rect = r));
    void this.requestRender();
  }

  get paneCount(): number {
    return this.panes.length;
  }

  setDots(pane: number, d: PatternResult): void {
    this.panes[pane]?.dots.setDots(d, this.photoSize);
    void this.requestRender();
  }

  setLook(pane: number, look: Partial<DotLook>): void {
    this.panes[pane]?.dots.setLook(look);
    void this.requestRender();
  }

  /** The dot layer of a pane, for what only the layer takes (zone field, hair mask). */
  dotLayer(pane: number): DotLayer | undefined {
    return this.panes[pane]?.dots;
  }

  setView(v: View): void {
    this.view = v;
    void this.requestRender();
  }

  /** Draws in the next animation frame (at most once a frame); resolves once drawn. */
  requestRender(): Promise<void> {
    return this.frames.request();
  }

  renderNow(): void {
    const { scale, x, y } = this.view;
    for (const p of this.panes) {
      p.frame.position.set(p.rect.x, p.rect.y);
      p.world.position.set(x, y);
      p.world.scale.set(scale);
      p.dots.setDevicePxPerUnit(scale * this.app.renderer.resolution);
      p.dots.view.visible = p.dots.dotCount > 0;
      p.mask.clear().rect(p.rect.x, p.rect.y, Math.max(0, p.rect.width), Math.max(0, p.rect.height)).fill(0xffffff);
    }
    const t0 = performance.now();
    const resolution = this.app.renderer.resolution;
    // Each pane's dots pick their path (dot-layer.ts beginFrame); a timed frame's cost is shared by the panes timing.
    for (const p of this.panes) {
      if (p.dots.view.visible) p.dots.beginFrame({ x, y, scale, resolution, width: p.rect.width * resolution, height: p.rect.height * resolution });
    }
    this.app.render();
    const timed = this.panes.filter((p) => p.dots.timing).map((p) => p.dots.takeTiming());
    if (timed.length > 0) whenGpuDone((this.app.renderer as WebGLRenderer).gl, t0, (ms) => timed.forEach((done) => done(ms === null ? null : ms / timed.length)));
  }

  private photoOf(p: PaneView): Sprite {
    return p.world.children[0] as Sprite;
  }

  destroy(): void {
    this.frames.cancel();
    for (const p of this.panes) p.dots.destroy();
    this.panes.length = 0;
    // Texture.from(…, true) made a source of our own over the shared bitmap: freeing it never closes the bitmap.
    if (this.texture !== Texture.EMPTY) this.texture.destroy(true);
    this.app.destroy(true, { children: true });
  }
}
