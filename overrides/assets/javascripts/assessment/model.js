// @ts-check
// The answers document and the task list's state, as plain data (no DOM, no engine): what the
// form holds, what is saved in localStorage, and what each step shows. Unit-tested with
// node --test (tests/js/model.test.mjs). Validation and id migration are the engine's.

import { isDate, today } from "./format.js";

export const VALUES = /** @type {const} */ (["yes", "partial", "no", "na"]);
export const ENTITY_KEYS = /** @type {const} */ (["name", "unit", "assessor", "date"]);
export const STORAGE_KEY = "daleel.assessment.v1"; // one key for both languages

/** @typedef {{value: string, note?: string}} Answer */
/** @typedef {{name: string, unit: string, assessor: string, date: string}} Entity */
/**
 * @typedef {object} AnswersDoc
 * @property {number} schema_version
 * @property {string} checklist
 * @property {string} checklist_version
 * @property {Entity} entity
 * @property {Record<string, Answer>} answers
 */
/**
 * What the form holds: entity fields, the chosen value per question, and notes (a note may
 * exist before its question is answered; it is kept aside, not in the answers file).
 * @typedef {object} FormState
 * @property {Entity} entity
 * @property {Record<string, string>} values
 * @property {Record<string, string>} notes
 */
/** @typedef {"not_started" | "in_progress" | "completed"} Status */

/** @returns {Entity} */
export function emptyEntity() {
  return { name: "", unit: "", assessor: "", date: "" };
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
 * The answers file for a form state, plus the notes of unanswered questions.
 * @param {FormState} state
 * @param {string} checklist
 * @param {string} version
 * @returns {{doc: AnswersDoc, pendingNotes: Record<string, string>}}
 */
export function buildDoc(state, checklist, version) {
  /** @type {Record<string, Answer>} */
  const answers = {};
  /** @type {Record<string, string>} */
  const pendingNotes = {};
  for (const [id, value] of Object.entries(state.values)) {
    const note = state.notes[id] || "";
    answers[id] = note ? { value, note } : { value };
  }
  for (const [id, note] of Object.entries(state.notes)) if (note && !(id in state.values)) pendingNotes[id] = note;
  const doc = { schema_version: 1, checklist, checklist_version: version, entity: { ...state.entity }, answers };
  return { doc, pendingNotes };
}

/**
 * A form state from a saved document (anything malformed is left out, never thrown).
 * @param {unknown} doc
 * @param {unknown} [pendingNotes]
 * @param {ReadonlySet<string>} [known] the current checklist's ids (others are dropped)
 * @returns {FormState}
 */
export function stateFromDoc(doc, pendingNotes = {}, known) {
  const entity = emptyEntity();
  /** @type {FormState} */
  const state = { entity, values: {}, notes: {} };
  if (!isObject(doc)) return state;
  const e = own(doc, "entity");
  if (isObject(e)) for (const k of ENTITY_KEYS) if (typeof own(e, k) === "string") entity[k] = /** @type {string} */ (e[k]);
  const answers = own(doc, "answers");
  if (isObject(answers)) {
    for (const id of Object.keys(answers)) {
      if (known && !known.has(id)) continue;
      const entry = answers[id];
      if (!isObject(entry)) continue;
      const value = own(entry, "value");
      if (typeof value === "string" && /** @type {readonly string[]} */ (VALUES).includes(value)) state.values[id] = value;
      const note = own(entry, "note");
      if (typeof note === "string" && note) state.notes[id] = note;
    }
  }
  if (isObject(pendingNotes)) {
    for (const [id, note] of Object.entries(pendingNotes)) {
      if (known && !known.has(id)) continue;
      if (typeof note === "string" && note && !state.notes[id]) state.notes[id] = note;
    }
  }
  return state;
}

/**
 * The saved state in localStorage's text; null when there is none, "corrupt" when unreadable.
 * @param {string | null} raw
 * @param {ReadonlySet<string>} [known]
 * @returns {FormState | null | "corrupt"}
 */
export function parseSaved(raw, known) {
  if (!raw) return null;
  try {
    const saved = JSON.parse(raw);
    if (!isObject(saved) || !isObject(saved.doc)) return "corrupt";
    return stateFromDoc(saved.doc, saved.pending_notes, known);
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
 * @typedef {object} ScoredItem
 * @property {string} id
 * @property {string | null} value
 * @property {string} [note]
 */

/**
 * The form state a validated file gives, from the engine's score of it: the engine has
 * already migrated renamed ids and dropped removed ones. Entity texts are the file's own
 * (the engine saw placeholders where they were missing).
 * @param {unknown} data the parsed file
 * @param {ScoredItem[]} items the engine's per-item result
 * @returns {FormState}
 */
export function stateFromScored(data, items) {
  const entity = stateFromDoc(data).entity;
  /** @type {FormState} */
  const state = { entity, values: {}, notes: {} };
  for (const item of items) {
    if (item.value) state.values[item.id] = item.value;
    if (item.note) state.notes[item.id] = item.note;
  }
  return state;
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
