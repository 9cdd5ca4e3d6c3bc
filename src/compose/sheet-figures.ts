import type { Design, Scale } from '../design/types.ts';
import { clampSession, sessionDates } from '../realism/sessions.ts';

/** What the consultation sheet says, as text: pure, so every figure can be checked without a page. */
export interface SheetFigures {
  /** Date of the consultation, written out ("21 November 2026"). */
  date: string;
  /** Only what the user typed; null when nothing was. */
  client: string | null;
  rows: { label: string; value: string }[];
  sessions: { label: string; share: string; density: string; when: string }[];
  statement: string;
}

export interface SheetInput {
  design: Design;
  /** ISO yyyy-mm-dd. */
  consultationDate: string;
  clientName: string;
  /** hairlineHeightAboveGlabellaCm(design): null when not measured. */
  hairlineHeightCm: number | null;
  /** Named pigments, for the pigment's name. */
  swatches: readonly { name: string; hex: string }[];
}

export const SIMULATION_STATEMENT = 'This picture is a simulation, not a guarantee of the result.';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-12-01" → "1 December 2026"; anything not a real date is returned as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCMonth() !== Number(m[2]) - 1) return iso;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The local calendar date as ISO yyyy-mm-dd (a consultation's date is the one on the wall, not UTC's). */
export function localIsoDate(now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** A figure with at most `digits` decimals and no trailing zeros: 0.12 → "0.12", 0.125 → "0.125", 100 → "100". */
export function figure(v: number, digits = 3): string {
  return String(Number(v.toFixed(digits)));
}

export function pigmentText(hex: string, dilution: number, swatches: SheetInput['swatches']): string {
  const named = swatches.find((s) => s.hex.toLowerCase() === hex.toLowerCase());
  const diluted = dilution > 0 ? `diluted ${Math.round(dilution * 100)}%` : 'not diluted';
  return `${named ? named.name : 'Custom colour'} (${hex.toLowerCase()}), ${diluted}`;
}

export function scaleText(s: Scale): string {
  if (!s.calibrated) return 'Not calibrated: sizes on the photo are estimates';
  if (s.source === 'ruler') return `Calibrated with a ruler in the photo (${figure(s.pxPerMm, 2)} px per mm)`;
  if (s.source === 'pupils') return `Calibrated by the distance between the pupils (${figure(s.pxPerMm, 2)} px per mm)`;
  return `Known scale of the demo photo (${figure(s.pxPerMm, 2)} px per mm)`;
}

export function hairlineText(heightCm: number | null, calibrated: boolean): string {
  if (heightCm !== null && calibrated) return `${heightCm.toFixed(1)} cm above the glabella (centre of the hairline)`;
  return calibrated ? 'Not measured (no glabella marked on the photo)' : 'Not measured (the photo is not calibrated)';
}

/** Each session: its cumulative share of the final density, the density that is, and its date or its offset. */
export function sessionRows(d: Design): SheetFigures['sessions'] {
  const t = d.treatment;
  const dates = sessionDates(t);
  return t.shares.map((share, k) => {
    const date = dates[k];
    const offset = k === 0 ? 'first session' : `+${k * t.intervalDays} days`;
    return {
      label: `Session ${k + 1}`,
      share: `${Math.round(share * 100)}% of the final density`,
      density: `${Math.round(share * d.dots.density)} dots per cm²`,
      when: date ? formatDate(date) : offset,
    };
  });
}

export function sheetFigures(i: SheetInput): SheetFigures {
  const d = i.design;
  const n = d.treatment.shares.length;
  const session = clampSession(d.treatment, d.preview.session);
  const name = i.clientName.trim();
  return {
    date: formatDate(i.consultationDate),
    client: name ? name : null,
    rows: [
      { label: 'Density', value: `${figure(d.dots.density, 0)} dots per cm²` },
      { label: 'Dot size', value: `${figure(d.dots.diameterMm)} mm healed (± ${figure(d.dots.spreadMm)} mm)` },
      { label: 'Sessions', value: `${n}, ${d.treatment.intervalDays} days apart` },
      { label: 'Pigment', value: pigmentText(d.dots.pigment, d.dots.dilution, i.swatches) },
      { label: 'Hairline height', value: hairlineText(i.hairlineHeightCm, d.scale.calibrated) },
      { label: 'Photo scale', value: scaleText(d.scale) },
      { label: 'The picture shows', value: `After session ${session} of ${n}, ${d.preview.days} days on` },
    ],
    sessions: sessionRows(d),
    statement: SIMULATION_STATEMENT,
  };
}

/** The whole photo, fitted within `maxSide` px (never enlarged). */
export function wholeRegion(photo: { width: number; height: number }, maxSide: number): { x: number; y: number; width: number; height: number; scale: number } {
  return { x: 0, y: 0, width: photo.width, height: photo.height, scale: Math.min(1, maxSide / Math.max(photo.width, photo.height)) };
}

/**
 * A close-up of the hairline's centre, where the dots can be seen one by one: `widthMm` × two thirds of it, from a
 * little in front of the hairline to well behind it, drawn `widthPx` wide (at least 1.5 screen px a healed dot would
 * need ~ 12 px per mm, so at most 4× the photo). Kept inside the photo.
 */
export function detailRegion(d: Design, widthMm = 50, widthPx = 900): { x: number; y: number; width: number; height: number; scale: number } {
  const ppm = d.scale.pxPerMm;
  const width = Math.min(d.photo.width, widthMm * ppm), height = Math.min(d.photo.height, (widthMm * 2 / 3) * ppm);
  const pts = d.hairline.points;
  const hairlineY = pts.length ? Math.max(...pts.map((p) => p.y)) : d.photo.height / 2;
  // Photos are y down and the scalp is above the hairline: a quarter of the picture in front of it, the rest behind.
  const cx = d.hairline.midlineX, top = hairlineY - height * 0.75;
  const x = Math.min(d.photo.width - width, Math.max(0, cx - width / 2));
  const y = Math.min(d.photo.height - height, Math.max(0, top));
  return { x, y, width, height, scale: Math.min(4, widthPx / width) };
}
