// Page controller of the self-assessment. The form is already in the page (rendered at build
// time); this adds autosave, live scoring through the engine in a Web Worker, downloads,
// imports, printing and "start over". User text only ever reaches the DOM via textContent.

import { Engine } from "./engine.js";
import { el, renderResults, formatScore } from "./results.js";
import { IMPORT_ERRORS, format, strings } from "./strings.js";

const STORAGE_KEY = "daleel.assessment.v1"; // one key for both languages
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
const VALUES = ["yes", "partial", "no", "na"];
const ENTITY_KEYS = ["name", "unit", "assessor", "date"];

const root = document.getElementById("daleel-assessment");
if (root) init(root);

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function isDate(text) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));
}

function init(root) {
  const lang = root.dataset.lang === "en" ? "en" : "ar";
  const S = strings(lang);
  const checklistId = root.dataset.checklist;
  const checklistVersion = root.dataset.checklistVersion;
  const $ = (id) => document.getElementById(id);
  const form = $("daleel-form");
  const status = $("daleel-status");
  const fieldsets = [...root.querySelectorAll("fieldset.daleel-item")];
  const ids = fieldsets.map((f) => f.dataset.item);
  const known = new Set(ids);
  // Ids from older checklist versions: renamed ones move to their new id, removed ones are dropped.
  const parseData = (text, fallback) => {
    try {
      return JSON.parse(text || "") ?? fallback;
    } catch {
      return fallback;
    }
  };
  const renamed = parseData(root.dataset.renamed, {});
  const removed = new Set(parseData(root.dataset.removed, []));
  const legacy = (id) => Object.prototype.hasOwnProperty.call(renamed, id) || removed.has(id);
  const total = ids.length;
  const entityInputs = Object.fromEntries(ENTITY_KEYS.map((k) => [k, $(`daleel-entity-${k}`)]));
  const resultsBody = $("daleel-results-body");
  const questions = new Map(fieldsets.map((f) => [f.dataset.item, f.querySelector("legend").textContent.replace(/^\S+\s/, "")]));
  const pageTitles = {};
  for (const a of root.querySelectorAll(".daleel-section-link a")) {
    const m = /^\.\.\/(guideline\/[a-z0-9-]+)\//.exec(a.getAttribute("href"));
    if (m) pageTitles[m[1]] = a.textContent;
  }
  let previousText = null;
  let storageOk = true;
  let scoreSeq = 0;

  // ---------- status and messages ----------
  let announceTimer = null;
  function announce(message) {
    clearTimeout(announceTimer);
    status.textContent = "";
    announceTimer = setTimeout(() => {
      status.textContent = message;
    }, 50);
  }

  function showStorageWarning(show) {
    const box = $("daleel-storage-warning");
    box.hidden = !show;
    box.querySelector("p").textContent = show ? S.storageUnavailable : "";
  }

  // ---------- the form <-> the answers document ----------
  function readForm() {
    const doc = {
      schema_version: 1,
      checklist: checklistId,
      checklist_version: checklistVersion,
      entity: {},
      answers: {},
    };
    for (const k of ENTITY_KEYS) doc.entity[k] = entityInputs[k].value;
    const pendingNotes = {};
    for (const f of fieldsets) {
      const id = f.dataset.item;
      const checked = f.querySelector("input[type=radio]:checked");
      const note = f.querySelector("textarea").value;
      if (checked) doc.answers[id] = note ? { value: checked.value, note } : { value: checked.value };
      else if (note) pendingNotes[id] = note;
    }
    return { doc, pendingNotes };
  }

  function applyDoc(doc, pendingNotes = {}) {
    const entity = doc.entity && typeof doc.entity === "object" ? doc.entity : {};
    for (const k of ENTITY_KEYS) entityInputs[k].value = typeof entity[k] === "string" ? entity[k] : "";
    if (!entityInputs.date.value) entityInputs.date.value = today();
    const answers = doc.answers && typeof doc.answers === "object" ? doc.answers : {};
    for (const f of fieldsets) {
      const id = f.dataset.item;
      const entry = Object.prototype.hasOwnProperty.call(answers, id) ? answers[id] : null;
      const value = entry && VALUES.includes(entry.value) ? entry.value : null;
      for (const radio of f.querySelectorAll("input[type=radio]")) radio.checked = radio.value === value;
      const note = entry && typeof entry.note === "string" ? entry.note : pendingNotes[id];
      f.querySelector("textarea").value = typeof note === "string" ? note : "";
    }
    updateProgress();
  }

  function answeredCount() {
    return fieldsets.filter((f) => f.querySelector("input[type=radio]:checked")).length;
  }

  function updateProgress() {
    const answered = answeredCount();
    $("daleel-progress-text").textContent = format(S.progress, { answered, total });
    $("daleel-progress").value = answered;
    for (const f of fieldsets) f.classList.toggle("daleel-item--answered", !!f.querySelector("input[type=radio]:checked"));
    return answered;
  }

  // The engine requires an entity name and a date; scores do not depend on them, so a
  // form still missing them is scored with placeholders.
  function engineText(doc) {
    const copy = JSON.parse(JSON.stringify(doc));
    if (!copy.entity || typeof copy.entity !== "object") copy.entity = {};
    if (typeof copy.entity.name !== "string" || !copy.entity.name.trim()) copy.entity.name = "-";
    if (typeof copy.entity.date !== "string" || !isDate(copy.entity.date)) copy.entity.date = today();
    for (const k of ["unit", "assessor"]) if (typeof copy.entity[k] !== "string") copy.entity[k] = "";
    return JSON.stringify(copy);
  }

  // ---------- autosave ----------
  function storage() {
    try {
      return window.localStorage;
    } catch {
      return null;
    }
  }

  function save() {
    const { doc, pendingNotes } = readForm();
    const store = storage();
    try {
      if (!store) throw new Error("no localStorage");
      store.setItem(STORAGE_KEY, JSON.stringify({ doc, pending_notes: pendingNotes }));
      if (!storageOk) showStorageWarning(false);
      storageOk = true;
    } catch {
      if (storageOk) showStorageWarning(true);
      storageOk = false;
    }
  }

  function restore() {
    const store = storage();
    let raw = null;
    try {
      if (!store) throw new Error("no localStorage");
      raw = store.getItem(STORAGE_KEY);
    } catch {
      storageOk = false;
      showStorageWarning(true);
      applyDoc({});
      return null;
    }
    if (!raw) {
      applyDoc({});
      return null;
    }
    try {
      const saved = JSON.parse(raw);
      if (!saved || typeof saved !== "object" || !saved.doc || typeof saved.doc !== "object") throw new Error("shape");
      applyDoc(saved.doc, saved.pending_notes && typeof saved.pending_notes === "object" ? saved.pending_notes : {});
      return S.restored;
    } catch {
      applyDoc({});
      return S.storageCorrupt;
    }
  }

  // ---------- engine ----------
  const engine = new Engine();
  const downloadButtons = [...root.querySelectorAll("[data-download]")];

  function setEngineButtons() {
    for (const b of downloadButtons) if (b.dataset.download !== "json") b.disabled = !engine.ready;
  }

  engine.addEventListener("loading", () => {
    $("daleel-engine-error").hidden = true;
    setEngineButtons();
  });
  engine.addEventListener("ready", () => {
    root.dataset.engine = "ready";
    root.dataset.engineMs = String(engine.readyMs);
    setEngineButtons();
    announce(S.ready);
    rescore(false);
  });
  engine.addEventListener("failed", () => {
    root.dataset.engine = "failed";
    setEngineButtons();
    $("daleel-engine-error-text").textContent = S.engineFailed;
    $("daleel-engine-error").hidden = false;
    resultsBody.replaceChildren(el("p", { text: S.resultsUnavailable }));
    announce(S.engineFailed);
  });

  async function rescore(announceIt = true) {
    if (!engine.ready) return;
    const seq = ++scoreSeq;
    const { doc } = readForm();
    try {
      const res = await engine.call("score", engineText(doc), previousText);
      if (seq !== scoreSeq) return;
      if (!res.ok) throw new Error(errorText(res.errors));
      renderResults(resultsBody, res.result, { lang, S, pageTitles, questions });
      updateReportHead(doc);
      root.dataset.scored = String(seq);
      if (announceIt) {
        const overall = formatScore(res.result.overall);
        const level = res.result.level ? res.result.level[lang] : "";
        announce(overall === null ? S.scoreNone : format(S.scoreUpdated, { overall, level }));
      }
    } catch (error) {
      if (seq !== scoreSeq || !engine.ready) return;
      announce(format(S.engineError, { detail: error.message }));
    }
  }

  function errorText(errors) {
    return (errors || []).map((e) => `${e.path}: ${e[lang] || e.en}`).join("; ");
  }

  function updateReportHead(doc) {
    const head = $("daleel-report-head");
    const lines = [];
    const e = doc.entity;
    if (e.name) lines.push(format(S.reportFor, { name: e.name }));
    if (e.unit) lines.push(format(S.reportUnit, { unit: e.unit }));
    if (e.assessor) lines.push(format(S.reportAssessor, { assessor: e.assessor }));
    if (e.date) lines.push(format(S.reportDate, { date: e.date }));
    head.replaceChildren(...lines.map((text) => el("p", { text })));
  }

  // ---------- downloads ----------
  function saveBlob(content, mime, filename) {
    const url = URL.createObjectURL(new Blob([content], { type: mime }));
    const a = el("a", { href: url, download: filename, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    announce(format(S.downloaded, { filename }));
  }

  function slug(text) {
    const s = String(text || "").normalize("NFKC").trim().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
    return s.slice(0, 60) || "assessment";
  }

  function plainJsonDownload() {
    const { doc } = readForm();
    const name = `daleel-${slug(doc.entity.name)}-${isDate(doc.entity.date) ? doc.entity.date : today()}.json`;
    saveBlob(JSON.stringify(doc, null, 2) + "\n", "application/json", name);
  }

  async function download(fmt, { fallbackOk = true } = {}) {
    if (!engine.ready) {
      if (fmt === "json" && fallbackOk) return plainJsonDownload();
      announce(S.needsEngine);
      return;
    }
    const { doc } = readForm();
    try {
      const res = await engine.call("render", engineText(doc), fmt, lang, previousText);
      if (!res.ok) throw new Error(errorText(res.errors));
      saveBlob(res.content, res.mime, res.filename);
    } catch (error) {
      if (fmt === "json" && fallbackOk && !engine.ready) return plainJsonDownload();
      announce(format(S.downloadFailed, { detail: error.message }));
    }
  }

  // ---------- import ----------
  function showImportErrors(problems) {
    const box = $("daleel-import-error");
    const content = [
      el("p", { lang: "ar", dir: "rtl", class: "daleel-error-title", text: IMPORT_ERRORS.heading.ar }),
      el("p", { lang: "en", dir: "ltr", class: "daleel-error-title", text: IMPORT_ERRORS.heading.en }),
    ];
    const list = el("ul");
    for (const p of problems) {
      const li = el("li", { "data-path": p.path || "$" });
      if (p.path && p.path !== "$") li.append(el("code", { dir: "ltr", text: p.path }), " ");
      li.append(el("span", { lang: "ar", dir: "rtl", text: p.ar }), " / ", el("span", { lang: "en", dir: "ltr", text: p.en }));
      list.append(li);
    }
    content.push(list);
    box.replaceChildren(...content);
    box.hidden = false;
    box.focus();
    announce(S.importFailed);
  }

  function problem(key, vars = {}, path = "$") {
    const msg = IMPORT_ERRORS[key];
    return { path, ar: format(msg.ar, vars), en: format(msg.en, vars) };
  }

  function sizeText(bytes) {
    return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
  }

  // Basic checks in plain JS, so a bad file is refused even without the engine.
  function shapeProblems(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return [problem("notObject")];
    const out = [];
    if (data.schema_version !== 1) out.push(problem("schema", { found: JSON.stringify(data.schema_version) ?? "—" }, "schema_version"));
    if (data.checklist !== checklistId) out.push(problem("checklist", { found: JSON.stringify(data.checklist) ?? "—", expected: checklistId }, "checklist"));
    if (data.entity !== undefined && (typeof data.entity !== "object" || data.entity === null || Array.isArray(data.entity)
      || ENTITY_KEYS.some((k) => data.entity[k] !== undefined && typeof data.entity[k] !== "string"))) out.push(problem("badEntity", {}, "entity"));
    const answers = data.answers;
    if (!answers || typeof answers !== "object" || Array.isArray(answers)) {
      out.push(problem("answers", {}, "answers"));
      return out;
    }
    const unknown = Object.keys(answers).filter((id) => !known.has(id) && !legacy(id));
    if (unknown.length) out.push(problem("unknownIds", { ids: unknown.slice(0, 10).join(", ") + (unknown.length > 10 ? ", …" : "") }, "answers"));
    for (const [id, entry] of Object.entries(answers)) {
      if (!known.has(id) && !legacy(id)) continue;
      if (!entry || typeof entry !== "object" || !VALUES.includes(entry.value) || (entry.note !== undefined && typeof entry.note !== "string")) {
        out.push(problem("badValue", { id, value: JSON.stringify(entry && typeof entry === "object" ? entry.value : entry) ?? "—" }, `answers.${id}`));
      }
    }
    return out;
  }

  async function readImport() {
    const input = $("daleel-import-file");
    const file = input.files && input.files[0];
    if (!file) return { problems: [problem("noFile")] };
    if (file.size > MAX_IMPORT_BYTES) return { problems: [problem("tooLarge", { size: sizeText(file.size), max: sizeText(MAX_IMPORT_BYTES) })] };
    if (file.size === 0) return { problems: [problem("empty")] };
    let bytes;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      return { problems: [problem("readFailed")] };
    }
    let text;
    try {
      if (bytes.includes(0)) throw new Error("NUL");
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return { problems: [problem("binary")] };
    }
    let data;
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ""));
    } catch (error) {
      return { problems: [problem("notJson", { detail: error.message })] };
    }
    const problems = shapeProblems(data);
    if (problems.length) return { problems };
    if (engine.ready) {
      try {
        const res = await engine.call("validate", engineText(data));
        if (!res.ok) return { problems: res.errors };
      } catch (error) {
        return { problems: [{ path: "$", ar: error.message, en: error.message }] };
      }
    }
    return { data };
  }

  async function importFile(mode) {
    const { data, problems } = await readImport();
    if (problems) {
      showImportErrors(problems);
      return;
    }
    $("daleel-import-error").hidden = true;
    $("daleel-import-error").replaceChildren();
    if (mode === "resume") {
      const answers = {};
      for (const [raw, entry] of Object.entries(data.answers)) {
        const id = Object.prototype.hasOwnProperty.call(renamed, raw) ? renamed[raw] : raw;
        if (!known.has(id) || (id !== raw && answers[id])) continue;
        answers[id] = typeof entry.note === "string" && entry.note ? { value: entry.value, note: entry.note } : { value: entry.value };
      }
      const entity = {};
      for (const k of ENTITY_KEYS) entity[k] = data.entity && typeof data.entity[k] === "string" ? data.entity[k] : "";
      applyDoc({ entity, answers });
      save();
      announce(format(S.imported, { answered: answeredCount(), total }));
      rescore(false);
    } else {
      previousText = engineText(data);
      $("daleel-clear-compare").hidden = false;
      announce(S.compared);
      rescore(false);
    }
  }

  // ---------- start over ----------
  const dialog = $("daleel-dialog");
  function erase() {
    const store = storage();
    try {
      if (store) store.removeItem(STORAGE_KEY);
    } catch {
      /* storage unavailable: nothing to erase there */
    }
    previousText = null;
    $("daleel-clear-compare").hidden = true;
    applyDoc({});
    save();
    if (!engine.ready) resultsBody.replaceChildren(el("p", { text: engine.state === "failed" ? S.resultsUnavailable : S.loading }));
    rescore(false);
    announce(S.erased);
  }

  // ---------- wiring ----------
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("input", (event) => {
    save();
    if (event.target instanceof HTMLInputElement && event.target.type === "radio") {
      updateProgress();
      rescore();
    } else if (event.target.dataset.entity) {
      updateReportHead(readForm().doc);
    }
  });
  $("daleel-jump").addEventListener("click", () => {
    const target = fieldsets.find((f) => !f.querySelector("input[type=radio]:checked"));
    if (!target) {
      announce(S.allAnswered);
      return;
    }
    target.scrollIntoView({ block: "center" });
    target.querySelector("input[type=radio]").focus();
  });
  for (const b of downloadButtons) b.addEventListener("click", () => download(b.dataset.download));
  $("daleel-print").addEventListener("click", () => window.print());
  $("daleel-resume").addEventListener("click", () => importFile("resume"));
  $("daleel-compare").addEventListener("click", () => importFile("compare"));
  $("daleel-clear-compare").addEventListener("click", () => {
    previousText = null;
    $("daleel-clear-compare").hidden = true;
    announce(S.compareCleared);
    rescore(false);
  });
  $("daleel-retry").addEventListener("click", () => {
    announce(S.retrying);
    engine.start();
  });
  $("daleel-restart").addEventListener("click", () => dialog.showModal());
  $("daleel-dialog-cancel").addEventListener("click", () => dialog.close());
  $("daleel-dialog-download").addEventListener("click", () => download("json"));
  $("daleel-dialog-confirm").addEventListener("click", () => {
    dialog.close();
    erase();
    entityInputs.name.focus();
  });
  // Another tab (or the other language) changed the answers: follow it.
  window.addEventListener("storage", (event) => {
    if (event.key !== STORAGE_KEY) return;
    restore();
    rescore(false);
  });

  const restoredMessage = restore();
  root.dataset.ready = "true";
  announce([restoredMessage && format(restoredMessage, { answered: answeredCount(), total }), S.loading].filter(Boolean).join(" "));
  engine.start();
}
