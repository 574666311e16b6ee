// @ts-check
// Page controller of the self-assessment. The steps and questions are already in the page
// (rendered at build time by overrides/hooks/assessment_form.py); this adds the task list's
// navigation, autosave, live scoring through the engine in a Web Worker, the file actions
// (save, resume with confirmation and undo, compare, reports) and "start over". User text
// only ever reaches the DOM via textContent.

import { STRINGS } from "../strings.js";
import { byId, el, hideFeedback, num, showFeedback } from "./dom.js";
import { Engine } from "./engine.js";
import { engineProblems, readJsonFile, saveBlob, showProblems } from "./files.js";
import { format, formatScore, isDate, slug, today } from "./format.js";
import {
  ENTITY_KEYS, STORAGE_KEY, buildDoc, cleanPlan, datedPlan, domainStatus, emptyState, engineText, evidenceLines,
  landingStep, parseSaved, stateFromScored, summary, withEarlyInput,
} from "./model.js";
import { OPS, errorText } from "./protocol.js";
import { localized, planLines, renderComparison, renderResults } from "./results.js";
import { Steps } from "./steps.js";

/** @typedef {import("./model.js").FormState} FormState */
/** @typedef {import("./results.js").View} View */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} Text */

/**
 * @param {"ar" | "en"} lang
 * @returns {Text}
 */
function strings(lang) {
  const table = STRINGS[lang] || STRINGS.ar;
  return (key, vars = {}) => format(table[key] ?? key, vars);
}

// ---------------------------------------------------------------- the form

/** The questions and entity fields of the page, read and written as a FormState. */
class Form {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.form = byId("daleel-form", HTMLFormElement);
    /** @type {HTMLFieldSetElement[]} */
    this.fieldsets = [...root.querySelectorAll("fieldset.daleel-item")].map((f) => /** @type {HTMLFieldSetElement} */ (f));
    this.ids = this.fieldsets.map((f) => f.dataset.item || "");
    this.known = new Set(this.ids);
    this.entity = Object.fromEntries(ENTITY_KEYS.map((k) => [k, byId(`daleel-entity-${k}`, HTMLInputElement)]));
    /** @type {Map<string, HTMLFieldSetElement[]>} domain id → its questions */
    this.domains = new Map();
    for (const section of root.querySelectorAll("section[data-domain]")) {
      const id = /** @type {HTMLElement} */ (section).dataset.domain || "";
      this.domains.set(id, this.fieldsets.filter((f) => section.contains(f)));
    }
    /** @type {FormState["retired"]} the file's answers to ids this checklist lacks: kept, not shown */
    this.retired = {};
  }

  /** @returns {FormState} */
  read() {
    /** @type {FormState} */
    const state = emptyState();
    state.retired = this.retired;
    for (const k of ENTITY_KEYS) state.entity[k] = this.entity[k].value;
    for (const f of this.fieldsets) {
      const id = f.dataset.item || "";
      const checked = /** @type {HTMLInputElement | null} */ (f.querySelector("input[type=radio]:checked"));
      if (checked) state.values[id] = checked.value;
      const note = this.note(f).value;
      if (note) state.notes[id] = note;
      const plan = cleanPlan({ owner: this.plan(f, "owner").value, due: this.plan(f, "due").value, evidence: evidenceLines(this.plan(f, "evidence").value) });
      if (plan) state.plans[id] = plan;
    }
    return state;
  }

  /** @param {FormState} state */
  apply(state) {
    for (const k of ENTITY_KEYS) this.entity[k].value = state.entity[k] || "";
    if (!this.entity.date.value) this.entity.date.value = today();
    for (const f of this.fieldsets) {
      const id = f.dataset.item || "";
      for (const radio of f.querySelectorAll("input[type=radio]")) {
        const r = /** @type {HTMLInputElement} */ (radio);
        r.checked = r.value === state.values[id];
      }
      this.note(f).value = state.notes[id] || "";
      this.applyPlan(f, (state.plans || {})[id]);
    }
    this.retired = { ...(state.retired || {}) };
  }

  /**
   * @param {HTMLFieldSetElement} f
   * @param {import("./model.js").Plan | undefined} plan
   */
  applyPlan(f, plan) {
    this.plan(f, "owner").value = plan?.owner || "";
    this.plan(f, "due").value = plan?.due || "";
    this.plan(f, "evidence").value = (plan?.evidence || []).join("\n");
    // A plan already written stays in view; empty ones stay folded.
    if (plan) /** @type {HTMLDetailsElement} */ (f.querySelector("details.daleel-plan-fields")).open = true;
  }

  /** @param {HTMLFieldSetElement} f */
  note(f) {
    return /** @type {HTMLTextAreaElement} */ (f.querySelector("textarea[data-note]"));
  }

  /**
   * @param {HTMLFieldSetElement} f
   * @param {"owner" | "due" | "evidence"} field
   * @returns {HTMLInputElement | HTMLTextAreaElement}
   */
  plan(f, field) {
    return /** @type {HTMLInputElement | HTMLTextAreaElement} */ (f.querySelector(`[data-plan="${field}"]`));
  }

  /** @param {HTMLFieldSetElement} f */
  answered(f) {
    return !!f.querySelector("input[type=radio]:checked");
  }
}

