// Writes the photo-loading test fixtures into test/fixtures/ (committed): npx tsx scripts/make-fixtures.ts
// Deterministic: the same bytes every run. Every file is built here, byte by byte where no encoder is at hand.
//
//   orientation-1.jpg … orientation-8.jpg  one 64×48 picture (red top-left, green top-right, blue bottom-left, white
//                                          bottom-right when upright), stored transformed, with the EXIF Orientation
//                                          tag that turns it upright again
//   ok.png, ok.webp (lossless), ok.gif     the same upright picture
//   empty.jpg (0 bytes), truncated.jpg (cut in its scan), text.jpg (plain text), bad-crc.png (an IDAT whose CRC is
//   wrong), huge-header.png (an IHDR claiming 30000×30000, tiny file), script.svg (an SVG with a <script>),
//   heic.heic (an ISO-BMFF 'ftypheic' header with a 4032×3024 'ispe', no image data)
//   png16.png (the upright picture as a 16-bit-per-channel RGB PNG), cmyk.jpg (the upright picture as a 4-component
//   Adobe CMYK JPEG: APP14 "Adobe", transform 0, inverted as Photoshop writes it), animated.gif (2 frames, looping:
//   the upright picture first, then the same picture turned 180°)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { encodePng, PNG_SIGNATURE, pngChunk, pngHeader } from './lib/png.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures');

/** The upright picture. */
const W = 64, H = 48;
const RED = [255, 0, 0], GREEN = [0, 255, 0], BLUE = [0, 0, 255], WHITE = [255, 255, 255];
const quadrant = (x: number, y: number): number[] =>
  y < H / 2 ? (x < W / 2 ? RED : GREEN) : x < W / 2 ? BLUE : WHITE;

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function upright(): Rgba {
  const data = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const c = quadrant(x, y);
      data.set([c[0]!, c[1]!, c[2]!, 255], (y * W + x) * 4);
    }
  }
  return { width: W, height: H, data };
}

/**
 * The stored picture for EXIF orientation `o`: the pixel shown at upright (x, y) is stored at the returned
 * coordinates. 5–8 store it W and H swapped.
 */
function storedAt(o: number, x: number, y: number): [number, number] {
  switch (o) {
    case 1: return [x, y];
    case 2: return [W - 1 - x, y]; // mirrored horizontally
    case 3: return [W - 1 - x, H - 1 - y]; // rotated 180°
    case 4: return [x, H - 1 - y]; // mirrored vertically
    case 5: return [y, x]; // transposed
    case 6: return [y, W - 1 - x]; // shown after a 90° clockwise turn
    case 7: return [H - 1 - y, W - 1 - x]; // transversed
    case 8: return [H - 1 - y, x]; // shown after a 90° counter-clockwise turn
    default: throw new Error(`orientation ${o}`);
  }
}

function stored(o: number): Rgba {
  const src = upright();
  const sw = o >= 5 ? H : W, sh = o >= 5 ? W : H;
  const data = new Uint8Array(sw * sh * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const [sx, sy] = storedAt(o, x, y);
      data.set(src.data.subarray((y * W + x) * 4, (y * W + x) * 4 + 4), (sy * sw + sx) * 4);
    }
  }
  return { width: sw, height: sh, data };
}

// --------------------------------------------------------------------------------------------------------- JPEG

/** An APP1 EXIF body ("Exif\0\0" + TIFF) holding only IFD0's Orientation, in either byte order. */
function exifOrientation(o: number, littleEndian: boolean): Uint8Array {
  const tiff = new DataView(new ArrayBuffer(26));
  tiff.setUint16(0, littleEndian ? 0x4949 : 0x4d4d);
  tiff.setUint16(2, 42, littleEndian);
  tiff.setUint32(4, 8, littleEndian); // IFD0 right after the header
  tiff.setUint16(8, 1, littleEndian); // one entry
  tiff.setUint16(10, 0x0112, littleEndian); // Orientation
  tiff.setUint16(12, 3, littleEndian); // SHORT
  tiff.setUint32(14, 1, littleEndian); // count
  tiff.setUint16(18, o, littleEndian); // value, left-justified in the 4-byte field
  tiff.setUint32(22, 0, littleEndian); // no next IFD
  return concat(new TextEncoder().encode('Exif\0\0'), new Uint8Array(tiff.buffer));
}

function encodeJpeg(img: Rgba, quality: number, exif?: Uint8Array): Uint8Array {
  const body = new Uint8Array(jpeg.encode({ width: img.width, height: img.height, data: img.data }, quality).data);
  if (!exif) return body;
  // jpeg-js writes SOI then APP0 (JFIF); the APP1 goes right after them.
  const app0End = 2 + 2 + ((body[4]! << 8) | body[5]!);
  const app1 = new Uint8Array(4 + exif.length);
  app1.set([0xff, 0xe1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]);
  app1.set(exif, 4);
  return concat(body.subarray(0, app0End), app1, body.subarray(app0End));
}

