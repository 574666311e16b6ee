// Client for the scoring worker: start (and restart) it, and call the engine with promises.
// States: "loading" → "ready" | "failed". A failed engine never blocks the form.

const BOOT_TIMEOUT_MS = 60000;

export class Engine extends EventTarget {
  constructor() {
    super();
    this.state = "idle";
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
    this.readyMs = null;
  }

  start() {
    this.stop();
    this.state = "loading";
    this.dispatchEvent(new Event("loading"));
    // The first start takes over the worker early.js began from <head>; a retry starts afresh.
    const early = globalThis.daleelEarlyWorker ? globalThis.daleelEarlyWorker.adopt() : null;
    let worker;
    try {
      worker = early ? early.worker : new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    } catch (error) {
      this.fail(String((error && error.message) || error));
      return;
    }
    this.worker = worker;
    this.timer = setTimeout(() => this.fail("timeout"), BOOT_TIMEOUT_MS);
    worker.addEventListener("message", (event) => this.onMessage(worker, event.data || {}));
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      if (worker === this.worker) this.fail(event.message || "worker error");
    });
    if (early) {
      for (const data of early.messages) this.onMessage(worker, data);
      if (early.errors.length && worker === this.worker) this.fail(early.errors[0]);
    }
  }

  stop() {
    clearTimeout(this.timer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const { reject } of this.pending.values()) reject(new Error("engine stopped"));
    this.pending.clear();
  }

  fail(detail) {
    this.stop();
    this.state = "failed";
    this.dispatchEvent(new CustomEvent("failed", { detail }));
  }

  onMessage(worker, data) {
    if (worker !== this.worker) return;
    if (data.type === "ready") {
      clearTimeout(this.timer);
      this.state = "ready";
      this.readyMs = data.ms;
      this.dispatchEvent(new Event("ready"));
      return;
    }
    if (data.type === "failed") {
      this.fail(data.error);
      return;
    }
    const entry = this.pending.get(data.id);
    if (!entry) return;
    this.pending.delete(data.id);
    if (data.ok) entry.resolve(JSON.parse(data.value));
    else entry.reject(new Error(data.error));
  }

  get ready() {
    return this.state === "ready";
  }

  call(op, ...args) {
    if (!this.ready) return Promise.reject(new Error("engine unavailable"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }
}
