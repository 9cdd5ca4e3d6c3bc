import { Buffer, BufferUsage, Geometry, Mesh, Rectangle, Shader, UniformGroup } from 'pixi.js';
import vertex from '../../shaders/dot.vert?raw';
import fragment from '../../shaders/dot.frag?raw';
import type { PatternResult } from '../pattern/types.ts';

/** Bytes of vertex data a dot: centre (2 × f32), diameter (f32), rank and tone (2 × unorm16). */
export const BYTES_PER_DOT = 16;

export interface DotLook {
  /** Pigment colour as 0..1 RGB. */
  pigment: [number, number, number];
  opacity: number;
  /** Draw the dots with rank below this (a session's cumulative share). */
  share: number;
  sizeScale: number;
  softness: number;
  irregular: number;
  toneVar: number;
}

export const DEFAULT_LOOK: DotLook = { pigment: [0.16, 0.15, 0.16], opacity: 0.85, share: 1, sizeScale: 1, softness: 0.35, irregular: 0.08, toneVar: 0.18 };

/**
 * Every dot in one instanced draw call through shaders/dot.*. The layer owns the GPU buffer and the uniforms; it
 * holds no design logic: it draws the dot buffers it is given with the look it is given.
 */
export class DotLayer {
  readonly mesh: Mesh<Geometry, Shader>;
  private readonly uniforms: UniformGroup;
  private readonly instances: Buffer;
  private capacity = 0;
  private count = 0;

  constructor() {
    this.instances = new Buffer({ data: new Float32Array(4), usage: BufferUsage.VERTEX | BufferUsage.COPY_DST, label: 'dots' });
    const geometry = new Geometry({
      attributes: {
        aPosition: { buffer: new Float32Array([-1, -1, 1, -1, 1, 1, -1, 1]), format: 'float32x2' },
        aCenter: { buffer: this.instances, format: 'float32x2', stride: BYTES_PER_DOT, offset: 0, instance: true },
        aSize: { buffer: this.instances, format: 'float32', stride: BYTES_PER_DOT, offset: 8, instance: true },
        aRankTone: { buffer: this.instances, format: 'unorm16x2', stride: BYTES_PER_DOT, offset: 12, instance: true },
      },
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
    const shader = Shader.from({ gl: { vertex, fragment, name: 'smp-dots' }, resources: { dotUniforms: this.uniforms } });
    this.mesh = new Mesh({ geometry, shader, blendMode: 'multiply' });
    this.mesh.label = 'dots';
  }

  get dotCount(): number {
    return this.count;
  }

  /** Uploads dots; the buffer grows by doubling and is reused, so dragging a slider does not churn GPU memory. */
  setDots(d: PatternResult, bounds: { width: number; height: number }): void {
    if (d.count > this.capacity || d.count < this.capacity / 4) {
      this.capacity = Math.max(1024, Math.ceil(d.count * 1.5));
      this.instances.data = new Float32Array((this.capacity * BYTES_PER_DOT) / 4);
    }
    const f32 = this.instances.data as Float32Array;
    const u16 = new Uint16Array(f32.buffer);
    for (let i = 0; i < d.count; i++) {
      const o = i * 4;
      f32[o] = d.x[i]!;
      f32[o + 1] = d.y[i]!;
      f32[o + 2] = d.diameter[i]!;
      u16[2 * o + 6] = Math.min(65535, Math.round(d.rank[i]! * 65536));
      u16[2 * o + 7] = Math.round((d.tone[i]! * 0.5 + 0.5) * 65535);
    }
    this.instances.update(d.count * BYTES_PER_DOT);
    this.count = d.count;
    this.mesh.geometry.instanceCount = d.count;
    this.mesh.boundsArea = new Rectangle(0, 0, bounds.width, bounds.height);
    this.mesh.visible = d.count > 0;
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
  }

  /** Device px per photo px at the current zoom: the shader keeps each dot's ink right at any scale. */
  setDevicePxPerUnit(v: number): void {
    (this.uniforms.uniforms as Record<string, unknown>).uDevicePxPerUnit = v;
    this.uniforms.update();
  }

  destroy(): void {
    this.mesh.destroy();
    this.instances.destroy();
  }
}
