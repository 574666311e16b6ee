// @ts-check
// The answers document and the task list's state, as plain data (no DOM, no engine): what the
// form holds, what is saved in localStorage, and what each step shows. Unit-tested with
// node --test (tests/js/model.test.mjs). Validation and id migration are the engine's.

import { isDate, today } from "./format.js";

export const VALUES = /** @type {const} */ (["yes", "partial", "no", "na"]);
export const ENTITY_KEYS = /** @type {const} */ (["name", "code", "unit", "assessor", "date"]);
export const SCHEMA_VERSION = 2;
export const MAX_EVIDENCE = 20; // the engine's limits (assessment/answers.py)
export const MAX_EVIDENCE_CHARS = 2000;
export const MAX_FIELD_CHARS = 300;
export const STORAGE_KEY = "daleel.assessment.v1"; // one key for both languages

/** @typedef {{value: string, note?: string, owner?: string, due?: string, evidence?: string[]}} Answer */
/** @typedef {{owner?: string, due?: string, evidence?: string[]}} Plan */
/** @typedef {{name: string, code: string, unit: string, assessor: string, date: string}} Entity */
/**
 * @typedef {object} AnswersDoc
 * @property {number} schema_version
 * @property {string} checklist
 * @property {string} checklist_version
 * @property {{name: string, unit: string, assessor: string, date: string, code?: string}} entity
 * @property {Record<string, Answer>} answers
 * @property {Record<string, Answer>} [retired_answers]
 */
/**
 * What the form holds: entity fields, the chosen value per question, notes and action-plan
 * fields (owner, due date, evidence; both may exist before their question is answered: they
 * are kept aside, not in the answers file), and the file's answers to ids this checklist no
 * longer has (passed through untouched so that saving again loses nothing).
 * @typedef {object} FormState
 * @property {Entity} entity
 * @property {Record<string, string>} values
 * @property {Record<string, string>} notes
 * @property {Record<string, Plan>} plans
 * @property {Record<string, Answer>} retired
 */
/** @typedef {"not_started" | "in_progress" | "completed"} Status */

/** @returns {Entity} */
export function emptyEntity() {
  return { name: "", code: "", unit: "", assessor: "", date: "" };
}

