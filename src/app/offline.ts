/**
 * Offline use (production builds only; the dev server registers nothing). Registers the service worker
 * (public/sw.js) once the page has loaded; it stores the app's own files as the app requests them. On the very first
 * visit the app loaded its files before the worker was in charge, so once it is, and once the app has loaded what it
 * needs (`loaded`: the picture is shown), those files are requested once more, through the worker, to be stored too.
 * `<html data-offline="ready">` then says the app will open without a network.
 */
export function registerOffline(loaded: Promise<unknown>): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  const firstVisit = !sw.controller;
  const registered = new Promise<void>((resolve, reject) => {
    const register = (): void => {
      // Offline, the update check could only fail; the worker in charge already serves the stored files.
      if (navigator.onLine) sw.register('./sw.js').then(() => resolve(), reject);
      else resolve();
    };
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  });
  // The app's own failures stay unhandled (reported) here; the app works without the worker, online only.
  void loaded.then(() => makeReady(sw, registered, firstVisit).catch(() => undefined));
}

async function makeReady(sw: ServiceWorkerContainer, registered: Promise<void>, firstVisit: boolean): Promise<void> {
  await registered;
  if (firstVisit) {
    await sw.ready;
    if (!sw.controller) await new Promise((resolve) => sw.addEventListener('controllerchange', resolve, { once: true }));
    await Promise.all(ownFiles().map(async (url) => (await fetch(url)).blob()));
  }
  document.documentElement.dataset.offline = 'ready';
}

/** This page and every file it requested from the app's own origin (its workers' scripts included). */
function ownFiles(): string[] {
  const page = new URL(location.href);
  page.hash = '';
  const own = performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => new URL(u).origin === location.origin && !u.endsWith('/sw.js'));
  return [...new Set([page.href, ...own])];
}
