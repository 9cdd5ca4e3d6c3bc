import { Buffer, BufferImageSource, BufferUsage, Container, Geometry, Mesh, Rectangle, Shader, Sprite, Texture, UniformGroup } from 'pixi.js';
import common from '../../shaders/dot-common.glsl?raw';
import look from '../../shaders/dot-look.glsl?raw';
import ink from '../../shaders/dot-ink.glsl?raw';
import quadVertex from '../../shaders/dot.vert?raw';
import quadFragment from '../../shaders/dot.frag?raw';
import pointVertex from '../../shaders/dot-point.vert?raw';
import pointFragment from '../../shaders/dot-point.frag?raw';
import type { PatternResult } from '../pattern/types.ts';
import { dotExtent, splatDots, splatPossible, toTexels, zoneMaxima, type DotExtent, type SplatInputs, type SplatUniforms, type SplatView, type Texels, type ZoneMaxima } from './dot-splat.ts';

/** Bytes of vertex data a dot: centre (2 × f32), diameter (f32), rank and tone (2 × unorm16). */
export const BYTES_PER_DOT = 16;
/** Rank of a spare record: never under any share, so it is never drawn. */
const HIDDEN = 65535;

type Vec4 = [number, number, number, number];
/** How a frame draws the dots: GL points or quads ('gpu'), or the CPU splat (dot-splat.ts). */
export type DotPath = 'splat' | 'gpu';

/** The uniforms of the dot shader (see shaders/README.md); src/realism/look.ts makes them from a design. */
export interface DotLook {
  /** Pigment colour as 0..1 RGB, diluted. */
  pigment: [number, number, number];
  /** Ink at a dot's centre, the session's shade included. */
  opacity: number;
  /** The body density's share of the generated dots (a zone multiplies it). */
  share: number;
  sizeScale: number;
  softness: number;
  irregular: number;
  toneVar: number;
  /** Cumulative share of the final dots after sessions 1–4. */
  sessionCum: Vec4;
  /** Age in days of each session's dots at the previewed moment; −1: not done yet. */
  sessionAge: Vec4;
  healDays: number;
  /** Rate-scaled years of fading per year (sun). */
  fadeRate: number;
  /** 0 or 1: wrong ink drifting toward driftColour. */
  drift: number;
  driftColour: [number, number, number];
  /** Share of dots blown out. */
  blowout: number;
  /** Healing and fading lookup table, RGBA8, 2 rows of 256 (src/realism/appearance.ts). */
  ageLut: Uint8Array;
}

/** A healed look with no LUT of its own: size and ink 1 at every age. */
const FLAT_LUT = new Uint8Array(256 * 2 * 4).map((_, i) => [85, 170, 0, 0][i % 4]!);

export const DEFAULT_LOOK: DotLook = {
  pigment: [0.16, 0.15, 0.16],
  opacity: 0.85,
  share: 1,
  sizeScale: 1,
  softness: 0.35,
  irregular: 0.08,
  toneVar: 0.18,
  sessionCum: [1, 1, 1, 1],
  sessionAge: [60, -1, -1, -1],
  healDays: 30,
  fadeRate: 1,
  drift: 0,
  driftColour: [0.27, 0.41, 0.48],
  blowout: 0,
  ageLut: FLAT_LUT,
};

/** A zone field (src/design/zones.ts): 4 floats a cell [density ×, size ×, shade −1…1, fade ×], over the photo. */
export interface ZoneField {
  cols: number;
  rows: number;
  values: Float32Array;
}

