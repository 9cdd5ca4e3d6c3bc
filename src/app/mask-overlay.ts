import type { View } from '../render/view.ts';

/** Hair, as the "Show mask" overlay tints it (the canvas is drawn at the opacity app.css gives it). */
const TINT = [0, 200, 255] as const;

/**
 * The hair mask tinted over the photo: a 2D canvas of the mask's own pixels over the WebGL view, under the tools'
 * overlay, moved and scaled with the view through a CSS transform (set through the CSSOM: the CSP refuses style
 * attributes), so it costs nothing while panning.
 */
export function createMaskOverlay(host: HTMLElement): {
  show(mask: { width: number; height: number; data: Uint8Array } | null, photoWidth: number): void;
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
  return {
    show(mask, photoWidth) {
      canvas.hidden = !mask;
      if (!mask) return;
      if (canvas.width !== mask.width || canvas.height !== mask.height) {
        canvas.width = mask.width;
        canvas.height = mask.height;
      }
      const g = canvas.getContext('2d');
      if (!g) return;
      const img = g.createImageData(mask.width, mask.height);
      const px = new Uint32Array(img.data.buffer);
      // RGBA bytes as one little-endian word: alpha in the top byte.
      const hair = (255 << 24) | (TINT[2] << 16) | (TINT[1] << 8) | TINT[0];
      for (let i = 0; i < mask.data.length; i++) if (mask.data[i]) px[i] = hair;
      g.putImageData(img, 0, 0);
      photoPerMaskPx = photoWidth / mask.width;
      place();
    },
    setView(v) {
      view = v;
      place();
    },
  };
}
