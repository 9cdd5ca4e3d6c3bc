import { Container, Matrix, Mesh, RenderTexture, Sprite, Texture, type Geometry, type Shader } from 'pixi.js';
import type { Scene } from './scene.ts';

/** A part of the photo (photo px) and the screen px per photo px to draw it at. */
export interface SnapshotRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  scale: number;
}

/**
 * A region of the photo as the scene draws it (with its dots, their look and shader) or without them: for the
 * consultation sheet. Drawn at once, off screen, through the scene's own renderer; dots smaller than a pixel keep
 * their ink as tone (the shader's rule at any scale).
 */
export function renderSnapshot(
  scene: Scene,
  photo: { display: ImageBitmap | HTMLCanvasElement; displayScale: number },
  region: SnapshotRegion,
  withDots: boolean,
): HTMLCanvasElement {
  const k = region.scale;
  const width = Math.max(1, Math.round(region.width * k)), height = Math.max(1, Math.round(region.height * k));
  const renderer = scene.app.renderer;
  // Our own texture over the bitmap: Texture.from's cached one is the scene's, and it is freed below.
  const texture = Texture.from(photo.display, true);
  const sprite = new Sprite(texture);
  sprite.scale.set(1 / photo.displayScale);
  const world = new Container();
  world.addChild(sprite);
  let mesh: Mesh<Geometry, Shader> | undefined;
  if (withDots && scene.dots.dotCount > 0) {
    scene.dots.setDevicePxPerUnit(k);
    const dots = scene.dots.activeMesh();
    const m = new Mesh({ geometry: dots.geometry, shader: dots.shader!, blendMode: 'multiply' });
    mesh = m;
    world.addChild(m);
  }
  const target = RenderTexture.create({ width, height });
  try {
    renderer.render({ container: world, target, clear: true, clearColor: [0, 0, 0, 1], transform: new Matrix().translate(-region.x, -region.y).scale(k, k) });
    const drawn = renderer.extract.canvas({ target }) as HTMLCanvasElement;
    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    out.getContext('2d')!.drawImage(drawn, 0, 0, width, height);
    return out;
  } finally {
    target.destroy(true);
    mesh?.destroy();
    world.destroy({ children: true });
    texture.destroy(true);
    // The next frame puts the layer's zoom uniform back (renderNow sets it from the view).
    void scene.requestRender();
  }
}
