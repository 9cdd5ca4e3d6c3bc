// Helpers for browser tests: a checked page on the shared Chromium, and pixel measurements of what it shows.
import { inflateSync } from 'node:zlib';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, inject, onTestFinished } from 'vitest';

let browser: Promise<Browser> | undefined;
afterAll(async () => {
  if (browser) await (await browser).close();
  browser = undefined;
});

interface PageRecord {
  origin: string;
  requests: string[];
  errors: string[];
}
const records = new WeakMap<Page, PageRecord>();

/**
 * Opens `path` of the app in a fresh context (1024×768, scale 1) and waits for its load event. The test fails if the
 * page (or one of its workers) logs a console error, throws, or a request fails; every request is recorded
 * (see foreignRequests). The context closes when the test finishes.
 */
export async function openPage(path = '/'): Promise<Page> {
  browser ??= chromium.connect(inject('wsEndpoint'));
  const origin = inject('baseUrl');
  const context = await (await browser).newContext({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 });
  const record: PageRecord = { origin, requests: [], errors: [] };
  context.on('request', (r) => record.requests.push(r.url()));
  context.on('console', (m) => { // the page's and its workers'
    if (m.type() === 'error') record.errors.push(`console error: ${m.text()}`);
  });
  context.on('weberror', (e) => record.errors.push(`uncaught: ${e.error().stack ?? e.error().message}`));
  context.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '?';
    if (why !== 'net::ERR_ABORTED') record.errors.push(`request failed: ${r.url()} (${why})`);
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  records.set(page, record);
  onTestFinished(async () => {
    await context.close();
    expectNoErrors(page);
  });
  await page.goto(origin + path);
  return page;
}

/** Throws if the page has reported a console error, an uncaught error or a failed request so far. */
export function expectNoErrors(page: Page): void {
  const errors = recordOf(page).errors;
  if (errors.length > 0) throw new Error(`The page reported errors:\n${[...new Set(errors)].join('\n')}`);
}

/** Every request the page's context made whose URL is not on the app's origin (data: URLs excepted). */
export function foreignRequests(page: Page): string[] {
  const { origin, requests } = recordOf(page);
  return requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
}

/** Every request the page's context made so far. */
export function allRequests(page: Page): string[] {
  return [...recordOf(page).requests];
}

function recordOf(page: Page): PageRecord {
  const r = records.get(page);
  if (!r) throw new Error('Not a page from openPage()');
  return r;
}

/** RGBA pixels, row-major, 4 bytes each. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What the screen shows inside the element's content box (e.g. a canvas, without its border), as pixels: a
 * screenshot, so it works for 2D and WebGL canvases alike.
 */
export async function elementPixels(target: Locator): Promise<Pixels> {
  await target.scrollIntoViewIfNeeded();
  const clip = await target.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { x: r.left + e.clientLeft, y: r.top + e.clientTop, width: e.clientWidth, height: e.clientHeight };
  });
  return decodePng(await target.page().screenshot({ clip, animations: 'disabled', caret: 'hide' }));
}

/** Rec. 709 luma of the gamma-encoded values, in [0, 1]. */
function luma(d: Uint8Array, i: number): number {
  return (0.2126 * d[i]! + 0.7152 * d[i + 1]! + 0.0722 * d[i + 2]!) / 255;
}

function eachPixel(p: Pixels, rect: Rect | undefined, f: (i: number) => void): number {
  const x0 = Math.max(0, Math.floor(rect?.x ?? 0)), y0 = Math.max(0, Math.floor(rect?.y ?? 0));
  const x1 = Math.min(p.width, x0 + Math.floor(rect?.width ?? p.width));
  const y1 = Math.min(p.height, y0 + Math.floor(rect?.height ?? p.height));
  if (x1 <= x0 || y1 <= y0) throw new Error('Empty rectangle');
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) f((y * p.width + x) * 4);
  return (x1 - x0) * (y1 - y0);
}

/** Mean luma in [0, 1] over `rect` (default: all). */
export function meanLuminance(p: Pixels, rect?: Rect): number {
  let sum = 0;
  const n = eachPixel(p, rect, (i) => (sum += luma(p.data, i)));
  return sum / n;
}

