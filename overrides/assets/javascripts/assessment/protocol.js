// @ts-check
// The message protocol between the page (engine.js) and the scoring worker (worker.js), in
// one place. The page sends {id, op, args}; the worker answers once with a Reply, and says
// once whether it booted ({type: "ready"} or {type: "failed"}). Every engine op returns the
// JSON text of assessment.api's answer. Every page's ops are listed in OPS and implemented in
// the worker's table.

/** Operations the worker implements (worker.js maps each to an assessment.api function). */
export const OPS = /** @type {const} */ ({
  checklist: "checklist",
  validate: "validate",
  score: "score",
  render: "render",
  // Review reminders (/tools/reminders/): an .ics from assessment/ics.py.
  reminders: "reminders",
  // The dashboard: batches of file bytes (transferred) decoded and scored in the worker, which
  // keeps both rounds (assessment.rounds.DashboardRounds); the page asks for figures and downloads.
  dashboardAdd: "dashboard_add",
  dashboardFigures: "dashboard_figures",
  dashboardRender: "dashboard_render",
  dashboardClear: "dashboard_clear",
});

/** @typedef {{id: number, op: string, args: unknown[]}} Request */
/** @typedef {{type: "ready", ms: number}} Ready */
/** @typedef {{type: "failed", error: string}} Failed */
/** @typedef {{id: number, ok: true, value: string, ms: number}} Success */
/** @typedef {{id: number, ok: false, error: string}} Failure */
/** @typedef {Ready | Failed | Success | Failure} Message */

/**
 * @param {number} id
 * @param {string} op
 * @param {unknown[]} args
 * @returns {Request}
 */
export function request(id, op, args) {
  return { id, op, args };
}

/**
 * A request as received, or null when the message is not one.
 * @param {unknown} data
 * @returns {Request | null}
 */
export function parseRequest(data) {
  if (typeof data !== "object" || data === null) return null;
  const { id, op, args } = /** @type {Record<string, unknown>} */ (data);
  if (typeof id !== "number" || typeof op !== "string") return null;
  return { id, op, args: Array.isArray(args) ? args : [] };
}

/**
 * A worker message as received, or null when it is none of the protocol's.
 * @param {unknown} data
 * @returns {Message | null}
 */
export function parseMessage(data) {
  if (typeof data !== "object" || data === null) return null;
  const m = /** @type {Record<string, unknown>} */ (data);
  if (m.type === "ready") return { type: "ready", ms: Number(m.ms) || 0 };
  if (m.type === "failed") return { type: "failed", error: String(m.error || "") };
  if (typeof m.id !== "number") return null;
  if (m.ok === true) return { id: m.id, ok: true, value: String(m.value), ms: Number(m.ms) || 0 };
  return { id: m.id, ok: false, error: String(m.error || "") };
}

/**
 * @param {unknown} error
 * @returns {string}
 */
export function errorText(error) {
  return String((error && typeof error === "object" && "message" in error && error.message) || error);
}
