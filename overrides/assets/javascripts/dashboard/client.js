// @ts-check
// Client for the scoring worker the self-assessment uses (../assessment/worker.js): start it,
// restart it after a failure, and call its operations with promises.

// Hang detection only: Pyodide can take well over a minute to boot on a loaded machine.
const BOOT_TIMEOUT_MS = 150000;

export class Client extends EventTarget {
  constructor() {
    super();
    /** @type {"idle" | "loading" | "ready" | "failed"} */
    this.state = "idle";
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void}>} */
    this.pending = new Map();
    this.nextId = 1;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {Promise<boolean>} */
    this.ready = Promise.resolve(false);
  }

  /** Start (or restart) the worker; resolves true once the engine is ready, false if it failed. */
  start() {
    this.stop();
    this.setState("loading");
    this.ready = new Promise((resolve) => {
      const done = (/** @type {boolean} */ ok) => {
        this.removeEventListener("ready", onReady);
        this.removeEventListener("failed", onFailed);
        resolve(ok);
      };
      const onReady = () => done(true);
      const onFailed = () => done(false);
      this.addEventListener("ready", onReady);
      this.addEventListener("failed", onFailed);
    });
    let worker;
    try {
      worker = new Worker(new URL("../assessment/worker.js", import.meta.url), { type: "module" });
    } catch (error) {
      this.fail(String(error));
      return this.ready;
    }
    this.worker = worker;
    this.timer = setTimeout(() => this.fail("timeout"), BOOT_TIMEOUT_MS);
    worker.addEventListener("message", (event) => this.onMessage(worker, event.data || {}));
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      if (worker === this.worker) this.fail(event.message || "worker error");
    });
    return this.ready;
  }

  stop() {
    clearTimeout(this.timer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const { reject } of this.pending.values()) reject(new Error("engine stopped"));
    this.pending.clear();
  }

  /** @param {"idle" | "loading" | "ready" | "failed"} state */
  setState(state, detail = "") {
    this.state = state;
    this.dispatchEvent(new CustomEvent(state, { detail }));
  }

  /** @param {string} detail */
  fail(detail) {
    this.stop();
    this.setState("failed", detail);
  }

  /** @param {Worker} worker @param {any} data */
  onMessage(worker, data) {
    if (worker !== this.worker) return;
    if (data.type === "ready") {
      clearTimeout(this.timer);
      this.setState("ready");
      return;
    }
    if (data.type === "failed") {
      this.fail(String(data.error));
      return;
    }
    const entry = this.pending.get(data.id);
    if (!entry) return;
    this.pending.delete(data.id);
    if (!data.ok) {
      entry.reject(new Error(String(data.error)));
      return;
    }
    const value = JSON.parse(data.value);
    if (value && value.ok === false) {
      const first = (value.errors && value.errors[0]) || {};
      entry.reject(new Error(String(first.en || "engine error")));
    } else entry.resolve(value);
  }

  /**
   * @param {string} op
   * @param {...any} args
   * @returns {Promise<any>}
   */
  call(op, ...args) {
    const worker = this.worker;
    if (this.state !== "ready" || !worker) return Promise.reject(new Error("engine unavailable"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, op, args });
    });
  }
}
