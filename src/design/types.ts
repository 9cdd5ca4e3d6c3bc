/** A point in photo pixels (full-resolution photo coordinates, y down). */
export interface Point {
  x: number;
  y: number;
}

export type ScaleSource = 'default' | 'ruler' | 'pupils' | 'demo';

export interface Scale {
  pxPerMm: number;
  calibrated: boolean;
  source: ScaleSource;
}

export type HairlinePreset = 'straight' | 'rounded' | 'mature' | 'm-shape' | 'widows-peak';

export interface Hairline {
  /** Control points of a smooth curve, left to right. With mirror on, the curve is made symmetric about midlineX. */
  points: Point[];
  mirror: boolean;
  midlineX: number;
  /** Width of the soft transition band in which density ramps up, mm (0–20). */
  bandMm: number;
  /** 0 = a clean curve; 1 = the default small- and large-scale irregularity of a natural hairline. */
  irregularity: number;
  /** 0–1: bare gaps along the band at a larger scale (the "broken" style); 0 = none. */
  gaps: number;
}

/** The styles clinics name; each sets the band, irregularity and gaps (see hairline-style.ts). 'custom' = edited. */
export type HairlineStyle = 'soft' | 'broken' | 'sharp' | 'custom';

export type EditMode = 'add' | 'erase';

/** A brush stroke or a polygon that adds to or removes from the treatment area. */
export type AreaEdit =
  | { kind: 'brush'; mode: EditMode; sizeMm: number; feather: number; points: Point[] }
  | { kind: 'polygon'; mode: EditMode; points: Point[] };

export interface DotStyle {
  /** Dots per cm². */
  density: number;
  /** Healed dot diameter, mm: mean and standard deviation. */
  diameterMm: number;
  spreadMm: number;
  /** Pigment colour, #rrggbb. */
  pigment: string;
  /** 0–1: how much pigment a dot holds at its centre. */
  opacity: number;
  /** 0–0.8: pigment diluted for lighter skin (0 = neat pigment). */
  dilution: number;
  seed: string;
}

/** A zone's outline: a polygon, an ellipse (alopecia patch), a polyline with a width (FUT strip scar), or dots (FUE scars). */
export type ZoneShape =
  | { kind: 'polygon'; points: Point[] }
  | { kind: 'ellipse'; cx: number; cy: number; rxMm: number; ryMm: number; angle: number }
  | { kind: 'strip'; points: Point[]; widthMm: number }
  | { kind: 'dots'; points: Point[]; sizeMm: number };

/**
 * scalp zones (front, mid-scalp, crown, sides) change how the treatment area is worked; scar and patch zones also
 * add themselves to the area, and their tissue fades faster and takes pigment unevenly.
 */
export type ZoneRole = 'front' | 'mid' | 'crown' | 'side' | 'scar' | 'patch';

export interface Zone {
  id: string;
  name: string;
  role: ZoneRole;
  shape: ZoneShape;
  /** Soft edge, mm, over which the zone blends into its surroundings (a side's ramp into existing hair). */
  featherMm: number;
  /** Density as a multiple of the body density (0–2); scars and patches default to 1: they match their surroundings. */
  density: number;
  /** Dot size as a multiple of the body's (0.5–2). */
  size: number;
  /** Shade: −1 lighter … +1 darker, in shade steps. */
  shade: number;
  /** Crown only: a whorl (density spirals about the zone's centre). */
  whorl: boolean;
}

/** Sessions, healing and fading: every figure is a default the user can change (see ../shared/smp-facts.md). */
export interface Treatment {
  /** Cumulative share of the final density after each session, ascending, last = 1; 2–4 sessions. */
  shares: number[];
  /** Days between sessions (10–30). */
  intervalDays: number;
  /** Date of session 1, ISO yyyy-mm-dd, or '' when not planned. */
  startDate: string;
  /** How much lighter each session before the last is (0–0.4). */
  shadeStep: number;
  /** Dot size in the hairline band as a multiple of the body's: the single-point needle (0.5–1). */
  hairlineNeedle: number;
  /** Diameter of a fresh (scabbed) dot, mm (up to ~0.25). */
  freshDiameterMm: number;
  /** Days until a dot shows its true healed colour (~30). */
  healDays: number;
  /** Years over which dots lighten noticeably before a touch-up (3–8). */
  fadeYears: number;
  /** 0–1: sun (UV) exposure; speeds fading. */
  sun: number;
  /** How much faster scar tissue fades (1–3). */
  scarFade: number;
}

/** Fitzpatrick skin type I–VI, and colours sampled from the photo (#rrggbb, or '' when not sampled). */
export interface Skin {
  fitzpatrick: 1 | 2 | 3 | 4 | 5 | 6;
  skinColour: string;
  hairColour: string;
}

