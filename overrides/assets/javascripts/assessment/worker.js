// @ts-check
// Module Web Worker: loads Pyodide and the assessment engine wheel from this site only, then
// answers protocol.js requests. Every URL is computed from import.meta.url (this file), never
// from the page's location: a relative indexURL would resolve against the page and break on
// /en/ pages. Other pages' ops (dashboard, tools) are added to HANDLERS.

import { OPS, errorText, parseRequest } from "./protocol.js";

const WHEELS_URL = new URL("../../wheels/", import.meta.url).href;
/** The worker's global scope, as much of it as this file uses (the DOM and WebWorker libs
 * cannot both be loaded in one tsc program). */
/** @typedef {{postMessage(message: unknown): void, addEventListener(type: "message", listener: (event: MessageEvent) => void): void}} WorkerScope */
const scope = /** @type {WorkerScope} */ (/** @type {unknown} */ (self));

/** @type {any} assessment.api, once loaded (a Pyodide proxy) */
let api = null;
/** @type {any} the Pyodide runtime, once loaded */
let pyodideRuntime = null;

/**
 * @param {URL | string} url
 * @param {string} kind
 */
async function fetchOk(url, kind) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${kind}: HTTP ${response.status}`);
  return response;
}

/**
 * Pyodide never settles when its .wasm or standard library cannot be fetched (measured with
 * a 404): watch the responses to the runtime's own files and fail at the first bad one.
 * @param {string} runtimeUrl
 */
function watchRuntime(runtimeUrl) {
  /** @type {(error: Error) => void} */
  let fail = () => {};
  /** @type {Promise<never>} */
  const failed = new Promise((_, reject) => {
    fail = reject;
  });
  const original = globalThis.fetch;
  /** @type {typeof fetch} */
  const watched = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const mine = url.startsWith(runtimeUrl);
    try {
      const response = await original(input, init);
      if (mine && !response.ok) fail(new Error(`runtime file ${url.slice(runtimeUrl.length)}: HTTP ${response.status}`));
      return response;
    } catch (error) {
      if (mine) fail(new Error(`runtime file ${url.slice(runtimeUrl.length)}: ${errorText(error)}`));
      throw error;
    }
  };
  globalThis.fetch = watched;
  return { failed, restore: () => void (globalThis.fetch = original) };
}

async function checkWebAssembly() {
  if (typeof WebAssembly !== "object") throw new Error("WebAssembly is not available in this browser");
  // The smallest valid module: refused here if a policy blocks WebAssembly compilation.
  await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
}

async function boot() {
  const started = performance.now();
  // The manifest names the versioned runtime and content-addressed wheel (cacheable forever).
  const [manifest] = await Promise.all([
    fetchOk(new URL("manifest.json", WHEELS_URL), "wheel manifest").then((r) => r.json()),
    checkWebAssembly(),
  ]);
  const version = String(manifest.pyodide || "");
  const wheelName = String(manifest.wheel || "");
  if (!/^[0-9A-Za-z.\-]+$/.test(version)) throw new Error("wheel manifest: bad Pyodide version");
  if (!/^[0-9a-f]{12}\/[A-Za-z0-9_.\-]+-py3-none-any\.whl$/.test(wheelName)) throw new Error("wheel manifest: bad name");
  const runtimeUrl = new URL(`../../pyodide/${version}/`, import.meta.url).href;
  // The wheel downloads while the runtime loads, not after it.
  const wheel = fetchOk(new URL(wheelName, WHEELS_URL), "engine wheel").then((r) => r.arrayBuffer());
  wheel.catch(() => {}); // awaited below; a failed runtime must not also report this one
  const watch = watchRuntime(runtimeUrl);
  let pyodide;
  try {
    const { loadPyodide } = await Promise.race([import(new URL("pyodide.mjs", runtimeUrl).href), watch.failed]);
    pyodide = await Promise.race([
      loadPyodide({ indexURL: runtimeUrl, packageBaseUrl: runtimeUrl, stdout: () => {}, stderr: () => {} }),
      watch.failed,
    ]);
  } finally {
    watch.restore();
  }
  const buffer = await wheel;
  // Where Pyodide's own package loader installs (`site` is loaded at start-up; importing
  // `sysconfig` to ask it took 45 ms).
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  pyodide.unpackArchive(buffer, "wheel", { extractDir: sitePackages });
  api = pyodide.pyimport("assessment.api");
  pyodideRuntime = pyodide;
  return Math.round(performance.now() - started);
}

/** JS null becomes Pyodide's jsnull, not None: pass undefined for "no value". @param {unknown} v */
const opt = (v) => (v === null ? undefined : v);

/** @type {any} the dashboard's rounds (assessment.rounds.DashboardRounds), made on first use */
let rounds = null;
const dashboard = () => (rounds ??= pyodideRuntime.pyimport("assessment.rounds").DashboardRounds());

/**
 * Decode a batch of the analyst's files (bytes read by the page) and score them into a round.
 * The decoder is imported only by the dashboard.
 * @param {string} round
 * @param {import("../dashboard/read.js").FileBytes[]} files
 */
async function dashboardAdd(round, files) {
  const { decodeAll } = await import("../dashboard/read.js");
  return dashboard().add(round, JSON.stringify(decodeAll(files)));
}

/** @type {Record<string, (args: any[]) => unknown>} */
const HANDLERS = {
  [OPS.checklist]: ([lang]) => api.checklist_json(opt(lang)),
  [OPS.validate]: ([text]) => api.validate(text),
  [OPS.score]: ([text, previous]) => api.score(text, opt(previous)),
  [OPS.render]: ([text, fmt, lang, previous]) => api.render(text, fmt, lang, opt(previous)),
  [OPS.reminders]: ([text]) => pyodideRuntime.pyimport("assessment.reminders").calendar_json(text),
  [OPS.dashboardAdd]: ([round, files]) => dashboardAdd(round, files),
  [OPS.dashboardFigures]: () => dashboard().figures(),
  [OPS.dashboardRender]: ([fmt, lang]) => dashboard().render(fmt, lang),
  [OPS.dashboardClear]: () => dashboard().clear(),
};

const ready = boot().then(
  (ms) => {
    scope.postMessage({ type: "ready", ms });
    return true;
  },
  (error) => {
    scope.postMessage({ type: "failed", error: errorText(error) });
    return false;
  },
);

/** @param {import("./protocol.js").Request} req */
async function answer(req) {
  if (!(await ready)) {
    scope.postMessage({ id: req.id, ok: false, error: "engine unavailable" });
    return;
  }
  const handler = Object.prototype.hasOwnProperty.call(HANDLERS, req.op) ? HANDLERS[req.op] : null;
  if (!handler) {
    scope.postMessage({ id: req.id, ok: false, error: `unknown operation ${req.op}` });
    return;
  }
  try {
    const started = performance.now();
    const value = await handler(req.args);
    scope.postMessage({ id: req.id, ok: true, value: String(value), ms: performance.now() - started });
  } catch (error) {
    scope.postMessage({ id: req.id, ok: false, error: errorText(error) });
  }
}

// One request at a time, in the order sent: an op that waits (importing the decoder) must not
// let a later one (clearing the dashboard) overtake it.
let queue = Promise.resolve();
scope.addEventListener("message", (event) => {
  const req = parseRequest(event.data);
  if (req) queue = queue.then(() => answer(req));
});
