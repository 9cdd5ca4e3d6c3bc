import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { describe, expect, test } from 'vitest';
import { findDamage } from '../../src/photo/integrity.ts';
import { sniffImage, uprightSize } from '../../src/photo/sniff.ts';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffImage on the fixtures', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('orientation-%i.jpg: JPEG, stored size, EXIF orientation', (o) => {
    const s = sniffImage(fixture(`orientation-${o}.jpg`));
    // 5–8 are stored on their side: 48 × 64, shown 64 × 48.
    expect(s).toEqual({ type: 'jpeg', width: o >= 5 ? 48 : 64, height: o >= 5 ? 64 : 48, orientation: o });
    expect(uprightSize({ width: s.width!, height: s.height!, orientation: s.orientation })).toEqual({ width: 64, height: 48 });
  });

  test('control: the orientation fixtures are stored turned, so only the EXIF tag makes them upright', () => {
    // jpeg-js ignores EXIF: it gives the stored pixels. Quadrant centres, as red/green/blue/white initials.
    const name = (r: number, g: number, b: number): string =>
      r > 128 && g > 128 ? 'W' : r > 128 ? 'R' : g > 128 ? 'G' : b > 128 ? 'B' : '?';
    const layout = (o: number): string => {
      const img = jpeg.decode(fixture(`orientation-${o}.jpg`), { useTArray: true });
      return [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]].map(([fx, fy]) => {
        const i = (Math.floor(fy! * img.height) * img.width + Math.floor(fx! * img.width)) * 4;
        return name(img.data[i]!, img.data[i + 1]!, img.data[i + 2]!);
      }).join('');
    };
    // Stored layouts: top-left, top-right, bottom-left, bottom-right.
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(layout)).toEqual(['RGBW', 'GRWB', 'WBGR', 'BWRG', 'RBGW', 'GWRB', 'WGBR', 'BRWG']);
  });

  test('PNG, WebP (lossless), GIF: type and size', () => {
    expect(sniffImage(fixture('ok.png'))).toEqual({ type: 'png', width: 64, height: 48 });
    expect(sniffImage(fixture('ok.webp'))).toEqual({ type: 'webp', width: 64, height: 48 });
    expect(sniffImage(fixture('ok.gif'))).toEqual({ type: 'gif', width: 64, height: 48 });
  });

  test('the bad files', () => {
    expect(sniffImage(fixture('empty.jpg'))).toEqual({ type: 'unknown' });
    expect(sniffImage(fixture('text.jpg'))).toEqual({ type: 'unknown' });
    expect(sniffImage(fixture('script.svg'))).toEqual({ type: 'svg' });
    expect(sniffImage(fixture('heic.heic'))).toEqual({ type: 'heic', width: 4032, height: 3024 });
    expect(sniffImage(fixture('huge-header.png'))).toEqual({ type: 'png', width: 30000, height: 30000 });
    // Cut in its scan: the header is whole, so the size is known; the structure check finds the cut.
    expect(sniffImage(fixture('truncated.jpg'))).toEqual({ type: 'jpeg', width: 160, height: 120 });
    expect(sniffImage(fixture('bad-crc.png'))).toEqual({ type: 'png', width: 64, height: 48 });
  });

  test('a JPEG cut inside its header is incomplete, without a size', () => {
    const jpg = fixture('orientation-6.jpg');
    const s = sniffImage(jpg.subarray(0, 40));
    expect(s.type).toBe('jpeg');
    expect(s.width).toBeUndefined();
    expect(s.incomplete).toBe(true);
  });
});

describe('findDamage', () => {
  test('whole files pass', () => {
    for (const f of ['orientation-1.jpg', 'orientation-8.jpg']) expect(findDamage('jpeg', fixture(f))).toBeUndefined();
    expect(findDamage('png', fixture('ok.png'))).toBeUndefined();
    expect(findDamage('webp', fixture('ok.webp'))).toBeUndefined();
  });
  test('cut files are found', () => {
    expect(findDamage('jpeg', fixture('truncated.jpg'))).toBe('ends early');
    const png = fixture('ok.png');
    expect(findDamage('png', png.subarray(0, png.length - 20))).toBe('ends early');
    const webp = fixture('ok.webp');
    expect(findDamage('webp', webp.subarray(0, webp.length - 1))).toBe('ends early');
  });
  test('data after the JPEG end (as motion photos append a video) is no damage', () => {
    const jpg = fixture('orientation-2.jpg');
    const withTail = new Uint8Array(jpg.length + 1000);
    withTail.set(jpg);
    expect(findDamage('jpeg', withTail)).toBeUndefined();
  });
});

