import * as v from 'valibot';
import type { Design } from '../design/types.ts';
import { CAPS } from '../design/caps.ts';
import { LIMITS, realismDefaults } from '../design/types.ts';

/**
 * Design files: a versioned JSON envelope checked against a schema. Unknown keys (including "__proto__") are
 * dropped, numbers must be finite and in range, arrays are bounded; files from older versions are migrated, files
 * from a newer app are refused. Nothing from a file reaches the app before it has passed.
 */
export const FILE_FORMAT = 'smp-design';
export const FILE_VERSION = 2;
/** Larger files are refused before parsing. */
export const MAX_FILE_BYTES = 2_000_000;

export class DesignFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DesignFileError';
  }
}

const finite = v.pipe(v.number(), v.finite());
const inRange = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
const coord = inRange(-1e6, 1e6);
const point = v.object({ x: coord, y: coord });
const points = (min: number, max: number) => v.pipe(v.array(point), v.minLength(min), v.maxLength(max));
const mode = v.picklist(['add', 'erase']);
const lim = (k: keyof typeof LIMITS) => inRange(LIMITS[k].min, LIMITS[k].max);
const hex = v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/));
const hexOrEmpty = v.pipe(v.string(), v.regex(/^(#[0-9a-fA-F]{6})?$/));
const maybePoint = v.nullable(point);

const zoneShape = v.variant('kind', [
  v.object({ kind: v.literal('polygon'), points: points(3, CAPS.polygonPoints) }),
  v.object({ kind: v.literal('ellipse'), cx: coord, cy: coord, rxMm: inRange(0.5, 500), ryMm: inRange(0.5, 500), angle: inRange(-10, 10) }),
  v.object({ kind: v.literal('strip'), points: points(2, CAPS.stripPoints), widthMm: inRange(0.5, 50) }),
  v.object({ kind: v.literal('dots'), points: points(1, CAPS.dotScars), sizeMm: inRange(0.2, 10) }),
]);
const zone = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  name: v.pipe(v.string(), v.maxLength(80)),
  role: v.picklist(['front', 'mid', 'crown', 'side', 'scar', 'patch']),
  shape: zoneShape,
  featherMm: lim('featherMm'),
  density: lim('zoneDensity'),
  size: lim('zoneSize'),
  shade: inRange(-1, 1),
  whorl: v.boolean(),
});
const shares = v.pipe(
  v.array(inRange(0.01, 1)),
  v.minLength(LIMITS.sessions.min),
  v.maxLength(LIMITS.sessions.max),
  v.check((a) => a.every((x, i) => i === 0 || x > a[i - 1]!) && a[a.length - 1] === 1, 'session shares must rise to 1'),
);

const designFields = v.object({
  version: v.literal(2),
  photo: v.object({ width: v.pipe(finite, v.integer(), v.minValue(1), v.maxValue(65536)), height: v.pipe(finite, v.integer(), v.minValue(1), v.maxValue(65536)) }),
  scale: v.object({ pxPerMm: inRange(0.05, 1000), calibrated: v.boolean(), source: v.picklist(['default', 'ruler', 'pupils', 'demo']) }),
  hairline: v.object({
    points: points(2, CAPS.hairlinePoints),
    mirror: v.boolean(),
    midlineX: coord,
    bandMm: inRange(LIMITS.bandMm.min, LIMITS.bandMm.max),
    irregularity: inRange(0, 2),
    gaps: inRange(0, 1),
  }),
  style: v.picklist(['soft', 'broken', 'sharp', 'custom']),
  area: v.object({
    edits: v.pipe(
      v.array(
        v.variant('kind', [
          v.object({ kind: v.literal('brush'), mode, sizeMm: inRange(0.5, 500), feather: inRange(0, 1), points: points(1, CAPS.strokePoints) }),
          v.object({ kind: v.literal('polygon'), mode, points: points(3, CAPS.polygonPoints) }),
        ]),
      ),
      v.maxLength(CAPS.areaEdits),
    ),
  }),
  dots: v.object({
    density: inRange(LIMITS.density.min, LIMITS.density.max),
    diameterMm: inRange(LIMITS.diameterMm.min, LIMITS.diameterMm.max),
    spreadMm: inRange(LIMITS.spreadMm.min, LIMITS.spreadMm.max),
    pigment: hex,
    opacity: inRange(0, 1),
    dilution: lim('dilution'),
    seed: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  }),
  zones: v.pipe(v.array(zone), v.maxLength(CAPS.zones)),
  treatment: v.object({
    shares,
    intervalDays: lim('intervalDays'),
    startDate: v.pipe(v.string(), v.regex(/^(\d{4}-\d{2}-\d{2})?$/)),
    shadeStep: lim('shadeStep'),
    hairlineNeedle: lim('hairlineNeedle'),
    freshDiameterMm: lim('freshDiameterMm'),
    healDays: lim('healDays'),
    fadeYears: lim('fadeYears'),
    sun: inRange(0, 1),
    scarFade: lim('scarFade'),
  }),
  skin: v.object({ fitzpatrick: v.picklist([1, 2, 3, 4, 5, 6]), skinColour: hexOrEmpty, hairColour: hexOrEmpty }),
  preview: v.object({
    session: v.pipe(finite, v.integer(), v.minValue(1), v.maxValue(LIMITS.sessions.max)),
    days: lim('previewDays'),
    risks: v.object({ blueDrift: v.boolean(), blowouts: v.boolean(), helmet: v.boolean() }),
  }),
  guides: v.object({
    glabella: maybePoint,
    browCrease: maybePoint,
    leftEye: maybePoint,
    rightEye: maybePoint,
    heightMm: lim('guideHeightMm'),
    browMm: lim('browMm'),
  }),
  thinning: v.object({
    enabled: v.boolean(),
    threshold: inRange(0, 1),
    edits: v.pipe(
      v.array(v.object({ mode: v.picklist(['hair', 'scalp']), sizeMm: inRange(0.2, 200), points: points(1, CAPS.strokePoints) })),
      v.maxLength(CAPS.maskEdits),
    ),
  }),
});
/** The previewed session is one the plan has. */
const designSchema = v.pipe(
  designFields,
  v.check((d) => d.preview.session <= d.treatment.shares.length, 'preview.session: the plan has fewer sessions'),
);

/** One step from version n to n + 1, on the raw parsed JSON. */
export type Migration = (file: Record<string, unknown>) => Record<string, unknown>;
/** MIGRATIONS[n] upgrades a version-n file. */
export const MIGRATIONS: Record<number, Migration> = {
  // 1 → 2: sessions, healing, skin, zones, guides and thinning-hair mode arrive, all at their defaults.
  1: (file) => ({ ...file, design: upgradeDesign1(file.design) }),
};

/** A version-1 design with the version-2 parts at their defaults (anything not a design is left for the schema to refuse). */
function upgradeDesign1(design: unknown): unknown {
  if (!isRecord(design)) return design;
  const hairline = isRecord(design.hairline) ? { gaps: 0, ...design.hairline } : design.hairline;
  const dots = isRecord(design.dots) ? { dilution: 0, ...design.dots } : design.dots;
  return {
    style: 'custom',
    ...realismDefaults(),
    ...design,
    hairline,
    dots,
    version: 2,
  };
}

export function serializeDesign(design: Design): string {
  return JSON.stringify({ format: FILE_FORMAT, version: FILE_VERSION, savedAt: new Date().toISOString(), design }, null, 1);
}

/** Parses a design file's text; throws DesignFileError with a message a user can act on. */
export function parseDesignFile(text: string, migrations: Record<number, Migration> = MIGRATIONS, current = FILE_VERSION): Design {
  if (text.length > MAX_FILE_BYTES) throw new DesignFileError(`This design file is too large (over ${MAX_FILE_BYTES / 1e6} MB): it is not one this app made.`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DesignFileError('This is not a design file: it is not valid JSON.');
  }
  if (!isRecord(raw) || raw.format !== FILE_FORMAT) throw new DesignFileError('This is not an SMP design file.');
  let file = raw;
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new DesignFileError('This design file has no valid version.');
  if (version > current) throw new DesignFileError(`This design was saved by a newer version of the app (format ${version}); update the app to open it.`);
  for (let n = version; n < current; n++) {
    const step = migrations[n];
    if (!step) throw new DesignFileError(`This design file's format ${n} can no longer be read.`);
    file = { ...step(file), version: n + 1 };
  }
  return validateDesign(file.design);
}

/** Checks a parsed design against the schema; the output holds only known keys. */
export function validateDesign(value: unknown): Design {
  // Designs stored by an older app (autosave, project bundles) carry their own version: bring them up first.
  const upgraded = isRecord(value) && value.version === 1 ? upgradeDesign1(value) : value;
  const result = v.safeParse(designSchema, upgraded);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue?.path?.map((p) => String(p.key)).join('.') ?? 'design';
    throw new DesignFileError(`This design file is damaged or invalid (${where}: ${issue?.message ?? 'invalid'}).`);
  }
  return result.output as Design;
}

export const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
