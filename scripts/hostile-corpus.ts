// The corpus of broken and hostile files that `npm run test:hostile` feeds the app (scripts/hostile.ts) and that
// test/unit/persist.corpus.test.ts feeds the parsers: what each file is, which file input it goes to, and what must
// happen. The design and project files are built here (deterministic) and written to test/fixtures/designs/ by
// scripts/make-hostile.ts; the photos are test/fixtures/ (scripts/make-fixtures.ts).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { designFor } from '../src/app/state.ts';
import type { Design } from '../src/design/types.ts';
import { MAX_FILE_BYTES } from '../src/persist/design-file.ts';
import { DEMO_PHOTO } from '../src/photo/demo.ts';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures');
export const DESIGNS = join(FIXTURES, 'designs');

/** A file fed to the app through one of its file inputs. */
export interface Case {
  /** Path under test/fixtures/. */
  file: string;
  /** The file input it goes to: #c-photo, #c-design-file or #c-project-file. */
  input: 'photo' | 'design' | 'project';
  /** What the file is, for the table. */
  what: string;
  /** In the app: refused with a notice matching this, or accepted. */
  app: RegExp | 'accept';
}

export interface PhotoCase extends Case {
  input: 'photo';
}

export interface DocumentCase extends Case {
  input: 'design' | 'project';
  /** parseDesignFile (design input) or parseBundle (project input): throws a DesignFileError matching this, or parses. */
  parse: RegExp | 'ok';
  /** For files the app accepts: the design it must end with (junk keys dropped). */
  design?: Design;
  /** For project files the app accepts: the photo's upright size. */
  photo?: { width: number; height: number };
}

// -------------------------------------------------------------------------------------------------------- photos

const upright = (file: string, what: string): PhotoCase => ({ file, input: 'photo', what, app: 'accept' });

/**
 * Photos. Every accepted one is the 64×48 test picture (red, green / blue, white quadrants when upright) and must be
 * shown upright; the animated GIF's first frame is that picture, its second frame is it turned 180°.
 */
