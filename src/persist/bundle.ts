import type { Design } from '../design/types.ts';
import { DesignFileError, isRecord, validateDesign } from './design-file.ts';

/**
 * A project bundle: the design and the photo's original bytes in one JSON file, to move a design between devices.
 * The same bundle opens to the same pixels anywhere: the pattern is a pure function of the design and its seed.
 */
export const BUNDLE_FORMAT = 'smp-project';
export const BUNDLE_VERSION = 1;
export const MAX_BUNDLE_BYTES = 150_000_000;

export async function serializeBundle(design: Design, photo: Blob): Promise<Blob> {
  const bytes = new Uint8Array(await photo.arrayBuffer());
  const head = JSON.stringify({ format: BUNDLE_FORMAT, version: BUNDLE_VERSION, savedAt: new Date().toISOString(), design, photo: { type: photo.type || 'application/octet-stream', base64: '' } });
  // Splice the photo in without building one huge string twice.
  const [before, after] = head.split('"base64":""');
  return new Blob([before!, '"base64":"', toBase64(bytes), '"', after!], { type: 'application/json' });
}

export function parseBundle(text: string): { design: Design; photo: Blob } {
  if (text.length > MAX_BUNDLE_BYTES) throw new DesignFileError('This project file is too large to open.');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DesignFileError('This is not a project file: it is not valid JSON.');
  }
  if (!isRecord(raw) || raw.format !== BUNDLE_FORMAT) throw new DesignFileError('This is not an SMP project file.');
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1) throw new DesignFileError('This project file has no valid version.');
  if (raw.version > BUNDLE_VERSION) throw new DesignFileError('This project was saved by a newer version of the app; update the app to open it.');
  const photo = raw.photo;
  if (!isRecord(photo) || typeof photo.base64 !== 'string' || typeof photo.type !== 'string') throw new DesignFileError('This project file has no photo in it.');
  const design = validateDesign(raw.design);
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(photo.base64);
  } catch {
    throw new DesignFileError("This project file's photo is damaged.");
  }
  return { design, photo: new Blob([bytes as BlobPart], { type: photo.type.slice(0, 40) }) };
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
