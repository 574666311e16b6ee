// @ts-check
// The pre-publication check: ticks → a plain status and a short bilingual record to copy,
// print or download. Keeps nothing: the page holds the ticks only while it is open.
import { byId, pageLang, saveFile, today, tr } from "./common.js";

/** @typedef {{ar: string, en: string, obligation: string, ticked: boolean}} Line */
/** @typedef {{title: string, date: string, approver: string, lines: Line[]}} Check */

/**
 * Ticked and total lines of one obligation.
 * @param {Line[]} lines
 * @param {string} obligation
 */
export function count(lines, obligation) {
  const of = lines.filter((l) => l.obligation === obligation);
  return { done: of.filter((l) => l.ticked).length, total: of.length };
}

/**
 * The status sentence(s) in one language.
 * @param {Line[]} lines
 * @param {string} lang
 */
export function statusText(lines, lang) {
  const must = count(lines, "must");
  const should = count(lines, "should");
  const head = must.done === must.total
    ? tr(lang, "tools.prepub.status_ready", { total: must.total })
    : tr(lang, "tools.prepub.status_missing", must);
  return `${head} ${tr(lang, "tools.prepub.status_should", should)}`;
}

/**
 * The record in one language.
 * @param {Check} check
 * @param {string} lang
 */
function recordPart(check, lang) {
  const empty = tr(lang, "tools.prepub.record_empty");
  const must = count(check.lines, "must");
  const complete = must.done === must.total ? "tools.prepub.record_complete" : "tools.prepub.record_incomplete";
  const out = [
    tr(lang, "tools.prepub.record_heading"),
    `${tr(lang, "tools.prepub.record_title")}: ${check.title.trim() || empty}`,
    `${tr(lang, "tools.prepub.record_date")}: ${check.date || empty}`,
    `${tr(lang, "tools.prepub.record_approver")}: ${check.approver.trim() || empty}`,
    `${tr(lang, complete)}: ${tr(lang, "tools.prepub.record_required", must)}`,
  ];
  for (const line of check.lines) {
    const mark = line.ticked ? "[✓]" : "[ ]";
    out.push(`${mark} ${lang === "ar" ? line.ar : line.en} (${tr(lang, `term.${line.obligation}`)})`);
  }
  out.push(tr(lang, "tools.prepub.record_basis"));
  return out.join("\n");
}

/**
 * The record in both languages, Arabic first (the authoritative text's language).
 * @param {Check} check
 */
export function recordText(check) {
  return `${recordPart(check, "ar")}\n\n${recordPart(check, "en")}\n`;
}

function main() {
  const lang = pageLang();
  /** @type {HTMLFormElement} */
  const form = byId("pp-form");
  const boxes = /** @type {HTMLInputElement[]} */ ([...form.querySelectorAll('input[type="checkbox"]')]);
  /** @type {HTMLInputElement} */
  const title = byId("pp-title");
  /** @type {HTMLInputElement} */
  const date = byId("pp-date");
  /** @type {HTMLInputElement} */
  const approver = byId("pp-approver");
  const status = byId("pp-status");
  const record = byId("pp-record");
  const copyStatus = byId("pp-copy-status");

  /** @returns {Check} */
  const current = () => ({
    title: title.value,
    date: date.value,
    approver: approver.value,
    lines: boxes.map((b) => ({
      ar: b.dataset.ar || "",
      en: b.dataset.en || "",
      obligation: b.dataset.obligation || "should",
      ticked: b.checked,
    })),
  });
  const update = () => {
    const check = current();
    status.textContent = statusText(check.lines, lang);
    const ready = count(check.lines, "must");
    status.classList.toggle("daleel-tool-status--ready", ready.done === ready.total);
    record.textContent = recordText(check);
    copyStatus.textContent = "";
  };

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  byId("pp-copy").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(record.textContent || "");
      copyStatus.textContent = tr(lang, "tools.prepub.copied");
    } catch {
      const range = document.createRange();
      range.selectNodeContents(record);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      record.focus();
      copyStatus.textContent = tr(lang, "tools.prepub.copy_failed");
    }
  });
  byId("pp-print").addEventListener("click", () => window.print());
  byId("pp-download").addEventListener("click", () => {
    saveFile(record.textContent || "", "text/plain;charset=utf-8", `pre-publication-check-${date.value || today()}.txt`);
  });
  byId("pp-clear").addEventListener("click", () => {
    form.reset();
    update();
    title.focus();
  });
  update();
  byId("daleel-prepub").dataset.ready = "";
}

if (typeof document !== "undefined") main();