export interface Risks {
  /** Wrong (tattoo) ink drifting blue-green over the years. */
  blueDrift: boolean;
  /** Dots placed too deep spread into blurred blobs. */
  blowouts: boolean;
  /** Too dense, too uniform: the flat "helmet" look. */
  helmet: boolean;
}

/** What the picture shows: after which session, how long after it, with which risks. */
export interface Preview {
  /** 1 … shares.length. */
  session: number;
  /** Days since that session: 0 (fresh) … 2922 (8 years). */
  days: number;
  risks: Risks;
}

/** Landmarks the technician places on a front view; null until placed. */
export interface Guides {
  glabella: Point | null;
  browCrease: Point | null;
  leftEye: Point | null;
  rightEye: Point | null;
  /** Hairline centre height above the glabella, mm (~80). */
  heightMm: number;
  /** Minimum height above the highest brow crease, mm (15–20). */
  browMm: number;
}

/** Thinning-hair mode: dots only on visible scalp between existing hair. */
export interface Thinning {
  enabled: boolean;
  /** 0–1: how much darker than the skin a pixel must be to count as hair. */
  threshold: number;
  /** Corrections to the computed mask: strokes that mark hair or scalp. */
  edits: MaskEdit[];
}

/** A correction to the computed hair mask: a brush stroke in photo px that marks hair or scalp. */
export interface MaskEdit {
  mode: 'hair' | 'scalp';
  /** Brush diameter, mm. */
  sizeMm: number;
  points: Point[];
}

export interface Design {
  version: 2;
  photo: { width: number; height: number };
  scale: Scale;
  hairline: Hairline;
  style: HairlineStyle;
  area: { edits: AreaEdit[] };
  dots: DotStyle;
  zones: Zone[];
  treatment: Treatment;
  skin: Skin;
  preview: Preview;
  guides: Guides;
  thinning: Thinning;
}

/** Limits every control and every loaded design respects. */
export const LIMITS = {
  density: { min: 10, max: 250 },
  bandMm: { min: 0, max: 20 },
  diameterMm: { min: 0.05, max: 0.4 },
  spreadMm: { min: 0, max: 0.1 },
  opacity: { min: 0, max: 1 },
  dilution: { min: 0, max: 0.8 },
  zoneDensity: { min: 0, max: 2 },
  zoneSize: { min: 0.5, max: 2 },
  featherMm: { min: 0, max: 40 },
  sessions: { min: 2, max: 4 },
  intervalDays: { min: 7, max: 60 },
  shadeStep: { min: 0, max: 0.4 },
  hairlineNeedle: { min: 0.5, max: 1 },
  freshDiameterMm: { min: 0.05, max: 0.4 },
  healDays: { min: 7, max: 60 },
  fadeYears: { min: 2, max: 12 },
  scarFade: { min: 1, max: 3 },
  previewDays: { min: 0, max: 2922 },
  guideHeightMm: { min: 50, max: 110 },
  browMm: { min: 5, max: 40 },
};

/** Defaults for the parts of a design a v1 file did not have, and for new designs. */
export const DEFAULT_TREATMENT: Treatment = {
  shares: [0.3, 0.7, 1],
  intervalDays: 14,
  startDate: '',
  shadeStep: 0.15,
  hairlineNeedle: 0.8,
  freshDiameterMm: 0.22,
  healDays: 30,
  fadeYears: 5,
  sun: 0.3,
  scarFade: 1.8,
};
export const DEFAULT_SKIN: Skin = { fitzpatrick: 3, skinColour: '', hairColour: '' };
/** Healed, after the last session: the result a client is promised. */
export const DEFAULT_PREVIEW: Preview = { session: 3, days: 60, risks: { blueDrift: false, blowouts: false, helmet: false } };
export const DEFAULT_GUIDES: Guides = { glabella: null, browCrease: null, leftEye: null, rightEye: null, heightMm: 80, browMm: 17 };
export const DEFAULT_THINNING: Thinning = { enabled: false, threshold: 0.25, edits: [] };

/** Fresh copies of the parts format 2 added, at their defaults: for new designs and for upgraded version-1 ones. */
export function realismDefaults(): Pick<Design, 'zones' | 'treatment' | 'skin' | 'preview' | 'guides' | 'thinning'> {
  return {
    zones: [],
    treatment: { ...DEFAULT_TREATMENT, shares: [...DEFAULT_TREATMENT.shares] },
    skin: { ...DEFAULT_SKIN },
    preview: { ...DEFAULT_PREVIEW, risks: { ...DEFAULT_PREVIEW.risks } },
    guides: { ...DEFAULT_GUIDES },
    thinning: { ...DEFAULT_THINNING, edits: [] },
  };
}

export const DENSITY_PRESETS: { name: string; density: number }[] = [
  { name: 'Light stubble', density: 40 },
  { name: 'Thinning cover', density: 70 },
  { name: 'Natural shave', density: 100 },
  { name: 'Dense buzz cut', density: 150 },
  { name: 'Very dense', density: 200 },
];