// ---------------------------------------------------------------------------------------------------------- PNG

/** An RGB PNG of the picture (alpha dropped); 16-bit stores each value v as v × 257. */
const encodeRgbPng = (img: Rgba, o: { corruptIdatCrc?: boolean; bitDepth?: 8 | 16 } = {}): Uint8Array =>
  encodePng(img.data, img.width, img.height, { channels: 4, level: 9, ...o });

// ---------------------------------------------------------------------------------------------------- CMYK JPEG

/** Canonical Huffman codes (JPEG Annex C) from the counts per length and the symbols in order. */
function huffmanCodes(counts: number[], symbols: number[]): Map<number, { code: number; length: number }> {
  const out = new Map<number, { code: number; length: number }>();
  let code = 0, k = 0;
  counts.forEach((n, i) => {
    for (let j = 0; j < n; j++) out.set(symbols[k++]!, { code: code++, length: i + 1 });
    code <<= 1;
  });
  return out;
}

/** MSB-first bit writer with JPEG byte stuffing (an FF data byte is followed by 00); pads with 1 bits. */
class JpegBits {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;
  put(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0);
    this.acc = 0;
    this.n = 0;
  }
  finish(): Uint8Array {
    while (this.n > 0) this.put(1, 1);
    return new Uint8Array(this.bytes);
  }
}

/**
 * A baseline JPEG with 4 components (C, M, Y, K, no subsampling) and an Adobe APP14 segment (transform 0: no colour
 * transform), stored inverted as Photoshop does (0 = full ink): for this picture C, M, Y are the R, G, B values and K
 * is 255. Every 8×8 block of the picture is one flat colour, so each block is its DC coefficient alone (quantizer 1,
 * DC = 8 × (value − 128)) followed by an end-of-block: no DCT is needed.
 */
function encodeCmykJpeg(img: Rgba): Uint8Array {
  if (img.width % 8 || img.height % 8) throw new Error('encodeCmykJpeg: sides must be multiples of 8');
  const seg = (marker: number, body: number[]): number[] => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const dcCounts = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]; // Annex K.3, luminance DC
  const dcSymbols = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const acCounts = [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // one AC symbol: end of block (0x00), code 00
  const acSymbols = [0];
  const dc = huffmanCodes(dcCounts, dcSymbols), eob = huffmanCodes(acCounts, acSymbols).get(0)!;
  const sample = (x: number, y: number, c: number): number => (c === 3 ? 255 : img.data[(y * img.width + x) * 4 + c]!);
  const bits = new JpegBits();
  const pred = [0, 0, 0, 0];
  for (let by = 0; by < img.height; by += 8) {
    for (let bx = 0; bx < img.width; bx += 8) {
      for (let c = 0; c < 4; c++) {
        const v = sample(bx, by, c);
        for (let y = by; y < by + 8; y++) for (let x = bx; x < bx + 8; x++) if (sample(x, y, c) !== v) throw new Error('encodeCmykJpeg: a block is not flat');
        const coef = 8 * (v - 128);
        const diff = coef - pred[c]!;
        pred[c] = coef;
        const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
        const h = dc.get(size)!;
        bits.put(h.code, h.length);
        if (size > 0) bits.put(diff > 0 ? diff : diff + (1 << size) - 1, size);
        bits.put(eob.code, eob.length);
      }
    }
  }
  const ascii = (t: string): number[] => [...t].map((ch) => ch.charCodeAt(0));
  return concat(
    new Uint8Array([0xff, 0xd8]),
    new Uint8Array(seg(0xee, [...ascii('Adobe'), 0, 100, 0, 0, 0, 0, 0])), // version 100, flags 0, 0, transform 0
    new Uint8Array(seg(0xdb, [0, ...new Array<number>(64).fill(1)])),
    new Uint8Array(seg(0xc0, [8, img.height >> 8, img.height & 0xff, img.width >> 8, img.width & 0xff, 4,
      1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0])),
    new Uint8Array(seg(0xc4, [0x00, ...dcCounts, ...dcSymbols, 0x10, ...acCounts, ...acSymbols])),
    new Uint8Array(seg(0xda, [4, 1, 0x00, 2, 0x00, 3, 0x00, 4, 0x00, 0, 63, 0])),
    bits.finish(),
    new Uint8Array([0xff, 0xd9]),
  );
}

// --------------------------------------------------------------------------------------------------------- WebP

