// The page of npm run bench:render (bench/render.html). It exposes two runs on globalThis.renderBench, which
// bench/render.bench.ts calls in fresh pages:
//
//   frames()  – the photo plus 1M dots drawn by the app's Scene (DotLayer) and by a pixi.js ParticleContainer, in
//               two canvases side by side, frames interleaved so both see the same machine noise.
//   latency() – the real pipeline (store → density field → pool → scene) with ~200k dots: a density change as the
//               slider's input handler makes it, until onStatus reports the frame with the new dots drawn.
// The CSP allows no 'unsafe-eval': pixi.js must use its polyfills, for the baseline's ParticleContainer as for Scene.
import 'pixi.js/unsafe-eval';
import { Application, Container, Particle, ParticleContainer, Sprite, Texture, type WebGLRenderer } from 'pixi.js';
import { startPipeline, type PipelineStatus } from '../src/app/pipeline.ts';
import { buildShapeField, fieldGrid } from '../src/design/density-field.ts';
import { buildZoneField } from '../src/design/zones.ts';
import { lookFor } from '../src/realism/look.ts';
import { createAppStore, designFor, initialState, setDesign } from '../src/app/state.ts';
import { generatePattern, type PatternResult } from '../src/pattern/index.ts';
import { createBrowserPatternPool } from '../src/pool/browser-pool.ts';
import { BYTES_PER_DOT } from '../src/render/dot-layer.ts';
import { Scene } from '../src/render/scene.ts';
import { fitView, type View } from '../src/render/view.ts';
import { displayCopy, makeSkinPhoto } from './render-photo.ts';
import type { FrameOptions, FrameReport, FrameRow, LatencyMove, LatencyReport, LatencyOptions, RenderBenchApi } from './render-types.ts';

type GL = WebGL2RenderingContext;

const PHOTO = { width: 4000, height: 3000 };
const PX_PER_MM = 10;
/** Uniform density for the frame test: 4000 × 3000 px at 10 px/mm is 1200 cm², so about 1M dots. */
const FRAME_DENSITY = 834;
const DOT = { mean: 0.12, spread: 0.02 };
const PIGMENT = '#2b2622';
const OPACITY = 0.85;
/** Frames of the GL points path timed on their own (forced), next to the path DotLayer chose. */
const POINTS_FRAMES = 3;
/** The baseline's circle texture, px (a particle is scaled by diameter / this). */
const CIRCLE_PX = 64;

