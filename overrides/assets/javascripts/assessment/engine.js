// @ts-check
// Client for the scoring worker: start (and restart) it, and call the engine with promises.
// States: "idle" → "loading" → "ready" | "failed". A failed engine never blocks the form.

import { errorText, parseMessage, request } from "./protocol.js";

// A worker that never answers (e.g. a stalled download) still fails, eventually; a missing
// runtime file fails in seconds (worker.js watches the runtime's responses).
const BOOT_TIMEOUT_MS = 120000;

/** @typedef {{resolve: (value: any) => void, reject: (error: Error) => void}} Pending */

export class Engine extends EventTarget {
  constructor() {
    super();
    /** @type {"idle" | "loading" | "ready" | "failed"} */
    this.state = "idle";
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {Map<number, Pending>} */
    this.pending = new Map();
    this.nextId = 1;
    /** @type {number | null} */
    this.readyMs = null;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    this.detail = "";
  }

  start() {
    this.stop();
    this.state = "loading";
    this.dispatchEvent(new Event("loading"));
    /** @type {Worker} */
    let worker;
    try {
      // Named from the javascripts folder, not this file's: the dashboard's bundle carries
      // this module into dashboard/ (scripts/bundle_modules.py), where "./worker.js" is not.
      worker = new Worker(new URL("../assessment/worker.js", import.meta.url), { type: "module" });
    } catch (error) {
      this.fail(errorText(error));
      return;
    }
    this.worker = worker;
    this.timer = setTimeout(() => this.fail("timeout"), BOOT_TIMEOUT_MS);
    worker.addEventListener("message", (event) => this.onMessage(worker, event.data));
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      if (worker === this.worker) this.fail(event.message || "worker error");
    });
  }

  stop() {
    clearTimeout(this.timer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const { reject } of this.pending.values()) reject(new Error("engine stopped"));
    this.pending.clear();
  }

  /** @param {string} detail */
  fail(detail) {
    this.stop();
    this.state = "failed";
    this.detail = detail;
    this.dispatchEvent(new CustomEvent("failed", { detail }));
  }

  /**
   * @param {Worker} worker
   * @param {unknown} data
   */
  onMessage(worker, data) {
    if (worker !== this.worker) return;
    const message = parseMessage(data);
    if (!message) return;
    if ("type" in message) {
      if (message.type === "ready") {
        clearTimeout(this.timer);
        this.state = "ready";
        this.readyMs = message.ms;
        this.dispatchEvent(new Event("ready"));
      } else this.fail(message.error);
      return;
    }
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    if (message.ok) entry.resolve(JSON.parse(message.value));
    else entry.reject(new Error(message.error));
  }

  get ready() {
    return this.state === "ready";
  }

  /**
   * Call one engine op; resolves with the parsed JSON answer of assessment.api.
   * @param {string} op
   * @param {...unknown} args
   * @returns {Promise<any>}
   */
  call(op, ...args) {
    return this.send(op, args, []);
  }

  /**
   * `call`, handing `transfer` (ArrayBuffers in `args`) over to the worker instead of copying.
   * @param {string} op
   * @param {unknown[]} args
   * @param {Transferable[]} transfer
   * @returns {Promise<any>}
   */
  send(op, args, transfer) {
    const worker = this.worker;
    if (!this.ready || !worker) return Promise.reject(new Error("engine unavailable"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(request(id, op, args), transfer);
    });
  }
}
