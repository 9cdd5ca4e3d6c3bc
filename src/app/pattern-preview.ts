// A first preview: a uniform-density dot pattern from the worker pool, drawn on a plain 2D canvas.
// Deliberately self-contained: the full simulator (pixi.js) will replace it.
import { isPatternError, type PatternRequest, type PatternResult } from '../pattern/index.ts';
import { createBrowserPatternPool } from '../pool/browser-pool.ts';

/** Fixed preview scale. */
export const PREVIEW_PX_PER_MM = 10;
/** Dots are generated at the slider's maximum and thinned, so dragging adds or removes dots but never moves one. */
const MAX_DENSITY = 250;
const SKIN = '#e3bfa0';
const INK = '#2a2623';

export interface PreviewElements {
  canvas: HTMLCanvasElement;
  density: HTMLInputElement;
  densityValue: HTMLOutputElement;
  seed: HTMLInputElement;
  dotCount: HTMLElement;
  status: HTMLElement;
}

export function mountPatternPreview(el: PreviewElements): { dispose(): void } {
  // willReadFrequently keeps the canvas on the CPU: one path of ~10⁴ arcs is slow on a software GPU (SwiftShader).
  const ctx = el.canvas.getContext('2d', { alpha: false, willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas is not available');
  const pool = createBrowserPatternPool();
  const format = new Intl.NumberFormat('en-US');

  const update = (): void => {
    const density = Number(el.density.value);
    el.densityValue.value = String(density);
    const request: PatternRequest = {
      width: el.canvas.width,
      height: el.canvas.height,
      pxPerMm: PREVIEW_PX_PER_MM,
      density,
      generationDensity: MAX_DENSITY,
      dotDiameterMm: { mean: 0.3, spread: 0.04 },
      seed: el.seed.value,
    };
    pool.generate(request, { key: 'preview' }).then(
      (dots) => {
        draw(ctx, el.canvas.width, el.canvas.height, dots);
        el.dotCount.textContent = format.format(dots.count);
        el.dotCount.dataset.density = String(density);
        el.dotCount.dataset.seed = request.seed;
        el.status.textContent = '';
      },
      (e: unknown) => {
        if (isPatternError(e) && e.code === 'cancelled') return; // superseded by a newer request
        el.status.textContent = e instanceof Error ? e.message : String(e);
        if (!isPatternError(e)) console.error(e); // a refused request is the user's to fix; anything else is a bug
      },
    );
  };

  draw(ctx, el.canvas.width, el.canvas.height); // bare skin until the first pattern arrives
  el.density.addEventListener('input', update);
  el.seed.addEventListener('input', update);
  update();
  return {
    dispose() {
      el.density.removeEventListener('input', update);
      el.seed.removeEventListener('input', update);
      pool.terminate();
    },
  };
}

function draw(ctx: CanvasRenderingContext2D, width: number, height: number, dots?: PatternResult): void {
  ctx.fillStyle = SKIN;
  ctx.fillRect(0, 0, width, height);
  if (!dots) return;
  ctx.fillStyle = INK;
  ctx.beginPath();
  for (let i = 0; i < dots.count; i++) {
    const x = dots.x[i]!, y = dots.y[i]!, r = dots.diameter[i]! / 2;
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  ctx.fill();
}
