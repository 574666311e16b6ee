// @ts-check
// The breach-response runbook: prepare (kept in this browser's localStorage), respond (the
// three chapter-13 steps in order, each timed), record (incident log as HTML and JSON).
import { byId, formatElapsed, formatTime, pageLang, saveFile, tr } from "./common.js";
import {
  adminCount,
  emptyAccount,
  emptyOfficial,
  emptyRunbook,
  incidentLog,
  newIncident,
  nextStep,
  parseRunbookFile,
  MAX_FILE_BYTES,
} from "./runbook-data.js";

const KEY = "daleel.breach-runbook.v1";
const lang = pageLang();
const t = (/** @type {string} */ key, values = {}) => tr(lang, key, values);
const titles = [1, 2, 3].map((n) => ({ ar: tr("ar", `tools.breach.step${n}`), en: tr("en", `tools.breach.step${n}`) }));

/** @typedef {import("./runbook-data.js").Runbook} Runbook */

/** @returns {Runbook} */
function load() {
  try {
    const raw = localStorage.getItem(KEY);
    if (raw) {
      const result = parseRunbookFile(raw, raw.length);
      if (result.ok) return result.runbook;
    }
  } catch {
    // Storage refused (private mode, policy): start empty; saving reports the problem.
  }
  return emptyRunbook();
}

let state = load();

function save() {
  const problem = byId("br-storage");
  try {
    localStorage.setItem(KEY, JSON.stringify(state));
    problem.textContent = "";
  } catch {
    problem.textContent = t("tools.common.storage_failed");
  }
}

/**
 * A labelled text input bound to `record[field]`.
 * @param {Record<string, string>} record
 * @param {string} field
 * @param {string} id
 * @param {string} label
 * @param {string} [type]
 */
function boundInput(record, field, id, label, type = "text") {
  const wrap = document.createElement("div");
  wrap.className = "daleel-field";
  const lab = document.createElement("label");
  lab.htmlFor = id;
  lab.textContent = label;
  const input = document.createElement("input");
  input.type = type;
  input.id = id;
  input.maxLength = 200;
  input.autocomplete = "off";
  input.value = record[field] || "";
  input.addEventListener("input", () => {
    record[field] = input.value;
    save();
    renderDerived();
  });
  wrap.append(lab, input);
  return wrap;
}

/**
 * One row (official or account) as a fieldset with a remove button.
 * @param {string} legend
 * @param {HTMLElement[]} fields
 * @param {() => void} remove
 */
function row(legend, fields, remove) {
  const li = document.createElement("li");
  const fieldset = document.createElement("fieldset");
  const leg = document.createElement("legend");
  leg.textContent = legend;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button daleel-remove";
  button.textContent = `${t("tools.breach.remove")}: ${legend}`;
  button.addEventListener("click", remove);
  fieldset.append(leg, ...fields, button);
  li.append(fieldset);
  return li;
}

function renderOfficials() {
  const list = byId("br-officials");
  list.replaceChildren(
    ...state.officials.map((o, i) => {
      const id = `br-official-${i}`;
      const rec = /** @type {Record<string, string>} */ (/** @type {unknown} */ (o));
      return row(
        t("tools.breach.official_n", { n: i + 1 }),
        [
          boundInput(rec, "name", `${id}-name`, t("tools.breach.official_name")),
          boundInput(rec, "role", `${id}-role`, t("tools.breach.official_role")),
          boundInput(rec, "phone", `${id}-phone`, t("tools.breach.official_phone"), "tel"),
          boundInput(rec, "email", `${id}-email`, t("tools.breach.official_email"), "email"),
        ],
        () => {
          state.officials.splice(i, 1);
          save();
          renderAll();
          byId("br-add-official").focus();
        },
      );
    }),
  );
}

