// The headless page a browser bench drives, on the app's test server.
import { type Browser, type Page } from 'playwright-core';
import { startAppServer } from '../test/browser/global-setup.ts';

/**
 * The app's test server, with Vite's dependency scan starting from the bench's page only: a scan of the app's own
 * pages that finds a dependency late re-bundles the dependencies mid-run, and a page of the run then fails to load
 * its modules ("Outdated Optimize Dep") or is reloaded.
 */
export const startBenchServer = (page: string) => startAppServer({ optimizeDeps: { entries: [page] } });

export function withTimeout<T>(p: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Opens a bench page, recording its errors, crashes and reloads in `errors`, and waits until it says it is ready. */
export async function openBenchPage(browser: Browser, url: string, errors: string[], viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('crash', () => errors.push('the page crashed'));
  await page.goto(url);
  // A reload after this point (e.g. Vite re-optimising dependencies) would lose the run: record it.
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) errors.push(`the page navigated to ${f.url()} during the run`);
  });
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 60_000 });
  return page;
}
