// loadPhoto in real Chromium: fixture bytes from Node, loaded in the page, the display copy read back on a canvas.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_PHOTO } from '../../src/photo/demo.ts';
import { foreignRequests, openPage } from './harness.ts';

const fixture = (name: string): number[] => [...readFileSync(new URL(`../fixtures/${name}`, import.meta.url))];

/** What the page reports about a load. */
type Outcome =
  | { ok: true; width: number; height: number; displayWidth: number; displayHeight: number; displayScale: number;
      type: string; name: string; quadrants: number[][]; decodes: number; full?: [number, number] }
  | { ok: false; errorName: string; isPhotoError: boolean; code: string; message: string; decodes: number };

// Plain JavaScript, added as a script tag: functions passed to page.evaluate must not be transformed by the test's
// own compiler. Counts createImageBitmap calls (decodes) and samples the centre of each quadrant of the display copy.
const PROBE = `
window.__realCreateImageBitmap = window.__realCreateImageBitmap || window.createImageBitmap.bind(window);
window.createImageBitmap = function () { window.__decodes++; return window.__realCreateImageBitmap.apply(null, arguments); };
window.__load = async function (bytes, name, opts, full) {
  const m = await import('/src/photo/load-photo.ts');
  window.__decodes = 0;
  const file = bytes === null ? await (await fetch(name)).blob() : new File([new Uint8Array(bytes)], name);
  try {
    const p = await m.loadPhoto(file, name, opts);
    const w = p.display.width, h = p.display.height;
    const ctx = new OffscreenCanvas(w, h).getContext('2d');
    ctx.drawImage(p.display, 0, 0);
    const quadrants = [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]]
      .map(([fx, fy]) => Array.from(ctx.getImageData(Math.floor(fx * w), Math.floor(fy * h), 1, 1).data.slice(0, 3)));
    const out = { ok: true, width: p.width, height: p.height, displayWidth: w, displayHeight: h,
      displayScale: p.displayScale, type: p.type, name: p.name, quadrants, decodes: window.__decodes };
    if (full) {
      const big = await m.decodeFullResolution(p);
      out.full = [big.width, big.height];
      big.close();
    }
    p.display.close();
    return out;
  } catch (e) {
    return { ok: false, errorName: e.name, isPhotoError: e instanceof m.PhotoError, code: e.code, message: e.message,
      decodes: window.__decodes };
  }
};`;

/** A blank page of the app's origin (the app's own page is not needed to load a photo), with the probe. */
async function photoPage(): Promise<Page> {
  const page = await openPage('/test/fixtures/blank.html');
  await page.context().addInitScript({ content: PROBE }); // for a reload by the dev server (new dependencies found)
  await page.addScriptTag({ content: PROBE });
  return page;
}

async function load(page: Page, bytes: number[] | null, name: string, opts: object, full = false): Promise<Outcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await page.evaluate(([b, n, o, f]) =>
        (window as unknown as { __load(...a: unknown[]): Promise<Outcome> }).__load(b, n, o, f), [bytes, name, opts, full] as const);
    } catch (e) {
      // The Vite dev server reloads open pages when it discovers dependencies to optimise; try again once loaded.
      if (attempt >= 2 || !/context was destroyed|__load is not a function|navigat/i.test(String(e))) throw e;
      await page.waitForLoadState('load');
    }
  }
}

const RED = [255, 0, 0], GREEN = [0, 255, 0], BLUE = [0, 0, 255], WHITE = [255, 255, 255];
/** Each sampled colour within `tol` of the upright picture's: red, green / blue, white. */
function expectUpright(quadrants: number[][], tol = 24): void {
  [RED, GREEN, BLUE, WHITE].forEach((want, i) => {
    const got = quadrants[i]!;
    const err = Math.max(...want.map((v, k) => Math.abs(v - got[k]!)));
    expect(err, `quadrant ${i}: got ${got.join(',')}, want ${want.join(',')}`).toBeLessThanOrEqual(tol);
  });
}

