import { Buffer, BufferUsage, Container, Geometry, Mesh, Rectangle, Shader, UniformGroup } from 'pixi.js';
import size from '../../shaders/dot-size.glsl?raw';
import ink from '../../shaders/dot-ink.glsl?raw';
import quadVertex from '../../shaders/dot.vert?raw';
import quadFragment from '../../shaders/dot.frag?raw';
import pointVertex from '../../shaders/dot-point.vert?raw';
import pointFragment from '../../shaders/dot-point.frag?raw';
import type { PatternResult } from '../pattern/types.ts';

/** Bytes of vertex data a dot: centre (2 × f32), diameter (f32), rank and tone (2 × unorm16). */
export const BYTES_PER_DOT = 16;
/** Rank of a spare record: never under any share, so it is never drawn. */
const HIDDEN = 65535;

export interface DotLook {
  /** Pigment colour as 0..1 RGB. */
  pigment: [number, number, number];
  opacity: number;
  /** Draw the dots with rank below this: a session's cumulative share times the density's share. */
  share: number;
  sizeScale: number;
  softness: number;
  irregular: number;
  toneVar: number;
}

export const DEFAULT_LOOK: DotLook = { pigment: [0.16, 0.15, 0.16], opacity: 0.85, share: 1, sizeScale: 1, softness: 0.35, irregular: 0.08, toneVar: 0.18 };

/**
 * Every dot in one draw call. The records live in one GPU buffer, drawn as one GL point each (the cheapest
 * primitive, also on software GL) or, when a dot grows bigger on screen than the GPU's largest point, as instanced
 * quads from the same buffer. The layer owns the buffer and uniforms and holds no design logic.
 */
export class DotLayer {
  /** Add this to the scene; its one visible child draws the dots. */
  readonly view = new Container({ label: 'dots' });
  readonly points: Mesh<Geometry, Shader>;
  readonly quads: Mesh<Geometry, Shader>;
  private readonly uniforms: UniformGroup;
  private readonly records: Buffer;
  private readonly maxPointSize: number;
  private capacity = 0;
  private count = 0;
  private maxDiameter = 0;
  private devicePxPerUnit = 1;

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
    });
    const program = (vertex: string, fragment: string, name: string) =>
      Shader.from({ gl: { vertex: size + vertex, fragment: ink + fragment, name }, resources: { dotUniforms: this.uniforms } });
    this.points = new Mesh({ geometry: pointGeometry, shader: program(pointVertex, pointFragment, 'smp-dot-points'), blendMode: 'multiply' });
    this.quads = new Mesh({ geometry: quadGeometry, shader: program(quadVertex, quadFragment, 'smp-dot-quads'), blendMode: 'multiply' });
    this.view.addChild(this.points, this.quads);
    this.choose();
  }

  get dotCount(): number {
    return this.count;
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
    this.uniforms.update();
    this.choose();
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
    const r = Math.max(0.75, 0.5 * this.maxDiameter * u.uSizeScale! * this.devicePxPerUnit) * (1 + u.uIrregular!);
    const side = 2 * (r + 0.5 * Math.max(1, u.uSoftness! * r) + 0.25);
    return side <= this.maxPointSize ? this.points : this.quads;
  }

  private choose(): void {
    const active = this.activeMesh();
    this.points.visible = this.count > 0 && active === this.points;
    this.quads.visible = this.count > 0 && active === this.quads;
  }

  destroy(): void {
    this.view.destroy({ children: true });
    this.records.destroy();
  }
}
