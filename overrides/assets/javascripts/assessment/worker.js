// Module Web Worker: loads Pyodide and the assessment engine wheel from this site only,
// then answers {id, op, args} messages with {id, ok, value} or {id, ok: false, error}.
//
// Every URL is computed from import.meta.url (this file), never from the page's location:
// a relative indexURL would resolve against the page and break on /en/ pages.

const WHEELS_URL = new URL("../../wheels/", import.meta.url).href;

let api = null;
let pyodideRuntime = null;

async function fetchOk(url, kind) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${kind}: HTTP ${response.status}`);
  return response;
}

// Pyodide logs "wasm instantiation failed!" and then never settles when the .wasm cannot
// be fetched or compiled (measured with a 404): turn that message into a failure.
function instantiationWatch() {
  let fail;
  const failed = new Promise((_, reject) => {
    fail = reject;
  });
  const original = { warn: console.warn, error: console.error };
  for (const level of ["warn", "error"]) {
    console[level] = (...args) => {
      const text = args.map(String).join(" ");
      if (/wasm instantiation failed|on 'WebAssembly'/i.test(text)) fail(new Error(text));
      original[level].apply(console, args);
    };
  }
  const restore = () => Object.assign(console, original);
  return { failed, restore };
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
  if (!/^[0-9a-f]{12}\/[A-Za-z0-9_.\-]+-py3-none-any\.whl$/.test(wheelName)) {
    throw new Error("wheel manifest: bad name");
  }
  const runtimeUrl = new URL(`../../pyodide/${version}/`, import.meta.url).href;
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeUrl).href);
  const watch = instantiationWatch();
  let pyodide;
  try {
    pyodide = await Promise.race([
      loadPyodide({ indexURL: runtimeUrl, packageBaseUrl: runtimeUrl, stdout: () => {}, stderr: () => {} }),
      watch.failed,
    ]);
  } finally {
    watch.restore();
  }
  const buffer = await (await fetchOk(new URL(wheelName, WHEELS_URL), "engine wheel")).arrayBuffer();
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(buffer, "wheel", { extractDir: sitePackages });
  api = pyodide.pyimport("assessment.api");
  pyodideRuntime = pyodide;
  // Warm the engine up once so the first real request is fast.
  api.checklist_json();
  return Math.round(performance.now() - started);
}

// JS null becomes pyodide's jsnull, not None: pass undefined for "no value".
const opt = (value) => (value === null ? undefined : value);
const OPS = {
  checklist: ([lang]) => api.checklist_json(opt(lang)),
  validate: ([text]) => api.validate(text),
  score: ([text, previous]) => api.score(text, opt(previous)),
  render: ([text, fmt, lang, previous]) => api.render(text, fmt, lang, opt(previous)),
  // Review reminders (/tools/reminders/): an .ics from assessment/ics.py.
  reminders: ([text]) => pyodideRuntime.pyimport("assessment.reminders").calendar_json(text),
  // The dashboard (overrides/assets/javascripts/dashboard/): a batch of files, then the rounds.
  aggregate_read: ([files]) => api.aggregate_read(JSON.stringify(files)),
  aggregate: ([current, previous]) =>
    api.aggregate(JSON.stringify(current), previous ? JSON.stringify(previous) : undefined),
  aggregate_render: ([current, previous, fmt, lang]) =>
    api.aggregate_render(JSON.stringify(current), previous ? JSON.stringify(previous) : undefined, fmt, lang),
};

const ready = boot().then(
  (ms) => {
    self.postMessage({ type: "ready", ms });
    return true;
  },
  (error) => {
    self.postMessage({ type: "failed", error: String((error && error.message) || error) });
    return false;
  },
);

self.addEventListener("message", async (event) => {
  const { id, op, args } = event.data || {};
  if (!(await ready)) {
    self.postMessage({ id, ok: false, error: "engine unavailable" });
    return;
  }
  const fn = OPS[op];
  if (!fn) {
    self.postMessage({ id, ok: false, error: `unknown operation ${op}` });
    return;
  }
  try {
    const started = performance.now();
    const value = fn(Array.isArray(args) ? args : []);
    self.postMessage({ id, ok: true, value: String(value), ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id, ok: false, error: String((error && error.message) || error) });
  }
});
