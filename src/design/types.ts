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
}

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
  seed: string;
}

export interface Design {
  version: 1;
  photo: { width: number; height: number };
  scale: Scale;
  hairline: Hairline;
  area: { edits: AreaEdit[] };
  dots: DotStyle;
}

/** Limits every control and every loaded design respects. */
export const LIMITS = {
  density: { min: 10, max: 250 },
  bandMm: { min: 0, max: 20 },
  diameterMm: { min: 0.05, max: 0.4 },
  spreadMm: { min: 0, max: 0.1 },
  opacity: { min: 0, max: 1 },
};

export const DENSITY_PRESETS: { name: string; density: number }[] = [
  { name: 'Light stubble', density: 40 },
  { name: 'Thinning cover', density: 70 },
  { name: 'Natural shave', density: 100 },
  { name: 'Dense buzz cut', density: 150 },
  { name: 'Very dense', density: 200 },
];