/** A hair mask over the photo: 1 = hair (thinning-hair mode hides dots centred there). */
export interface HairMask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Packs a zone field into RGBA8 texels (the shader's encoding in shaders/dot-look.glsl). */
export function packZoneField(f: ZoneField | null): { width: number; height: number; data: Uint8Array } {
  const cols = f ? f.cols : 1, rows = f ? f.rows : 1;
  const data = new Uint8Array(cols * rows * 4);
  const q = (v: number) => Math.round(Math.min(255, Math.max(0, v)));
  for (let i = 0; i < cols * rows; i++) {
    const [d, s, sh, fd] = f ? [f.values[4 * i]!, f.values[4 * i + 1]!, f.values[4 * i + 2]!, f.values[4 * i + 3]!] : [1, 1, 0, 1];
    data[4 * i] = q(d * 128);
    data[4 * i + 1] = q(((s - 0.5) / 1.5) * 255);
    data[4 * i + 2] = q((sh + 1) * 128);
    data[4 * i + 3] = q(((fd - 1) / 2) * 255);
  }
  return { width: cols, height: rows, data };
}

const dataTexture = (t: { width: number; height: number; data: Uint8Array }, linear: boolean): BufferImageSource =>
  new BufferImageSource({
    resource: t.data,
    width: t.width,
    height: t.height,
    format: 'rgba8unorm',
    alphaMode: 'no-premultiply-alpha',
    scaleMode: linear ? 'linear' : 'nearest',
    addressMode: 'clamp-to-edge',
  });

/**
 * Every dot in one draw call. The records live in one GPU buffer, drawn as one GL point each (the cheapest
 * primitive, also on software GL) or, when a dot grows bigger on screen than the GPU's largest point, as instanced
 * quads from the same buffer. The layer owns the buffer and uniforms and holds no design logic. Where every dot is
 * under half a device pixel and the GPU is slow per point (software GL), a frame can instead be made on the CPU and
 * drawn as one sprite (the splat: see beginFrame and dot-splat.ts).
 */
export class DotLayer {
  /** Add this to the scene; its one visible child draws the dots. */
  readonly view = new Container({ label: 'dots' });
  /** The GPU meshes' own container in `view` (the scene's split mask goes here: the splat clips itself, cheaper). */
  readonly meshes = new Container({ label: 'dot-meshes' });
  readonly points: Mesh<Geometry, Shader>;
  readonly quads: Mesh<Geometry, Shader>;
  private readonly uniforms: UniformGroup;
  private readonly records: Buffer;
  private readonly maxPointSize: number;
  private capacity = 0;
  private count = 0;
  private maxDiameter = 0;
  private devicePxPerUnit = 1;
  private zone: ZoneField | null = null;
  private mask: HairMask | null = null;
  private textures: Record<'uZoneField' | 'uHairMask' | 'uAgeLut', BufferImageSource>;
  /** The CPU copies of the data textures, for the splat. */
  private zoneTexels: Texels = packZoneField(null);
  private maskTexels: Texels | null = null;
  private ageLut: Uint8Array = FLAT_LUT;
  /** The zone field's largest multipliers, and how far any dot can grow (dotExtent): found as they change. */
  private zoneMax: ZoneMaxima = zoneMaxima(this.zoneTexels);
  private extent!: DotExtent;
  /** The splat path (dot-splat.ts): one sprite multiplying the photo by the dots' multiplier image. */
  readonly splat = new Sprite({ label: 'dot-splat', blendMode: 'multiply', visible: false });
  private splatSource: BufferImageSource | null = null;
  private splatFloats = new Float32Array(0);
  private forced: DotPath | 'auto' = 'auto';
  /** Measured ms per dot of whole frames on each path (see beginFrame); the path being timed this frame. */
  private readonly costs: Record<DotPath, number[]> = { splat: [], gpu: [] };
  private timed: DotPath | null = null;
  /** A timed frame whose GPU work has not been seen finished yet: no second one meanwhile. */
  private pending = false;
  private pendingPath: DotPath = 'gpu';
  private lastPath: DotPath = 'gpu';

  constructor(maxPointSize: number) {
    this.maxPointSize = maxPointSize;
    this.records = new Buffer({ data: new Float32Array(4), usage: BufferUsage.VERTEX | BufferUsage.COPY_DST, label: 'dots' });
    const fields = (instance: boolean) => ({
      aCenter: { buffer: this.records, format: 'float32x2' as const, stride: BYTES_PER_DOT, offset: 0, instance },
      aSize: { buffer: this.records, format: 'float32' as const, stride: BYTES_PER_DOT, offset: 8, instance },
      aRankTone: { buffer: this.records, format: 'unorm16x2' as const, stride: BYTES_PER_DOT, offset: 12, instance },
    });
    const pointGeometry = new Geometry({ attributes: fields(false), topology: 'point-list' });
    const quadGeometry = new Geometry({
      attributes: { aPosition: { buffer: new Float32Array([-1, -1, 1, -1, 1, 1, -1, 1]), format: 'float32x2' }, ...fields(true) },
      indexBuffer: new Uint32Array([0, 1, 2, 0, 2, 3]),
      instanceCount: 0,
    });
    this.uniforms = new UniformGroup({
      uDevicePxPerUnit: { value: 1, type: 'f32' },
      uShare: { value: 1, type: 'f32' },
      uSizeScale: { value: 1, type: 'f32' },
      uPigment: { value: new Float32Array(DEFAULT_LOOK.pigment), type: 'vec3<f32>' },
      uOpacity: { value: DEFAULT_LOOK.opacity, type: 'f32' },
      uSoftness: { value: DEFAULT_LOOK.softness, type: 'f32' },
      uIrregular: { value: DEFAULT_LOOK.irregular, type: 'f32' },
      uToneVar: { value: DEFAULT_LOOK.toneVar, type: 'f32' },
      uPhotoSize: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
      uSessionCum: { value: new Float32Array(DEFAULT_LOOK.sessionCum), type: 'vec4<f32>' },
      uSessionAge: { value: new Float32Array(DEFAULT_LOOK.sessionAge), type: 'vec4<f32>' },
      uHealDays: { value: DEFAULT_LOOK.healDays, type: 'f32' },
      uFadeRate: { value: DEFAULT_LOOK.fadeRate, type: 'f32' },
      uDrift: { value: 0, type: 'f32' },
      uDriftColour: { value: new Float32Array(DEFAULT_LOOK.driftColour), type: 'vec3<f32>' },
      uBlowout: { value: 0, type: 'f32' },
      uUseMask: { value: 0, type: 'f32' },
      uMaskSize: { value: new Float32Array([1, 1]), type: 'vec2<f32>' },
    });
    this.textures = {
      uZoneField: dataTexture(packZoneField(null), true),
      uHairMask: dataTexture({ width: 1, height: 1, data: new Uint8Array(4) }, false),
      uAgeLut: dataTexture({ width: 256, height: 2, data: FLAT_LUT }, true),
    };
    const program = (vertex: string, fragment: string, name: string) =>
      // GLSL ES 3.00 (pixi reads the version off the fragment source and gives both stages its header).
      Shader.from({ gl: { vertex: common + look + vertex, fragment: `#version 300 es\n${common}${ink}${fragment}`, name }, resources: { dotUniforms: this.uniforms, ...this.textures } });
    this.points = new Mesh({ geometry: pointGeometry, shader: program(pointVertex, pointFragment, 'smp-dot-points'), blendMode: 'multiply' });
    this.quads = new Mesh({ geometry: quadGeometry, shader: program(quadVertex, quadFragment, 'smp-dot-quads'), blendMode: 'multiply' });
    this.meshes.addChild(this.points, this.quads);
    this.view.addChild(this.meshes, this.splat);
    this.measure();
  }

  get dotCount(): number {
    return this.count;
  }

  /** The zone field and hair mask last given: another layer drawing the same design (a compare pane, an export) takes them. */
  get zoneField(): ZoneField | null {
    return this.zone;
  }

  get hairMask(): HairMask | null {
    return this.mask;
  }

  /** Uploads dots into a buffer that grows by half again and is reused; spare records are hidden. */
  setDots(d: PatternResult, bounds: { width: number; height: number }): void {
    if (d.count > this.capacity || d.count < this.capacity / 4) {
      this.capacity = Math.max(1024, Math.ceil(d.count * 1.5));
      this.records.data = new Float32Array((this.capacity * BYTES_PER_DOT) / 4);
    }
    const f32 = this.records.data as Float32Array;
    const u16 = new Uint16Array(f32.buffer);
    let maxDiameter = 0;
    for (let i = 0; i < d.count; i++) {
      const o = i * 4;
      f32[o] = d.x[i]!;
      f32[o + 1] = d.y[i]!;
      f32[o + 2] = d.diameter[i]!;
      u16[2 * o + 6] = Math.min(HIDDEN - 1, Math.round(d.rank[i]! * 65536));
      u16[2 * o + 7] = Math.round((d.tone[i]! * 0.5 + 0.5) * 65535);
      if (d.diameter[i]! > maxDiameter) maxDiameter = d.diameter[i]!;
    }
    // The point geometry draws every record in the buffer: the spare ones are pushed out of every share.
    for (let i = d.count; i < this.capacity; i++) u16[8 * i + 6] = HIDDEN;
    this.records.update();
    this.count = d.count;
    this.maxDiameter = maxDiameter;
    this.quads.geometry.instanceCount = d.count;
    (this.uniforms.uniforms.uPhotoSize as Float32Array).set([bounds.width, bounds.height]);
    this.uniforms.update();
    const area = new Rectangle(0, 0, bounds.width, bounds.height);
    this.points.boundsArea = area;
    this.quads.boundsArea = area;
    this.choose();
  }

  setLook(look: Partial<DotLook>): void {
    const u = this.uniforms.uniforms as Record<string, unknown>;
    if (look.pigment) (u.uPigment as Float32Array).set(look.pigment);
    if (look.opacity !== undefined) u.uOpacity = look.opacity;
    if (look.share !== undefined) u.uShare = look.share;
    if (look.sizeScale !== undefined) u.uSizeScale = look.sizeScale;
    if (look.softness !== undefined) u.uSoftness = look.softness;
    if (look.irregular !== undefined) u.uIrregular = look.irregular;
    if (look.toneVar !== undefined) u.uToneVar = look.toneVar;
    if (look.sessionCum) (u.uSessionCum as Float32Array).set(look.sessionCum);
    if (look.sessionAge) (u.uSessionAge as Float32Array).set(look.sessionAge);
    if (look.healDays !== undefined) u.uHealDays = look.healDays;
    if (look.fadeRate !== undefined) u.uFadeRate = look.fadeRate;
    if (look.drift !== undefined) u.uDrift = look.drift;
    if (look.driftColour) (u.uDriftColour as Float32Array).set(look.driftColour);
    if (look.blowout !== undefined) u.uBlowout = look.blowout;
    if (look.ageLut) {
      this.ageLut = look.ageLut;
      this.setTexture('uAgeLut', { width: 256, height: 2, data: look.ageLut }, true);
    }
    this.uniforms.update();
    this.measure();
  }

  /** Zone densities, sizes, shades and fade rates over the photo; null: the body's everywhere. */
  setZoneField(f: ZoneField | null): void {
    this.zone = f;
    this.zoneTexels = packZoneField(f);
    this.zoneMax = zoneMaxima(this.zoneTexels);
    this.setTexture('uZoneField', this.zoneTexels, true);
    this.measure();
  }

  private measure(): void {
    this.extent = dotExtent(this.uniforms.uniforms as unknown as SplatUniforms, this.ageLut, this.zoneMax);
    this.choose();
  }

  /** Thinning-hair mode: no dot whose centre falls on hair. null: the mask is off. */
  setHairMask(m: HairMask | null): void {
    this.mask = m;
    const u = this.uniforms.uniforms as Record<string, unknown>;
    u.uUseMask = m ? 1 : 0;
    if (m) (u.uMaskSize as Float32Array).set([m.width, m.height]);
    this.uniforms.update();
    if (!m) {
      this.maskTexels = null;
      return;
    }
    // Four mask px a texel (shaders/dot-look.glsl): each row's bytes go in as they are, into texels kept from the
    // last mask of this size (the mask brush hands a new mask every move).
    const tw = Math.ceil(m.width / 4);
    let t = this.maskTexels;
    if (t?.width !== tw || t.height !== m.height) t = { width: tw, height: m.height, data: new Uint8Array(tw * 4 * m.height) };
    for (let y = 0; y < m.height; y++) t.data.set(m.data.subarray(y * m.width, (y + 1) * m.width), y * tw * 4);
    this.maskTexels = t;
    this.setTexture('uHairMask', t, false);
  }

  /** Replaces a data texture in both programs (a new source: sizes change, and the old one is freed). */
  private setTexture(name: keyof DotLayer['textures'], t: { width: number; height: number; data: Uint8Array }, linear: boolean): void {
    const old = this.textures[name];
    if (old.width === t.width && old.height === t.height) {
      old.resource = t.data;
      old.update();
      return;
    }
    const next = dataTexture(t, linear);
    this.textures[name] = next;
    for (const mesh of [this.points, this.quads]) (mesh.shader!.resources as Record<string, unknown>)[name] = next;
    old.destroy();
  }

  /** Device px per photo px at the current zoom: the shader keeps each dot's ink right at any scale. */
  setDevicePxPerUnit(v: number): void {
    this.devicePxPerUnit = v;
    (this.uniforms.uniforms as Record<string, unknown>).uDevicePxPerUnit = v;
    this.uniforms.update();
    this.choose();
  }

  /** The mesh that draws at the current zoom: points while the largest dot fits in a point, else quads. */
  activeMesh(): Mesh<Geometry, Shader> {
    const u = this.uniforms.uniforms as Record<string, number>;
    // The largest a dot can get (dotExtent), and the square dot-look.glsl gives it: its wandering outline, its soft
    // edge, or its halo of redness.
    const e = this.extent;
    const r = Math.max(0.75, 0.5 * this.maxDiameter * u.uSizeScale! * e.size * this.devicePxPerUnit);
    const rMax = r * (1 + u.uIrregular!);
    const halo = e.redness > 0 ? r * (1 + 1.8 * e.redness) + 1.5 * e.redness : 0;
    const side = 2 * (Math.max(rMax + 0.5 * Math.max(1, e.softness * rMax), halo) + 0.25);
    return side <= this.maxPointSize ? this.points : this.quads;
  }

  private choose(): void {
    const active = this.activeMesh();
    this.points.visible = this.count > 0 && active === this.points;
    this.quads.visible = this.count > 0 && active === this.quads;
    this.meshes.visible = true;
    this.splat.visible = false;
  }

  /** Test hook: always the splat (where it can draw this look) or always the GPU meshes; 'auto' measures. */
  forcePath(p: DotPath | 'auto'): void {
    this.forced = p;
  }

  /** The path the last frame drew with. */
  get path(): DotPath {
    return this.lastPath;
  }

  /**
   * After beginFrame: whether this frame is to be timed. The scene then calls takeTiming() once it has rendered,
   * and the function it returns with the frame's whole ms once the GPU has finished it (seen without stalling).
   */
  get timing(): boolean {
    return this.timed !== null;
  }

  takeTiming(): (ms: number | null) => void {
    const path = this.timed;
    this.timed = null;
    this.pending = path !== null;
    if (path) this.pendingPath = path;
    return (ms) => {
      // A frame that could not be timed counts as endlessly slow: that path is not chosen on a guess.
      if (path) this.costs[path].push(ms === null ? Infinity : ms / Math.max(1, this.count));
      this.pending = false;
    };
  }

  /**
   * Picks the path for the next frame and, for the splat, fills its image. Called by a scene before each render with
   * where the photo sits; a layer never given a frame (the export worker) keeps the GPU meshes.
   *
   * The rule: the splat only where it can make the points path's exact picture (every dot under half a device pixel,
   * no redness, no blowout: splatPossible) and only where it is faster. Which is faster is measured, not guessed from
   * the GPU's name: the first two eligible frames of each path are timed whole (from here until a fence after the
   * render signals, polled without blocking the page), as ms per dot, and from then on the cheaper path is kept.
   * While a timed frame is in flight the others draw with its path, untimed. On software GL (SwiftShader) a GL point costs ~0.5 µs
   * and the splat ~0.03 µs a dot; on a real GPU points cost ~1 ns and the points path stays.
   */
  beginFrame(v: SplatView): void {
    this.timed = null;
    const possible = this.count > 0 && this.forced !== 'gpu' && splatPossible({ u: this.uniforms.uniforms as unknown as SplatUniforms, count: this.count, maxDiameter: this.maxDiameter }, this.extent, this.devicePxPerUnit);
    let use: DotPath = 'gpu';
    if (possible && this.forced === 'splat') use = 'splat';
    else if (possible) {
      const { splat, gpu } = this.costs;
      if (splat.length < 2 || gpu.length < 2) {
        // While a timed frame is still in flight, draw (untimed) with the path being timed.
        if (this.pending) use = this.pendingPath;
        else use = this.timed = splat.length <= gpu.length ? 'splat' : 'gpu';
      } else use = Math.min(...splat) < Math.min(...gpu) ? 'splat' : 'gpu';
    }
    this.lastPath = use;
    this.choose();
    if (use === 'splat') this.drawSplat(v);
  }

  private splatInputs(): SplatInputs {
    const f32 = this.records.data as Float32Array;
    return {
      f32,
      u16: new Uint16Array(f32.buffer, f32.byteOffset, f32.length * 2),
      count: this.count,
      maxDiameter: this.maxDiameter,
      u: this.uniforms.uniforms as unknown as SplatUniforms,
      zone: this.zoneTexels,
      mask: (this.uniforms.uniforms as Record<string, number>).uUseMask! > 0.5 ? this.mask : null,
      ageLut: this.ageLut,
    };
  }

  private drawSplat(v: SplatView): void {
    const w = Math.max(1, Math.round(v.width)), h = Math.max(1, Math.round(v.height));
    // All ones between frames: toTexels puts back each value it reads, so a frame never refills the whole view.
    if (this.splatFloats.length !== w * h * 3) this.splatFloats = new Float32Array(w * h * 3).fill(1);
    const m = this.splatFloats;
    const { drawn, box } = splatDots(this.splatInputs(), { ...v, width: w, height: h }, m);
    this.meshes.visible = false;
    this.splat.visible = drawn > 0;
    if (drawn === 0) return;
    let src = this.splatSource;
    if (!src || src.width !== w || src.height !== h) {
      src?.destroy();
      src = this.splatSource = new BufferImageSource({
        resource: new Uint8Array(w * h * 4),
        width: w,
        height: h,
        format: 'rgba8unorm',
        alphaMode: 'premultiplied-alpha',
        scaleMode: 'nearest',
      });
    }
    toTexels(m, w, box, src.resource as Uint8Array);
    src.update();
    // Only the box the dots touched is drawn (multiplying by 1 elsewhere would cost fill for nothing).
    const old = this.splat.texture;
    this.splat.texture = new Texture({ source: src, frame: new Rectangle(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0) });
    if (old !== Texture.EMPTY) old.destroy(false);
    // The layer sits in the scene's world (photo px): undo its transform so a texel is a device pixel.
    const k = v.scale * v.resolution;
    this.splat.position.set((box.x0 - v.x * v.resolution) / k, (box.y0 - v.y * v.resolution) / k);
    this.splat.scale.set(1 / k);
  }

  destroy(): void {
    // Meshes do not destroy their geometry: the quads' own corner and index buffers go with it, the shared records once.
    const points = this.points.geometry, quads = this.quads.geometry; // a destroyed mesh forgets its geometry
    const own = [quads.attributes.aPosition!.buffer, quads.indexBuffer];
    this.view.destroy({ children: true });
    points.destroy();
    quads.destroy();
    for (const b of own) b?.destroy();
    this.records.destroy();
    for (const t of Object.values(this.textures)) t.destroy();
    this.splatSource?.destroy();
  }
}
