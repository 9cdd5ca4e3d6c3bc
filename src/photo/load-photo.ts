// Turns a file the user chose into a Photo: checked from its header first (type, size), then decoded upright (EXIF
// orientation applied) into a display copy that fits the GPU. The original file is kept for full-size export.
import { PhotoError } from './errors.ts';
import { findDamage } from './integrity.ts';
import { SNIFF_BYTES, sniffImage, uprightSize, type ImageType, type SniffResult } from './sniff.ts';

export { PhotoError, isPhotoError, type PhotoErrorCode } from './errors.ts';

export interface Photo {
  /** Upright (EXIF orientation applied), full resolution, px. */
  width: number;
  height: number;
  /** Upright copy whose longer side is at most the maxDisplaySide it was loaded with. */
  display: ImageBitmap;
  /**
   * Display px per photo px (1 when the photo fits as it is): display.width / width. The browser rounds the short
   * side up, so display.height / height may be larger by under a display pixel.
   */
  displayScale: number;
  /** The original file, kept for full-resolution export. */
  source: Blob;
  name: string;
  type: ImageType;
}

export interface LoadPhotoOptions {
  /** Longest side of the display copy, px: the GPU's max texture size. */
  maxDisplaySide: number;
  /** Photos over this many megapixels (by their header) are refused before decoding. Default 50. */
  maxMegapixels?: number;
}

/** Files up to this size are read whole to check their structure; larger ones are left to the decoder. */
const MAX_CHECKED_BYTES = 256 << 20;

const TYPE_NAMES: { [t in ImageType]: string } = {
  jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF', gif: 'GIF', bmp: 'BMP', heic: 'HEIC', tiff: 'TIFF', svg: 'SVG',
  unknown: 'unknown',
};
/** Types every browser the app supports decodes. HEIC and TIFF only some (Safari): they are tried. */
const DECODABLE = new Set<ImageType>(['jpeg', 'png', 'webp', 'avif', 'gif', 'bmp']);
/** Types whose whole structure findDamage checks. */
const STRUCTURE_CHECKED = new Set<ImageType>(['jpeg', 'png', 'webp']);

const cannotOpenHere = (t: ImageType): string =>
  `${TYPE_NAMES[t]} photos can't be opened in this browser; export the photo as JPEG first.`;
const damaged = (why?: string): PhotoError =>
  new PhotoError('damaged', `This file looks damaged${why ? ` (${why})` : ''}. Copy or export the photo again and retry.`);

/**
 * Loads `file` as a photo. Throws a PhotoError (with a message for the user) for an empty file, a file that is not
 * a photo (or is an SVG, which could carry scripts), a type this browser cannot decode, a photo over
 * `maxMegapixels` (found from its header: such a file is never decoded), or a damaged file.
 */
export async function loadPhoto(file: Blob, name: string, opts: LoadPhotoOptions): Promise<Photo> {
  const maxSide = Math.floor(opts.maxDisplaySide);
  if (!(maxSide >= 1)) throw new RangeError(`maxDisplaySide must be at least 1, not ${opts.maxDisplaySide}`);
  const maxMegapixels = opts.maxMegapixels ?? 50;

  if (file.size === 0) throw new PhotoError('empty', 'This file is empty (0 bytes). Choose the photo again.');
  const head = await read(file.slice(0, SNIFF_BYTES));
  let whole = file.size <= SNIFF_BYTES ? head : undefined;
  let info = sniffImage(head);
  if (info.incomplete && !whole && file.size <= MAX_CHECKED_BYTES) {
    whole = await read(file);
    info = sniffImage(whole);
  }

  const { type } = info;
  if (type === 'svg') {
    throw new PhotoError('svg', "SVG drawings can't be used: they can carry scripts. Choose a photo (JPEG or PNG).");
  }
  if (type === 'unknown') {
    throw new PhotoError('unsupported', "This file isn't a photo this app can open. Choose a JPEG, PNG, WebP or AVIF photo.");
  }
  if (info.width === undefined || info.height === undefined) {
    if (!DECODABLE.has(type)) throw new PhotoError('unsupported', cannotOpenHere(type));
    throw damaged(info.incomplete ? 'it ends before its header does' : 'its header is broken');
  }
  if (info.width === 0 || info.height === 0) throw damaged('it says it has no pixels');
  checkMegapixels(info.width, info.height, maxMegapixels);

  if (STRUCTURE_CHECKED.has(type)) {
    whole ??= file.size <= MAX_CHECKED_BYTES ? await read(file) : undefined;
    const why = whole && findDamage(type, whole);
    if (why) throw damaged(`it ${why}`);
  }

  try {
    const display = await decodeDisplay(file, info, maxSide);
    return { ...display, source: file, name, type };
  } catch {
    if (DECODABLE.has(type)) throw damaged();
    throw new PhotoError('unsupported', cannotOpenHere(type));
  }
}

/** The photo at full resolution, upright, for export. The caller closes it. */
export async function decodeFullResolution(photo: Photo): Promise<ImageBitmap> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(photo.source, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError('damaged',
      "The full-size photo couldn't be decoded (this device may be short of memory). Close other tabs and try again.");
  }
  if (bitmap.width !== photo.width || bitmap.height !== photo.height) {
    const size = `${bitmap.width} × ${bitmap.height}`;
    bitmap.close();
    throw new Error(`The full-size photo decoded as ${size}, not ${photo.width} × ${photo.height}`);
  }
  return bitmap;
}

function checkMegapixels(width: number, height: number, maxMegapixels: number): void {
  const mp = (width * height) / 1e6;
  if (mp <= maxMegapixels) return;
  const fmt = (v: number): string => (v >= 10 ? Math.round(v).toString() : v.toFixed(1));
  throw new PhotoError('too-large',
    `This photo is ${width} × ${height} px (${fmt(mp)} megapixels), over the ${fmt(maxMegapixels)} megapixel limit. ` +
    'Save a smaller copy and open that.');
}

async function read(blob: Blob): Promise<Uint8Array> {
  try {
    return new Uint8Array(await blob.arrayBuffer());
  } catch {
    throw new PhotoError('unreadable', "This file couldn't be read. Choose it again (if it's in a cloud folder, download it first).");
  }
}

/**
 * Decodes the upright display copy. The header's size with its EXIF orientation gives the upright size; only the
 * longer side is asked for, so the browser keeps the aspect ratio, and if it applied the orientation differently
 * from what the header suggests (some browsers ignore EXIF in PNG or WebP), the copy comes out too long: it is then
 * decoded again along the other side.
 */
async function decodeDisplay(file: Blob, info: SniffResult, maxSide: number):
  Promise<{ width: number; height: number; display: ImageBitmap; displayScale: number }> {
  let { width, height } = uprightSize({ width: info.width!, height: info.height!, orientation: info.orientation });
  const scale = Math.min(1, maxSide / Math.max(width, height));
  if (scale === 1) {
    const display = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { width: display.width, height: display.height, display, displayScale: 1 };
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const long = Math.min(maxSide, Math.max(1, Math.round(Math.max(width, height) * scale)));
    const display = await createImageBitmap(file, {
      imageOrientation: 'from-image',
      resizeQuality: 'high',
      ...(width >= height ? { resizeWidth: long } : { resizeHeight: long }),
    });
    if (Math.max(display.width, display.height) <= maxSide) {
      return { width, height, display, displayScale: display.width / width };
    }
    display.close(); // turned the other way: the other side is the long one
    [width, height] = [height, width];
  }
  throw new Error('The display copy does not fit maxDisplaySide');
}
