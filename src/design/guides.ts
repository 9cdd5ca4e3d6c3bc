import { hairlineCurve } from './hairline.ts';
import type { Design, Guides, Point } from './types.ts';

/**
 * Front-view guides for the hairline (see ../shared/smp-facts.md): the hairline's centre about 8 cm above the
 * glabella, or at least 1.5–2 cm above the highest brow crease, and the temple corners in line with the outer
 * corners of the eyes.
 *
 * Everything here assumes an upright front view: the face's midline vertical in the photo, y growing downward, so
 * "above" is −y and heights are vertical distances in photo px turned to mm by the design's scale. `leftEye` is the
 * outer eye corner on the photo's left (the client's right eye), `rightEye` the one on the photo's right.
 */

/** A hairline end up to this far outside its eye-corner line is "in line" (a placed point is not that exact). */
const TEMPLE_TOLERANCE_MM = 2;
/** A hairline centre up to this far below the guide is on it. */
const LOW_TOLERANCE_MM = 0.5;

export type GuideRule = 'glabella' | 'brow';
export type Landmark = 'glabella' | 'browCrease' | 'leftEye' | 'rightEye';
export const LANDMARKS: Landmark[] = ['glabella', 'browCrease', 'leftEye', 'rightEye'];

export interface GuideWarning {
  /** How far (mm) the hairline's centre sits below the guide line, or null when it does not. */
  lowMm: number | null;
  /** Temple corners further than TEMPLE_TOLERANCE_MM outside their eye-corner line, by how many mm. */
  templesOut: { side: 'left' | 'right'; mm: number }[];
  /** The gentle wording for the panel and the status bar. */
  text: string;
}

export interface GuideReport {
  /** y (photo px) of the guide line, or null without a glabella or brow crease. */
  guideY: number | null;
  /** Which rule placed it: heightMm above the glabella, or browMm above the brow crease (the higher line wins). */
  governs: GuideRule | null;
  /** y of each rule's line, where its landmark is placed. */
  glabellaLineY: number | null;
  browLineY: number | null;
  /** x of the vertical lines through the outer eye corners, photo left and right. */
  templeX: { left: number | null; right: number | null };
  /** The designed hairline's centre height above the glabella, mm (on the vertical through the glabella). */
  centreAboveGlabellaMm: number | null;
  /** Whether the scale is calibrated: without it every mm here rests on an assumed scale. */
  calibrated: boolean;
  /** Only with a calibrated scale. */
  warning: GuideWarning | null;
}

/** The hairline curve's y at x (linear between samples), or null where the curve does not reach. */
function curveYAt(curve: readonly Point[], x: number): number | null {
  for (let i = 1; i < curve.length; i++) {
    const a = curve[i - 1]!, b = curve[i]!;
    if ((a.x <= x && x <= b.x) || (b.x <= x && x <= a.x)) return b.x === a.x ? Math.min(a.y, b.y) : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
  }
  return null;
}

/** The guide lines, the designed hairline measured against them, and a warning when it sits too low or too wide. */
export function guideReport(d: Design): GuideReport {
  const g = d.guides;
  const ppm = d.scale.pxPerMm;
  const glabellaLineY = g.glabella ? g.glabella.y - g.heightMm * ppm : null;
  const browLineY = g.browCrease ? g.browCrease.y - g.browMm * ppm : null;
  // Both rules must hold, so the higher line (smaller y) is the guide.
  let guideY: number | null = null;
  let governs: GuideRule | null = null;
  if (glabellaLineY !== null && (browLineY === null || glabellaLineY <= browLineY)) [guideY, governs] = [glabellaLineY, 'glabella'];
  else if (browLineY !== null) [guideY, governs] = [browLineY, 'brow'];

  const curve = hairlineCurve(d.hairline);
  const midX = (g.glabella ?? g.browCrease)?.x ?? d.hairline.midlineX;
  const centreY = curve.length >= 2 ? curveYAt(curve, midX) : null;
  const centreAboveGlabellaMm = g.glabella && centreY !== null ? (g.glabella.y - centreY) / ppm : null;

  const lowMm = guideY !== null && centreY !== null && (centreY - guideY) / ppm > LOW_TOLERANCE_MM ? (centreY - guideY) / ppm : null;
  const templesOut: GuideWarning['templesOut'] = [];
  if (curve.length >= 2) {
    const xs = curve.map((p) => p.x);
    const leftEnd = Math.min(...xs), rightEnd = Math.max(...xs);
    if (g.leftEye && (g.leftEye.x - leftEnd) / ppm > TEMPLE_TOLERANCE_MM) templesOut.push({ side: 'left', mm: (g.leftEye.x - leftEnd) / ppm });
    if (g.rightEye && (rightEnd - g.rightEye.x) / ppm > TEMPLE_TOLERANCE_MM) templesOut.push({ side: 'right', mm: (rightEnd - g.rightEye.x) / ppm });
  }
  // Without a calibrated scale the mm are a guess: no warning, the panel says the scale is not set (guideNote).
  const warning = d.scale.calibrated && (lowMm !== null || templesOut.length > 0) ? { lowMm, templesOut, text: warningText(lowMm, templesOut, governs, g) } : null;
  return {
    guideY,
    governs,
    glabellaLineY,
    browLineY,
    templeX: { left: g.leftEye?.x ?? null, right: g.rightEye?.x ?? null },
    centreAboveGlabellaMm,
    calibrated: d.scale.calibrated,
    warning,
  };
}

/** The label of the guide line, e.g. "8 cm above glabella" or "17 mm above brow crease". */
export function guideLabel(rule: GuideRule, g: Guides): string {
  return rule === 'glabella' ? `${formatCm(g.heightMm)} above glabella` : `${formatMm(g.browMm)} mm above brow crease`;
}

/**
 * What the panel says under the guides: nothing until a landmark is placed; that the scale is not set while it is
 * not; else the warning, or nothing when the hairline is on or above the guide and within the temple lines.
 */
export function guideNote(d: Design, r: GuideReport = guideReport(d)): string {
  const g = d.guides;
  if (!g.glabella && !g.browCrease && !g.leftEye && !g.rightEye) return '';
  if (!r.calibrated) return 'The scale is not set, so the hairline cannot be checked against the guides in mm: calibrate the photo first.';
  return r.warning?.text ?? '';
}

function warningText(lowMm: number | null, templesOut: GuideWarning['templesOut'], rule: GuideRule | null, g: Guides): string {
  const parts: string[] = [];
  if (lowMm !== null && rule) {
    parts.push(`The hairline centre sits ${formatMm(lowMm)} mm below the guide (${guideLabel(rule, g)}); a hairline set too low tends to age badly, so consider raising it.`);
  }
  for (const t of templesOut) {
    parts.push(`The ${t.side} temple corner sits ${formatMm(t.mm)} mm outside the outer eye corner; temples usually stay in line with it.`);
  }
  return parts.join(' ');
}

/**
 * The designed hairline's centre height above the glabella in cm, for the consultation sheet; null when the scale
 * is not calibrated, no glabella is placed, or the hairline does not pass over it.
 */
export function hairlineHeightAboveGlabellaCm(d: Design): number | null {
  if (!d.scale.calibrated) return null;
  const mm = guideReport(d).centreAboveGlabellaMm;
  return mm === null ? null : mm / 10;
}

const formatMm = (mm: number): string => (Math.abs(mm - Math.round(mm)) < 0.05 ? String(Math.round(mm)) : mm.toFixed(1));
const formatCm = (mm: number): string => (mm % 10 === 0 ? `${mm / 10} cm` : `${formatMm(mm)} mm`);
