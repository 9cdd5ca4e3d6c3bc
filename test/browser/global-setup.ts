// Starts one Vite dev server and one headless Chromium (Debian's, through playwright-core) for the browser project;
// tests reach them through inject('baseUrl') and inject('wsEndpoint'). scripts/screenshot.ts reuses the launchers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type LaunchOptions } from 'playwright-core';
import { createServer, type ViteDevServer, type InlineConfig } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The app's origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
    baseUrl: string;
    /** Playwright endpoint of the shared browser: chromium.connect(wsEndpoint). */
    wsEndpoint: string;
  }
}

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Debian's Chromium, software GL (SwiftShader), no traffic of its own. Never a downloaded browser. */
export const CHROMIUM: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The app's Vite dev server on a free port of 127.0.0.1. No file watching and no HMR, so edits made while the tests
 * run never reload a page under test (`watch: null` alone does not stop Vite 8 from reloading on a changed file); a
 * private dependency cache, so concurrent runs do not share one.
 */
/** Starts the app's Vite dev server on a free port; `extra` merges into its config (a benchmark narrows the dependency scan). */
export async function startAppServer(extra: InlineConfig = {}): Promise<AppServer> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'smp-vite-'));
  let server: ViteDevServer | undefined;
  try {
    server = await createServer({
      root: ROOT,
      cacheDir,
      logLevel: 'warn',
      clearScreen: false,
      server: { host: '127.0.0.1', port: 0, strictPort: true, watch: null, hmr: false, open: false },
      ...extra,
    });
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('Vite did not report a local URL');
    const s = server;
    return {
      url: url.replace(/\/$/, ''),
      close: async () => {
        await s.close();
        rmSync(cacheDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await server?.close();
    rmSync(cacheDir, { recursive: true, force: true });
    throw e;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const app = await startAppServer();
  let browser;
  try {
    browser = await chromium.launchServer(CHROMIUM);
  } catch (e) {
    await app.close();
    throw e;
  }
  project.provide('baseUrl', app.url);
  project.provide('wsEndpoint', browser.wsEndpoint());
  const b = browser;
  return async () => {
    await b.close();
    await app.close();
  };
}
