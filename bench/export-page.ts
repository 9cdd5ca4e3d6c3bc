// The page of npm run bench:export (bench/export.html): a 24-megapixel before/after, side by side (12000 × 4000),
// exported the app's way (bench: exportBench.run) and by the baseline: the same composite drawn on the main thread with
// a 2D canvas (the photo twice, the same dots as filled arcs multiplied over it, the same labels and stamp) and
// encoded with canvas.toBlob. Runs alternate so both see the same machine noise.
import { compose } from '../src/compose/layout.ts';
import { generatePattern, type PatternResult } from '../src/pattern/index.ts';
import { coversCanvas, drawOverlays, drawPanes } from '../src/render/compose-draw.ts';
import type { DotLook } from '../src/render/dot-layer.ts';
import { createExportClient } from '../src/render/export-client.ts';
import type { ExportBenchOptions, ExportBenchReport, ExportRun } from './export-types.ts';
import { makeSkinPhoto } from './render-photo.ts';

const PIGMENT: [number, number, number] = [0.17, 0.15, 0.13];
const OPACITY = 0.85;

/** Long tasks seen so far: [start, duration]. */
const tasks: [number, number][] = [];
new PerformanceObserver((l) => l.getEntries().forEach((e) => tasks.push([e.startTime, e.duration]))).observe({ type: 'longtask' });
const longestBetween = (t0: number, t1: number): number =>
  tasks.filter(([s, d]) => s + d > t0 && s < t1).reduce((m, [, d]) => Math.max(m, d), 0);
/** Lets the long-task observer deliver what happened before asking it. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 500));

async function run(o: ExportBenchOptions): Promise<ExportBenchReport> {
  const t0 = performance.now();
  // A photo file, decoded as the app decodes one (createImageBitmap of the file: in memory, off the main thread).
  const photoCanvas = makeSkinPhoto(o.width, o.height, 'bench-export');
  const file = await new Promise<Blob>((res, rej) => photoCanvas.toBlob((b) => (b ? res(b) : rej(new Error('toBlob failed'))), 'image/jpeg', 0.95));
  photoCanvas.width = photoCanvas.height = 1;
  const photo = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const t1 = performance.now();
  const dots: PatternResult = generatePattern({
    width: o.width, height: o.height, pxPerMm: o.pxPerMm, density: o.generationDensity, generationDensity: o.generationDensity,
    dotDiameterMm: { mean: 0.12, spread: 0.02 }, seed: 'bench-export',
  });
  const t2 = performance.now();
  let drawn = 0;
  for (let i = 0; i < dots.count; i++) if (dots.rank[i]! < o.share) drawn++;
  const comp = compose({
    photo, layout: 'side', preset: 'original', fit: 'contain', labels: { before: 'Before', after: 'After' }, stamp: true, watermark: '', logo: null,
  });
  const look: Partial<DotLook> = { pigment: PIGMENT, opacity: OPACITY, share: o.share };
  const client = createExportClient();
  const size = { width: o.width, height: o.height };

  const ours = async (format: 'png' | 'jpeg'): Promise<ExportRun> => {
    // Both start from a decoded photo (the app decodes its file off the main thread); this one is handed over.
    const copy = await createImageBitmap(file, { imageOrientation: 'from-image' });
    await settle();
    const s = performance.now();
    const r = await client.run(
      { comp, photo: copy, logo: null, look, zoneField: null, hairMask: null, dots, photoSize: size, format: format === 'png' ? 'image/png' : 'image/jpeg', quality: 0.92, background: '#ffffff' },
      () => undefined,
    );
    const e = performance.now();
    await settle();
    return { method: 'ours', format, ms: e - s, longestTaskMs: longestBetween(s, e), bytes: r.blob.size, width: r.width, height: r.height, drawMs: r.renderMs, encodeMs: r.encodeMs, phases: r.phases };
  };

  const baseline = async (format: 'png' | 'jpeg'): Promise<ExportRun> => {
    await settle();
    const s = performance.now();
    const canvas = document.createElement('canvas');
    canvas.width = comp.width;
    canvas.height = comp.height;
    const ctx = canvas.getContext('2d', { alpha: false })!;
    if (!coversCanvas(comp)) {
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, comp.width, comp.height);
    }
    drawPanes(ctx, photo, comp);
    const after = comp.panes.find((p) => p.kind === 'after')!;
    // The same dots: every one under the share, a filled circle of its diameter, pigment multiplied at the opacity.
    ctx.save();
    ctx.beginPath();
    ctx.rect(after.clip.x, after.clip.y, after.clip.width, after.clip.height);
    ctx.clip();
    ctx.globalCompositeOperation = 'multiply';
    ctx.globalAlpha = OPACITY;
    ctx.fillStyle = `rgb(${PIGMENT.map((v) => Math.round(v * 255)).join(',')})`;
    ctx.beginPath();
    const s2 = comp.scale;
    for (let i = 0; i < dots.count; i++) {
      if (dots.rank[i]! >= o.share) continue;
      const x = after.dest.x + (dots.x[i]! - after.src.x) * s2, y = after.dest.y + (dots.y[i]! - after.src.y) * s2, r = (dots.diameter[i]! / 2) * s2;
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.fill();
    ctx.restore();
    drawOverlays(ctx, comp, null);
    const d = performance.now();
    const blob = await new Promise<Blob>((res, rej) => canvas.toBlob((b) => (b ? res(b) : rej(new Error('toBlob failed'))), format === 'png' ? 'image/png' : 'image/jpeg', 0.92));
    const e = performance.now();
    canvas.width = canvas.height = 1;
    await settle();
    return { method: 'baseline', format, ms: e - s, longestTaskMs: longestBetween(s, e), bytes: blob.size, width: comp.width, height: comp.height, drawMs: d - s, encodeMs: e - d };
  };

  // The first export starts the worker, pixi and its GL context, and sends the dots: timed apart.
  const c0 = performance.now();
  const cold = await ours('jpeg');
  const coldMs = performance.now() - c0;
  const runs: ExportRun[] = [];
  for (let k = 0; k < o.runs; k++) {
    for (const f of o.formats) {
      // Alternate which goes first, so neither always follows the other's garbage.
      if (k % 2 === 0) runs.push(await ours(f), await baseline(f));
      else runs.push(await baseline(f), await ours(f));
    }
  }
  client.dispose();
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const gpu = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'unknown';
  return {
    gpu, photo: size, output: { width: comp.width, height: comp.height }, dotsGenerated: dots.count, dotsDrawn: drawn,
    setupMs: { photo: t1 - t0, pattern: t2 - t1 }, coldMs, coldLongestTaskMs: cold.longestTaskMs, runs,
  };
}

(globalThis as unknown as { exportBench: { run: typeof run } }).exportBench = { run };
document.body.dataset.ready = 'true';
