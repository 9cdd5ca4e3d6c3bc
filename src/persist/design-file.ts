import * as v from 'valibot';
import type { Design } from '../design/types.ts';
import { LIMITS } from '../design/types.ts';

/**
 * Design files: a versioned JSON envelope checked against a schema. Unknown keys (including "__proto__") are
 * dropped, numbers must be finite and in range, arrays are bounded; files from older versions are migrated, files
 * from a newer app are refused. Nothing from a file reaches the app before it has passed.
 */
export const FILE_FORMAT = 'smp-design';
export const FILE_VERSION = 1;
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

const designSchema = v.object({
  version: v.literal(1),
  photo: v.object({ width: v.pipe(finite, v.integer(), v.minValue(1), v.maxValue(65536)), height: v.pipe(finite, v.integer(), v.minValue(1), v.maxValue(65536)) }),
  scale: v.object({ pxPerMm: inRange(0.05, 1000), calibrated: v.boolean(), source: v.picklist(['default', 'ruler', 'pupils', 'demo']) }),
  hairline: v.object({
    points: points(2, 200),
    mirror: v.boolean(),
    midlineX: coord,
    bandMm: inRange(LIMITS.bandMm.min, LIMITS.bandMm.max),
    irregularity: inRange(0, 2),
  }),
  area: v.object({
    edits: v.pipe(
      v.array(
        v.variant('kind', [
          v.object({ kind: v.literal('brush'), mode, sizeMm: inRange(0.5, 500), feather: inRange(0, 1), points: points(1, 20_000) }),
          v.object({ kind: v.literal('polygon'), mode, points: points(3, 2_000) }),
        ]),
      ),
      v.maxLength(2_000),
    ),
  }),
  dots: v.object({
    density: inRange(LIMITS.density.min, LIMITS.density.max),
    diameterMm: inRange(LIMITS.diameterMm.min, LIMITS.diameterMm.max),
    spreadMm: inRange(LIMITS.spreadMm.min, LIMITS.spreadMm.max),
    pigment: v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/)),
    opacity: inRange(0, 1),
    seed: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  }),
});

/** One step from version n to n + 1, on the raw parsed JSON. */
export type Migration = (file: Record<string, unknown>) => Record<string, unknown>;
/** MIGRATIONS[n] upgrades a version-n file. Version 1 is the first: there is nothing to migrate yet. */
export const MIGRATIONS: Record<number, Migration> = {};

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
  const result = v.safeParse(designSchema, value);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue?.path?.map((p) => String(p.key)).join('.') ?? 'design';
    throw new DesignFileError(`This design file is damaged or invalid (${where}: ${issue?.message ?? 'invalid'}).`);
  }
  return result.output as Design;
}

export const isRecordLike = (x: unknown): x is Record<string, unknown> => isRecord(x);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
