/** A density raster (dots per cm²) stretched over the whole region, sampled bilinearly at cell centres. */
export interface DensityRaster {
  cols: number;
  rows: number;
  /** Row-major, `cols * rows` values; 0 means no dots there. */
  values: Float32Array;
}

/** Dots per cm²: one number for the whole region, or a raster. */
export type DensityField = number | DensityRaster;

export interface PatternRequest {
  /** Size of the region in px. */
  width: number;
  height: number;
  /** Scale of the photo: px per mm. */
  pxPerMm: number;
  /** Dots per cm². */
  density: DensityField;
  /** Healed dot diameter in mm: mean and standard deviation. */
  dotDiameterMm: { mean: number; spread: number };
  /** Every random choice derives from this string. */
  seed: string;
  /**
   * Generate the stipple at this density (dots/cm²) and thin it to `density`. When set (and at least the field's
   * maximum), changing `density` adds or removes dots but never moves one. Default: the field's maximum.
   */
  generationDensity?: number;
  /** Refuse requests that would make more dots than this. Default 5 million. */
  maxDots?: number;
}

/** The dots: the first `count` entries of each array. */
export interface PatternResult {
  count: number;
  /** Centre in px, region coordinates. */
  x: Float32Array;
  y: Float32Array;
  /** Diameter in px. */
  diameter: Float32Array;
  /** Session order in [0,1): the dots with rank < t are a blue-noise set at t × the requested density. */
  rank: Float32Array;
  /** Per-dot tone variation in [-1, 1): how much darker (+) or lighter (−) than the mean this dot takes pigment. */
  tone: Float32Array;
}

export const DEFAULT_MAX_DOTS = 5_000_000;
