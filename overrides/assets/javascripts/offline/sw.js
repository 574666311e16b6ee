// @ts-check
// The site's service worker. scripts/build_service_worker.py writes /sw.js as
// `self.DALEEL_PRECACHE = {...};` followed by this file (a classic worker script: module
// service workers are not everywhere yet). Everything here is same-origin: there is no other.
//
// - One build, one cache set: "daleel-<build>-core" (every page of both languages, search,
//   PDFs, styles, scripts, fonts) is filled at install, checked byte for byte against the
//   build's SHA-256 list; "daleel-<build>-runtime" (Pyodide and the engine wheel, ~6 MB
//   transferred) only when the runtime is first requested (the assessment opens) or the reader
//   asks for it ("make available offline"). Activation deletes every other build's caches.
// - No clients.claim(): a page loaded without this worker finishes without it; the next
//   navigation is served by it.
// - Cache first for what the build lists, so a page and its assets always come from the same
//   build; a new build waits until the reader reloads (the page shows a notice).

/** @typedef {{build: string, core: [string, string][], runtime: [string, string][],
 *   fallback: string}} Precache */

/** @type {ServiceWorkerGlobalScope} */
// @ts-ignore -- the worker global
const sw = self;
/** @type {Precache} */
// @ts-ignore -- written by scripts/build_service_worker.py
const PRECACHE = self.DALEEL_PRECACHE;
const PREFIX = "daleel-";
const CORE = `${PREFIX}${PRECACHE.build}-core`;
const RUNTIME = `${PREFIX}${PRECACHE.build}-runtime`;
const coreRevisions = new Map(PRECACHE.core);
const runtimeRevisions = new Map(PRECACHE.runtime);

/** @param {ArrayBuffer} bytes */
async function sha256(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A response for `path` whose bytes are this build's, from an older cache or the network.
 * @param {string} path @param {string} revision */
async function fetchChecked(path, revision) {
  const url = new URL(path, sw.location.origin).href;
  const old = await caches.match(url);
  if (old) {
    const body = await old.arrayBuffer();
    if ((await sha256(body)) === revision) return new Response(body, old);
  }
  const response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  if ((await sha256(body)) !== revision) throw new Error(`${path}: not this build's file`);
  return new Response(body, response);
}

/** @type {Map<string, Promise<void>>} */
const pending = new Map();

/** Put this build's `path` into `cacheName` once, however many callers ask at a time.
 * @param {string} cacheName @param {string} path @param {string} revision */
function store(cacheName, path, revision) {
  let job = pending.get(path);
  if (!job) {
    job = (async () => {
      const cache = await caches.open(cacheName);
      if (!(await cache.match(path))) await cache.put(path, await fetchChecked(path, revision));
    })().finally(() => pending.delete(path));
    pending.set(path, job);
  }
  return job;
}

/** Fill `cacheName` with `entries`, a few at a time (the 2-core phones this is for).
 * @param {string} cacheName @param {[string, string][]} entries */
async function fill(cacheName, entries) {
  const queue = [...entries];
  const worker = async () => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      await store(cacheName, entry[0], entry[1]);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

/** Whether an older build's cache already holds this build's runtime (the reader asked). */
async function hadRuntime() {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || !name.endsWith("-runtime") || name === RUNTIME) continue;
    if ((await (await caches.open(name)).keys()).length > 0) return true;
  }
  return false;
}

/** @type {Promise<void> | null} */
let runtimeFill = null;
function cacheRuntime() {
  runtimeFill ??= fill(RUNTIME, PRECACHE.runtime).catch((error) => {
    runtimeFill = null;
    throw error;
  });
  return runtimeFill;
}

sw.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      await fill(CORE, PRECACHE.core);
      // A reader who made the assessment available offline keeps it across updates.
      if (await hadRuntime()) await cacheRuntime();
    })(),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CORE && name !== RUNTIME) await caches.delete(name);
      }
    })(),
  );
});

/** @param {string} pathname */
function keyOf(pathname) {
  if (coreRevisions.has(pathname) || runtimeRevisions.has(pathname)) return pathname;
  const page = pathname.endsWith("/") ? pathname : `${pathname}/`;
  return coreRevisions.has(page) ? page : null;
}

/** @param {FetchEvent} event @param {string} key */
async function fromBuild(event, key) {
  const runtime = runtimeRevisions.has(key);
  const cacheName = runtime ? RUNTIME : CORE;
  const cached = await caches.match(key, { cacheName });
  if (cached) return cached;
  // The first request for the runtime (the assessment opens) caches all of it.
  if (runtime) event.waitUntil(cacheRuntime().catch(() => undefined));
  const revision = /** @type {string} */ ((runtime ? runtimeRevisions : coreRevisions).get(key));
  try {
    await store(cacheName, key, revision);
    const stored = await caches.match(key, { cacheName });
    if (stored) return stored;
  } catch {
    // The server holds another build (or none): fall through to the network's answer.
  }
  return fetch(event.request);
}

/** @param {FetchEvent} event */
async function respond(event) {
  const url = new URL(event.request.url);
  const key = keyOf(url.pathname);
  if (key) return fromBuild(event, key);
  try {
    return await fetch(event.request);
  } catch (error) {
    if (event.request.mode !== "navigate") throw error;
    const page = await caches.match(PRECACHE.fallback, { cacheName: CORE });
    if (!page) throw error;
    return new Response(page.body, { status: 404, headers: page.headers });
  }
}

sw.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== sw.location.origin) return;
  event.respondWith(respond(event));
});

sw.addEventListener("message", (event) => {
  const data = event.data;
  if (data && data.type === "skip-waiting") sw.skipWaiting();
  if (data && data.type === "cache-runtime") {
    const port = event.ports[0];
    event.waitUntil(
      cacheRuntime().then(
        () => port?.postMessage({ ok: true }),
        (error) => port?.postMessage({ ok: false, error: String(error) }),
      ),
    );
  }
  if (data && data.type === "status") {
    const port = event.ports[0];
    event.waitUntil(
      (async () => {
        const keys = (await caches.has(RUNTIME)) ? await (await caches.open(RUNTIME)).keys() : [];
        port?.postMessage({ build: PRECACHE.build, runtime: keys.length === PRECACHE.runtime.length });
      })(),
    );
  }
});