// ---------------------------------------------------------------- storage

/** Autosave to localStorage, with a warning (once) when the browser refuses. */
class Store {
  /** @param {Text} t */
  constructor(t) {
    this.t = t;
    this.ok = true;
    this.box = byId("daleel-storage-warning");
  }

  /** @returns {Storage | null} */
  storage() {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  }

  /** @param {boolean} show */
  warn(show) {
    this.box.hidden = !show;
    /** @type {HTMLElement} */ (this.box.querySelector("p")).textContent = show ? this.t("widget.storage.unavailable") : "";
  }

  /**
   * @param {FormState} state
   * @param {string} checklist
   * @param {string} version
   */
  save(state, checklist, version) {
    const { doc, pendingNotes, pendingPlans } = buildDoc(state, checklist, version);
    try {
      const store = this.storage();
      if (!store) throw new Error("no localStorage");
      store.setItem(STORAGE_KEY, JSON.stringify({ doc, pending_notes: pendingNotes, pending_plans: pendingPlans }));
      if (!this.ok) this.warn(false);
      this.ok = true;
    } catch {
      if (this.ok) this.warn(true);
      this.ok = false;
    }
  }

  /**
   * @param {ReadonlySet<string>} known
   * @returns {FormState | null | "corrupt"}
   */
  load(known) {
    try {
      const store = this.storage();
      if (!store) throw new Error("no localStorage");
      return parseSaved(store.getItem(STORAGE_KEY), known);
    } catch {
      this.ok = false;
      this.warn(true);
      return null;
    }
  }

  clear() {
    try {
      this.storage()?.removeItem(STORAGE_KEY);
    } catch {
      /* storage unavailable: nothing to erase there */
    }
  }
}

// ---------------------------------------------------------------- the page