export const PHOTO_CASES: PhotoCase[] = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((o) => upright(`orientation-${o}.jpg`, `JPEG, EXIF orientation ${o}`)),
  upright('ok.png', 'PNG, 8-bit RGB'),
  upright('ok.webp', 'WebP, lossless'),
  upright('ok.gif', 'GIF, one frame'),
  upright('png16.png', 'PNG, 16 bits a channel'),
  upright('cmyk.jpg', 'JPEG, Adobe CMYK (4 components)'),
  upright('animated.gif', 'GIF, animated (2 frames)'),
  { file: 'empty.jpg', input: 'photo', what: 'empty file (0 bytes)', app: /empty \(0 bytes\)/ },
  { file: 'truncated.jpg', input: 'photo', what: 'JPEG cut in its scan', app: /damaged \(it ends early\)/ },
  { file: 'text.jpg', input: 'photo', what: 'plain text named .jpg', app: /isn't a photo/ },
  { file: 'bad-crc.png', input: 'photo', what: 'PNG with a bad IDAT CRC', app: /looks damaged/ },
  { file: 'huge-header.png', input: 'photo', what: 'PNG claiming 30000×30000', app: /900 megapixels\), over the 50 megapixel limit/ },
  { file: 'script.svg', input: 'photo', what: 'SVG with a <script>', app: /SVG drawings can't be used/ },
  { file: 'heic.heic', input: 'photo', what: 'HEIC header, no image data', app: /HEIC photos can't be opened in this browser/ },
  { file: 'designs/control.json', input: 'photo', what: 'a design file chosen as a photo', app: /isn't a photo/ },
];

// ------------------------------------------------------------------------------------------------------- designs

/** The demo's design (src/main.ts demoDesign) with another density: opening it changes only the density. */
function demoDesign(density: number, seed = 'smp-1'): Design {
  const d = designFor(DEMO_PHOTO, { pxPerMm: DEMO_PHOTO.pxPerMm, calibrated: true, source: 'demo' }, DEMO_PHOTO.hairline, seed);
  const { width: w, height: h } = DEMO_PHOTO;
  d.area.edits = [
    { kind: 'polygon', mode: 'erase', points: [{ x: 0, y: 0 }, { x: w, y: 0 }, { x: w, y: h }, { x: 0, y: h }] },
    { kind: 'polygon', mode: 'add', points: DEMO_PHOTO.headOutline.map((p) => ({ ...p })) },
  ];
  d.dots.density = density;
  return d;
}

/** The 64×48 test photo's design, for project files. */
const smallDesign = (seed: string): Design => designFor({ width: 64, height: 48 }, { pxPerMm: 2, calibrated: false, source: 'default' }, undefined, seed);

const SAVED_AT = '2025-01-01T00:00:00.000Z';
const designEnvelope = (design: unknown, extra: object = {}): Record<string, unknown> =>
  ({ format: 'smp-design', version: 2, savedAt: SAVED_AT, design, ...extra });
const json = (v: unknown): string => JSON.stringify(v, null, 1);

/** A copy of `o` with an own, enumerable key first (JSON.stringify writes "__proto__" as a plain key). */
function withKey(o: object, key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return Object.assign(out, o);
}

/** `__proto__` keys at every level: the envelope, the design, the scale, the hairline, a point, an edit, the dots. */
function protoEverywhere(d: Design): Record<string, unknown> {
  const bait = (where: string): object => ({ polluted: where, density: 1, isAdmin: true });
  const hairline = { ...d.hairline, points: d.hairline.points.map((p, i) => (i === 0 ? withKey(p, '__proto__', bait('point')) : p)) };
  const edits = d.area.edits.map((e, i) => (i === 0 ? withKey(e, '__proto__', { ...bait('edit'), kind: 'brush' }) : e));
  const design = withKey({
    ...d,
    scale: withKey(d.scale, '__proto__', bait('scale')),
    hairline: withKey(hairline, '__proto__', bait('hairline')),
    area: withKey({ edits }, '__proto__', bait('area')),
    dots: withKey(d.dots, '__proto__', bait('dots')),
  }, '__proto__', bait('design'));
  return withKey(designEnvelope(design), '__proto__', { ...bait('envelope'), format: 'evil' });
}

/** `constructor.prototype` and `prototype` keys at every level. */
function constructorEverywhere(d: Design): Record<string, unknown> {
  const bait = (where: string) => ({ constructor: { prototype: { polluted: where } }, prototype: { polluted: where } });
  const design = {
    ...bait('design'),
    ...d,
    scale: { ...bait('scale'), ...d.scale },
    hairline: { ...bait('hairline'), ...d.hairline, points: d.hairline.points.map((p, i) => (i === 0 ? { ...bait('point'), ...p } : p)) },
    area: { ...bait('area'), edits: d.area.edits.map((e, i) => (i === 0 ? { ...bait('edit'), ...e } : e)) },
    dots: { ...bait('dots'), ...d.dots },
  };
  return { ...bait('envelope'), ...designEnvelope(design) };
}

const DEPTH = 100_000;
const deepArray = (): string => '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const deepObject = (): string => '{"a":'.repeat(DEPTH) + '0' + '}'.repeat(DEPTH);

/** An envelope whose design is `raw` JSON text: for JSON too deep to build as objects. */
const withRawDesign = (raw: string): string => `{"format":"smp-design","version":2,"savedAt":"${SAVED_AT}","design":${raw}}`;

// ------------------------------------------------------------------------------------------------------ bundles

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const base64 = (b: Uint8Array | string): string => Buffer.from(b).toString('base64');
const bundle = (design: unknown, photo: unknown, extra: object = {}): Record<string, unknown> =>
  ({ format: 'smp-project', version: 1, savedAt: SAVED_AT, design, photo, ...extra });
const photoOf = (name: string, type: string): { type: string; base64: string } => ({ type, base64: base64(fixture(name)) });

// ------------------------------------------------------------------------------------------------------- corpus

const NOT_JSON = /not a design file: it is not valid JSON/;
const NOT_DESIGN = /This is not an SMP design file/;
const INVALID = (path: string): RegExp => new RegExp(`damaged or invalid \\(${path.replace(/\./g, '\\.')}: `);

export const CONTROL = demoDesign(150);
const PROTO = demoDesign(140);
const CONSTRUCTOR = demoDesign(130);
const DEEP_JUNK = demoDesign(120);
const BOM = demoDesign(110);
const HTML_SEED = demoDesign(90, '<img src=x onerror="globalThis.__xss=1"><script>globalThis.__xss=1</script>');
export const BUNDLE_CONTROL = smallDesign('bundle-control');

interface Built extends DocumentCase {
  /** The file's bytes; absent for a file another case writes (the same file fed to the other input). */
  bytes?: () => Uint8Array | string;
}

const BUILT: Built[] = [
  // Design files, into "Open design file".
  { file: 'control.json', input: 'design', what: 'valid design (control)', parse: 'ok', app: 'accept', design: CONTROL, bytes: () => json(designEnvelope(CONTROL)) },
  { file: 'empty.json', input: 'design', what: 'empty file', parse: NOT_JSON, app: NOT_JSON, bytes: () => '' },
  { file: 'malformed.json', input: 'design', what: 'malformed JSON', parse: NOT_JSON, app: NOT_JSON, bytes: () => '{"format": "smp-design", "version": 1, "design": {"photo": {"width": 2400,, "height": 1800}}}\n' },
  { file: 'truncated.json', input: 'design', what: 'truncated JSON', parse: NOT_JSON, app: NOT_JSON, bytes: () => { const t = json(designEnvelope(CONTROL)); return t.slice(0, Math.floor(t.length * 0.6)); } },
  { file: 'png-bytes.json', input: 'design', what: 'a PNG named .json', parse: NOT_JSON, app: NOT_JSON, bytes: () => fixture('ok.png') },
  { file: 'array.json', input: 'design', what: 'a JSON array', parse: NOT_DESIGN, app: NOT_DESIGN, bytes: () => json([designEnvelope(CONTROL)]) },
  { file: 'other-app.json', input: 'design', what: "another app's JSON", parse: NOT_DESIGN, app: NOT_DESIGN,
    bytes: () => json({ name: 'photo-editor-preset', version: 3, format: 'lightroom', settings: { exposure: 0.4, contrast: 12, design: { density: 100 } } }) },
  { file: 'future-version.json', input: 'design', what: 'a future version (3)', parse: /saved by a newer version of the app \(format 3\)/, app: /newer version of the app/,
    bytes: () => json({ ...designEnvelope({ ...CONTROL, version: 3, hologram: true }), version: 3 }) },
  { file: 'version-string.json', input: 'design', what: 'version "1" (a string)', parse: /no valid version/, app: /no valid version/,
    bytes: () => json({ ...designEnvelope(CONTROL), version: '1' }) },
  { file: 'nan-literal.json', input: 'design', what: 'NaN where a number goes', parse: NOT_JSON, app: NOT_JSON,
    bytes: () => json(designEnvelope(CONTROL)).replace('"density": 150', '"density": NaN') },
  { file: 'infinity.json', input: 'design', what: 'Infinity (1e999) where a number goes', parse: INVALID('scale.pxPerMm'), app: INVALID('scale.pxPerMm'),
    bytes: () => json(designEnvelope(CONTROL)).replace('"pxPerMm": 8', '"pxPerMm": 1e999') },
  { file: 'string-numbers.json', input: 'design', what: 'strings where numbers go', parse: INVALID('photo.width'), app: INVALID('photo.width'),
    bytes: () => json(designEnvelope({ ...CONTROL, photo: { width: '2400', height: '1800' }, dots: { ...CONTROL.dots, density: '150' } })) },
  { file: 'null-number.json', input: 'design', what: 'null where a number goes', parse: INVALID('dots.density'), app: INVALID('dots.density'),
    bytes: () => json(designEnvelope({ ...CONTROL, dots: { ...CONTROL.dots, density: null } })) },
  { file: 'out-of-range.json', input: 'design', what: 'negative density, 0 px/mm', parse: INVALID('scale.pxPerMm'), app: INVALID('scale.pxPerMm'),
    bytes: () => json(designEnvelope({ ...CONTROL, scale: { ...CONTROL.scale, pxPerMm: 0 }, dots: { ...CONTROL.dots, density: -5 } })) },
  { file: 'script-pigment.json', input: 'design', what: 'HTML where the pigment colour goes', parse: INVALID('dots.pigment'), app: INVALID('dots.pigment'),
    bytes: () => json(designEnvelope({ ...CONTROL, dots: { ...CONTROL.dots, pigment: '<img src=x onerror="globalThis.__xss=1">' } })) },
  { file: 'huge-array.json', input: 'design', what: '100,000 hairline points', parse: INVALID('hairline.points'), app: INVALID('hairline.points'),
    bytes: () => JSON.stringify(designEnvelope({ ...CONTROL, hairline: { ...CONTROL.hairline, points: Array.from({ length: 100_000 }, (_, i) => ({ x: i % 10, y: 1 })) } })) },
  { file: 'oversized.json', input: 'design', what: `over ${MAX_FILE_BYTES / 1e6} MB (valid, padded)`, parse: /too large \(over 2 MB\)/, app: /too large/,
    bytes: () => json(designEnvelope(CONTROL, { padding: 'x'.repeat(MAX_FILE_BYTES + 100_000) })) },
  { file: 'proto-keys.json', input: 'design', what: '__proto__ keys at 8 levels', parse: 'ok', app: 'accept', design: PROTO, bytes: () => json(protoEverywhere(PROTO)) },
  { file: 'constructor-keys.json', input: 'design', what: 'constructor.prototype keys at 7 levels', parse: 'ok', app: 'accept', design: CONSTRUCTOR,
    bytes: () => json(constructorEverywhere(CONSTRUCTOR)) },
  { file: 'proto-smuggled.json', input: 'design', what: 'the dots only under __proto__', parse: INVALID('dots.density'), app: INVALID('dots.density'),
    bytes: () => json(designEnvelope({ ...CONTROL, dots: withKey({}, '__proto__', CONTROL.dots) })) },
  { file: 'proto-envelope.json', input: 'design', what: 'the whole envelope under __proto__', parse: NOT_DESIGN, app: NOT_DESIGN,
    bytes: () => json(withKey({}, '__proto__', designEnvelope(CONTROL))) },
  { file: 'deep-nesting.json', input: 'design', what: `junk nested ${DEPTH.toLocaleString('en-US')} deep as the design`, parse: /damaged or invalid \(version: /, app: /damaged or invalid/,
    bytes: () => withRawDesign(deepArray()) },
  { file: 'deep-junk-key.json', input: 'design', what: `valid, plus a key nested ${DEPTH.toLocaleString('en-US')} deep`, parse: 'ok', app: 'accept', design: DEEP_JUNK,
    bytes: () => json(designEnvelope(DEEP_JUNK)).replace('"design": {', `"design": {"junk":${deepObject()},`) },
  { file: 'bom.json', input: 'design', what: 'valid, UTF-8 byte-order mark', parse: 'ok', app: 'accept', design: BOM, bytes: () => '\uFEFF' + json(designEnvelope(BOM)) },
  { file: 'html-seed.json', input: 'design', what: 'valid, HTML and a script as the seed', parse: 'ok', app: 'accept', design: HTML_SEED, bytes: () => json(designEnvelope(HTML_SEED)) },
  { file: 'wrong-photo-size.json', input: 'design', what: 'valid design for a 1000×800 photo', parse: 'ok', app: /made for a 1000 × 800 photo; the photo open now is 2400 × 1800/,
    bytes: () => json(designEnvelope(designFor({ width: 1000, height: 800 }, { pxPerMm: 4, calibrated: true, source: 'ruler' }))) },
  { file: 'bundle-control.json', input: 'design', what: 'a project file chosen as a design', parse: NOT_DESIGN, app: NOT_DESIGN },

  // Project files, into "Open project file".
  { file: 'bundle-control.json', input: 'project', what: 'valid project, 64×48 PNG (control)', parse: 'ok', app: 'accept', design: BUNDLE_CONTROL,
    photo: { width: 64, height: 48 }, bytes: () => json(bundle(BUNDLE_CONTROL, photoOf('ok.png', 'image/png'))) },
  { file: 'control.json', input: 'project', what: 'a design file chosen as a project', parse: /This is not an SMP project file/, app: /not an SMP project file/ },
  { file: 'bundle-truncated.json', input: 'project', what: 'truncated JSON', parse: /not a project file: it is not valid JSON/, app: /not valid JSON/,
    bytes: () => { const t = json(bundle(BUNDLE_CONTROL, photoOf('ok.png', 'image/png'))); return t.slice(0, Math.floor(t.length * 0.7)); } },
  { file: 'bundle-bad-base64.json', input: 'project', what: 'photo that is not base64', parse: /photo is damaged/, app: /photo is damaged/,
    bytes: () => json(bundle(BUNDLE_CONTROL, { type: 'image/png', base64: '%%% not base64 ***' })) },
  { file: 'bundle-no-photo.json', input: 'project', what: 'no photo', parse: /has no photo in it/, app: /has no photo in it/, bytes: () => json(bundle(BUNDLE_CONTROL, undefined)) },
  { file: 'bundle-proto-photo.json', input: 'project', what: 'the photo only under __proto__', parse: /has no photo in it/, app: /has no photo in it/,
    bytes: () => json(bundle(BUNDLE_CONTROL, withKey({}, '__proto__', photoOf('ok.png', 'image/png')))) },
  { file: 'bundle-future.json', input: 'project', what: 'a future version (2)', parse: /newer version of the app/, app: /newer version of the app/,
    bytes: () => json({ ...bundle(BUNDLE_CONTROL, photoOf('ok.png', 'image/png')), version: 2 }) },
  { file: 'bundle-bad-design.json', input: 'project', what: 'a string where the density goes', parse: INVALID('dots.density'), app: INVALID('dots.density'),
    bytes: () => json(bundle({ ...BUNDLE_CONTROL, dots: { ...BUNDLE_CONTROL.dots, density: 'lots' } }, photoOf('ok.png', 'image/png'))) },
  { file: 'bundle-photo-text.json', input: 'project', what: 'a photo that is plain text', parse: 'ok', app: /isn't a photo/,
    bytes: () => json(bundle(BUNDLE_CONTROL, { type: 'image/jpeg', base64: base64('Meeting notes, Tuesday. Not a photo.\n') })) },
  { file: 'bundle-photo-svg.json', input: 'project', what: 'a photo that is an SVG with a script', parse: 'ok', app: /SVG drawings can't be used/,
    bytes: () => json(bundle(BUNDLE_CONTROL, photoOf('script.svg', 'image/svg+xml'))) },
  { file: 'bundle-photo-truncated.json', input: 'project', what: 'a photo cut short', parse: 'ok', app: /looks damaged/,
    bytes: () => json(bundle(designFor({ width: 160, height: 120 }, { pxPerMm: 2, calibrated: false, source: 'default' }), photoOf('truncated.jpg', 'image/jpeg'))) },
  { file: 'bundle-photo-huge.json', input: 'project', what: 'a photo claiming 30000×30000', parse: 'ok', app: /megapixel limit/,
    bytes: () => json(bundle(designFor({ width: 30000, height: 30000 }, { pxPerMm: 100, calibrated: false, source: 'default' }), photoOf('huge-header.png', 'image/png'))) },
  { file: 'bundle-size-mismatch.json', input: 'project', what: 'design for 2400×1800, photo 64×48', parse: 'ok', app: /made for a 2400 × 1800 photo, but the photo is 64 × 48/,
    bytes: () => json(bundle(CONTROL, photoOf('ok.png', 'image/png'))) },
];

/** Design and project files: the design input's first, then the project input's. */
export const DOCUMENT_CASES: DocumentCase[] = BUILT.map(({ bytes: _, ...c }) => ({ ...c, file: `designs/${c.file}` }));

/** The files of test/fixtures/designs/, by name (a file fed to both inputs is written once). */
export function buildDocuments(): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const c of BUILT) {
    if (!c.bytes) continue;
    const b = c.bytes();
    out.set(c.file, typeof b === 'string' ? new TextEncoder().encode(b) : b);
  }
  return out;
}
