/*
 * The residents' app's service worker: keeps the app shell (index.html, its hashed scripts and
 * styles, config.json, the manifest and icons) so that the app opens with no network, where the
 * receipts sent meanwhile wait in IndexedDB. The API, the sign-in page, the console and the
 * receipts bucket are never touched: they always go to the network.
 *
 * - pages: network first (a new version shows as soon as it is online), the kept shell otherwise;
 * - /assets/* (names carry a content hash): from the cache, fetched and kept the first time;
 * - the other files of the shell: network first, the kept copy offline.
 * After each fresh index.html, assets it no longer names are dropped from the cache.
 */
const CACHE = 'cabas-app-shell-v1';
const SHELL = ['/', '/config.json', '/manifest.webmanifest', '/icon.svg', '/icon-192.png'];
const NOT_OURS = /^\/(v1|console|connexion|docs)(\/|$|\.)/;

function assetsOf(html) {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

async function keepShell(response) {
  const cache = await caches.open(CACHE);
  const html = await response.clone().text();
  await cache.put('/', response.clone());
  const wanted = new Set(assetsOf(html));
  await Promise.all([...wanted].map(async (url) => (await cache.match(url)) ?? cache.add(url).catch(() => undefined)));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !wanted.has(path) && !path.endsWith('.png')) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(SHELL.slice(1).map((url) => cache.add(url).catch(() => undefined)));
      const page = await fetch('/', { cache: 'no-store' });
      if (page.ok) await keepShell(page);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NOT_OURS.test(url.pathname) || url.pathname === '/sw.js') return;
  if (request.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (response.ok && (response.headers.get('content-type') || '').includes('text/html')) event.waitUntil(keepShell(response.clone()));
          return response;
        } catch {
          return (await caches.match('/')) || Response.error();
        }
      })(),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      (async () => {
        const kept = await caches.match(request);
        if (kept) return kept;
        const response = await fetch(request);
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((c) => c.put(request, copy)));
        }
        return response;
      })(),
    );
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(
      (async () => {
        try {
          const response = await fetch(request);
          if (response.ok) {
            const copy = response.clone();
            event.waitUntil(caches.open(CACHE).then((c) => c.put(url.pathname, copy)));
          }
          return response;
        } catch {
          return (await caches.match(url.pathname)) || Response.error();
        }
      })(),
    );
  }
});