/** @param {HTMLElement} root */
function init(root) {
  const lang = root.dataset.lang === "en" ? "en" : "ar";
  const t = strings(lang);
  const checklist = root.dataset.checklist || "";
  const version = root.dataset.checklistVersion || "";
  const form = new Form(root);
  // Read before anything is written to the form: its questions can be answered from the
  // page's first paint, before this script has run, and what was entered then is kept.
  const early = form.read();
  const store = new Store(t);
  const engine = new Engine();
  // Started before anything else: the worker's thread is made by this (main) thread, which
  // the page's DOMContentLoaded work then holds for about 100 ms. Started last, the worker
  // waited that out (its thread began 129 ms after `new Worker()`, now 59 ms; README,
  // "Performance"). The listeners below catch up with its state at the end of init().
  engine.start();
  const status = byId("daleel-status");
  const total = form.ids.length;
  /** @type {View} */
  const view = { lang, t, numbers: new Map(), questions: new Map(), pageTitles: {} };
  for (const f of form.fieldsets) {
    const id = f.dataset.item || "";
    view.numbers.set(id, f.dataset.number || "");
    view.questions.set(id, (f.querySelector("legend")?.textContent || "").replace(/^\S+\s/, ""));
  }
  for (const a of root.querySelectorAll(".daleel-section-link a")) {
    const m = /^\.\.\/(guideline\/[a-z0-9-]+)\//.exec(a.getAttribute("href") || "");
    if (m) view.pageTitles[m[1]] = a.textContent || "";
  }
  /** @type {string | null} the comparison file, as the engine reads it */
  let previousText = null;
  // One score at a time. Answers changed while the engine works are scored once it is free,
  // from the answers as they are then: a run of quick changes costs two computations, not a
  // queue of stale ones that a phone works through before showing the last.
  /** @type {Promise<void> | null} */
  let scoring = null;
  let rescoreWanted = false;
  let announceWanted = false;
  let scoresShown = 0;

  /** @param {string} message */
  function announce(message) {
    status.textContent = message;
  }

  const doc = () => buildDoc(form.read(), checklist, version).doc;
  const save = () => store.save(form.read(), checklist, version);

  // ---------- progress: the summary bar and the task list's statuses
  function updateProgress() {
    const answered = form.fieldsets.filter((f) => form.answered(f)).length;
    byId("daleel-progress-text").textContent = t("widget.progress", { answered, total });
    byId("daleel-progress", HTMLProgressElement).value = answered;
    for (const f of form.fieldsets) f.classList.toggle("daleel-item--answered", form.answered(f));
    for (const [id, fieldsets] of form.domains) {
      const done = fieldsets.filter((f) => form.answered(f)).length;
      const state = domainStatus(done, fieldsets.length);
      const row = root.querySelector(`.daleel-task[data-domain="${CSS.escape(id)}"]`);
      if (!row) continue;
      const tag = /** @type {HTMLElement} */ (row.querySelector(".daleel-tag"));
      tag.dataset.status = state;
      tag.textContent = t(`widget.status.${state}`);
      /** @type {HTMLElement} */ (row.querySelector(".daleel-task-count")).textContent = t("widget.tasks.count", { answered: done, total: fieldsets.length });
    }
    return answered;
  }

  /** @param {any} result */
  function updateBar(result) {
    const score = result ? formatScore(result.overall) : null;
    byId("daleel-bar-score").replaceChildren(num(score ?? t("widget.bar.none")));
    const level = result && result.level ? String(result.level[lang] || "") : "";
    byId("daleel-bar-level").textContent = level || t("widget.bar.none");
  }


  // ---------- check your answers
  function renderCheck() {
    const state = form.read();
    const parts = [];
    const missing = total - Object.keys(state.values).length;
    if (missing) parts.push(el("p", { class: "daleel-hint", text: t("widget.check.missing", { count: missing }) }));
    for (const section of root.querySelectorAll("section[data-domain]")) {
      const s = /** @type {HTMLElement} */ (section);
      const heading = s.querySelector("h2")?.textContent || "";
      const list = el("dl", { class: "daleel-check-list" });
      for (const f of form.domains.get(s.dataset.domain || "") || []) {
        const id = f.dataset.item || "";
        const value = state.values[id];
        const answer = el("dd", { class: "daleel-check-answer" }, value ? t(`widget.value.${value}`) : el("span", { class: "daleel-unanswered-tag", text: t("widget.check.unanswered") }));
        if (state.notes[id]) answer.append(el("br"), el("span", { class: "daleel-check-note", text: t("widget.check.note", { note: state.notes[id] }) }));
        answer.append(...planLines(state.plans[id], "daleel-check-plan", t));
        const change = el("a", { href: `#${s.dataset.step}`, "data-goto": s.dataset.step, "data-focus": f.querySelector("input")?.id || `item-${id}` },
          t("widget.check.change"), el("span", { class: "md-visually-hidden daleel-sr", text: ` ${t("widget.check.change_hidden", { number: view.numbers.get(id) || "" })}` }));
        list.append(el("div", { class: "daleel-check-row", "data-item": id },
          el("dt", {}, el("span", { class: "daleel-qnum" }, num(view.numbers.get(id) || "")), " ", view.questions.get(id) || ""),
          answer, el("dd", { class: "daleel-check-action" }, change)));
      }
      parts.push(el("h3", { text: heading }), list);
    }
    byId("daleel-check-body").replaceChildren(...parts);
  }

  // Radios get ids so a "Change" link can focus the question's first option.
  for (const f of form.fieldsets) {
    const first = f.querySelector("input[type=radio]");
    if (first && !first.id) first.id = `answer-${f.dataset.item}`;
  }

  const steps = new Steps(root, (name) => {
    root.dataset.step = name;
    if (name === "check") renderCheck();
    // Plan fields do not rescore at each key: the results are brought up to date when shown.
    if (name === "results") rescore(false);
  });

  // ---------- scoring
  /** Score the answers as they are now; resolves once the latest answers are shown. */
  function rescore(announceIt = true) {
    if (!engine.ready) return Promise.resolve();
    rescoreWanted = true;
    announceWanted ||= announceIt;
    scoring ??= (async () => {
      try {
        while (rescoreWanted && engine.ready) {
          rescoreWanted = false;
          const announceThis = announceWanted;
          announceWanted = false;
          await scoreOnce(announceThis);
        }
      } finally {
        scoring = null;
      }
    })();
    return scoring;
  }

  /** @param {boolean} announceIt */
  async function scoreOnce(announceIt) {
    const d = doc();
    try {
      const res = await engine.call(OPS.score, engineText(d), previousText);
      if (rescoreWanted) {
        announceWanted ||= announceIt; // newer answers are waiting: show those instead
        return;
      }
      if (!res.ok) throw new Error((res.errors || []).map((/** @type {any} */ e) => `${e.path}: ${e[lang] || e.en}`).join("; "));
      renderResults(byId("daleel-results-body"), res.result, view);
      updateCalendar(res.result);
      if (res.result.comparison) renderComparison(byId("daleel-comparison-body"), res.result.comparison, res.result, view);
      updateBar(res.result);
      updateReportHead(d);
      root.dataset.scored = String(++scoresShown);
      if (announceIt) {
        const overall = formatScore(res.result.overall);
        announce(overall === null ? t("widget.score_none") : t("widget.score_updated", { overall, level: res.result.level ? res.result.level[lang] : "" }));
      }
    } catch (error) {
      if (rescoreWanted || !engine.ready) return;
      const body = byId("daleel-results-body");
      body.replaceChildren(el("p", { text: t("widget.engine.error") }),
        el("details", {}, el("summary", { text: t("widget.error.details") }), el("p", { dir: "auto", text: errorText(error) })));
    }
  }

  /** @param {import("./model.js").AnswersDoc} d */
  function updateReportHead(d) {
    const e = d.entity;
    const lines = [];
    if (e.name) lines.push(t("widget.report_for", { name: e.name }));
    if (e.code) lines.push(t("widget.report_code", { code: e.code }));
    if (e.unit) lines.push(t("widget.report_unit", { unit: e.unit }));
    if (e.assessor) lines.push(t("widget.report_assessor", { assessor: e.assessor }));
    if (e.date) lines.push(t("widget.report_date", { date: e.date }));
    byId("daleel-report-head").replaceChildren(...lines.map((text) => el("p", { dir: "auto", text })));
  }

  // ---------- the action plan's calendar: offered only when a plan item has a due date (the
  // note saying why not shows once the engine has scored the answers)
  let hasDates = false;
  /** @param {any} result */
  function updateCalendar(result) {
    hasDates = datedPlan(result.action_plan).length > 0;
    byId("daleel-ics-note").hidden = hasDates;
    setEngineButtons();
  }

  // ---------- engine lifecycle
  const reportButtons = [...root.querySelectorAll("[data-download]")].map((b) => /** @type {HTMLButtonElement} */ (b));
  function setEngineButtons() {
    for (const b of reportButtons) if (b.dataset.download !== "json") b.disabled = !engine.ready || (b.dataset.download === "ics" && !hasDates);
  }
  function showEngineLoading() {
    byId("daleel-engine-error").hidden = true;
    byId("daleel-engine-note").hidden = false;
    setEngineButtons();
  }
  engine.addEventListener("loading", showEngineLoading);
  engine.addEventListener("ready", () => {
    root.dataset.engine = "ready";
    root.dataset.engineMs = String(engine.readyMs);
    byId("daleel-engine-note").hidden = true;
    setEngineButtons();
    announce(t("widget.engine.ready"));
    rescore(false);
  });
  function showEngineFailed() {
    root.dataset.engine = "failed";
    byId("daleel-ics-note").hidden = true; // it speaks of due dates, and only the engine knows the plan
    byId("daleel-engine-note").hidden = true;
    setEngineButtons();
    byId("daleel-engine-error").hidden = false;
    byId("daleel-results-body").replaceChildren(el("p", { text: t("widget.engine.unavailable") }));
    announce(t("widget.engine.failed"));
  }
  engine.addEventListener("failed", showEngineFailed);

  // ---------- downloads
  /**
   * @param {string} fmt
   * @param {HTMLElement} feedback
   * @param {HTMLElement | null} errorBox
   */
  async function download(fmt, feedback, errorBox) {
    const d = doc();
    if (errorBox) hideFeedback(errorBox);
    if (!engine.ready) {
      if (fmt === "json") return plainSave(d, feedback);
      showFeedback(feedback, t("widget.engine.needed"));
      return;
    }
    try {
      const res = await engine.call(OPS.render, engineText(d), fmt, lang, previousText);
      if (!res.ok) throw new Error((res.errors || []).map((/** @type {any} */ e) => `${e.path}: ${e[lang] || e.en}`).join("; "));
      saveBlob(res.content, res.mime, res.filename);
      showFeedback(feedback, t("widget.downloaded", { filename: res.filename }));
    } catch (error) {
      if (fmt === "json") return plainSave(d, feedback);
      if (errorBox) showProblems(errorBox, [{ key: "widget.download_failed", detail: errorText(error) }], t);
    }
  }

  /**
   * @param {import("./model.js").AnswersDoc} d
   * @param {HTMLElement} feedback
   */
  function plainSave(d, feedback) {
    const name = `daleel-answers-${slug(d.entity.name)}-${isDate(d.entity.date) ? d.entity.date : today()}.json`;
    saveBlob(JSON.stringify(d, null, 2) + "\n", "application/json", name);
    showFeedback(feedback, t("widget.downloaded", { filename: name }));
  }

  const saveFeedback = byId("daleel-save-feedback");
  const reportFeedback = byId("daleel-report-feedback");
  const reportError = byId("daleel-report-error");
  for (const b of reportButtons) {
    b.addEventListener("click", () => download(b.dataset.download || "json", b.dataset.download === "json" ? saveFeedback : reportFeedback, b.dataset.download === "json" ? null : reportError));
  }
  byId("daleel-print").addEventListener("click", () => {
    steps.go("results");
    window.print();
  });

  // ---------- resume from a file: show what it holds, confirm, undo
  const panel = byId("daleel-resume-panel");
  const importError = byId("daleel-import-error");
  /** @type {FormState | null} */
  let undoState = null;

  /** @param {FormState} state */
  function replaceWith(state) {
    form.apply(state);
    save();
    updateProgress();
    rescore(false);
  }

  async function checkResume() {
    hideFeedback(importError);
    hideFeedback(panel);
    const input = byId("daleel-import-file", HTMLInputElement);
    const read = await readJsonFile(input.files && input.files[0]);
    if (!read.ok) return showProblems(importError, read.problems, t);
    if (!engine.ready) return showFeedback(panel, t("widget.resume.needs_engine"), { focus: true });
    let res;
    try {
      res = await engine.call(OPS.score, engineText(read.data));
    } catch (error) {
      return showProblems(importError, [{ key: "widget.error.invalid", detail: errorText(error) }], t);
    }
    if (!res.ok) return showProblems(importError, engineProblems(res.errors, lang), t);
    const warnings = (res.result.warnings || []).map((/** @type {unknown} */ w) => localized(w, lang)).filter(Boolean);
    offerReplace(stateFromScored(read.data, res.result.items || [], res.result.retired_answers || []), warnings);
  }

  /** The engine's notes on a file, before the reader decides to use it. @param {string[]} warnings */
  function fileWarnings(warnings) {
    if (!warnings.length) return [];
    return [
      el("p", { id: "daleel-resume-warnings-h", text: t("widget.results.warnings") }),
      el("ul", { class: "daleel-warnings", id: "daleel-resume-warnings", "aria-labelledby": "daleel-resume-warnings-h" },
        ...warnings.map((w) => el("li", { text: w }))),
    ];
  }

  /**
   * @param {FormState} incoming
   * @param {string[]} warnings what the engine noticed in the file (migration, unknown ids)
   */
  function offerReplace(incoming, warnings) {
    const s = summary(incoming);
    const none = t("widget.resume.empty_value");
    const current = Object.keys(form.read().values).length;
    /** @param {string} label @param {string | Node} value */
    const row = (label, value) => el("div", {}, el("dt", { text: label }), el("dd", {}, value));
    const buttons = el("div", { class: "daleel-buttons" },
      el("button", { type: "button", class: "md-button", id: "daleel-resume-save", text: t("widget.resume.save_first") }),
      el("button", { type: "button", class: "md-button md-button--primary", id: "daleel-resume-replace", text: t("widget.resume.replace") }),
      el("button", { type: "button", class: "md-button", id: "daleel-resume-cancel", text: t("widget.resume.cancel") }));
    const heading = el("p", { class: "daleel-panel-title", id: "daleel-resume-panel-h", text: t("widget.resume.contains") });
    showFeedback(panel, [
      heading,
      el("dl", { class: "daleel-file-summary" },
        row(t("widget.resume.entity"), el("bdi", { text: s.name || none })),
        row(t("widget.resume.assessor"), el("bdi", { text: s.assessor || none })),
        row(t("widget.resume.date"), s.date ? num(s.date) : none),
        row(t("widget.resume.answered"), t("widget.tasks.count", { answered: s.answered, total }))),
      ...fileWarnings(warnings),
      el("p", { class: "daleel-panel-question", text: t("widget.resume.question", { answered: current, total }) }),
      buttons,
      el("p", { class: "daleel-feedback", id: "daleel-resume-save-feedback", hidden: true }),
    ], { focus: true });
    byId("daleel-resume-save").addEventListener("click", () => download("json", byId("daleel-resume-save-feedback"), null));
    byId("daleel-resume-cancel").addEventListener("click", () => {
      showFeedback(panel, t("widget.resume.cancelled"), { focus: true });
    });
    byId("daleel-resume-replace").addEventListener("click", () => {
      undoState = form.read();
      replaceWith(incoming);
      byId("daleel-import-file", HTMLInputElement).value = "";
      const undo = el("button", { type: "button", class: "md-button", id: "daleel-resume-undo", text: t("widget.resume.undo") });
      undo.addEventListener("click", () => {
        if (undoState) replaceWith(undoState);
        undoState = null;
        showFeedback(panel, t("widget.resume.undone", { answered: Object.keys(form.read().values).length, total }), { focus: true });
      });
      showFeedback(panel, [el("p", { text: t("widget.resume.replaced", { answered: Object.keys(incoming.values).length, total }) }), el("div", { class: "daleel-buttons" }, undo)], { focus: true });
    });
  }
  byId("daleel-resume").addEventListener("click", () => void checkResume());

  // ---------- compare with an earlier file: never changes the answers
  const compareError = byId("daleel-compare-error");
  const compareFeedback = byId("daleel-compare-feedback");
  async function compare() {
    hideFeedback(compareError);
    hideFeedback(compareFeedback);
    const input = byId("daleel-compare-file", HTMLInputElement);
    const read = await readJsonFile(input.files && input.files[0]);
    if (!read.ok) return showProblems(compareError, read.problems, t);
    if (!engine.ready) return showFeedback(compareFeedback, t("widget.resume.needs_engine"), { focus: true });
    const text = engineText(read.data);
    let res;
    try {
      res = await engine.call(OPS.score, engineText(doc()), text);
    } catch (error) {
      return showProblems(compareError, [{ key: "widget.error.invalid", detail: errorText(error) }], t);
    }
    if (!res.ok) return showProblems(compareError, engineProblems(res.errors, lang), t);
    previousText = text;
    byId("daleel-clear-compare").hidden = false;
    await rescore(false);
    showFeedback(compareFeedback, t("widget.compare.shown"), { focus: true });
  }
  byId("daleel-compare").addEventListener("click", () => void compare());
  byId("daleel-clear-compare").addEventListener("click", () => {
    previousText = null;
    byId("daleel-clear-compare").hidden = true;
    byId("daleel-comparison-body").replaceChildren(el("p", { text: t("widget.compare.none") }));
    showFeedback(compareFeedback, t("widget.compare.cleared"), { focus: true });
    rescore(false);
  });

  // ---------- start over
  const dialog = byId("daleel-dialog", HTMLDialogElement);
  byId("daleel-restart").addEventListener("click", () => dialog.showModal());
  byId("daleel-dialog-cancel").addEventListener("click", () => dialog.close());
  byId("daleel-dialog-download").addEventListener("click", () => download("json", saveFeedback, null));
  byId("daleel-dialog-confirm").addEventListener("click", () => {
    dialog.close();
    store.clear();
    previousText = null;
    byId("daleel-clear-compare").hidden = true;
    byId("daleel-comparison-body").replaceChildren(el("p", { text: t("widget.compare.none") }));
    form.apply(emptyState());
    save();
    updateProgress();
    if (!engine.ready) byId("daleel-results-body").replaceChildren(el("p", { text: engine.state === "failed" ? t("widget.engine.unavailable") : t("widget.results_pending") }));
    rescore(false);
    for (const box of [panel, importError, compareError, compareFeedback, saveFeedback, reportFeedback, reportError]) hideFeedback(box);
    undoState = null;
    announce(t("widget.restart.done"));
    steps.focusNext = "daleel-entity-name";
    steps.go("overview");
  });

  // ---------- wiring
  form.form.addEventListener("submit", (event) => event.preventDefault());
  form.form.addEventListener("input", (event) => {
    save();
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === "radio") {
      updateProgress();
      rescore();
    } else if (target instanceof HTMLInputElement && target.dataset.entity) {
      updateReportHead(doc());
    }
  });
  // Plan fields and the date change the results (owner, due, overdue): rescored once a field
  // is left, not at every key.
  form.form.addEventListener("change", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (target.dataset.plan || target.dataset.entity === "date") rescore(false);
  });
  byId("daleel-retry").addEventListener("click", () => {
    announce(t("widget.engine.retrying"));
    engine.start();
  });
  // Another tab (or the other language) changed the answers: follow it.
  window.addEventListener("storage", (event) => {
    if (event.key !== STORAGE_KEY) return;
    const state = store.load(form.known);
    form.apply(state && state !== "corrupt" ? state : emptyState());
    updateProgress();
    if (steps.current === "check") renderCheck();
    rescore(false);
  });

  // ---------- start
  const saved = store.load(form.known);
  const { state, kept } = withEarlyInput(saved && saved !== "corrupt" ? saved : emptyState(), early);
  form.apply(state);
  if (kept) save();
  const answered = updateProgress();
  const firstDomain = root.querySelector("section[data-domain]")?.getAttribute("data-step") || "overview";
  if (kept) {
    // Whoever answered before this script ran stays on the step they answered in.
    if (location.hash && location.hash !== `#${steps.current}`) history.replaceState(history.state, "", `#${steps.current}`);
    steps.show(steps.current, false);
  } else if (!steps.fromHash(true)) steps.show(landingStep(state, firstDomain), false);
  root.dataset.ready = "true";
  if (saved === "corrupt") announce(t("widget.storage.corrupt"));
  else if (saved) announce(t("widget.storage.restored", { answered, total }));
  // The engine started at the top of init(), before its listeners: "ready" cannot have come
  // yet (it is a message), "loading" has, and "failed" has if the worker could not be made.
  if (engine.state === "loading") showEngineLoading();
  else if (engine.state === "failed") showEngineFailed();
}

// Last, so the classes above are defined when init() runs.
const page = document.getElementById("daleel-assessment");
if (page) init(page);