/** LSB-first bit writer, as VP8L reads. */
class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;
  put(value: number, bits: number): void {
    for (let i = 0; i < bits; i++) {
      this.acc |= ((value >>> i) & 1) << this.n;
      if (++this.n === 8) {
        this.bytes.push(this.acc);
        this.acc = 0;
        this.n = 0;
      }
    }
  }
  finish(): Uint8Array {
    if (this.n > 0) this.bytes.push(this.acc);
    return new Uint8Array(this.bytes);
  }
}

/**
 * A lossless WebP (VP8L) of a picture whose channels each take at most two values: no transforms, no colour
 * cache, one group of "simple" prefix codes (one or two 8-bit symbols each, so a pixel costs ≤ 1 bit a channel).
 */
function encodeWebpLossless(img: Rgba): Uint8Array {
  const w = new BitWriter();
  w.put(0x2f, 8); // signature
  w.put(img.width - 1, 14);
  w.put(img.height - 1, 14);
  w.put(0, 1); // alpha unused
  w.put(0, 3); // version
  w.put(0, 1); // no transform
  w.put(0, 1); // no colour cache
  w.put(0, 1); // no meta prefix codes
  const channelOrder = [1, 0, 2, 3]; // green, red, blue, alpha (offsets into RGBA)
  const symbols = channelOrder.map((c) => {
    const set = new Set<number>();
    for (let i = c; i < img.data.length; i += 4) set.add(img.data[i]!);
    if (set.size > 2) throw new Error('encodeWebpLossless: more than two values in a channel');
    return [...set].sort((a, b) => a - b);
  });
  const simpleCode = (s: number[]): void => {
    w.put(1, 1); // simple code
    w.put(s.length - 1, 1);
    w.put(1, 1); // first symbol is 8 bits
    for (const v of s) w.put(v, 8);
  };
  for (const s of symbols) simpleCode(s); // green (+ lengths), red, blue, alpha
  simpleCode([0]); // distance: unused
  for (let p = 0; p < img.width * img.height; p++) {
    channelOrder.forEach((c, k) => {
      const s = symbols[k]!;
      if (s.length === 2) w.put(img.data[p * 4 + c] === s[1] ? 1 : 0, 1); // canonical: the smaller symbol is 0
    });
  }
  const vp8l = w.finish();
  const chunk = riffChunk('VP8L', vp8l);
  const size = new DataView(new ArrayBuffer(4));
  size.setUint32(0, 4 + chunk.length, true);
  return concat(new TextEncoder().encode('RIFF'), new Uint8Array(size.buffer), new TextEncoder().encode('WEBP'), chunk);
}

function riffChunk(fourcc: string, body: Uint8Array): Uint8Array {
  const size = new DataView(new ArrayBuffer(4));
  size.setUint32(0, body.length, true);
  return concat(new TextEncoder().encode(fourcc), new Uint8Array(size.buffer), body, new Uint8Array(body.length & 1));
}

// ---------------------------------------------------------------------------------------------------------- GIF

/**
 * A GIF89a with a 4-colour palette. LZW without compression: a clear code before every run of 2 codes keeps
 * the code width at 3 bits, so no dictionary needs tracking.
 */
function encodeGif(img: Rgba, palette: number[][]): Uint8Array {
  return concat(gifHeader(img, palette), gifImage(img, palette), new Uint8Array([0x3b]));
}

const le16 = (v: number): number[] => [v & 0xff, v >> 8];

/** The GIF89a signature, screen descriptor and global colour table of 4 colours. */
function gifHeader(img: Rgba, palette: number[][]): Uint8Array {
  return concat(
    new TextEncoder().encode('GIF89a'),
    new Uint8Array([...le16(img.width), ...le16(img.height), 0xf1, 0, 0]), // global table of 4 colours
    new Uint8Array(palette.flat()),
  );
}

/** One image: its descriptor (the whole screen, no local table) and its LZW data. */
function gifImage(img: Rgba, palette: number[][]): Uint8Array {
  const index = (p: number): number => {
    const i = palette.findIndex((c) => c[0] === img.data[p * 4] && c[1] === img.data[p * 4 + 1] && c[2] === img.data[p * 4 + 2]);
    if (i < 0) throw new Error('encodeGif: colour not in palette');
    return i;
  };
  const minCodeSize = 2, clear = 4, eoi = 5;
  const bits = new BitWriter();
  const n = img.width * img.height;
  for (let p = 0; p < n; p++) {
    if (p % 2 === 0) bits.put(clear, 3);
    bits.put(index(p), 3);
  }
  bits.put(eoi, 3);
  const lzw = bits.finish();
  const blocks: number[] = [];
  for (let i = 0; i < lzw.length; i += 255) {
    const part = lzw.subarray(i, i + 255);
    blocks.push(part.length, ...part);
  }
  blocks.push(0);
  return concat(
    new Uint8Array([0x2c, 0, 0, 0, 0, ...le16(img.width), ...le16(img.height), 0, minCodeSize]),
    new Uint8Array(blocks),
  );
}