/** @returns {FormState} */
export function emptyState() {
  return { entity: emptyEntity(), values: {}, notes: {}, plans: {}, retired: {} };
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * @param {Record<string, unknown>} obj
 * @param {string} key
 */
function own(obj, key) {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/**
 * The evidence a textarea holds: one reference per line, trimmed, empty lines left out, at
 * most the engine's limit.
 * @param {string} text
 * @returns {string[]}
 */
export function evidenceLines(text) {
  return String(text || "").split(/\r?\n/).map((line) => line.trim()).filter(Boolean).slice(0, MAX_EVIDENCE);
}

/**
 * A plan with only its non-empty fields (null when none is set).
 * @param {Plan | undefined} plan
 * @returns {Plan | null}
 */
export function cleanPlan(plan) {
  if (!plan) return null;
  /** @type {Plan} */
  const out = {};
  if (plan.owner) out.owner = plan.owner;
  if (plan.due) out.due = plan.due;
  if (plan.evidence && plan.evidence.length) out.evidence = [...plan.evidence];
  return Object.keys(out).length ? out : null;
}

/**
 * The entity as the file holds it: the code only when there is one.
 * @param {Entity} entity
 */
function entityOut(entity) {
  const { code, ...rest } = entity;
  return code ? { ...rest, code } : rest;
}

/**
 * The answers file for a form state, plus the notes and plans of unanswered questions.
 * @param {FormState} state
 * @param {string} checklist
 * @param {string} version
 * @returns {{doc: AnswersDoc, pendingNotes: Record<string, string>, pendingPlans: Record<string, Plan>}}
 */
export function buildDoc(state, checklist, version) {
  /** @type {Record<string, Answer>} */
  const answers = {};
  /** @type {Record<string, string>} */
  const pendingNotes = {};
  /** @type {Record<string, Plan>} */
  const pendingPlans = {};
  const plans = state.plans || {};
  for (const [id, value] of Object.entries(state.values)) {
    const note = state.notes[id] || "";
    answers[id] = { value, ...(note ? { note } : {}), ...cleanPlan(plans[id]) };
  }
  for (const [id, note] of Object.entries(state.notes)) if (note && !(id in state.values)) pendingNotes[id] = note;
  for (const [id, plan] of Object.entries(plans)) {
    const clean = cleanPlan(plan);
    if (clean && !(id in state.values)) pendingPlans[id] = clean;
  }
  /** @type {AnswersDoc} */
  const doc = { schema_version: SCHEMA_VERSION, checklist, checklist_version: version, entity: entityOut(state.entity), answers };
  const retired = state.retired || {};
  if (Object.keys(retired).length) doc.retired_answers = JSON.parse(JSON.stringify(retired));
  return { doc, pendingNotes, pendingPlans };
}

/**
 * A plan read from an untrusted answer or pending entry; wrong types are left out.
 * @param {Record<string, unknown>} entry
 * @returns {Plan | null}
 */
export function planFrom(entry) {
  const owner = own(entry, "owner");
  const due = own(entry, "due");
  const evidence = own(entry, "evidence");
  return cleanPlan({
    owner: typeof owner === "string" ? owner.slice(0, MAX_FIELD_CHARS) : "",
    due: typeof due === "string" && isDate(due) ? due : "",
    evidence: Array.isArray(evidence) ? evidenceLines(evidence.filter((e) => typeof e === "string" && !e.includes("\n")).join("\n")) : [],
  });
}

/**
 * An answer to a retired id as the file holds it, or null when it is not a well-formed answer
 * (the engine would refuse the whole file for it).
 * @param {unknown} entry
 * @returns {Answer | null}
 */
export function retiredFrom(entry) {
  if (!isObject(entry)) return null;
  const value = own(entry, "value");
  if (typeof value !== "string" || !(/** @type {readonly string[]} */ (VALUES)).includes(value)) return null;
  const note = own(entry, "note");
  return { value, ...(typeof note === "string" && note ? { note } : {}), ...planFrom(entry) };
}

/**
 * The well-formed retired answers of an untrusted object.
 * @param {unknown} raw
 * @returns {Record<string, Answer>}
 */
function retiredOf(raw) {
  /** @type {Record<string, Answer>} */
  const out = {};
  if (!isObject(raw)) return out;
  for (const id of Object.keys(raw)) {
    const answer = retiredFrom(raw[id]);
    if (answer && id !== "__proto__") out[id] = answer;
  }
  return out;
}

/**
 * A form state from a saved document (anything malformed is left out, never thrown).
 * @param {unknown} doc
 * @param {unknown} [pendingNotes]
 * @param {ReadonlySet<string>} [known] the current checklist's ids (others are dropped)
 * @param {unknown} [pendingPlans]
 * @returns {FormState}
 */
export function stateFromDoc(doc, pendingNotes = {}, known, pendingPlans = {}) {
  const state = emptyState();
  if (!isObject(doc)) return state;
  const e = own(doc, "entity");
  if (isObject(e)) for (const k of ENTITY_KEYS) if (typeof own(e, k) === "string") state.entity[k] = /** @type {string} */ (e[k]);
  const answers = own(doc, "answers");
  if (isObject(answers)) {
    for (const id of Object.keys(answers)) {
      if (known && !known.has(id)) continue;
      readAnswer(state, id, answers[id]);
    }
  }
  if (isObject(pendingNotes)) {
    for (const [id, note] of Object.entries(pendingNotes)) {
      if (known && !known.has(id)) continue;
      if (typeof note === "string" && note && !state.notes[id]) state.notes[id] = note;
    }
  }
  if (isObject(pendingPlans)) {
    for (const [id, entry] of Object.entries(pendingPlans)) {
      if ((known && !known.has(id)) || state.plans[id] || !isObject(entry)) continue;
      const plan = planFrom(entry);
      if (plan) state.plans[id] = plan;
    }
  }
  state.retired = retiredOf(own(doc, "retired_answers"));
  return state;
}

/**
 * @param {FormState} state
 * @param {string} id
 * @param {unknown} entry
 */
function readAnswer(state, id, entry) {
  if (!isObject(entry) || id === "__proto__") return;
  const value = own(entry, "value");
  if (typeof value === "string" && /** @type {readonly string[]} */ (VALUES).includes(value)) state.values[id] = value;
  const note = own(entry, "note");
  if (typeof note === "string" && note) state.notes[id] = note;
  const plan = planFrom(entry);
  if (plan) state.plans[id] = plan;
}

/**
 * The saved state in localStorage's text; null when there is none, "corrupt" when unreadable.
 * Old saved states (schema 1, no plans) load as they are.
 * @param {string | null} raw
 * @param {ReadonlySet<string>} [known]
 * @returns {FormState | null | "corrupt"}
 */
export function parseSaved(raw, known) {
  if (!raw) return null;
  try {
    const saved = JSON.parse(raw);
    if (!isObject(saved) || !isObject(saved.doc)) return "corrupt";
    return stateFromDoc(saved.doc, saved.pending_notes, known, saved.pending_plans);
  } catch {
    return "corrupt";
  }
}

/**
 * The text the engine scores: a missing entity name or date (the engine requires both; scores
 * do not depend on them) is filled with a placeholder; a wrong type is left for the engine
 * to refuse.
 * @param {unknown} doc
 * @param {string} [date]
 * @returns {string}
 */
export function engineText(doc, date = today()) {
  const copy = isObject(doc) ? JSON.parse(JSON.stringify(doc)) : doc;
  if (isObject(copy)) {
    if (copy.entity === undefined) copy.entity = {};
    const e = copy.entity;
    if (isObject(e)) {
      if (e.name === undefined || e.name === "" || (typeof e.name === "string" && !e.name.trim())) e.name = "-";
      if (e.date === undefined || e.date === "") e.date = date;
      for (const k of ["unit", "assessor"]) if (e[k] === undefined) e[k] = "";
      if (e.code === "") delete e.code;
    }
  }
  return JSON.stringify(copy);
}

/**
 * @param {number} answered
 * @param {number} total
 * @returns {Status}
 */
export function domainStatus(answered, total) {
  if (answered <= 0) return "not_started";
  return answered >= total ? "completed" : "in_progress";
}

/**
 * The step a URL fragment names, or null ("#domain-5", "#check", …).
 * @param {string} hash
 * @param {ReadonlySet<string>} steps
 * @returns {string | null}
 */
export function stepFromHash(hash, steps) {
  const name = decodeURIComponent(String(hash || "").replace(/^#/, ""));
  return steps.has(name) ? name : null;
}

/**
 * The step to open when the URL names none: a first visit starts with the first domain's
 * questions; a returning one sees the task list.
 * @param {FormState} state
 * @param {string} firstDomain
 * @returns {string}
 */
export function landingStep(state, firstDomain) {
  const started = Object.keys(state.values).length > 0 || Object.values(state.entity).some((v) => v);
  return started ? "overview" : firstDomain;
}

/**
 * The saved state with the answers given before the page's script ran laid over it: the
 * questions can be answered from the page's first paint, and an answer given then is newer
 * than any saved one. `early` is the form as read before anything was written to it. Its
 * entity fields are not taken: they are on the task list, hidden until the script runs, and
 * what they hold then can only be the browser's restoring of an older visit (the questions
 * are in a form with autocomplete="off", so it restores nothing into them).
 * @param {FormState} saved
 * @param {FormState} early
 * @returns {{state: FormState, kept: number}} kept: how many answers, notes and plans came from `early`
 */
export function withEarlyInput(saved, early) {
  const state = {
    ...saved, values: { ...saved.values, ...early.values }, notes: { ...saved.notes, ...early.notes },
    plans: { ...saved.plans, ...early.plans },
  };
  const kept = [early.values, early.notes, early.plans].reduce((n, part) => n + Object.keys(part).length, 0);
  return { state, kept };
}

/**
 * @typedef {object} ScoredItem
 * @property {string} id
 * @property {string | null} value
 * @property {string} [note]
 * @property {string} [owner]
 * @property {string} [due]
 * @property {string[]} [evidence_given]
 */

/**
 * The form state a validated file gives, from the engine's score of it: the engine has
 * already migrated renamed ids and set aside the answers to ids the checklist does not have
 * (`retiredIds`); those are taken from the file as it holds them. Entity texts are the
 * file's own (the engine saw placeholders where they were missing).
 * @param {unknown} data the parsed file
 * @param {ScoredItem[]} items the engine's per-item result
 * @param {string[]} [retiredIds] the engine's `retired_answers`
 * @returns {FormState}
 */
export function stateFromScored(data, items, retiredIds = []) {
  const state = emptyState();
  state.entity = stateFromDoc(data).entity;
  for (const item of items) {
    if (item.value) state.values[item.id] = item.value;
    if (item.note) state.notes[item.id] = item.note;
    const plan = planFrom({ owner: item.owner, due: item.due, evidence: item.evidence_given });
    if (plan) state.plans[item.id] = plan;
  }
  const raw = isObject(data) ? data : {};
  const fromAnswers = retiredOf(own(raw, "answers"));
  const fromRetired = retiredOf(own(raw, "retired_answers"));
  for (const id of retiredIds) {
    const answer = fromAnswers[id] || fromRetired[id];
    if (answer) state.retired[id] = answer;
  }
  return state;
}

/**
 * Whether an engine result item is overdue: a due date before the assessment date on an
 * item still to act on ("no" or "partly"; a critical "not applicable" without its
 * justification counts as "no"), as the engine's reports judge it.
 * @param {{due?: unknown, value?: unknown, unjustified_na?: unknown}} item
 * @param {string} date
 * @returns {boolean}
 */
export function isOverdue(item, date) {
  const due = typeof item.due === "string" ? item.due : "";
  const open = item.value === "no" || item.value === "partial" || item.unjustified_na === true;
  return !!due && isDate(due) && isDate(date) && due < date && open;
}

/**
 * The action-plan items (as the engine returns them) that have a due date: the calendar's.
 * @param {unknown} plan
 * @returns {any[]}
 */
export function datedPlan(plan) {
  return Array.isArray(plan) ? plan.filter((item) => isObject(item) && typeof item.due === "string" && item.due) : [];
}

/**
 * What a file contains, as shown before it replaces anything.
 * @param {FormState} state
 * @returns {{name: string, assessor: string, date: string, answered: number}}
 */
export function summary(state) {
  const { name, assessor, date } = state.entity;
  return { name, assessor, date: isDate(date) ? date : "", answered: Object.keys(state.values).length };
}
