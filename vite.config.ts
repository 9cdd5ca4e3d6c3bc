import { randomBytes } from 'node:crypto';
import { defineConfig, type Plugin } from 'vite';

/**
 * The Content-Security-Policy is the <meta> in index.html, exactly as the build ships it. This plugin keeps it so:
 * the app's page fails to build or serve if the meta is missing or allows any 'unsafe-…' source. The dev server
 * needs one thing more, on any page that has a policy: Vite's error overlay draws with a <style> element, so in dev
 * style-src also takes a nonce made at start-up (Vite's html.cspNonce puts it on the elements Vite makes). All else
 * the dev server uses, its module scripts and its websocket, is on the app's own origin: 'self' allows it.
 */
function contentSecurityPolicy(): Plugin {
  const nonce = randomBytes(18).toString('base64');
  const META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;
  let dev = false;
  return {
    name: 'smp:content-security-policy',
    config: (_, env) => (env.command === 'serve' && !env.isPreview ? { html: { cspNonce: nonce } } : undefined),
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html, ctx) {
        const policy = META.exec(html)?.[1];
        if (ctx.path === '/index.html') {
          if (policy === undefined) throw new Error('index.html has no Content-Security-Policy <meta>');
          if (policy.includes("'unsafe-")) throw new Error(`index.html's Content-Security-Policy allows an unsafe source: ${policy}`);
        }
        if (!dev || policy === undefined) return html;
        const devPolicy = policy.replace(/style-src ([^;]*)/, (_, sources: string) => `style-src ${sources} 'nonce-${nonce}'`);
        return html.replace(META, (meta) => meta.replace(policy, devPolicy));
      },
    },
  };
}

// The app is static files only: nothing is fetched from anywhere but its own origin.
export default defineConfig({
  base: './',
  plugins: [contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173 },
});
