// What bench/export-page.ts hands back to bench/export.bench.ts (plain JSON through page.evaluate).

export interface ExportBenchOptions {
  width: number;
  height: number;
  pxPerMm: number;
  /** Generated at this density (dots/cm²), drawn at `share` of it, as the app does. */
  generationDensity: number;
  share: number;
  runs: number;
  formats: ('png' | 'jpeg')[];
}

export interface ExportRun {
  method: 'ours' | 'baseline';
  format: 'png' | 'jpeg';
  ms: number;
  /** Longest main-thread task (PerformanceObserver 'longtask', so ≥ 50 ms, else 0) while it ran. */
  longestTaskMs: number;
  bytes: number;
  width: number;
  height: number;
  /** Ours: the worker's drawing and encoding; baseline: drawing, encoding (toBlob). */
  drawMs: number;
  encodeMs: number;
  /** Ours: where the worker's drawing time went (ExportResult.phases). */
  phases?: Record<string, number>;
}

export interface ExportBenchReport {
  gpu: string;
  photo: { width: number; height: number };
  output: { width: number; height: number };
  dotsGenerated: number;
  dotsDrawn: number;
  setupMs: { photo: number; pattern: number };
  /** The first export (worker start, pixi init, dots sent): not in the timed runs. */
  coldMs: number;
  /** Longest main-thread task during that first export: the one a user waits on, so it counts for the must too. */
  coldLongestTaskMs: number;
  runs: ExportRun[];
}