/** Fraction of pixels in `rect` (default: all) whose luma is below `threshold` (in [0, 1]). */
export function darkFraction(p: Pixels, rect?: Rect, threshold = 0.4): number {
  let dark = 0;
  const n = eachPixel(p, rect, (i) => {
    if (luma(p.data, i) < threshold) dark++;
  });
  return dark / n;
}

/**
 * Fraction of pixels in `rect` (default: all) that `p` shows darker than `base` by more than `drop` (luma, 0–1):
 * what was drawn over a picture, e.g. the dots over the photo alone ("Show before"). Same-sized images only.
 */
export function darkerFraction(base: Pixels, p: Pixels, rect?: Rect, drop = 0.1): number {
  if (base.width !== p.width || base.height !== p.height) throw new Error('Images of different sizes');
  let darker = 0;
  const n = eachPixel(p, rect, (i) => {
    if (luma(p.data, i) < luma(base.data, i) - drop) darker++;
  });
  return darker / n;
}

/** The RGB of the pixel at (x, y). */
export function pixelAt(p: Pixels, x: number, y: number): [number, number, number] {
  const i = (Math.floor(y) * p.width + Math.floor(x)) * 4;
  return [p.data[i]!, p.data[i + 1]!, p.data[i + 2]!];
}

/** Decodes an 8-bit, non-interlaced PNG (grey, grey+alpha, RGB or RGBA: what Chromium writes) to RGBA. */
export function decodePng(png: Uint8Array): Pixels {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (view.getUint32(0) !== 0x89504e47) throw new Error('Not a PNG');
  let width = 0, height = 0, colorType = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const body = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      colorType = body[9]!;
      if (body[8] !== 8 || body[12] !== 0 || ![0, 2, 4, 6].includes(colorType)) throw new Error('Unsupported PNG format');
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as { [k: number]: number })[colorType]!;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels]! : 0, b = prev[i]!, c = i >= channels ? prev[i - channels]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = (src[i]! + pred) & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels, d = p * 4;
    const grey = channels <= 2;
    data[d] = rows[s]!;
    data[d + 1] = grey ? rows[s]! : rows[s + 1]!;
    data[d + 2] = grey ? rows[s]! : rows[s + 2]!;
    data[d + 3] = channels === 4 ? rows[s + 3]! : channels === 2 ? rows[s + 1]! : 255;
  }
  return { width, height, data };
}

/** Waits until the dots on screen match the design (status data-ready) with a generation newer than `after`. */
export async function settled(page: Page, after = -1): Promise<void> {
  await page.waitForFunction((g) => {
    const s = document.querySelector('.status');
    return s?.getAttribute('data-ready') === 'true' && Number(s.getAttribute('data-generation')) > g;
  }, after, { timeout: 60_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Two animation frames: whatever a store change asked to draw has been drawn. */
export const frames = (page: Page): Promise<unknown> => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Page coordinates of a photo point, through the view in the app's store and the view element's place. */
export async function toPage(page: Page, px: number, py: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('view').boundingBox())!;
  const v = await page.evaluate(() => (globalThis as unknown as { smp: { store: { get(): { view: { scale: number; x: number; y: number } } } } }).smp.store.get().view);
  return { x: box.x + px * v.scale + v.x, y: box.y + py * v.scale + v.y };
}

/** A rectangle in photo px as a rectangle of the view's pixels. */
export async function screenRect(page: Page, x0: number, y0: number, x1: number, y1: number): Promise<Rect> {
  const box = (await page.getByTestId('view').boundingBox())!;
  const a = await toPage(page, x0, y0), b = await toPage(page, x1, y1);
  return { x: a.x - box.x, y: a.y - box.y, width: b.x - a.x, height: b.y - a.y };
}

/** Moves the mouse to a photo point. */
export async function movePhoto(page: Page, px: number, py: number, steps = 1): Promise<void> {
  const p = await toPage(page, px, py);
  await page.mouse.move(p.x, p.y, { steps });
}

/** Clicks a photo point (move, press, release), as a tool sees a click. */
export async function clickPhoto(page: Page, px: number, py: number): Promise<void> {
  await movePhoto(page, px, py);
  await page.mouse.down();
  await page.mouse.up();
}
