import { Container, Matrix, Mesh, RenderTexture, Sprite, Texture } from 'pixi.js';
import type { Scene } from './scene.ts';

/** Largest tile rendered at once; also bounded by the GPU's texture limit. */
const TILE = 2048;

export interface ExportOptions {
  /** Draw a small "SMP simulation" label in the corner, so the picture is never mistaken for a result. */
  label: boolean;
}

/**
 * Renders the photo with its dots at full resolution, tile by tile, through the same shader and GPU buffers as
 * the view (at 1 device px per photo px), and returns a 2D canvas of the photo's size.
 */
export async function renderFullResolution(scene: Scene, full: ImageBitmap, o: ExportOptions): Promise<HTMLCanvasElement> {
  const { width, height } = full;
  const out = makeCanvas(width, height);
  const ctx = out.getContext('2d')!;
  const renderer = scene.app.renderer;
  const tile = Math.min(TILE, scene.maxTextureSize);
  const crop = makeCanvas(tile, tile);
  const cropCtx = crop.getContext('2d')!;
  scene.dots.setDevicePxPerUnit(1);
  const dots = scene.dots.activeMesh();
  const mesh = new Mesh({ geometry: dots.geometry, shader: dots.shader!, blendMode: 'multiply' });
  const photo = new Sprite();
  const world = new Container();
  world.addChild(photo, mesh);
  mesh.visible = scene.dots.dotCount > 0;
  try {
    for (let ty = 0; ty < height; ty += tile) {
      for (let tx = 0; tx < width; tx += tile) {
        const tw = Math.min(tile, width - tx);
        const th = Math.min(tile, height - ty);
        cropCtx.clearRect(0, 0, tile, tile);
        cropCtx.drawImage(full, tx, ty, tw, th, 0, 0, tw, th);
        const texture = Texture.from(crop, true);
        photo.texture = texture;
        photo.position.set(tx, ty);
        const target = RenderTexture.create({ width: tw, height: th });
        renderer.render({ container: world, target, clear: true, clearColor: [0, 0, 0, 0], transform: new Matrix().translate(-tx, -ty) });
        const canvas = renderer.extract.canvas({ target, frame: undefined }) as HTMLCanvasElement;
        ctx.drawImage(canvas, 0, 0, tw, th, tx, ty, tw, th);
        target.destroy(true);
        texture.destroy(true);
        // Let the page breathe between tiles.
        await new Promise((r) => setTimeout(r, 0));
      }
    }
  } finally {
    mesh.destroy();
    photo.destroy();
    world.destroy();
    scene.requestRender();
  }
  if (o.label) drawLabel(ctx, width, height);
  return out;
}

/** The photo as it is (left) beside the simulation (right). */
export function sideBySide(before: ImageBitmap, after: HTMLCanvasElement, o: ExportOptions): HTMLCanvasElement {
  const { width, height } = before;
  const out = makeCanvas(width * 2, height);
  const ctx = out.getContext('2d')!;
  ctx.drawImage(before, 0, 0);
  ctx.drawImage(after, width, 0);
  if (o.label) {
    const s = Math.max(14, Math.round(height / 40));
    ctx.font = `600 ${s}px system-ui, sans-serif`;
    ctx.fillStyle = 'rgba(255,255,255,0.9)';
    ctx.strokeStyle = 'rgba(0,0,0,0.6)';
    ctx.lineWidth = s / 8;
    for (const [text, x] of [['Before', s], ['After (simulation)', width + s]] as const) {
      ctx.strokeText(text, x, s * 1.6);
      ctx.fillText(text, x, s * 1.6);
    }
  }
  return out;
}

function drawLabel(ctx: CanvasRenderingContext2D, width: number, height: number): void {
  const s = Math.max(12, Math.round(Math.min(width, height) / 60));
  ctx.font = `600 ${s}px system-ui, sans-serif`;
  ctx.textAlign = 'right';
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.strokeStyle = 'rgba(0,0,0,0.55)';
  ctx.lineWidth = s / 8;
  ctx.strokeText('SMP simulation', width - s, height - s);
  ctx.fillText('SMP simulation', width - s, height - s);
  ctx.textAlign = 'left';
}

function makeCanvas(w: number, h: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
}

/** PNG bytes of a canvas (no metadata: a canvas carries none). */
export function toPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The image could not be encoded.'))), 'image/png'));
}