/** An animated GIF89a that loops forever: each frame shown for 0.5 s (a graphic control extension before each). */
function encodeAnimatedGif(frames: Rgba[], palette: number[][]): Uint8Array {
  const loop = concat(new Uint8Array([0x21, 0xff, 11]), new TextEncoder().encode('NETSCAPE2.0'), new Uint8Array([3, 1, 0, 0, 0]));
  const control = new Uint8Array([0x21, 0xf9, 4, 0x04, ...le16(50), 0, 0]); // disposal 1 (leave), 50 cs, no transparency
  return concat(gifHeader(frames[0]!, palette), loop, ...frames.flatMap((f) => [control, gifImage(f, palette)]), new Uint8Array([0x3b]));
}

// ----------------------------------------------------------------------------------------------------- ISO-BMFF

function box(type: string, ...body: Uint8Array[]): Uint8Array {
  const inner = concat(...body);
  const head = new DataView(new ArrayBuffer(4));
  head.setUint32(0, 8 + inner.length);
  return concat(new Uint8Array(head.buffer), new TextEncoder().encode(type), inner);
}
const u32 = (...v: number[]): Uint8Array => {
  const d = new DataView(new ArrayBuffer(4 * v.length));
  v.forEach((x, i) => d.setUint32(i * 4, x));
  return new Uint8Array(d.buffer);
};

/** What an iPhone's HEIC begins with: 'ftyp' (heic, mif1), then 'meta' with the image's 'ispe'. No image data. */
function heicHeader(): Uint8Array {
  const ftyp = box('ftyp', new TextEncoder().encode('heic'), u32(0), new TextEncoder().encode('mif1heic'));
  const ispe = box('ispe', u32(0, 4032, 3024)); // full box (version/flags), width, height
  const meta = box('meta', u32(0), box('hdlr', u32(0, 0), new TextEncoder().encode('pict'), u32(0, 0, 0), new Uint8Array(1)),
    box('iprp', box('ipco', ispe)));
  return concat(ftyp, meta);
}

// -------------------------------------------------------------------------------------------------------- write

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A smooth, non-trivial picture for the truncated JPEG, so its scan is long enough to cut in the middle. */
function gradient(width: number, height: number): Rgba {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (x * 255) / (width - 1);
      data[i + 1] = (y * 255) / (height - 1);
      data[i + 2] = ((x ^ y) & 0x1f) * 8;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const files: [string, Uint8Array | string][] = [];
  for (let o = 1; o <= 8; o++) files.push([`orientation-${o}.jpg`, encodeJpeg(stored(o), 92, exifOrientation(o, o % 2 === 1))]);
  files.push(['ok.png', encodeRgbPng(upright())]);
  files.push(['ok.webp', encodeWebpLossless(upright())]);
  files.push(['ok.gif', encodeGif(upright(), [RED, GREEN, BLUE, WHITE])]);
  files.push(['empty.jpg', new Uint8Array(0)]);
  const whole = encodeJpeg(gradient(160, 120), 90);
  files.push(['truncated.jpg', whole.subarray(0, Math.floor(whole.length * 0.6))]);
  files.push(['text.jpg', 'Meeting notes, Tuesday\n\nThis is a plain text file that was saved with a .jpg name.\n']);
  files.push(['bad-crc.png', encodeRgbPng(upright(), { corruptIdatCrc: true })]);
  files.push(['huge-header.png', concat(PNG_SIGNATURE, pngHeader(30000, 30000),
    pngChunk('IDAT', new Uint8Array(deflateSync(new Uint8Array(64)))), pngChunk('IEND', new Uint8Array(0)))]);
  files.push(['script.svg', [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48" viewBox="0 0 64 48">',
    '  <rect width="64" height="48" fill="#d9b79c"/>',
    '  <script>document.title = "the SVG ran a script";</script>',
    '</svg>',
    '',
  ].join('\n')]);
  files.push(['heic.heic', heicHeader()]);
  files.push(['png16.png', encodeRgbPng(upright(), { bitDepth: 16 })]);
  files.push(['cmyk.jpg', encodeCmykJpeg(upright())]);
  files.push(['animated.gif', encodeAnimatedGif([upright(), stored(3)], [RED, GREEN, BLUE, WHITE])]);
  for (const [name, bytes] of files) {
    writeFileSync(join(OUT, name), bytes);
    console.log(`${name.padEnd(20)} ${typeof bytes === 'string' ? bytes.length : bytes.length} bytes`);
  }
}

main();
