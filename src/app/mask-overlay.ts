import type { MaskBox } from '../photo/hair-mask.ts';
import type { View } from '../render/view.ts';

/** Hair, as the "Show mask" overlay tints it (the canvas is drawn at the opacity app.css gives it). */
const TINT = [0, 200, 255] as const;

/**
 * The hair mask tinted over the photo: a 2D canvas of the mask's own pixels over the WebGL view, under the tools'
 * overlay, moved and scaled with the view through a CSS transform (set through the CSSOM: the CSP refuses style
 * attributes), so it costs nothing while panning.
 */
export function createMaskOverlay(host: HTMLElement): {
  /** `dirty`: the only pixels changed since this mask's data was last shown (painted in place); the rest is kept. */
  show(mask: { width: number; height: number; data: Uint8Array } | null, photoWidth: number, dirty?: MaskBox): void;
  setView(v: View): void;
} {
  const canvas = document.createElement('canvas');
  canvas.className = 'hair-mask';
  canvas.dataset.testid = 'hair-mask-overlay';
  canvas.setAttribute('aria-hidden', 'true');
  canvas.hidden = true;
  // Just above the WebGL canvas, below the tools' SVG overlay (their cursors stay on top).
  host.insertBefore(canvas, host.querySelector('svg.overlay'));
  let photoPerMaskPx = 1;
  let view: View = { scale: 1, x: 0, y: 0 };
  const place = (): void => {
    const k = view.scale * photoPerMaskPx;
    canvas.style.transform = `matrix(${k}, 0, 0, ${k}, ${view.x}, ${view.y})`;
  };
  /** The mask data the canvas shows, and its pixels (kept, so a stroke redraws only its box). */
  let drawn: Uint8Array | null = null;
  let img: ImageData | null = null;
  // RGBA bytes as one little-endian word: alpha in the top byte.
  const hair = (255 << 24) | (TINT[2] << 16) | (TINT[1] << 8) | TINT[0];
  return {
    show(mask, photoWidth, dirty) {
      canvas.hidden = !mask;
      const g = mask && canvas.getContext('2d');
      if (!mask || !g) {
        drawn = null;
        return;
      }
      const whole = { x0: 0, y0: 0, x1: mask.width, y1: mask.height };
      const box = dirty && drawn === mask.data && img?.width === mask.width && img.height === mask.height ? dirty : whole;
      if (img?.width !== mask.width || img.height !== mask.height) {
        canvas.width = mask.width;
        canvas.height = mask.height;
        img = g.createImageData(mask.width, mask.height);
      }
      const px = new Uint32Array(img.data.buffer);
      for (let y = box.y0; y < box.y1; y++) for (let x = box.x0, i = y * mask.width + x; x < box.x1; x++, i++) px[i] = mask.data[i] ? hair : 0;
      if (box.x1 > box.x0 && box.y1 > box.y0) g.putImageData(img, 0, 0, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
      drawn = mask.data;
      photoPerMaskPx = photoWidth / mask.width;
      place();
    },
    setView(v) {
      view = v;
      place();
    },
  };
}
