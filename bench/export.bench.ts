/**
 * Export benchmark (npm run bench:export): headless Chromium (Debian's, SwiftShader WebGL) against the app's Vite dev
 * server, driving bench/export.html.
 *
 * A 6000 × 4000 (24-megapixel) skin-like photo with dots at 15 px/mm (generated at 250/cm², drawn at half: 125/cm²),
 * exported before/after side by side at full resolution (12000 × 4000) with labels and the stamp.
 *   Ours: the app's export (src/render/export-client.ts): the photo transferred to the export worker, pixi.js on an
 *         OffscreenCanvas drawing the dots with the app's DotLayer tile by tile, the 2D composition and the encoding
 *         there too.
 *   Baseline: the same composite drawn on the main thread with a 2D canvas (the photo twice; the same dots as filled
 *         arcs, pigment multiplied at the same opacity; the same labels and stamp) and encoded with canvas.toBlob.
 * Each timed from the start to the encoded Blob; the longest main-thread task is what a PerformanceObserver for
 * 'longtask' in the page saw while it ran. PNG (the app's default) is the headline; JPEG rows follow.
 *
 * Must: vsBaseline (ours ÷ baseline, PNG medians) ≤ 1 and longestTaskMs (ours, every run, the cold first one included) ≤ 100; aim: ≤ 2 s.
 * The last line of stdout is one JSON object; nothing is printed after it.
 */
import os from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from '../test/browser/global-setup.ts';
import { openBenchPage, startBenchServer, withTimeout } from './bench-page.ts';
import { fmt as fmtDigits, median, round, table } from './lib.ts';
import type { ExportBenchOptions, ExportBenchReport, ExportRun } from './export-types.ts';

const OPTIONS: ExportBenchOptions = { width: 6000, height: 4000, pxPerMm: 15, generationDensity: 250, share: 0.5, runs: 5, formats: ['png', 'jpeg'] };
const LONG_TASK_LIMIT_MS = 100;
const AIM_MS = 2000;
const STEP_TIMEOUT_MS = 540_000;

const fmt = (v: number, digits = 0): string => fmtDigits(v, digits);

async function run(): Promise<{ report: ExportBenchReport; errors: string[]; wallMs: number }> {
  const t0 = performance.now();
  const errors: string[] = [];
  const app = await startBenchServer('bench/export.html');
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch(CHROMIUM);
    const page = await openBenchPage(browser, `${app.url}/bench/export.html`, errors, { width: 1024, height: 768 });
    const report = await withTimeout(
      page.evaluate((o) => (globalThis as unknown as { exportBench: { run(o: ExportBenchOptions): Promise<ExportBenchReport> } }).exportBench.run(o), OPTIONS),
      'the export runs',
      STEP_TIMEOUT_MS,
    );
    return { report, errors, wallMs: performance.now() - t0 };
  } catch (e) {
    for (const err of errors) console.error(err);
    throw e;
  } finally {
    await browser?.close();
    await app.close();
  }
}

const loadAtStart = os.loadavg();
const { report, errors, wallMs } = await run();
const pick = (m: ExportRun['method'], f: ExportRun['format']): ExportRun[] => report.runs.filter((r) => r.method === m && r.format === f);
const rowOf = (m: ExportRun['method'], f: ExportRun['format'], note: string): string[] => {
  const r = pick(m, f);
  return [`${m === 'ours' ? 'ours (worker, pixi + DotLayer tiles)' : 'baseline (main thread, 2D arcs)'}`, f.toUpperCase(), fmt(median(r.map((x) => x.ms))),
    fmt(median(r.map((x) => x.drawMs))), fmt(median(r.map((x) => x.encodeMs))), fmt(Math.max(...r.map((x) => x.longestTaskMs))), `${(median(r.map((x) => x.bytes)) / 1e6).toFixed(1)} MB`, note];
};

const exportMs = median(pick('ours', 'png').map((r) => r.ms));
const baselineMs = median(pick('baseline', 'png').map((r) => r.ms));
const vsBaseline = exportMs / baselineMs;
// Every export of ours counts, the first (cold) one too.
const longestTaskMs = Math.max(report.coldLongestTaskMs, ...report.runs.filter((r) => r.method === 'ours').map((r) => r.longestTaskMs));
const baselineLongestTaskMs = Math.max(...report.runs.filter((r) => r.method === 'baseline').map((r) => r.longestTaskMs));
const jpegMs = median(pick('ours', 'jpeg').map((r) => r.ms));
const baselineJpegMs = median(pick('baseline', 'jpeg').map((r) => r.ms));

