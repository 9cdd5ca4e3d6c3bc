// The app's service worker: it keeps a copy of the app's own files, so that after one visit the app opens and works
// with no network. Registered by src/app/offline.ts, in production builds only.
//
// What it touches: GET requests for files on the app's own origin, inside its scope. Anything else (another origin,
// POST and other methods, range requests) is left to the browser untouched and never stored; blob: and data: URLs
// (the client's photo, exports) never reach a service worker at all. It sends nothing anywhere itself.
//
// - Pages (navigations, index.html): network first, so a new version arrives as soon as the network has it; the
//   stored copy when the network fails. A page that differs from the stored one is a new build: the stored build
//   files (assets/, all content-hashed) are dropped then, and the new page's files are stored as it loads them.
// - Everything else (hashed scripts, styles and workers, the demo photo, icons): the stored copy, else the network.
// Only complete same-origin 200 responses are stored. Changing VERSION drops everything stored.
'use strict';

const VERSION = 'smp-1';
const SCOPE = new URL(self.registration.scope);
const ASSETS = new URL('assets/', SCOPE).href;
// One stored copy a URL, whatever request headers it was first asked with (servers send "Vary: Origin", and a module
// script's request carries an Origin header that fetch() of the same file does not).
const MATCH = { ignoreVary: true };

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== VERSION) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.href.startsWith(SCOPE.href)) return;
  if (url.href === new URL('sw.js', SCOPE).href) return;
  const page = request.mode === 'navigate' || url.pathname.endsWith('/') || url.pathname.endsWith('/index.html');
  event.respondWith(page ? networkFirst(request, pageKey(url)) : cacheFirst(request));
});

/** One stored copy per page: no query or fragment, and "dir/index.html" is "dir/". */
function pageKey(url) {
  const key = new URL(url.pathname, url);
  if (key.pathname.endsWith('/index.html')) key.pathname = key.pathname.slice(0, -'index.html'.length);
  return key.href;
}

/** A response worth keeping: complete, from this origin, not redirected. */
function storable(response) {
  return response.status === 200 && response.type === 'basic' && !response.redirected;
}

async function networkFirst(request, key) {
  const cache = await caches.open(VERSION);
  let response;
  try {
    response = await fetch(request);
  } catch (error) {
    const stored = await cache.match(key, MATCH);
    if (stored) return stored;
    throw error;
  }
  if (storable(response)) {
    const stored = await cache.match(key, MATCH);
    const fresh = response.clone();
    if (stored && (await stored.text()) !== (await fresh.clone().text())) await dropBuildFiles(cache);
    await cache.put(key, fresh);
  }
  return response;
}

async function cacheFirst(request) {
  const cache = await caches.open(VERSION);
  const stored = await cache.match(request, MATCH);
  if (stored) return stored;
  const response = await fetch(request);
  if (storable(response)) await cache.put(request, response.clone());
  return response;
}

/** Drops the stored files of earlier builds (under assets/, named by their content): a new build has its own. */
async function dropBuildFiles(cache) {
  for (const request of await cache.keys()) if (request.url.startsWith(ASSETS)) await cache.delete(request);
}
