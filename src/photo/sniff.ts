// What a file is, from its first bytes, without decoding it: the type (from magic numbers, never the name or the
// MIME type a browser guessed), the pixel size the header declares, and the EXIF orientation. Pure: no DOM.

export type ImageType = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'bmp' | 'heic' | 'tiff' | 'svg' | 'unknown';

export interface SniffResult {
  type: ImageType;
  /** Pixel size as stored, before EXIF orientation is applied; absent when the header does not say (or is cut). */
  width?: number;
  height?: number;
  /** EXIF orientation tag (1–8), where the header holds one. */
  orientation?: number;
  /**
   * True when the header runs past the bytes given before the size was found (e.g. a JPEG with a large EXIF
   * block): sniff more of the file to learn it.
   */
  incomplete?: boolean;
}

/** How many bytes to sniff first: enough for the headers of nearly every photo. */
export const SNIFF_BYTES = 1 << 20;

/** The type, stored size and EXIF orientation of the file that begins with `bytes`. */
export function sniffImage(bytes: Uint8Array): SniffResult {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return sniffJpeg(b);
  if (startsWith(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return sniffPng(b);
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return sniffWebp(b);
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') {
    return b.length >= 10 ? { type: 'gif', width: u16le(b, 6), height: u16le(b, 8) } : { type: 'gif', incomplete: true };
  }
  if (ascii(b, 4, 4) === 'ftyp') return sniffIsoBmff(b);
  if (ascii(b, 0, 2) === 'BM' && b.length >= 26) {
    const bmp = sniffBmp(b);
    if (bmp) return bmp;
  }
  if (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*') return sniffTiff(b);
  if (looksLikeSvg(b)) return { type: 'svg' };
  return { type: 'unknown' };
}

/** Width and height once EXIF orientation is applied (5–8 swap them). */
export function uprightSize(s: { width: number; height: number; orientation?: number }): { width: number; height: number } {
  return (s.orientation ?? 1) >= 5 && (s.orientation ?? 1) <= 8
    ? { width: s.height, height: s.width }
    : { width: s.width, height: s.height };
}

// ---------------------------------------------------------------------------------------------------------- JPEG

/** Markers that stand alone (no length field): TEM, RSTn, SOI. */
const isStandalone = (m: number): boolean => m === 0x01 || (m >= 0xd0 && m <= 0xd8);
/** Start-of-frame markers (baseline, progressive, lossless, arithmetic...), not DHT/JPG/DAC which share the range. */
const isSof = (m: number): boolean => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

/** Walks the segments before the first scan: SOFn gives the size, APP1 "Exif" the orientation. */
function sniffJpeg(b: Uint8Array): SniffResult {
  const out: SniffResult = { type: 'jpeg' };
  let at = 2;
  for (;;) {
    while (at < b.length && b[at] === 0xff && b[at + 1] === 0xff) at++; // fill bytes
    if (at + 1 >= b.length) break;
    if (b[at] !== 0xff) return out; // not a marker where one must be: damaged, the decoder will say so
    const marker = b[at + 1]!;
    if (isStandalone(marker)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return out; // EOI or the first scan: no more headers
    if (at + 4 > b.length) break;
    const len = u16be(b, at + 2);
    if (len < 2) return out;
    const body = at + 4, end = at + 2 + len;
    if (isSof(marker)) {
      if (body + 5 > b.length) break;
      out.height = u16be(b, body + 1);
      out.width = u16be(b, body + 3);
      return out; // orientation, if any, came before (APP segments precede the frame)
    }
    if (marker === 0xe1 && out.orientation === undefined && end <= b.length && ascii(b, body, 6) === 'Exif\0\0') {
      const o = tiffOrientation(b.subarray(body + 6, end), 0);
      if (o) out.orientation = o;
    }
    at = end;
  }
  out.incomplete = true;
  return out;
}

// ----------------------------------------------------------------------------------------------------------- PNG

function sniffPng(b: Uint8Array): SniffResult {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return b.length < 24 ? { type: 'png', incomplete: true } : { type: 'png' };
  const out: SniffResult = { type: 'png', width: u32be(b, 16), height: u32be(b, 20) };
  // An eXIf chunk must come before the image data.
  for (let at = 8; at + 8 <= b.length; ) {
    const len = u32be(b, at), type = ascii(b, at + 4, 4);
    if (type === 'IDAT' || type === 'IEND') break;
    if (type === 'eXIf' && at + 8 + len <= b.length) {
      const o = tiffOrientation(b.subarray(at + 8, at + 8 + len), 0);
      if (o) out.orientation = o;
      break;
    }
    at += 12 + len;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------- WebP

function sniffWebp(b: Uint8Array): SniffResult {
  const out: SniffResult = { type: 'webp' };
  let sized = false;
  for (let at = 12; at + 8 <= b.length; ) {
    const fourcc = ascii(b, at, 4), len = u32le(b, at + 4), body = at + 8;
    if (fourcc === 'VP8X' && body + 10 <= b.length) {
      out.width = 1 + u24le(b, body + 4);
      out.height = 1 + u24le(b, body + 7);
      sized = true;
      if ((b[body]! & 0x08) === 0) return out; // no EXIF chunk follows
    } else if (fourcc === 'VP8 ' && !sized && body + 10 <= b.length) {
      // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height (2 scale bits each).
      if (b[body + 3] !== 0x9d || b[body + 4] !== 0x01 || b[body + 5] !== 0x2a) return out;
      out.width = u16le(b, body + 6) & 0x3fff;
      out.height = u16le(b, body + 8) & 0x3fff;
      return out;
    } else if (fourcc === 'VP8L' && !sized && body + 5 <= b.length) {
      if (b[body] !== 0x2f) return out;
      const bits = u32le(b, body + 1);
      out.width = 1 + (bits & 0x3fff);
      out.height = 1 + ((bits >>> 14) & 0x3fff);
      return out;
    } else if (fourcc === 'EXIF' && body + len <= b.length) {
      const exif = b.subarray(body, body + len);
      const o = tiffOrientation(exif, ascii(exif, 0, 6) === 'Exif\0\0' ? 6 : 0);
      if (o) out.orientation = o;
      return out;
    }
    at = body + len + (len & 1);
  }
  if (!sized) out.incomplete = true;
  return out;
}

// ---------------------------------------------------------------------------------------------------- BMP, TIFF

function sniffBmp(b: Uint8Array): SniffResult | undefined {
  const dib = u32le(b, 14);
  if (dib === 12) return { type: 'bmp', width: u16le(b, 18), height: u16le(b, 20) };
  if (dib < 40 || dib > 124) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { type: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
}

function sniffTiff(b: Uint8Array): SniffResult {
  const tags = readIfd0(b, 0);
  const out: SniffResult = { type: 'tiff' };
  const w = tags?.get(0x0100), h = tags?.get(0x0101), o = tags?.get(0x0112);
  if (w !== undefined && h !== undefined) {
    out.width = w;
    out.height = h;
  } else out.incomplete = true;
  if (o !== undefined && o >= 1 && o <= 8) out.orientation = o;
  return out;
}

// ------------------------------------------------------------------------------------------------ ISO-BMFF (HEIF)

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);

/** AVIF and HEIC share the HEIF container: the brands in 'ftyp' tell which; 'ispe' boxes give the size. */
function sniffIsoBmff(b: Uint8Array): SniffResult {
  const ftypLen = u32be(b, 0);
  const brands: string[] = [ascii(b, 8, 4)];
  for (let at = 16; at + 4 <= Math.min(ftypLen, b.length); at += 4) brands.push(ascii(b, at, 4));
  let type: ImageType = 'unknown';
  if (brands.some((x) => AVIF_BRANDS.has(x))) type = 'avif';
  else if (brands.some((x) => HEIC_BRANDS.has(x))) type = 'heic';
  if (type === 'unknown') return { type };
  const out: SniffResult = { type };
  // meta > iprp > ipco > ispe (image spatial extents). Several images (thumbnail, tiles, grid): the largest is
  // the picture. Rotation ('irot') is left to the decoder.
  let best = 0;
  const walk = (start: number, end: number, depth: number): void => {
    for (let at = start; at + 8 <= end && depth < 6; ) {
      let size = u32be(b, at);
      const kind = ascii(b, at + 4, 4);
      let head = 8;
      if (size === 1 && at + 16 <= end) {
        size = u32be(b, at + 8) * 2 ** 32 + u32be(b, at + 12);
        head = 16;
      } else if (size === 0) size = end - at;
      if (size < head) return;
      const boxEnd = Math.min(at + size, end);
      if (kind === 'meta') walk(at + head + 4, boxEnd, depth + 1); // a full box: version and flags first
      else if (kind === 'iprp' || kind === 'ipco') walk(at + head, boxEnd, depth + 1);
      else if (kind === 'ispe' && at + head + 12 <= end) {
        const w = u32be(b, at + head + 4), h = u32be(b, at + head + 8);
        if (w * h > best) {
          best = w * h;
          out.width = w;
          out.height = h;
        }
      }
      at += size;
    }
  };
  walk(ftypLen, b.length, 0);
  if (out.width === undefined) out.incomplete = true;
  return out;
}

// ---------------------------------------------------------------------------------------------------------- SVG

/** Text that opens (after a BOM, an XML declaration, comments or a doctype) with an <svg> element. */
function looksLikeSvg(b: Uint8Array): boolean {
  let text = '';
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) text += String.fromCharCode(b[i]!);
  text = text.replace(/^\xef\xbb\xbf/, '').replace(/^\s+/, '');
  if (!text.startsWith('<')) return false;
  return /^(?:<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)*<svg[\s>:]/i.test(text)
    || /<svg[\s>]/i.test(text.slice(0, 1024));
}

// ---------------------------------------------------------------------------------------------------------- EXIF

/** The Orientation tag (0x0112) of IFD0 of the TIFF structure at `start`, if valid (1–8). */
function tiffOrientation(b: Uint8Array, start: number): number | undefined {
  const o = readIfd0(b, start)?.get(0x0112);
  return o !== undefined && o >= 1 && o <= 8 ? o : undefined;
}

/** The SHORT and LONG single-valued tags of IFD0 of the TIFF structure at `start`. */
function readIfd0(b: Uint8Array, start: number): Map<number, number> | undefined {
  if (start + 8 > b.length) return undefined;
  const order = ascii(b, start, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  const u16 = (at: number): number => (le ? u16le(b, at) : u16be(b, at));
  const u32 = (at: number): number => (le ? u32le(b, at) : u32be(b, at));
  if (u16(start + 2) !== 42) return undefined;
  const ifd = start + u32(start + 4);
  if (ifd + 2 > b.length) return undefined;
  const tags = new Map<number, number>();
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > b.length) break;
    const type = u16(e + 2);
    if (u32(e + 4) !== 1) continue;
    if (type === 3) tags.set(u16(e), u16(e + 8)); // SHORT, left-justified in the value field
    else if (type === 4) tags.set(u16(e), u32(e + 8)); // LONG
  }
  return tags;
}

// ---------------------------------------------------------------------------------------------------------- bytes

function ascii(b: Uint8Array, at: number, n: number): string {
  if (at + n > b.length) return '';
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(b[at + i]!);
  return s;
}
function startsWith(b: Uint8Array, at: number, sig: number[]): boolean {
  return b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
}
const u16be = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const u16le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u24le = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const u32be = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u32le = (b: Uint8Array, at: number): number => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