function renderAccounts() {
  const list = byId("br-accounts");
  list.replaceChildren(
    ...state.accounts.map((a, i) => {
      const id = `br-acc-${i}`;
      const rec = /** @type {Record<string, string>} */ (/** @type {unknown} */ (a));
      const warn = document.createElement("p");
      warn.className = "daleel-warning";
      warn.id = `${id}-warn`;
      const li = row(
        t("tools.breach.account_n", { n: i + 1 }),
        [
          boundInput(rec, "platform", `${id}-platform`, t("tools.breach.account_platform")),
          boundInput(rec, "name", `${id}-name`, t("tools.breach.account_name")),
          boundInput(rec, "admin1", `${id}-admin1`, t("tools.breach.account_admin1")),
          boundInput(rec, "admin2", `${id}-admin2`, t("tools.breach.account_admin2")),
          warn,
        ],
        () => {
          state.accounts.splice(i, 1);
          save();
          renderAll();
          byId("br-add-account").focus();
        },
      );
      return li;
    }),
  );
}

/** Contacts each step needs, from what was prepared. @param {number} step */
function contacts(step) {
  const box = document.createElement("div");
  const head = document.createElement("p");
  const list = document.createElement("ul");
  /** @type {string[]} */
  let items = [];
  if (step === 1) {
    head.textContent = t("tools.breach.contacts_it");
    items = state.officials
      .filter((o) => o.name.trim() || o.phone.trim() || o.email.trim())
      .map((o) => [o.name, o.role, o.phone, o.email].filter((s) => s.trim()).join(" — "));
  } else if (step === 2) {
    head.textContent = t("tools.breach.contacts_admins");
    const account = state.incident ? state.incident.account.trim() : "";
    items = state.accounts
      .filter((a) => !account || a.name.trim() === account)
      .map((a) => `${[a.platform, a.name].filter((s) => s.trim()).join(" ")}: ${[a.admin1, a.admin2].filter((s) => s.trim()).join("، ")}`);
  } else {
    head.textContent = t("tools.breach.contacts_ministry");
    items = state.ministry.trim() ? [state.ministry] : [];
  }
  if (!items.length) items = [t("tools.breach.no_contacts")];
  for (const item of items) {
    const li = document.createElement("li");
    li.textContent = item;
    list.append(li);
  }
  box.append(head, list);
  return box;
}

/**
 * An element of `doc` with text content (never parsed as HTML).
 * @param {Document} doc
 * @param {string} tag
 * @param {string} [content]
 * @param {Record<string, string>} [attrs]
 */
