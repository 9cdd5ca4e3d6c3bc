import { PatternError } from './errors.ts';
import { expectedDots } from './field.ts';
import { DEFAULT_MAX_DOTS, type PatternRequest } from './types.ts';

const MAX_SIDE_PX = 65_536;
const MAX_RASTER_CELLS = 16_777_216;

const bad = (message: string): never => {
  throw new PatternError('invalid-request', message);
};
const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Checks a request before any work; throws a PatternError with a message a user can act on. */
export function validateRequest(r: PatternRequest): void {
  if (r === null || typeof r !== 'object') bad('The pattern request is missing.');
  if (!isPositive(r.width) || !isPositive(r.height)) bad(`The region must have a positive width and height (got ${r.width} × ${r.height} px).`);
  if (r.width > MAX_SIDE_PX || r.height > MAX_SIDE_PX) bad(`The region is larger than ${MAX_SIDE_PX} px on a side.`);
  if (!isPositive(r.pxPerMm)) bad(`The scale must be a positive number of px per mm (got ${r.pxPerMm}).`);
  if (typeof r.seed !== 'string') bad('The seed must be a string.');
  const d = r.dotDiameterMm;
  if (!d || !isPositive(d.mean)) bad(`The dot diameter must be a positive number of mm (got ${d?.mean}).`);
  if (typeof d.spread !== 'number' || !Number.isFinite(d.spread) || d.spread < 0) bad(`The dot size spread must be 0 or more mm (got ${d.spread}).`);
  const f = r.density;
  let peak = 0;
  if (typeof f === 'number') {
    peak = f;
    if (!Number.isFinite(f) || f < 0) bad(`The density must be 0 or more dots per cm² (got ${f}).`);
  } else {
    if (!f || typeof f !== 'object') bad('The density must be a number or a raster.');
    if (!Number.isInteger(f.cols) || !Number.isInteger(f.rows) || f.cols < 1 || f.rows < 1) bad(`The density raster needs whole, positive cols and rows (got ${f.cols} × ${f.rows}).`);
    if (f.cols * f.rows > MAX_RASTER_CELLS) bad(`The density raster is larger than ${MAX_RASTER_CELLS} cells.`);
    if (!(f.values instanceof Float32Array) || f.values.length !== f.cols * f.rows) bad(`The density raster needs ${f.cols * f.rows} values in a Float32Array.`);
    for (const v of f.values) {
      if (!Number.isFinite(v) || v < 0) bad('The density raster holds a value that is not a number of 0 or more.');
      if (v > peak) peak = v;
    }
  }
  if (r.generationDensity !== undefined && !isPositive(r.generationDensity)) bad(`The generation density must be a positive number of dots per cm² (got ${r.generationDensity}).`);
  const budget = r.maxDots ?? DEFAULT_MAX_DOTS;
  if (!isPositive(budget)) bad(`The dot budget must be a positive number (got ${budget}).`);

  const areaCm2 = (r.width * r.height) / (100 * r.pxPerMm * r.pxPerMm);
  // The field's integral runs over every raster cell: worth it only when the peak's bound is over the budget (this
  // check runs on the main thread for every job).
  const expected = peak * areaCm2 <= budget ? 0 : expectedDots(f, r.width, r.height, r.pxPerMm);
  if (expected > budget) {
    throw new PatternError('over-budget', `This design would place about ${fmt(expected)} dots, more than the limit of ${fmt(budget)}. Lower the density or the area.`);
  }
  const generated = Math.max(peak, r.generationDensity ?? 0) * areaCm2;
  if (generated > 2 * budget) {
    throw new PatternError('over-budget', `This design needs about ${fmt(generated)} dots to generate, more than twice the limit of ${fmt(budget)}. Lower the peak density or the area.`);
  }
}

const fmt = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} million` : Math.round(n).toLocaleString('en-US'));
