// Takes a screenshot of the app as the browser tests see it: npx tsx scripts/screenshot.ts [out.png]
// (default test-results/screenshot.png). Same Vite server and Chromium as test/browser/global-setup.ts.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT, startAppServer } from '../test/browser/global-setup.ts';

const out = resolve(process.argv[2] ?? resolve(ROOT, 'test-results/screenshot.png'));
const app = await startAppServer();
try {
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 });
    page.on('console', (m) => {
      if (m.type() === 'error') console.error(`page: ${m.text()}`);
    });
    page.on('pageerror', (e) => console.error(`page: ${e.message}`));
    await page.goto(app.url + '/');
    await page.locator('.status[data-ready="true"][data-generation]').waitFor({ timeout: 60_000 });
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out, animations: 'disabled', caret: 'hide' });
    console.log(`${out}: ${(await page.getByTestId('dot-count').textContent()) ?? '?'} dots`);
  } finally {
    await browser.close();
  }
} finally {
  await app.close();
}