function node(doc, tag, content = "", attrs = {}) {
  const el = doc.createElement(tag);
  if (content) el.textContent = content;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

/**
 * The incident log as nodes of `doc`: the page's own document, or the downloaded file's.
 * @param {Document} doc
 * @returns {Element[]}
 */
function logNodes(doc) {
  const inc = state.incident;
  if (!inc) return [node(doc, "p", t("tools.breach.log_none"))];
  const facts = node(doc, "dl");
  for (const [key, value] of [
    ["tools.breach.log_entity", state.entity || "—"],
    ["tools.breach.log_account", inc.account || "—"],
    ["tools.breach.log_started", formatTime(inc.started_at, lang)],
  ]) {
    facts.append(node(doc, "dt", t(key)), node(doc, "dd", value));
  }
  const table = node(doc, "table");
  const head = node(doc, "tr");
  for (const key of ["tools.breach.log_step", "tools.breach.log_done", "tools.breach.log_note"]) {
    head.append(node(doc, "th", t(key), { scope: "col" }));
  }
  const body = node(doc, "tbody");
  inc.steps.forEach((s, i) => {
    const when = s.done_at
      ? `${formatTime(s.done_at, lang)} (+${formatElapsed(Date.parse(s.done_at) - Date.parse(inc.started_at))})`
      : t("tools.breach.log_not_done");
    const tr = node(doc, "tr");
    tr.append(node(doc, "th", titles[i][lang], { scope: "row" }), node(doc, "td", when), node(doc, "td", s.note));
    body.append(tr);
  });
  const thead = node(doc, "thead");
  thead.append(head);
  table.append(thead, body);
  return [facts, table];
}

function renderLog() {
  byId("br-log").replaceChildren(...logNodes(document));
}

/** Everything that depends on the state but holds no focus: warnings, steps, log. */
function renderDerived() {
  state.accounts.forEach((a, i) => {
    const warn = document.getElementById(`br-acc-${i}-warn`);
    if (warn) warn.textContent = adminCount(a) < 2 ? t("tools.breach.admins_missing", { n: adminCount(a) }) : "";
  });
  const datalist = byId("br-account-list");
  datalist.replaceChildren(
    ...state.accounts.filter((a) => a.name.trim()).map((a) => {
      const option = document.createElement("option");
      option.value = a.name;
      return option;
    }),
  );
  const inc = state.incident;
  const next = nextStep(inc);
  for (let n = 1; n <= 3; n++) {
    const step = inc ? inc.steps[n - 1] : null;
    /** @type {HTMLButtonElement} */ (byId(`br-step-${n}-done`)).disabled = next !== n - 1;
    byId(`br-step-${n}-time`).textContent =
      step && step.done_at && inc
        ? t("tools.breach.done_at", {
            time: formatTime(step.done_at, lang),
            elapsed: formatElapsed(Date.parse(step.done_at) - Date.parse(inc.started_at)),
          })
        : "";
    byId(`br-step-${n}`).classList.toggle("daleel-step--done", Boolean(step && step.done_at));
    byId(`br-step-${n}-contacts`).replaceChildren(contacts(n));
  }
  /** @type {HTMLButtonElement} */ (byId("br-start")).disabled = Boolean(inc);
  /** @type {HTMLButtonElement} */ (byId("br-close")).disabled = !inc;
  byId("br-started").textContent = inc ? t("tools.breach.started", { time: formatTime(inc.started_at, lang) }) : "";
  renderLog();
  tick();
}

function tick() {
  const elapsed = byId("br-elapsed");
  const inc = state.incident;
  elapsed.hidden = !inc;
  if (inc) elapsed.textContent = t("tools.breach.elapsed", { elapsed: formatElapsed(Date.now() - Date.parse(inc.started_at)) });
}

function renderAll() {
  /** @type {HTMLInputElement} */ (byId("br-entity")).value = state.entity;
  /** @type {HTMLTextAreaElement} */ (byId("br-ministry")).value = state.ministry;
  /** @type {HTMLInputElement} */ (byId("br-account")).value = state.incident ? state.incident.account : "";
  for (let n = 1; n <= 3; n++) {
    /** @type {HTMLTextAreaElement} */ (byId(`br-step-${n}-note`)).value = state.incident ? state.incident.steps[n - 1].note : "";
  }
  renderOfficials();
  renderAccounts();
  renderDerived();
}

/** @param {string} message @param {boolean} error */
function importStatus(message, error) {
  const box = byId("br-import-status");
  box.textContent = message;
  box.classList.toggle("daleel-alert--error", error);
  box.focus();
}

async function importFile(/** @type {HTMLInputElement} */ input) {
  const file = input.files && input.files[0];
  input.value = "";
  if (!file) return;
  const content = file.size > MAX_FILE_BYTES ? "" : await file.text();
  const result = parseRunbookFile(content, file.size);
  if (!result.ok) {
    const key = `tools.breach.import_${result.reason}`;
    importStatus(t(key, { kb: MAX_FILE_BYTES / 1024, where: result.where }), true);
    return;
  }
  state = result.runbook;
  save();
  renderAll();
  importStatus(t("tools.breach.import_ok"), false);
}

/** The incident log as a standalone HTML file in the page's language. */
function logDocument() {
  const title = t("tools.breach.log_title");
  const doc = document.implementation.createHTMLDocument(title);
  doc.documentElement.lang = lang;
  doc.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
  doc.head.prepend(node(doc, "meta", "", { charset: "utf-8" }));
  // The downloaded file is opened from disk, outside the site and its policy.
  doc.head.append(
    node(
      doc,
      "style",
      "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}" +
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #666;padding:.4rem;vertical-align:top;text-align:start}" +
        "dt{font-weight:bold}dd{margin:0 0 .5rem}",
    ),
  );
  const made = t("tools.breach.log_made", { time: formatTime(new Date().toISOString(), lang) });
  doc.body.append(node(doc, "h1", title), ...logNodes(doc), node(doc, "p", made));
  return `<!DOCTYPE html>\n${doc.documentElement.outerHTML}\n`;
}

function stamp() {
  return (state.incident ? state.incident.started_at : new Date().toISOString()).slice(0, 10);
}

function main() {
  renderAll();
  byId("br-entity").addEventListener("input", (e) => {
    state.entity = /** @type {HTMLInputElement} */ (e.target).value;
    save();
    renderDerived();
  });
  byId("br-ministry").addEventListener("input", (e) => {
    state.ministry = /** @type {HTMLTextAreaElement} */ (e.target).value;
    save();
    renderDerived();
  });
  byId("br-add-official").addEventListener("click", () => {
    state.officials.push(emptyOfficial());
    save();
    renderAll();
    byId(`br-official-${state.officials.length - 1}-name`).focus();
  });
  byId("br-add-account").addEventListener("click", () => {
    state.accounts.push(emptyAccount());
    save();
    renderAll();
    byId(`br-acc-${state.accounts.length - 1}-platform`).focus();
  });
  byId("br-account").addEventListener("input", (e) => {
    if (!state.incident) return;
    state.incident.account = /** @type {HTMLInputElement} */ (e.target).value;
    save();
    renderDerived();
  });
  byId("br-start").addEventListener("click", () => {
    const account = /** @type {HTMLInputElement} */ (byId("br-account")).value;
    state.incident = newIncident(account, new Date().toISOString());
    save();
    renderAll();
    byId("br-step-1-note").focus();
  });
  byId("br-close").addEventListener("click", () => {
    if (!window.confirm(t("tools.breach.close_confirm"))) return;
    state.incident = null;
    save();
    renderAll();
    byId("br-account").focus();
  });
  for (let n = 1; n <= 3; n++) {
    byId(`br-step-${n}-note`).addEventListener("input", (e) => {
      if (!state.incident) return;
      state.incident.steps[n - 1].note = /** @type {HTMLTextAreaElement} */ (e.target).value;
      save();
      renderLog();
    });
    byId(`br-step-${n}-done`).addEventListener("click", () => {
      if (!state.incident || nextStep(state.incident) !== n - 1) return;
      state.incident.steps[n - 1].done_at = new Date().toISOString();
      save();
      renderDerived();
      byId(n < 3 ? `br-step-${n + 1}-note` : "br-download-html").focus();
    });
  }
  byId("br-export").addEventListener("click", () => {
    saveFile(JSON.stringify(state, null, 2) + "\n", "application/json", `breach-runbook-${new Date().toISOString().slice(0, 10)}.json`);
  });
  byId("br-import").addEventListener("change", (e) => importFile(/** @type {HTMLInputElement} */ (e.target)));
  byId("br-download-html").addEventListener("click", () => {
    saveFile(logDocument(), "text/html;charset=utf-8", `breach-incident-log-${stamp()}.html`);
  });
  byId("br-download-json").addEventListener("click", () => {
    const log = incidentLog(state, titles, new Date().toISOString());
    saveFile(JSON.stringify(log, null, 2) + "\n", "application/json", `breach-incident-log-${stamp()}.json`);
  });
  byId("br-print").addEventListener("click", () => window.print());
  setInterval(tick, 1000);
  // Another tab of the same site may change the runbook: follow it rather than overwrite it.
  window.addEventListener("storage", (event) => {
    if (event.key !== KEY) return;
    state = load();
    renderAll();
  });
  byId("daleel-breach").dataset.ready = "";
}

main();