console.log(`Export benchmark: ${report.gpu}; ${os.availableParallelism()} cores, load ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`);
console.log(
  `Photo ${report.photo.width}×${report.photo.height} (${((report.photo.width * report.photo.height) / 1e6).toFixed(0)} MP), before/after side by side → ` +
    `${report.output.width}×${report.output.height}; ${report.dotsDrawn.toLocaleString('en-US')} dots drawn of ${report.dotsGenerated.toLocaleString('en-US')} generated ` +
    `(${OPTIONS.pxPerMm} px/mm, ${OPTIONS.generationDensity * OPTIONS.share}/cm²). ${OPTIONS.runs} timed runs of each, alternating; ` +
    `setup: photo ${fmt(report.setupMs.photo)} ms, pattern ${fmt(report.setupMs.pattern)} ms; first (cold) export ${fmt(report.coldMs)} ms (worker + pixi start, dots sent).`,
);
console.log('');
console.log(table(
  ['method', 'format', 'ms median', 'draw ms', 'encode ms', 'longest task ms', 'size', 'notes'],
  [
    rowOf('ours', 'png', 'start → Blob; draw and encode in the worker'),
    rowOf('baseline', 'png', 'start → Blob; toBlob encodes'),
    rowOf('ours', 'jpeg', 'quality 0.92'),
    rowOf('baseline', 'jpeg', 'quality 0.92'),
  ],
));
const phaseNames = Object.keys(pick('ours', 'png')[0]?.phases ?? {});
console.log(`ours, PNG, the worker's drawing (medians, ms): ${phaseNames.map((k) => `${k} ${fmt(median(pick('ours', 'png').map((r) => r.phases![k]!)))}`).join(', ')} ` +
  '(sort: dots into tiles; panes: the photo panes in 2D; gpu: DotLayer tiles drawn and read back; compose: the tiles multiplied into the picture; overlays: labels and stamp)');
console.log('');
console.log(`ours ÷ baseline (PNG): ${vsBaseline.toFixed(2)} (must ≤ 1: ${vsBaseline <= 1 ? 'met' : 'NOT met'}); JPEG: ${(jpegMs / baselineJpegMs).toFixed(2)}`);
// A baseline with no long task would mean the observer saw nothing (its 2D drawing blocks for hundreds of ms).
const longestTaskMet = longestTaskMs <= LONG_TASK_LIMIT_MS && baselineLongestTaskMs > 0;
console.log(`longest main-thread task during our exports (the first included): ${fmt(longestTaskMs)} ms (must ≤ ${LONG_TASK_LIMIT_MS}: ${longestTaskMet ? 'met' : 'NOT met'}); baseline ${fmt(baselineLongestTaskMs)} ms`);
console.log(`aim ≤ ${AIM_MS} ms: PNG ${exportMs <= AIM_MS ? 'met' : 'not met'} (${fmt(exportMs)} ms), JPEG ${jpegMs <= AIM_MS ? 'met' : 'not met'} (${fmt(jpegMs)} ms)`);
if (errors.length > 0) {
  console.log(`page errors (${errors.length}):`);
  for (const e of [...new Set(errors)]) console.log(`  ${e}`);
}
console.log(`wall time ${fmt(wallMs / 1000, 1)} s`);
console.log(JSON.stringify({
  bench: 'export',
  gpu: report.gpu,
  cores: os.availableParallelism(),
  photoMegapixels: round((report.photo.width * report.photo.height) / 1e6),
  output: `${report.output.width}x${report.output.height}`,
  dots: report.dotsDrawn,
  format: 'png',
  exportMs: round(exportMs),
  baselineMs: round(baselineMs),
  vsBaseline: round(vsBaseline, 3),
  longestTaskMs: round(longestTaskMs),
  baselineLongestTaskMs: round(baselineLongestTaskMs),
  exportDrawMs: round(median(pick('ours', 'png').map((r) => r.drawMs))),
  exportEncodeMs: round(median(pick('ours', 'png').map((r) => r.encodeMs))),
  jpegExportMs: round(jpegMs),
  jpegBaselineMs: round(baselineJpegMs),
  coldMs: round(report.coldMs),
  coldLongestTaskMs: round(report.coldLongestTaskMs),
  vsBaselineMet: vsBaseline <= 1,
  longestTaskMet,
  aimMet: exportMs <= AIM_MS,
  runs: OPTIONS.runs,
  pageErrors: errors.length,
  wallS: round(wallMs / 1000),
}));
