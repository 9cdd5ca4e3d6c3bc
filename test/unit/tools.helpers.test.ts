// The pure parts of the design tools: stroke growth, polygon clicks and edits, calibration, colour picking.
import { describe, expect, test } from 'vitest';
import { extendStroke, replaceEdit } from '../../src/app/tools/brush-tool.ts';
import { calibrate, lineLabel, MIN_LINE_PX } from '../../src/app/tools/calibrate-tool.ts';
import { averageDiscColour } from '../../src/app/tools/eyedropper-tool.ts';
import { rgbToHex } from '../../src/realism/pigment.ts';
import { polygonClick, polygonEdit, polygonMode } from '../../src/app/tools/polygon-tool.ts';
import type { AreaEdit } from '../../src/design/types.ts';

describe('brush strokes', () => {
  test('a point joins the stroke once it is a step away from the last one', () => {
    const start = [{ x: 0, y: 0 }];
    expect(extendStroke(start, { x: 1, y: 1 }, 5)).toBe(start);
    expect(extendStroke(start, { x: 3, y: 4 }, 5)).toEqual([{ x: 0, y: 0 }, { x: 3, y: 4 }]);
    expect(extendStroke([], { x: 2, y: 2 }, 5)).toEqual([{ x: 2, y: 2 }]);
  });

  test('the release point is kept however near, unless it repeats the last point', () => {
    const start = [{ x: 0, y: 0 }];
    expect(extendStroke(start, { x: 1, y: 0 }, 5, true)).toEqual([{ x: 0, y: 0 }, { x: 1, y: 0 }]);
    expect(extendStroke(start, { x: 0, y: 0 }, 5, true)).toBe(start);
  });

  test('the stroke being painted is replaced in place, the others are kept', () => {
    const a: AreaEdit = { kind: 'polygon', mode: 'add', points: [] };
    const b: AreaEdit = { kind: 'brush', mode: 'erase', sizeMm: 10, feather: 0.5, points: [{ x: 0, y: 0 }] };
    const b2: AreaEdit = { ...b, points: [{ x: 0, y: 0 }, { x: 9, y: 0 }] };
    const out = replaceEdit([a, b], 1, b2);
    expect(out).toEqual([a, b2]);
    expect(out[0]).toBe(a);
  });
});

describe('polygons', () => {
  const tri = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }];

  test('a click near the first vertex closes a polygon of 3 or more, elsewhere it adds a vertex', () => {
    expect(polygonClick(tri, { x: 4, y: 3 }, 10)).toBe('close');
    expect(polygonClick(tri, { x: 40, y: 60 }, 10)).toBe('add');
    expect(polygonClick(tri.slice(0, 2), { x: 1, y: 1 }, 10)).toBe('add'); // two points cannot close
    expect(polygonClick([], { x: 1, y: 1 }, 10)).toBe('add');
  });

  test('a repeated click on the last vertex adds nothing', () => {
    expect(polygonClick(tri, { x: 100, y: 101 }, 10)).toBe('ignore');
  });

  test('the edit needs 3 vertices enclosing an area', () => {
    expect(polygonEdit(tri.slice(0, 2), 'add')).toBeNull();
    expect(polygonEdit([{ x: 0, y: 0 }, { x: 5, y: 5 }, { x: 10, y: 10 }], 'add')).toBeNull();
    expect(polygonEdit(tri, 'erase')).toEqual({ kind: 'polygon', mode: 'erase', points: tri });
    expect(polygonEdit(tri, 'add')!.points).not.toBe(tri);
  });

  test('Shift makes it remove (no panel in Node: the box counts as unticked)', () => {
    expect(polygonMode(true)).toBe('erase');
    expect(polygonMode(false)).toBe('add');
  });
});