describe('loadPhoto', () => {
  test('every EXIF orientation loads upright, at full size and downscaled', async () => {
    const page = await photoPage();
    for (let o = 1; o <= 8; o++) {
      const name = `orientation-${o}.jpg`;
      const r = await load(page, fixture(name), name, { maxDisplaySide: 4096 });
      if (!r.ok) throw new Error(`${name}: ${r.message}`);
      expect([r.width, r.height, r.displayWidth, r.displayHeight, r.displayScale], name).toEqual([64, 48, 64, 48, 1]);
      expect(r.type).toBe('jpeg');
      expect(r.name).toBe(name);
      expectUpright(r.quadrants);

      const small = await load(page, fixture(name), name, { maxDisplaySide: 32 });
      if (!small.ok) throw new Error(`${name}: ${small.message}`);
      expect([small.width, small.height, small.displayWidth, small.displayHeight], name).toEqual([64, 48, 32, 24]);
      expect(small.displayScale).toBe(0.5);
      expectUpright(small.quadrants, 40);
    }
    expect(foreignRequests(page)).toEqual([]);
  });

  test('PNG, lossless WebP and GIF load', async () => {
    const page = await photoPage();
    for (const [name, type] of [['ok.png', 'png'], ['ok.webp', 'webp'], ['ok.gif', 'gif']] as const) {
      const r = await load(page, fixture(name), name, { maxDisplaySide: 4096 });
      if (!r.ok) throw new Error(`${name}: ${r.message}`);
      expect([r.type, r.width, r.height], name).toEqual([type, 64, 48]);
      expectUpright(r.quadrants, 2);
    }
  });

  test('bad files are refused with a PhotoError that says what is wrong and what to do', async () => {
    const page = await photoPage();
    const cases: [file: string, code: string, words: RegExp[], decodes?: number][] = [
      ['empty.jpg', 'empty', [/empty/, /choose/i], 0],
      ['truncated.jpg', 'damaged', [/damaged/, /ends early/, /again/]],
      ['text.jpg', 'unsupported', [/isn't a photo/, /JPEG/]],
      ['bad-crc.png', 'damaged', [/damaged/, /again/]],
      ['huge-header.png', 'too-large', [/30000 × 30000/, /900 megapixels/, /50 megapixel limit/, /smaller/], 0],
      ['script.svg', 'svg', [/SVG/, /scripts/, /photo/], 0],
      ['heic.heic', 'unsupported', [/HEIC/, /can't be opened in this browser/, /export .* as JPEG/]],
    ];
    const title = await page.title();
    for (const [file, code, words, decodes] of cases) {
      const r = await load(page, fixture(file), file, { maxDisplaySide: 4096 });
      if (r.ok) throw new Error(`${file} loaded`);
      expect([r.errorName, r.isPhotoError, r.code], file).toEqual(['PhotoError', true, code]);
      for (const w of words) expect(r.message, file).toMatch(w);
      expect(r.message.length, file).toBeLessThan(160);
      if (decodes !== undefined) expect(r.decodes, `${file} was decoded`).toBe(decodes);
    }
    expect(await page.title()).toBe(title); // the SVG's script never ran
  });

  test('the megapixel limit is read from the header, before any decoding', async () => {
    const page = await photoPage();
    const r = await load(page, fixture('ok.png'), 'ok.png', { maxDisplaySide: 4096, maxMegapixels: 0.002 });
    if (r.ok) throw new Error('loaded');
    expect(r.code).toBe('too-large');
    expect(r.message).toMatch(/64 × 48 px/);
    expect(r.decodes).toBe(0);
    const ok = await load(page, fixture('ok.png'), 'ok.png', { maxDisplaySide: 4096, maxMegapixels: 0.004 });
    expect(ok.ok).toBe(true);
  });

  test('the display copy fits maxDisplaySide; the full resolution stays available', async () => {
    const page = await photoPage();
    for (const [name, side, want] of [
      ['ok.png', 40, [40, 30]], ['ok.webp', 63, [63, 48]] /* height rounded up */, ['orientation-6.jpg', 16, [16, 12]], ['orientation-8.jpg', 1, [1, 1]],
    ] as const) {
      const r = await load(page, fixture(name), name, { maxDisplaySide: side }, true);
      if (!r.ok) throw new Error(`${name}: ${r.message}`);
      expect([r.displayWidth, r.displayHeight], name).toEqual(want);
      expect([r.width, r.height, ...r.full!], name).toEqual([64, 48, 64, 48]);
      expect(r.displayScale, name).toBeCloseTo(want[0] / 64, 6);
    }
  });

  test('the demo photo loads at its declared size, downscaled for a small GPU', async () => {
    const page = await photoPage();
    const url = `/${DEMO_PHOTO.url}`;
    const small = await load(page, null, url, { maxDisplaySide: 1000 }, true);
    if (!small.ok) throw new Error(small.message);
    expect([small.width, small.height]).toEqual([DEMO_PHOTO.width, DEMO_PHOTO.height]);
    expect([small.displayWidth, small.displayHeight, small.full]).toEqual([1000, 750, [2400, 1800]]);
    expect(small.displayScale).toBeCloseTo(1000 / 2400, 6);
    // The upper quadrants' centres are on the dark backdrop beside the head.
    for (const c of small.quadrants.slice(0, 2)) expect(Math.max(...c)).toBeLessThan(60);
    const whole = await load(page, null, url, { maxDisplaySide: 8192 });
    if (!whole.ok) throw new Error(whole.message);
    expect([whole.displayWidth, whole.displayHeight, whole.displayScale]).toEqual([2400, 1800, 1]);
    expect(foreignRequests(page)).toEqual([]);
  });
});
