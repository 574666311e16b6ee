// @ts-check
// The entities dashboard: hand the bytes of the analyst's files to the scoring worker in batches
// (it decodes, scores and keeps them: assessment.rounds.DashboardRounds), then show the engine's
// figures. Files are kept in memory only.

import { format } from "../assessment/format.js";
import { OPS } from "../assessment/protocol.js";
import { STRINGS } from "../strings.js";
import { Client } from "./client.js";
import { batches, nextTask, readBytes } from "./read.js";
import { renderComparison, renderEntities, renderItems, renderProblems, renderSummary } from "./view.js";

// Files per message to the worker (each costs one engine call), and files read per task (the
// page reads 1,000 files with no main-thread task over 50 ms: scripts/bench_dashboard.py).
const BATCH = 30;
const READ_CHUNK = 5;

/** @typedef {"current" | "previous"} Round */

/** @param {string} id */
function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing`);
  return node;
}

class Dashboard {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.lang = root.dataset.lang === "en" ? "en" : "ar";
    this.dir = document.documentElement.dir || (this.lang === "ar" ? "rtl" : "ltr");
    this.maxFiles = Number(root.dataset.maxFiles);
    this.maxBytes = Number(root.dataset.maxBytes);
    /** Files held by the worker in each round (its answer to every batch). */
    this.files = { current: 0, previous: 0 };
    /** @type {any} */
    this.data = null;
    this.work = Promise.resolve();
    this.generation = 0;
    this.status = byId("dd-status");
    this.progress = /** @type {HTMLProgressElement} */ (byId("dd-progress"));
    this.results = byId("dd-results");
    this.client = new Client();
    this.client.addEventListener("loading", () => {
      this.root.dataset.engine = "loading";
      this.say(this.t("dashboard.engine_loading"));
    });
    this.client.addEventListener("ready", () => {
      this.root.dataset.engine = "ready";
      byId("dd-retry").hidden = true;
      if (!this.busy) this.say(this.t("dashboard.engine_ready"));
    });
    this.client.addEventListener("failed", () => {
      // The files went with the worker: start again from an empty dashboard.
      if (this.files.current || this.files.previous) this.reset();
      byId("dd-retry").hidden = false;
      this.root.dataset.engine = "failed";
      this.say(this.t("dashboard.engine_failed"));
    });
    this.busy = false;
    this.renders = 0;
  }

  /** @param {string} key @param {Record<string, string | number>} [values] */
  t(key, values = {}) {
    const table = STRINGS[this.lang] || {};
    return format(table[key] ?? key, values);
  }

  /** @param {string} text */
  say(text) {
    this.status.textContent = text;
  }

  start() {
    for (const input of this.root.querySelectorAll('input[type="file"]')) {
      const fileInput = /** @type {HTMLInputElement} */ (input);
      fileInput.addEventListener("change", () => {
        const files = Array.from(fileInput.files || []);
        fileInput.value = "";
        this.enqueue(/** @type {Round} */ (fileInput.dataset.round), files);
      });
    }
    for (const zone of this.root.querySelectorAll(".dd-drop")) this.dropZone(/** @type {HTMLElement} */ (zone));
    byId("dd-clear").addEventListener("click", () => this.clear());
    byId("dd-retry").addEventListener("click", () => this.client.start());
    byId("dd-print").addEventListener("click", () => window.print());
    for (const button of this.root.querySelectorAll("[data-download]")) {
      button.addEventListener("click", () => this.download(/** @type {HTMLElement} */ (button).dataset.download || "csv"));
    }
    this.client.start();
    this.root.dataset.state = "empty";
  }

  /** @param {HTMLElement} zone */
  dropZone(zone) {
    const round = /** @type {Round} */ (zone.dataset.round);
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      zone.classList.add("dd-over");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("dd-over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("dd-over");
      this.enqueue(round, Array.from((event.dataTransfer && event.dataTransfer.files) || []));
    });
  }

  /** @param {Round} round @param {File[]} files */
  enqueue(round, files) {
    if (!files.length) return;
    const generation = this.generation;
    this.work = this.work.then(() => (generation === this.generation ? this.add(round, files) : undefined));
  }

  /** @param {Round} round @param {File[]} files */
  async add(round, files) {
    const had = this.files[round];
    if (had + files.length > this.maxFiles) {
      this.say(this.t("dashboard.too_many", { count: had + files.length, max: this.maxFiles.toLocaleString("en") }));
      return;
    }
    const generation = this.generation;
    this.busy = true;
    this.root.dataset.state = "busy";
    try {
      const held = await this.send(round, files);
      if (generation !== this.generation) return;
      if (held === null) {
        this.say(this.t("dashboard.engine_failed"));
        return;
      }
      this.files[round] = held;
      const reply = await this.client.call(OPS.dashboardFigures);
      if (generation !== this.generation) return;
      this.data = reply.dashboard;
      await this.render();
      const s = this.data.summary;
      this.say(this.t("dashboard.done", { entities: s.entities, files: s.files, problems: this.data.problems.length }));
    } catch (error) {
      if (generation === this.generation) this.failed(error);
    } finally {
      this.busy = false;
      this.progress.hidden = true;
      this.root.dataset.state = this.data ? "shown" : "empty";
    }
  }

  /** @param {unknown} error */
  failed(error) {
    console.error(error);
    this.say(this.t("dashboard.engine_failed"));
  }

  /**
   * Read the files batch by batch and hand each batch's bytes over to the worker, which decodes,
   * scores and keeps them; progress shows as each batch is scored. The next batch is read while
   * the worker scores this one. Resolves with the files the round now holds, or null when the
   * engine is unavailable.
   * @param {Round} round
   * @param {File[]} files
   * @returns {Promise<number | null>}
   */
  async send(round, files) {
    this.progress.hidden = false;
    this.progress.max = files.length;
    this.progress.value = 0;
    const show = (/** @type {number} */ done) => {
      this.progress.value = done;
      this.say(this.t("dashboard.reading", { done, total: files.length }));
    };
    show(0);
    if (!(await this.client.booted)) return null;
    let done = 0;
    /** @type {Promise<any>[]} */
    const replies = [];
    for (const batch of batches(files, BATCH)) {
      /** @type {import("./read.js").FileBytes[]} */
      const bytes = [];
      for (const chunk of batches(batch, READ_CHUNK)) {
        bytes.push(...(await Promise.all(chunk.map((file) => readBytes(file, this.maxBytes)))));
        await nextTask();
      }
      const buffers = bytes.flatMap((f) => (f.buffer ? [f.buffer] : []));
      replies.push(
        this.client.send(OPS.dashboardAdd, [round, bytes], buffers).then((reply) => {
          done += batch.length;
          show(done);
          return reply;
        }),
      );
    }
    const last = (await Promise.all(replies)).at(-1);
    return Number(last.files);
  }

  async render() {
    const ctx = {
      t: this.t.bind(this),
      lang: this.lang,
      dir: this.dir,
      chunk: nextTask,
      announce: (/** @type {string} */ text) => this.say(text),
    };
    const data = this.data;
    byId("dd-empty").hidden = true;
    this.results.hidden = false;
    renderSummary(byId("dd-summary"), data, ctx);
    await nextTask();
    renderEntities(byId("dd-entities"), data, ctx);
    await nextTask();
    renderItems(byId("dd-items"), data, ctx);
    renderComparison(byId("dd-comparison"), data, ctx);
    renderProblems(byId("dd-problems"), data, ctx);
    this.renders += 1;
    this.root.dataset.renders = String(this.renders);
  }

  /** @param {string} fmt */
  async download(fmt) {
    if (!this.data) return;
    try {
      const reply = await this.client.call(OPS.dashboardRender, fmt, this.lang);
      const url = URL.createObjectURL(new Blob([reply.content], { type: reply.mime }));
      const link = document.createElement("a");
      link.href = url;
      link.download = reply.filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (error) {
      this.failed(error);
    }
  }

  clear() {
    this.reset();
    // Sent after every batch already sent: the worker answers in order.
    if (this.client.ready) this.client.call(OPS.dashboardClear).catch((error) => this.failed(error));
    this.say(this.t("dashboard.cleared"));
  }

  /** Forget the figures and any work in progress. */
  reset() {
    this.generation += 1;
    this.files = { current: 0, previous: 0 };
    this.data = null;
    this.work = Promise.resolve();
    this.busy = false;
    this.progress.hidden = true;
    this.results.hidden = true;
    for (const box of this.results.querySelectorAll(".dd-body")) box.replaceChildren();
    byId("dd-empty").hidden = false;
    this.root.dataset.state = "empty";
    this.root.dataset.renders = String(this.renders);
  }
}

const root = document.getElementById("daleel-dashboard");
if (root) new Dashboard(root).start();
