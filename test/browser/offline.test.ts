// Privacy, security and offline use: the Content-Security-Policy holds while the app is used, a whole session asks
// nothing of any other origin, and the production build opens offline after one visit through its service worker.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from './global-setup.ts';
import { allRequests, expectNoErrors, foreignRequests, openPage } from './harness.ts';

/** Records every `securitypolicyviolation` the page (any document of the context) sees, from its first script on. */
async function watchViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = ((globalThis as { cspViolations?: string[] }).cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
  });
}
const violations = (page: Page): Promise<string[]> => page.evaluate(() => (globalThis as { cspViolations?: string[] }).cspViolations ?? ['(not watched)']);

/** Waits until the dots on screen match the design, newer than generation `after`. */
async function settled(page: Page, after = -1): Promise<number> {
  await page.waitForFunction((g) => {
    const s = document.querySelector('.status');
    return s?.getAttribute('data-ready') === 'true' && Number(s.getAttribute('data-generation')) > g;
  }, after, { timeout: 60_000 });
  return Number(await page.locator('.status').getAttribute('data-generation'));
}

const dotCount = async (page: Page): Promise<number> => Number(await page.locator('.status').getAttribute('data-dots'));
const density = (page: Page): Promise<number> => page.evaluate(() => (globalThis as never as { smp: { store: { get(): { design: { dots: { density: number } } } } } }).smp.store.get().design.dots.density);

/** Moves the density slider the way a keyboard user does, `steps` notches up. */
async function nudgeDensity(page: Page, steps: number): Promise<void> {
  const slider = page.locator('#c-density');
  await slider.focus();
  for (let i = 0; i < steps; i++) await slider.press('ArrowRight');
}

/** Clicks Export PNG and returns the download's file name once the browser has it. */
async function exportPng(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(await download.failure()).toBeNull();
  return download.suggestedFilename();
}

describe('privacy', () => {
  it('runs under a strict Content-Security-Policy with no violation while it is used', async () => {
    const page = await openPage('/');
    await watchViolations(page.context());
    await page.reload();
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(policy).toMatch(/(^|; )object-src 'none'(;|$)/);
    expect(policy).not.toMatch(/unsafe-/);
    const gen = await settled(page);
    expect(await dotCount(page)).toBeGreaterThan(0);

    const before = await density(page);
    await nudgeDensity(page, 5);
    await settled(page, gen);
    expect(await density(page)).toBeGreaterThan(before);
    // Swatch colours are set through the CSSOM: a style attribute would be refused.
    const swatch = page.getByRole('button', { name: 'Pigment Charcoal' });
    expect(await swatch.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(58, 54, 52)');
    await swatch.click();
    await expect(swatch.getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await exportPng(page)).toBe('smp-before-after.png');

    expect(await violations(page)).toEqual([]);
    expectNoErrors(page);
  });

  it('keeps a whole session on the device: every request is for the app\'s own files', async () => {
    const page = await openPage('/');
    const sent: string[] = [];
    page.context().on('request', (r) => {
      if (r.method() !== 'GET' || r.postDataBuffer()) sent.push(`${r.method()} ${r.url()}`);
    });
    let gen = await settled(page);
    await nudgeDensity(page, 3);
    gen = await settled(page, gen);
    await page.locator('#c-photo').setInputFiles({ name: 'client.png', mimeType: 'image/png', buffer: readFileSync('test/fixtures/ok.png') });
    await settled(page, gen);
    await expect(page.getByTestId('photo-name').textContent()).resolves.toBe('client.png');
    expect(await exportPng(page)).toBe('smp-before-after.png');

    expect(foreignRequests(page)).toEqual([]);
    const origin = inject('baseUrl');
    for (const url of allRequests(page)) expect(url.startsWith(`${origin}/`) || /^(blob|data):/.test(url), url).toBe(true);
    expect(sent).toEqual([]); // nothing uploaded: no request carries a body
  });
});

describe('offline, from the production build', () => {
  const run = promisify(execFile);
  let outDir = '';
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'smp-dist-'));
    // A child process, so the build runs as `vite build` does (NODE_ENV=production: import.meta.env.PROD).
    await run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--sourcemap', 'false', '--logLevel', 'error'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
    });
    server = await preview({ root: ROOT, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
    browser = await chromium.connect(inject('wsEndpoint'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('opens again with no network after one visit, its service worker serving the app\'s files', async () => {
    const url = server!.resolvedUrls!.local[0]!;
    const origin = new URL(url).origin;
    const context = await browser!.newContext({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 });
    try {
      await watchViolations(context);
      const errors: string[] = [];
      const requests: string[] = [];
      let offline = false;
      context.on('request', (r) => requests.push(r.url()));
      context.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
      });
      context.on('weberror', (e) => errors.push(`uncaught: ${e.error().message}`));
      context.on('requestfailed', (r) => {
        // Offline, the service worker's own try of the network for the page fails, as it should; nothing else may.
        if (offline && r.serviceWorker() && r.url() === url) return;
        errors.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? '?'})`);
      });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);

      // First visit, online: the worker takes charge and stores what the app loaded.
      await page.goto(url);
      await settled(page);
      expect(await dotCount(page)).toBeGreaterThan(0);
      await page.locator('html[data-offline="ready"]').waitFor({ state: 'attached' });
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${origin}/sw.js`);

      // Offline: the page and everything it needs come from the worker's store.
      await context.setOffline(true);
      offline = true;
      const response = await page.reload();
      expect(response?.fromServiceWorker()).toBe(true);
      expect(response?.status()).toBe(200);
      await settled(page);
      expect(await dotCount(page)).toBeGreaterThan(0);
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

      // It stored only the app's own files.
      const stored = await page.evaluate(async () => (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).map((r) => r.url))))).then((l) => l.flat());
      expect(stored).toContain(`${origin}/`);
      expect(stored).toContain(`${origin}/demo/scalp-demo.jpg`);
      expect(stored.some((u) => /\/assets\/pattern\.worker-[\w-]+\.js$/.test(u))).toBe(true);
      for (const u of stored) expect(u.startsWith(`${origin}/`), u).toBe(true);

      expect(requests.filter((u) => !/^(blob|data):/.test(u) && new URL(u).origin !== origin)).toEqual([]);
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
