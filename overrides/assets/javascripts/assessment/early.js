// @ts-check
// Starts the scoring worker while the long form is still being parsed (loaded `async` from
// <head>), so Pyodide downloads in parallel with the page instead of after main.js runs
// (scripts/bench.py measured about 1.2–1.6 s saved). Engine.start() adopts this worker and
// replays whatever it said before main.js was ready.

/** @typedef {{worker: Worker, messages: unknown[], errors: string[]}} Adopted */

/** @type {unknown[]} */
const messages = [];
/** @type {string[]} */
const errors = [];
const g = /** @type {{daleelEarlyWorker?: {adopt(): Adopted}}} */ (/** @type {unknown} */ (globalThis));
try {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  /** @param {MessageEvent} event */
  const onMessage = (event) => messages.push(event.data || {});
  /** @param {ErrorEvent} event */
  const onError = (event) => {
    event.preventDefault();
    errors.push(event.message || "worker error");
  };
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", onError);
  g.daleelEarlyWorker = {
    // Hand the worker over once: stop buffering and return what was buffered.
    adopt() {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      g.daleelEarlyWorker = undefined;
      return { worker, messages, errors };
    },
  };
} catch {
  // Engine.start() will try again and report the failure in the page's language.
}