describe('sniffImage on hand-made headers', () => {
  test('WebP lossy (VP8) and extended (VP8X) with an EXIF orientation', () => {
    // VP8: frame tag, start code 9d 01 2a, 14-bit sizes with 2 scale bits.
    const vp8 = bytes('RIFF', [30, 0, 0, 0], 'WEBPVP8 ', [10, 0, 0, 0], [0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x07, 0x38, 0xc4]);
    expect(sniffImage(vp8)).toEqual({ type: 'webp', width: 1920, height: 1080 });
    const exif = bytes('MM', [0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
    const vp8x = bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X', [10, 0, 0, 0], [0x08, 0, 0, 0], [0xff, 0x0f, 0], [0xbf, 0x0b, 0],
      'EXIF', [exif.length, 0, 0, 0], [...exif]);
    expect(sniffImage(vp8x)).toEqual({ type: 'webp', width: 4096, height: 3008, orientation: 6 });
  });

  test('AVIF vs HEIC by brand; the largest ispe is the picture', () => {
    const box = (type: string, ...body: number[][]): number[] => {
      const inner = body.flat();
      const n = 8 + inner.length;
      return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, ...[...type].map((c) => c.charCodeAt(0)), ...inner];
    };
    const be32 = (v: number): number[] => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    const ispe = (w: number, h: number): number[] => box('ispe', be32(0), be32(w), be32(h));
    const file = (brands: string): Uint8Array => new Uint8Array([
      ...box('ftyp', [...brands].map((c) => c.charCodeAt(0))),
      ...box('meta', be32(0), box('iprp', box('ipco', ispe(256, 192), ispe(6000, 4000)))),
    ]);
    expect(sniffImage(file('avif\0\0\0\0mif1miaf'))).toEqual({ type: 'avif', width: 6000, height: 4000 });
    expect(sniffImage(file('mif1\0\0\0\0mif1avif'))).toEqual({ type: 'avif', width: 6000, height: 4000 });
    expect(sniffImage(file('heic\0\0\0\0mif1heic'))).toEqual({ type: 'heic', width: 6000, height: 4000 });
    expect(sniffImage(file('isom\0\0\0\0isomiso2')).type).toBe('unknown'); // an MP4 video
  });

  test('BMP, TIFF, SVG variants, PNG eXIf', () => {
    const bmp = bytes('BM', new Array(12).fill(0), [40, 0, 0, 0], [0x20, 0x03, 0, 0], [0x38, 0xfe, 0xff, 0xff]);
    expect(sniffImage(bmp)).toEqual({ type: 'bmp', width: 800, height: 456 }); // negative height: top-down rows
    const tiff = bytes('II', [42, 0, 8, 0, 0, 0, 3, 0],
      [0x00, 0x01, 4, 0, 1, 0, 0, 0, 0xa0, 0x0f, 0, 0], [0x01, 0x01, 3, 0, 1, 0, 0, 0, 0xb8, 0x0b, 0, 0],
      [0x12, 0x01, 3, 0, 1, 0, 0, 0, 8, 0, 0, 0], [0, 0, 0, 0]);
    expect(sniffImage(tiff)).toEqual({ type: 'tiff', width: 4000, height: 3000, orientation: 8 });
    expect(sniffImage(bytes('\xef\xbb\xbf  <svg xmlns="http://www.w3.org/2000/svg"/>')).type).toBe('svg');
    expect(sniffImage(bytes('<!-- drawn -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg>')).type).toBe('svg');
    expect(sniffImage(bytes('<html><body>hello</body></html>')).type).toBe('unknown');
    const png = fixture('ok.png');
    const exif = [...bytes('II', [42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0])];
    const withExif = new Uint8Array([...png.subarray(0, 33), 0, 0, 0, exif.length, ...bytes('eXIf'), ...exif, 0, 0, 0, 0,
      ...png.subarray(33)]);
    expect(sniffImage(withExif)).toEqual({ type: 'png', width: 64, height: 48, orientation: 3 });
  });

  test('short and odd inputs never throw', () => {
    for (let n = 0; n < 40; n++) {
      for (const f of ['orientation-6.jpg', 'ok.png', 'ok.webp', 'ok.gif', 'heic.heic']) {
        expect(() => sniffImage(fixture(f).subarray(0, n))).not.toThrow();
      }
    }
  });
});
