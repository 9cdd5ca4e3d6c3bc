// The committed demo photo: what src/photo/demo.ts says it is, and what it shows, measured on its decoded pixels.
import { readFileSync, statSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PHOTO } from '../../src/photo/demo.ts';
import { sniffImage } from '../../src/photo/sniff.ts';

const FILE = new URL(`../../public/${DEMO_PHOTO.url}`, import.meta.url);

describe('the demo photo', () => {
  let img: { width: number; height: number; data: Uint8Array };
  beforeAll(() => {
    img = jpeg.decode(readFileSync(FILE), { useTArray: true });
  });
  /** Mean sRGB of a square of `size` px centred on (x, y). */
  const mean = (x: number, y: number, size = 40): [number, number, number] => {
    const sum = [0, 0, 0];
    for (let yy = y - size / 2; yy < y + size / 2; yy++) {
      for (let xx = x - size / 2; xx < x + size / 2; xx++) {
        for (let c = 0; c < 3; c++) sum[c]! += img.data[(yy * img.width + xx) * 4 + c]!;
      }
    }
    return sum.map((v) => v / (size * size)) as [number, number, number];
  };
  const luma = ([r, g, b]: number[]): number => (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;

  test('is the JPEG its module describes, small enough to ship', () => {
    const head = sniffImage(new Uint8Array(readFileSync(FILE).subarray(0, 65536)));
    expect(head).toEqual({ type: 'jpeg', width: DEMO_PHOTO.width, height: DEMO_PHOTO.height });
    expect([img.width, img.height]).toEqual([2400, 1800]);
    expect(statSync(FILE).size).toBeLessThan(1.5 * 1024 * 1024);
    expect(DEMO_PHOTO.pxPerMm).toBe(8);
    expect(DEMO_PHOTO.midlineX).toBe(1200);
  });

  test('shows a lit head on a dark backdrop, skin where the hairline belongs', () => {
    for (const [x, y] of [[60, 60], [2340, 60], [60, 1740], [2340, 1740]] as const) expect(luma(mean(x, y))).toBeLessThan(0.15);
    const top = mean(1200, 900);
    expect(luma(top)).toBeGreaterThan(0.6);
    expect(top[0]).toBeGreaterThan(top[1]); // skin: red over green over blue
    expect(top[1]).toBeGreaterThan(top[2]);
    const { centreX, centreY, halfWidthMm } = DEMO_PHOTO.hairline;
    const atHairline = mean(centreX, centreY);
    expect(luma(atHairline)).toBeGreaterThan(0.5);
    expect(atHairline[0]).toBeGreaterThan(atHairline[2]);
    // The hairline's ends lie on the head, inside the picture.
    for (const side of [-1, 1]) expect(luma(mean(centreX + side * halfWidthMm * DEMO_PHOTO.pxPerMm, centreY, 20))).toBeGreaterThan(0.3);
  });

  test('the shaved sides read as a grey-blue stubble shadow: darker and bluer than the bald top', () => {
    const top = mean(1200, 900);
    for (const x of [650, 1750]) {
      const side = mean(x, 900, 30);
      expect(luma(side), `x ${x}`).toBeLessThan(0.6 * luma(top));
      expect(side[2] / side[0], `x ${x}`).toBeGreaterThan(top[2] / top[0] + 0.04);
    }
    // The same on the back of the head, at the top of the picture.
    const back = mean(1200, 350, 30);
    expect(luma(back)).toBeLessThan(0.45 * luma(top));
  });
});
