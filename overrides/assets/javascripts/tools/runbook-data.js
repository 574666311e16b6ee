// @ts-check
// The breach runbook's data: its shape, the checks an imported file must pass, and the
// incident log (HTML and JSON). Pure functions, no DOM, so `node --test` can run them.

export const TOOL = "daleel.breach-runbook";
export const LOG_TOOL = "daleel.breach-incident-log";
export const VERSION = 1;
export const MAX_FILE_BYTES = 256 * 1024;
const MAX_TEXT = 2000;
const MAX_ROWS = 100;

/** @typedef {{name: string, role: string, phone: string, email: string}} Official */
/** @typedef {{platform: string, name: string, admin1: string, admin2: string}} Account */
/** @typedef {{done_at: string | null, note: string}} Step */
/** @typedef {{account: string, started_at: string, steps: Step[]}} Incident */
/**
 * @typedef {{tool: string, version: number, entity: string, officials: Official[],
 *   accounts: Account[], ministry: string, incident: Incident | null}} Runbook
 */

/** @returns {Runbook} */
export function emptyRunbook() {
  return { tool: TOOL, version: VERSION, entity: "", officials: [], accounts: [], ministry: "", incident: null };
}

/** @returns {Official} */
export const emptyOfficial = () => ({ name: "", role: "", phone: "", email: "" });
/** @returns {Account} */
export const emptyAccount = () => ({ platform: "", name: "", admin1: "", admin2: "" });

/** @returns {Incident} */
export function newIncident(/** @type {string} */ account, /** @type {string} */ at) {
  return { account, started_at: at, steps: [0, 1, 2].map(() => ({ done_at: null, note: "" })) };
}

class Invalid extends Error {}

/** @param {unknown} value @param {string} where */
function text(value, where) {
  if (typeof value !== "string" || value.length > MAX_TEXT) throw new Invalid(where);
  return value;
}

/** @param {unknown} value @param {string} where */
function time(value, where) {
  if (typeof value !== "string" || Number.isNaN(Date.parse(value))) throw new Invalid(where);
  return new Date(value).toISOString();
}

/**
 * @template T
 * @param {unknown} value
 * @param {string} where
 * @param {(item: Record<string, unknown>, where: string) => T} each
 * @returns {T[]}
 */
function rows(value, where, each) {
  if (!Array.isArray(value) || value.length > MAX_ROWS) throw new Invalid(where);
  return value.map((item, i) => {
    if (!item || typeof item !== "object" || Array.isArray(item)) throw new Invalid(`${where}[${i}]`);
    return each(/** @type {Record<string, unknown>} */ (item), `${where}[${i}]`);
  });
}

/** @param {unknown} value @returns {Incident | null} */
function incident(value) {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object" || Array.isArray(value)) throw new Invalid("incident");
  const v = /** @type {Record<string, unknown>} */ (value);
  const steps = rows(v.steps, "incident.steps", (s, w) => ({
    done_at: s.done_at === null || s.done_at === undefined ? null : time(s.done_at, `${w}.done_at`),
    note: text(s.note ?? "", `${w}.note`),
  }));
  if (steps.length !== 3) throw new Invalid("incident.steps");
  return { account: text(v.account ?? "", "incident.account"), started_at: time(v.started_at, "incident.started_at"), steps };
}

/**
 * A runbook from a parsed file: {ok, runbook} or {ok: false, reason: "wrong_tool" | "invalid", where}.
 * @param {unknown} data
 * @returns {{ok: true, runbook: Runbook} | {ok: false, reason: "wrong_tool" | "invalid", where: string}}
 */
export function checkRunbook(data) {
  if (!data || typeof data !== "object" || Array.isArray(data) || /** @type {any} */ (data).tool !== TOOL) {
    return { ok: false, reason: "wrong_tool", where: "tool" };
  }
  const v = /** @type {Record<string, unknown>} */ (data);
  try {
    if (v.version !== VERSION) throw new Invalid("version");
    const runbook = {
      tool: TOOL,
      version: VERSION,
      entity: text(v.entity ?? "", "entity"),
      officials: rows(v.officials ?? [], "officials", (o, w) => ({
        name: text(o.name ?? "", `${w}.name`),
        role: text(o.role ?? "", `${w}.role`),
        phone: text(o.phone ?? "", `${w}.phone`),
        email: text(o.email ?? "", `${w}.email`),
      })),
      accounts: rows(v.accounts ?? [], "accounts", (a, w) => ({
        platform: text(a.platform ?? "", `${w}.platform`),
        name: text(a.name ?? "", `${w}.name`),
        admin1: text(a.admin1 ?? "", `${w}.admin1`),
        admin2: text(a.admin2 ?? "", `${w}.admin2`),
      })),
      ministry: text(v.ministry ?? "", "ministry"),
      incident: incident(v.incident),
    };
    return { ok: true, runbook };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: "invalid", where: error.message };
    throw error;
  }
}

/**
 * The file's text → a runbook or the reason it was refused (size first, then syntax, then shape).
 * @param {string} content
 * @param {number} bytes
 */
export function parseRunbookFile(content, bytes) {
  if (bytes > MAX_FILE_BYTES) return /** @type {const} */ ({ ok: false, reason: "too_large", where: "" });
  let data;
  try {
    data = JSON.parse(content);
  } catch {
    return /** @type {const} */ ({ ok: false, reason: "malformed", where: "" });
  }
  return checkRunbook(data);
}

/** Administrators named for an account (the guideline asks for two). @param {Account} a */
export const adminCount = (a) => [a.admin1, a.admin2].filter((n) => n.trim()).length;

/** Which step may be marked done next (0-based), or -1. @param {Incident | null} inc */
export function nextStep(inc) {
  if (!inc) return -1;
  return inc.steps.findIndex((s) => !s.done_at);
}

/**
 * The incident log as data, for the JSON download.
 * @param {Runbook} rb
 * @param {{ar: string, en: string}[]} titles
 * @param {string} madeAt
 */
export function incidentLog(rb, titles, madeAt) {
  const inc = rb.incident;
  return {
    tool: LOG_TOOL,
    version: VERSION,
    made_at: madeAt,
    entity: rb.entity,
    account: inc ? inc.account : "",
    started_at: inc ? inc.started_at : null,
    steps: (inc ? inc.steps : []).map((s, i) => ({ step: i + 1, title: titles[i], done_at: s.done_at, note: s.note })),
  };
}