/** The two canvases side by side, 1024 × 768 each (styles set here: the page's policy allows no inline style). */
function layout(): void {
  Object.assign(document.body.style, { margin: '0', display: 'flex', background: '#111' });
  for (const id of ['ours', 'baseline']) {
    Object.assign(host(id).style, { position: 'relative', flex: 'none', width: '1024px', height: '768px', overflow: 'hidden' });
  }
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const host = (id: string): HTMLElement => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} is missing`);
  return e;
};
const glOf = (app: Application): GL => (app.renderer as WebGLRenderer).gl as GL;
const onePixel = new Uint8Array(4);
/** Waits for everything the context was asked to draw: a readback cannot return before the frame is done. */
const finish = (gl: GL): void => gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, onePixel);

function gpuName(gl: GL): string {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/** Mean luminance (0–1) of a screen rectangle in CSS px, top-left origin. */
function meanLuminance(gl: GL, r: { x: number; y: number; width: number; height: number }): number {
  const h = gl.drawingBufferHeight;
  const x = Math.max(0, Math.round(r.x));
  const w = Math.min(gl.drawingBufferWidth - x, Math.round(r.width));
  const top = Math.max(0, Math.round(r.y));
  const rh = Math.min(h - top, Math.round(r.height));
  const px = new Uint8Array(w * rh * 4);
  gl.readPixels(x, h - top - rh, w, rh, gl.RGBA, gl.UNSIGNED_BYTE, px);
  let sum = 0;
  for (let i = 0; i < px.length; i += 4) sum += 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!;
  return sum / (255 * (px.length / 4));
}

interface Contestant {
  render(): void;
  gl: GL;
}

/** Renders each contestant `n` times, interleaved (order flipped every round), each frame waited for. */
async function timeFrames(list: Contestant[], n: number): Promise<number[][]> {
  const out = list.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    const order = list.map((_, k) => (i % 2 === 0 ? k : list.length - 1 - k));
    for (const k of order) {
      const c = list[k]!;
      const t0 = performance.now();
      c.render();
      finish(c.gl);
      out[k]!.push(performance.now() - t0);
      await pause(0); // let the page breathe between frames, outside the timed span
    }
  }
  return out;
}

/** A white disc with a one-texel soft edge, premultiplied by the canvas: the baseline's particle image. */
function circleTexture(): Texture {
  const c = document.createElement('canvas');
  c.width = c.height = CIRCLE_PX;
  const g = c.getContext('2d');
  if (!g) throw new Error('No 2D context for the circle');
  g.fillStyle = '#fff';
  g.beginPath();
  g.arc(CIRCLE_PX / 2, CIRCLE_PX / 2, CIRCLE_PX / 2 - 1, 0, 2 * Math.PI);
  g.fill();
  return Texture.from(c);
}

interface Baseline {
  app: Application;
  world: Container;
  particles: ParticleContainer;
}

async function createBaseline(el: HTMLElement, bitmap: ImageBitmap, displayScale: number, view: View): Promise<Baseline> {
  const app = new Application();
  // The same canvas settings as Scene.create.
  await app.init({
    preference: 'webgl',
    width: el.clientWidth,
    height: el.clientHeight,
    background: '#202225',
    antialias: false,
    autoStart: false,
    resolution: 1,
    preserveDrawingBuffer: true,
  });
  el.appendChild(app.canvas);
  const world = new Container();
  const photo = new Sprite(Texture.from(bitmap));
  photo.scale.set(1 / displayScale);
  world.addChild(photo);
  world.position.set(view.x, view.y);
  world.scale.set(view.scale);
  // Every property static: uploaded once, nothing rewritten per frame (the baseline's fastest configuration).
  const particles = new ParticleContainer({
    dynamicProperties: { position: false, vertex: false, rotation: false, uvs: false, color: false },
    texture: circleTexture(),
    blendMode: 'multiply',
  });
  world.addChild(particles);
  app.stage.addChild(world);
  return { app, world, particles };
}

function makeParticles(dots: PatternResult, texture: Texture): Particle[] {
  const tint = parseInt(PIGMENT.slice(1), 16);
  const out = new Array<Particle>(dots.count);
  for (let i = 0; i < dots.count; i++) {
    const s = dots.diameter[i]! / CIRCLE_PX;
    out[i] = new Particle({ texture, x: dots.x[i]!, y: dots.y[i]!, scaleX: s, scaleY: s, anchorX: 0.5, anchorY: 0.5, tint, alpha: OPACITY });
  }
  return out;
}

interface ParticleBufferInternals {
  _staticStride: number;
  _dynamicStride: number;
  indexBuffer: Uint16Array | Uint32Array;
}

function baselineBuffer(b: Baseline): FrameReport['baselineBuffer'] {
  const gpuData = (b.particles as unknown as { _gpuData?: Record<number, ParticleBufferInternals | undefined> })._gpuData;
  const buf = gpuData?.[b.app.renderer.uid];
  if (!buf || typeof buf._staticStride !== 'number') return null;
  return {
    staticFloatsPerVertex: buf._staticStride,
    dynamicFloatsPerVertex: buf._dynamicStride,
    vertexBytesPerParticle: (buf._staticStride + buf._dynamicStride) * 4 * 4,
    indexBytesPerParticle: 6 * buf.indexBuffer.BYTES_PER_ELEMENT,
  };
}

async function frames(o: FrameOptions): Promise<FrameReport> {
  const oursHost = host('ours');
  const baseHost = host('baseline');
  let t = performance.now();
  const photo = makeSkinPhoto(PHOTO.width, PHOTO.height);
  const scene = await Scene.create(oursHost);
  const ours = await displayCopy(photo, scene.maxTextureSize);
  const theirs = await displayCopy(photo, scene.maxTextureSize); // a second copy: each app owns its texture
  const photoMs = performance.now() - t;
  const viewport = scene.viewSize;
  const view = fitView(PHOTO.width, PHOTO.height, viewport.width, viewport.height);
  scene.setPhoto(ours.bitmap, PHOTO, ours.displayScale);
  scene.setView(view);
  // The look and zone field the app gives its layer for a design over this photo (healing table, hairline band's
  // finer needle as a zone field), so the frame costs what it costs in the app; the share stays 1: these dots are
  // generated at the bench's own density, not the app's top one.
  const design = designFor(PHOTO, { pxPerMm: PX_PER_MM, calibrated: true, source: 'ruler' });
  const pattern = { ...design, dots: { ...design.dots, pigment: PIGMENT, opacity: OPACITY } };
  scene.setLook({ ...lookFor(pattern), share: 1 });
  scene.dots.setZoneField({ ...fieldGrid(pattern), values: buildZoneField(pattern, fieldGrid(pattern), buildShapeField(pattern)) });
  await scene.requestRender();
  const base = await createBaseline(baseHost, theirs.bitmap, theirs.displayScale, view);
  const oursGl = glOf(scene.app);
  const baseGl = glOf(base.app);
  const oursC: Contestant = { render: () => scene.renderNow(), gl: oursGl };
  const baseC: Contestant = { render: () => base.app.render(), gl: baseGl };
  const photoRect = { x: view.x, y: view.y, width: PHOTO.width * view.scale, height: PHOTO.height * view.scale };

  // Photo only: what both pay before any dot.
  const [oursPhotoMs, basePhotoMs] = await timeFrames([oursC, baseC], o.photoWarmup + o.photoFrames);
  const lumPhoto = { ours: meanLuminance(oursGl, photoRect), baseline: meanLuminance(baseGl, photoRect) };

  t = performance.now();
  const dots = generatePattern({ width: PHOTO.width, height: PHOTO.height, pxPerMm: PX_PER_MM, density: FRAME_DENSITY, dotDiameterMm: DOT, seed: 'bench-render' });
  const patternMs = performance.now() - t;
  // Hand the dots over; the first frame of each (upload + draw) is also its warm-up frame.
  t = performance.now();
  scene.setDots(dots);
  const oursSetDots = performance.now() - t;
  const firstFrameMs = { ours: 0, baseline: 0 };
  t = performance.now();
  await scene.requestRender(); // the frame setDots asked for (at most one animation frame away)
  finish(oursGl);
  firstFrameMs.ours = performance.now() - t;
  t = performance.now();
  base.particles.particleChildren = makeParticles(dots, base.particles.texture);
  base.particles.update(); // documented: call after changing particleChildren directly
  const baselineParticles = performance.now() - t;
  t = performance.now();
  baseC.render();
  finish(baseGl);
  firstFrameMs.baseline = performance.now() - t;

  // As many interleaved rounds as fit the budget (a software GPU can take seconds a frame), within [min, max].
  const round = firstFrameMs.ours + firstFrameMs.baseline;
  const frameCount = Math.max(o.minFrames, Math.min(o.maxFrames, Math.floor(o.budgetMs / Math.max(1, round))));
  const [oursMs, baseMs] = await timeFrames([oursC, baseC], frameCount);
  const lumDots = { ours: meanLuminance(oursGl, photoRect), baseline: meanLuminance(baseGl, photoRect) };
  const path = scene.dots.path;
  // The same frames forced onto the GL points (the path a fast GPU keeps), for the record.
  scene.dots.forcePath('gpu');
  const [pointsMs] = await timeFrames([oursC], POINTS_FRAMES);
  scene.dots.forcePath('auto');

  const diagnostics: FrameRow[] = [];
  if (o.diagnoseFrames > 0) {
    // Without the scene's split mask (a stencil mask), then put back.
    const mask = scene.dots.meshes.mask;
    scene.dots.meshes.mask = null;
    const [noMaskMs] = await timeFrames([oursC], o.diagnoseFrames);
    scene.dots.meshes.mask = mask;
    // Every dot culled in the vertex shader (share 0: moved outside the clip volume, no fragment at all).
    scene.setLook({ share: 0 });
    await scene.requestRender();
    const [culledMs] = await timeFrames([oursC], o.diagnoseFrames);
    scene.setLook({ share: 1 });
    diagnostics.push(
      { key: 'oursNoMask', method: 'diag: DotLayer, split mask off', dots: dots.count, ms: noMaskMs ?? [], note: 'the scene\'s stencil mask set to null for these frames' },
      { key: 'oursCulled', method: 'diag: DotLayer, every dot culled', dots: dots.count, ms: culledMs ?? [], note: 'share 0: each instance runs the vertex shader and is clipped; no fragments' },
    );
  }

  let meanDiameterPx = 0;
  for (let i = 0; i < dots.count; i++) meanDiameterPx += dots.diameter[i]!;
  meanDiameterPx /= Math.max(1, dots.count);

  const drop = (ms: number[] | undefined, n: number): number[] => (ms ?? []).slice(n);
  const devicePx = (meanDiameterPx * view.scale).toFixed(2);
  const rows: FrameRow[] = [
    { key: 'ours', method: `Scene + DotLayer (chose: ${path})`, dots: dots.count, ms: oursMs ?? [], note: `photo + dots (split at 0); dots ≈ ${devicePx} device px wide; includes the frames DotLayer times to choose` },
    { key: 'oursPoints', method: 'Scene + DotLayer, GL points forced', dots: dots.count, ms: pointsMs ?? [], note: 'one GL point a dot, own shaders (the path a real GPU keeps)' },
    { key: 'baseline', method: 'pixi ParticleContainer (static props)', dots: dots.count, ms: baseMs ?? [], note: `photo + particles: ${CIRCLE_PX} px circle texture scaled to each diameter, tint + alpha, multiply` },
    { key: 'oursPhoto', method: 'Scene, photo only', dots: 0, ms: drop(oursPhotoMs, o.photoWarmup), note: `${ours.bitmap.width}×${ours.bitmap.height} display copy at scale ${view.scale.toFixed(4)}` },
    { key: 'baselinePhoto', method: 'baseline app, photo only', dots: 0, ms: drop(basePhotoMs, o.photoWarmup), note: 'same photo sprite, no particles' },
    ...diagnostics,
  ];
  const report: FrameReport = {
    gpu: gpuName(oursGl),
    path,
    maxTextureSize: scene.maxTextureSize,
    photo: PHOTO,
    display: { width: ours.bitmap.width, height: ours.bitmap.height, scale: ours.displayScale },
    view,
    viewport,
    dots: dots.count,
    meanDiameterPx,
    pxPerMm: PX_PER_MM,
    density: FRAME_DENSITY,
    frameCount,
    rows,
    setupMs: { photo: photoMs, pattern: patternMs, oursSetDots, baselineParticles },
    firstFrameMs,
    darkening: { ours: 1 - lumDots.ours / lumPhoto.ours, baseline: 1 - lumDots.baseline / lumPhoto.baseline },
    bytesPerDot: BYTES_PER_DOT,
    baselineBuffer: baselineBuffer(base),
  };
  scene.destroy();
  base.app.destroy(true, { children: true, texture: true });
  return report;
}

/** Hairline low on the photo and wide, so the treatment area holds ~200k dots at these densities (10 px/mm). */
const LATENCY_DENSITIES = [200, 196];
const LATENCY_HAIRLINE = { centreX: PHOTO.width / 2, centreY: PHOTO.height * 0.9, halfWidthMm: 190 };

async function latency(o: LatencyOptions): Promise<LatencyReport> {
  host('baseline').style.display = 'none';
  const photo = makeSkinPhoto(PHOTO.width, PHOTO.height);
  const scene = await Scene.create(host('ours'));
  const copy = await displayCopy(photo, scene.maxTextureSize);
  scene.setPhoto(copy.bitmap, PHOTO, copy.displayScale);
  const gl = glOf(scene.app);
  // Counts the scene's draws, to see how many frames a slider move costs (the scene itself is untouched).
  let renders = 0;
  const renderNow = scene.renderNow.bind(scene);
  scene.renderNow = () => {
    renders++;
    renderNow();
  };

  const pool = createBrowserPatternPool();
  await pool.warm();
  // Timestamps around the pool's job, for the breakdown (the pipeline itself is untouched).
  const generate = pool.generate.bind(pool);
  let tRequest = 0;
  let tResult = 0;
  pool.generate = (request, options) => {
    tRequest = performance.now();
    return generate(request, options).then((r) => {
      tResult = performance.now();
      return r;
    });
  };

  const design = designFor(PHOTO, { pxPerMm: PX_PER_MM, calibrated: true, source: 'demo' }, LATENCY_HAIRLINE, 'bench-latency');
  design.dots.density = LATENCY_DENSITIES[0]!;
  const v = scene.viewSize;
  const state = { ...initialState(design, { name: 'bench', width: PHOTO.width, height: PHOTO.height, demo: true }), view: fitView(PHOTO.width, PHOTO.height, v.width, v.height) };

  type Drawn = { s: PipelineStatus; tStatus: number; tPixels: number };
  let waiter: ((d: Drawn) => void) | undefined;
  let lastGeneration = 0;
  const onStatus = (s: PipelineStatus): void => {
    if (s.generation === lastGeneration || s.shown !== s.wanted) return;
    lastGeneration = s.generation;
    const tStatus = performance.now();
    finish(gl);
    const tPixels = performance.now();
    waiter?.({ s, tStatus, tPixels });
  };
  const next = (): Promise<Drawn> => new Promise((resolve) => (waiter = resolve));

  const t0 = performance.now();
  const store = createAppStore(state);
  const first = next();
  startPipeline(store, pool, scene, onStatus);
  const initial = await first;
  const initialMs = initial.tPixels - t0;

  const moves: LatencyMove[] = [];
  const move = async (i: number): Promise<LatencyMove> => {
    await pause(o.pauseMs);
    const density = LATENCY_DENSITIES[i % LATENCY_DENSITIES.length]!;
    const drawn = next();
    const rendersBefore = renders;
    tRequest = tResult = -1;
    const tInput = performance.now(); // what the slider's input handler does: set the density in the store
    setDesign(store, (d) => ({ ...d, dots: { ...d.dots, density } }));
    const d = await drawn;
    return {
      density,
      dots: d.s.dots,
      renders: renders - rendersBefore,
      pooled: tRequest >= tInput,
      toRequestMs: tRequest >= tInput ? tRequest - tInput : 0,
      generateMs: tRequest >= tInput ? tResult - tRequest : 0,
      toStatusMs: d.tStatus - tInput,
      toPixelsMs: d.tPixels - tInput,
    };
  };
  // The first pattern ran the same path (workers, upload, draw); when it took seconds, a warm-up move would only
  // spend the budget, and a move is estimated as two of its frames instead.
  const warmups = initialMs > o.slowMs ? 0 : o.warmup;
  let estimate = 2 * initialMs;
  for (let i = 1; i <= warmups; i++) estimate = (await move(i)).toPixelsMs;
  // At least minMoves; more, up to maxMoves, while they fit the budget (a software GPU can take seconds a frame).
  const count = Math.max(o.minMoves, Math.min(o.maxMoves, Math.floor(o.budgetMs / Math.max(1, estimate + o.pauseMs))));
  for (let i = warmups + 1; i <= warmups + count; i++) moves.push(await move(i));
  const path = scene.dots.path;
  pool.terminate();
  scene.destroy();
  return { path, workers: pool.size, photo: PHOTO, pxPerMm: PX_PER_MM, densities: LATENCY_DENSITIES, initialDots: initial.s.dots, initialMs, warmup: warmups, moves };
}

layout();
const api: RenderBenchApi = { frames, latency };
(globalThis as { renderBench?: RenderBenchApi }).renderBench = api;
document.body.dataset.ready = 'true';
