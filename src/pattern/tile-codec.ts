/**
 * The committed tile's byte format: a header, then the points in rank order (the rank is the index), each as two
 * 24-bit fixed-point coordinates in [0, side). 6 bytes a point; resolution side / 2^24.
 */
const MAGIC = 0x544d5053; // "SPMT"
const VERSION = 1;
const HEADER = 16;
const SCALE = 1 << 24;

export interface TilePoints {
  side: number;
  count: number;
  x: Float32Array;
  y: Float32Array;
}

export function encodeTile(t: TilePoints): Uint8Array {
  const out = new Uint8Array(HEADER + t.count * 6);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setFloat32(8, t.side, true);
  view.setUint32(12, t.count, true);
  for (let i = 0; i < t.count; i++) {
    const o = HEADER + i * 6;
    const qx = Math.min(SCALE - 1, Math.round((t.x[i]! / t.side) * SCALE));
    const qy = Math.min(SCALE - 1, Math.round((t.y[i]! / t.side) * SCALE));
    out[o] = qx & 255; out[o + 1] = (qx >> 8) & 255; out[o + 2] = qx >> 16;
    out[o + 3] = qy & 255; out[o + 4] = (qy >> 8) & 255; out[o + 5] = qy >> 16;
  }
  return out;
}

export function decodeTile(bytes: Uint8Array): TilePoints {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER || view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== VERSION) {
    throw new Error('The pattern tile data is not a version-1 tile.');
  }
  const side = view.getFloat32(8, true);
  const count = view.getUint32(12, true);
  if (bytes.byteLength !== HEADER + count * 6) throw new Error('The pattern tile data is truncated.');
  const x = new Float32Array(count), y = new Float32Array(count);
  const k = side / SCALE;
  for (let i = 0; i < count; i++) {
    const o = HEADER + i * 6;
    x[i] = (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16)) * k;
    y[i] = (bytes[o + 3]! | (bytes[o + 4]! << 8) | (bytes[o + 5]! << 16)) * k;
  }
  return { side, count, x, y };
}

export function base64ToBytes(b64: string): Uint8Array {
  if (typeof atob === 'function') {
    const s = atob(b64);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  return new Uint8Array(Buffer.from(b64, 'base64'));
}
