// Benchmark reference page script: start the bare worker and mark the page when Python has
// answered runPython("1"). data-done holds performance.now() of that moment (page clock).
const status = document.getElementById("bare-status");
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.addEventListener("message", (event) => {
  const { ok, value, ms } = event.data || {};
  status.textContent = ok ? `result ${value} after ${ms} ms in the worker` : `failed: ${value}`;
  document.body.dataset.done = ok ? String(performance.now()) : "failed";
});
