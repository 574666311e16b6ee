// @ts-check
// The entities dashboard: read the analyst's files in the page, score them in batches in the
// scoring worker, and show the engine's figures. Files are kept in memory only.

import { format } from "../assessment/format.js";
import { STRINGS } from "../strings.js";
import { Client } from "./client.js";
import { batches, nextTask, readFile } from "./read.js";
import { renderComparison, renderEntities, renderItems, renderProblems, renderSummary } from "./view.js";

const BATCH = 25;

/** @typedef {{records: any[], problems: any[]}} Round */

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
    /** @type {{current: Round, previous: Round}} */
    this.rounds = { current: empty(), previous: empty() };
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
        this.enqueue(/** @type {"current" | "previous"} */ (fileInput.dataset.round), files);
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
    const round = /** @type {"current" | "previous"} */ (zone.dataset.round);
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

  /** @param {"current" | "previous"} round @param {File[]} files */
  enqueue(round, files) {
    if (!files.length) return;
    const generation = this.generation;
    this.work = this.work.then(() => (generation === this.generation ? this.add(round, files) : undefined));
  }

  /** @param {"current" | "previous"} round @param {File[]} files */
  async add(round, files) {
    const had = this.rounds[round].records.length + this.rounds[round].problems.length;
    if (had + files.length > this.maxFiles) {
      this.say(this.t("dashboard.too_many", { count: had + files.length, max: this.maxFiles.toLocaleString("en") }));
      return;
    }
    const generation = this.generation;
    this.busy = true;
    this.root.dataset.state = "busy";
    try {
      const added = await this.score(files);
      if (generation !== this.generation) return;
      if (!added) {
        this.say(this.t("dashboard.engine_failed"));
        return;
      }
      /** @type {Round} */
      const next = {
        records: [...this.rounds[round].records, ...added.records],
        problems: [...this.rounds[round].problems, ...added.problems],
      };
      const rounds = { ...this.rounds, [round]: next };
      const reply = await this.client.call("aggregate", rounds.current, hasFiles(rounds.previous) ? rounds.previous : null);
      if (generation !== this.generation) return;
      this.rounds = rounds;
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
   * Read and score the files batch by batch; null when the engine is unavailable.
   * @param {File[]} files
   * @returns {Promise<Round | null>}
   */
  async score(files) {
    this.progress.hidden = false;
    this.progress.max = files.length * 2;
    this.progress.value = 0;
    let read = 0;
    let scored = 0;
    const show = (/** @type {string} */ key, /** @type {number} */ done) => {
      this.progress.value = read + scored;
      this.say(this.t(key, { done, total: files.length }));
    };
    show("dashboard.reading", 0);
    /** @type {Promise<any>[]} */
    const replies = [];
    for (const batch of batches(files, BATCH)) {
      const texts = await Promise.all(batch.map((file) => readFile(file, this.maxBytes)));
      read += batch.length;
      show("dashboard.reading", read);
      if (!(await this.client.booted)) return null;
      replies.push(
        this.client.call("aggregate_read", texts).then((reply) => {
          scored += batch.length;
          if (read === files.length) show("dashboard.scoring", scored);
          return reply;
        }),
      );
      await nextTask();
    }
    show("dashboard.scoring", scored);
    const all = await Promise.all(replies);
    return { records: all.flatMap((r) => r.records), problems: all.flatMap((r) => r.problems) };
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
      const previous = hasFiles(this.rounds.previous) ? this.rounds.previous : null;
      const reply = await this.client.call("aggregate_render", this.rounds.current, previous, fmt, this.lang);
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
    this.generation += 1;
    this.rounds = { current: empty(), previous: empty() };
    this.data = null;
    this.work = Promise.resolve();
    this.busy = false;
    this.progress.hidden = true;
    this.results.hidden = true;
    for (const box of this.results.querySelectorAll(".dd-body")) box.replaceChildren();
    byId("dd-empty").hidden = false;
    this.root.dataset.state = "empty";
    this.root.dataset.renders = String(this.renders);
    this.say(this.t("dashboard.cleared"));
  }
}

/** @returns {Round} */
function empty() {
  return { records: [], problems: [] };
}

/** @param {Round} round */
function hasFiles(round) {
  return round.records.length + round.problems.length > 0;
}

const root = document.getElementById("daleel-dashboard");
if (root) new Dashboard(root).start();
