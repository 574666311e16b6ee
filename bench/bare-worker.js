// Benchmark reference worker: the same Pyodide files the site uses (version from the site's
// wheel manifest, as its worker reads it), loadPyodide() and runPython("1"), nothing else.
const WHEELS_URL = new URL("../assets/wheels/", import.meta.url).href;

async function run() {
  const started = performance.now();
  const manifest = await (await fetch(new URL("manifest.json", WHEELS_URL), { cache: "no-cache" })).json();
  const runtimeUrl = new URL(`../assets/pyodide/${manifest.pyodide}/`, import.meta.url).href;
  const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeUrl).href);
  const pyodide = await loadPyodide({ indexURL: runtimeUrl, packageBaseUrl: runtimeUrl });
  const value = pyodide.runPython("1");
  return { value: String(value), ms: Math.round(performance.now() - started) };
}

run().then(
  ({ value, ms }) => self.postMessage({ ok: true, value, ms }),
  (error) => self.postMessage({ ok: false, value: String((error && error.message) || error) }),
);
