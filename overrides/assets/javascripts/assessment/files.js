// @ts-check
// Files the reader chooses (resume, compare): read them safely, and say what is wrong in the
// page's language with the technical detail folded away. Validation is the engine's; here
// only what a file must be before the engine can read it (size, text, JSON).

import { el } from "./dom.js";
import { clip, sizeText } from "./format.js";

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** @typedef {{key: string, vars?: Record<string, string | number>, path?: string, detail?: string}} Problem */
/** @typedef {{ok: true, text: string, data: unknown} | {ok: false, problems: Problem[]}} ReadResult */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} Text */

/**
 * @param {Blob | null | undefined} file
 * @returns {Promise<ReadResult>}
 */
export async function readJsonFile(file) {
  /** @param {Problem} p @returns {ReadResult} */
  const fail = (p) => ({ ok: false, problems: [p] });
  if (!file) return fail({ key: "widget.error.no_file" });
  if (file.size > MAX_IMPORT_BYTES) return fail({ key: "widget.error.too_large", vars: { size: sizeText(file.size), max: sizeText(MAX_IMPORT_BYTES) } });
  if (file.size === 0) return fail({ key: "widget.error.empty" });
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return fail({ key: "widget.error.read_failed" });
  }
  const text = decodeText(bytes);
  if (text === null) return fail({ key: "widget.error.binary" });
  try {
    return { ok: true, text, data: JSON.parse(text.replace(/^\uFEFF/, "")) };
  } catch (error) {
    return fail({ key: "widget.error.not_json", detail: clip(String(error instanceof Error ? error.message : error), 200) });
  }
}

/**
 * UTF-8 text, or null for a binary file (NUL bytes or invalid UTF-8).
 * @param {Uint8Array} bytes
 * @returns {string | null}
 */
export function decodeText(bytes) {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The engine's errors ({path, ar, en}) as problems: a plain summary, the engine's own words
 * and the path as detail.
 * @param {{path?: string, ar?: string, en?: string}[]} errors
 * @param {string} lang
 * @returns {Problem[]}
 */
export function engineProblems(errors, lang) {
  return (errors || []).map((e) => ({
    key: "widget.error.invalid",
    path: e.path || "$",
    detail: clip(String((lang === "ar" ? e.ar : e.en) || e.en || ""), 300),
  }));
}

/**
 * Fill an error box: one heading, one plain line per kind of problem, the technical detail
 * (paths, parser messages) in a <details>, then move focus to it.
 * @param {HTMLElement} box
 * @param {Problem[]} problems
 * @param {Text} t
 */
export function showProblems(box, problems, t) {
  const plain = [...new Set(problems.map((p) => t(p.key, p.vars)))];
  /** @type {HTMLElement[]} */
  const content = [el("p", { class: "daleel-error-title", text: t("widget.error.heading") })];
  content.push(el("ul", {}, ...plain.map((line) => el("li", { text: line }))));
  const technical = problems.filter((p) => p.detail || (p.path && p.path !== "$"));
  if (technical.length) {
    const list = el("ul", { class: "daleel-technical" });
    for (const p of technical.slice(0, 20)) {
      const li = el("li", { "data-path": p.path || "$" });
      if (p.path && p.path !== "$") li.append(el("code", { dir: "ltr", text: clip(p.path, 80) }), " ");
      if (p.detail) li.append(el("span", { text: p.detail }));
      list.append(li);
    }
    content.push(el("details", { class: "daleel-error-details" }, el("summary", { text: t("widget.error.details") }), list));
  }
  box.replaceChildren(...content);
  box.hidden = false;
  box.focus();
}

/**
 * Hand a file to the browser's downloads.
 * @param {string} content
 * @param {string} mime
 * @param {string} filename
 */
export function saveBlob(content, mime, filename) {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = el("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
