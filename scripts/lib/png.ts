import { crc32, deflateSync } from 'node:zlib';

/**
 * The one PNG encoder of the project's scripts and tests (Node only): 8- or 16-bit RGB or RGBA, no filtering, no
 * interlace. The browser app never encodes PNG itself (canvases do); this makes fixtures, icons, previews and test
 * photos.
 */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A chunk: length, type, body, CRC (spoiled on purpose with corruptCrc, for bad-input fixtures). */
export function pngChunk(type: string, body: Uint8Array, corruptCrc = false): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const out = Buffer.alloc(8 + typed.length);
  out.writeUInt32BE(body.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE((crc32(typed) ^ (corruptCrc ? 0x5a5a5a5a : 0)) >>> 0, 4 + typed.length);
  return out;
}

/** The IHDR chunk: colour type 2 (RGB) or 6 (RGBA). */
export function pngHeader(width: number, height: number, o: { bitDepth?: 8 | 16; alpha?: boolean } = {}): Buffer {
  const body = Buffer.alloc(13);
  body.writeUInt32BE(width, 0);
  body.writeUInt32BE(height, 4);
  body.set([o.bitDepth ?? 8, o.alpha ? 6 : 2, 0, 0, 0], 8);
  return pngChunk('IHDR', body);
}

export interface PngOptions {
  /** Samples a pixel in `data`: 3 (RGB) or 4 (RGBA). */
  channels: 3 | 4;
  /** Keep the alpha channel in the file (RGBA input only); otherwise the file is RGB. */
  alpha?: boolean;
  /** 16 stores each 8-bit value v as v × 257. */
  bitDepth?: 8 | 16;
  /** zlib level (default zlib's own). */
  level?: number;
  corruptIdatCrc?: boolean;
}

/** Encodes 8-bit samples, row-major without filter bytes. */
export function encodePng(data: ArrayLike<number>, width: number, height: number, o: PngOptions): Buffer {
  const out = o.alpha && o.channels === 4 ? 4 : 3;
  const bytes = (o.bitDepth ?? 8) / 8;
  const stride = 1 + width * out * bytes;
  const raw = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < out; c++) {
        const v = data[(y * width + x) * o.channels + c]!;
        const at = y * stride + 1 + (x * out + c) * bytes;
        if (bytes === 1) raw[at] = v;
        else raw.writeUInt16BE(v * 257, at);
      }
    }
  }
  const idat = deflateSync(raw, o.level === undefined ? {} : { level: o.level });
  return Buffer.concat([PNG_SIGNATURE, pngHeader(width, height, { bitDepth: o.bitDepth ?? 8, alpha: out === 4 }), pngChunk('IDAT', idat, o.corruptIdatCrc), pngChunk('IEND', new Uint8Array(0))]);
}