describe('calibration', () => {
  test('a 400 px line over a 50 mm ruler is 8 px/mm, with the notice text', () => {
    const r = calibrate({ x: 300, y: 200 }, { x: 700, y: 200 }, 50, 'ruler', 0.5);
    expect(r).toEqual({ scale: { pxPerMm: 8, calibrated: true, source: 'ruler' }, text: 'Scale set: 8.00 px/mm from a 50 mm ruler' });
  });

  test('pupils 504 px apart at 63 mm are 8 px/mm; a fractional distance is shown with one decimal', () => {
    const r = calibrate({ x: 0, y: 0 }, { x: 504, y: 0 }, 63, 'pupils', 1);
    expect(r).toMatchObject({ scale: { pxPerMm: 8, source: 'pupils' }, text: 'Scale set: 8.00 px/mm from a 63 mm pupil distance' });
    expect(calibrate({ x: 0, y: 0 }, { x: 300, y: 400 }, 62.5, 'pupils', 1)).toMatchObject({ scale: { pxPerMm: 8 }, text: expect.stringContaining('62.5 mm') });
  });

  test(`a line under ${MIN_LINE_PX} px on screen or in the photo is refused`, () => {
    expect(calibrate({ x: 0, y: 0 }, { x: 4, y: 0 }, 50, 'ruler', 1)).toHaveProperty('error');
    expect(calibrate({ x: 0, y: 0 }, { x: 40, y: 0 }, 50, 'ruler', 0.2)).toHaveProperty('error'); // 8 px on screen
    expect(calibrate({ x: 0, y: 0 }, { x: 5, y: 0 }, 50, 'ruler', 16)).toHaveProperty('error'); // 80 px on screen, 5 in the photo
    expect(calibrate({ x: 0, y: 0 }, { x: 12, y: 0 }, 50, 'ruler', 1)).toHaveProperty('scale');
    expect(calibrate({ x: 0, y: 0 }, { x: 100, y: 0 }, 0, 'ruler', 1)).toHaveProperty('error');
  });

  test('the label gives the length in mm at the current scale', () => {
    expect(lineLabel({ x: 0, y: 0 }, { x: 30, y: 40 }, 2)).toBe('25.0 mm');
  });
});

describe('colour picking', () => {
  /** A w × h RGBA image from a function of the pixel. */
  const image = (w: number, h: number, f: (x: number, y: number) => [number, number, number, number?]): Uint8ClampedArray => {
    const d = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const [r, g, b, a = 255] = f(x, y);
      d.set([r, g, b, a], (y * w + x) * 4);
    }
    return d;
  };

  test('a flat colour comes back exactly', () => {
    expect(averageDiscColour(image(11, 11, () => [154, 107, 79]), 11, 11, 5.5, 5.5, 5)).toEqual([154, 107, 79]);
    expect(rgbToHex([154, 107, 79])).toBe('#9a6b4f');
  });

  test('only pixels inside the disc count', () => {
    // White inside a radius of 3 around the centre, black in the corners the disc does not reach.
    const d = image(11, 11, (x, y) => (Math.hypot(x + 0.5 - 5.5, y + 0.5 - 5.5) <= 3 ? [255, 255, 255] : [0, 0, 0]));
    expect(averageDiscColour(d, 11, 11, 5.5, 5.5, 3)).toEqual([255, 255, 255]);
  });

  test('black and white half and half average in linear light (188), not in sRGB (128)', () => {
    const d = image(2, 1, (x) => (x === 0 ? [0, 0, 0] : [255, 255, 255]));
    expect(averageDiscColour(d, 2, 1, 1, 0.5, 1)).toEqual([188, 188, 188]);
  });

  test('a disc smaller than a pixel takes the pixel under its centre; transparent pixels do not count', () => {
    const d = image(3, 1, (x) => [x * 100, 0, 0, x === 2 ? 0 : 255]);
    expect(averageDiscColour(d, 3, 1, 1.2, 0.2, 0.1)).toEqual([100, 0, 0]);
    expect(averageDiscColour(d, 3, 1, 2.5, 0.5, 0.1)).toBeNull();
    expect(averageDiscColour(d, 0, 0, 0, 0, 1)).toBeNull();
  });
});
