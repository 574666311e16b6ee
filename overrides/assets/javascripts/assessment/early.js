// Starts the scoring worker while the long form is still being parsed (loaded `async` from
// <head>), so Pyodide downloads in parallel with the page instead of after main.js runs
// (scripts/bench.py measured about 1.2–1.6 s saved). Engine.start() adopts this worker and
// replays whatever it said before main.js was ready.

const messages = [];
const errors = [];
try {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  const onMessage = (event) => messages.push(event.data || {});
  const onError = (event) => {
    event.preventDefault();
    errors.push(event.message || "worker error");
  };
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", onError);
  globalThis.daleelEarlyWorker = {
    worker,
    // Hand the worker over once: stop buffering and return what was buffered.
    adopt() {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      globalThis.daleelEarlyWorker = undefined;
      return { worker, messages, errors };
    },
  };
} catch {
  // Engine.start() will try again and report the failure in the page's language.
}
