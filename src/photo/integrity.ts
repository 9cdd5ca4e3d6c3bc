// Cheap structural checks of a whole file, without decoding: a file cut short in transfer still has a valid header,
// and some browsers draw what they can of it (grey below the cut) instead of failing. Pure: no DOM.
import type { ImageType } from './sniff.ts';

/** Why the file is damaged ('ends early'), or undefined when its structure is whole (or the type is not checked). */
export function findDamage(type: ImageType, bytes: Uint8Array): string | undefined {
  if (type === 'jpeg') return jpegDamage(bytes);
  if (type === 'png') return pngDamage(bytes);
  if (type === 'webp') return webpDamage(bytes);
  return undefined;
}

/**
 * A JPEG must close its scans with an EOI marker (FF D9). Inside entropy-coded data every FF byte is followed by 00
 * or a restart marker, so the first FF D9 after the first scan starts is the real end; data may follow it (motion
 * photos append a video), so it is searched for, not expected last.
 */
function jpegDamage(b: Uint8Array): string | undefined {
  let at = 2;
  for (;;) {
    while (at + 1 < b.length && b[at] === 0xff && b[at + 1] === 0xff) at++;
    if (at + 4 > b.length) return 'ends early';
    if (b[at] !== 0xff) return 'bad structure';
    const marker = b[at + 1]!;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9) return 'no image data';
    const len = (b[at + 2]! << 8) | b[at + 3]!;
    if (marker === 0xda) {
      at += 2 + len;
      break;
    }
    at += 2 + len;
  }
  for (let i = at; i + 1 < b.length; i++) if (b[i] === 0xff && b[i + 1] === 0xd9) return undefined;
  return 'ends early';
}

/** A PNG's chunks must run, whole, up to an IEND chunk. (Checksums are the decoder's business.) */
function pngDamage(b: Uint8Array): string | undefined {
  for (let at = 8; ; ) {
    if (at + 12 > b.length) return 'ends early';
    const len = ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
    if (at + 12 + len > b.length) return 'ends early';
    if (b[at + 4] === 0x49 && b[at + 5] === 0x45 && b[at + 6] === 0x4e && b[at + 7] === 0x44) return undefined; // IEND
    at += 12 + len;
  }
}

/** A WebP's RIFF header states its length. */
function webpDamage(b: Uint8Array): string | undefined {
  if (b.length < 12) return 'ends early';
  const riffSize = (b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24)) >>> 0;
  return b.length < 8 + riffSize ? 'ends early' : undefined;
}
