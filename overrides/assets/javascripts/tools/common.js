// @ts-check
// What the three tools share: the page's language, its strings, times and file downloads.
import { STRINGS } from "../strings.js";

/** @returns {"ar" | "en"} the language of this page (html_lang.py sets <html lang>). */
export function pageLang() {
  return document.documentElement.lang === "en" ? "en" : "ar";
}

/**
 * One interface string with {placeholders} filled.
 * @param {string} lang
 * @param {string} key
 * @param {Record<string, string | number>} [values]
 */
export function tr(lang, key, values = {}) {
  const template = (STRINGS[lang] && STRINGS[lang][key]) || key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/**
 * A date and time as the page's readers write them, with Latin digits like the guideline.
 * @param {string} iso
 * @param {string} lang
 */
export function formatTime(iso, lang) {
  const locale = lang === "ar" ? "ar-JO-u-nu-latn" : "en-GB";
  return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "medium" });
}

/**
 * Milliseconds as H:MM:SS.
 * @param {number} ms
 */
export function formatElapsed(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

/**
 * Save `content` as a file through the browser's download (nothing leaves the device).
 * @param {string} content
 * @param {string} mime
 * @param {string} filename
 */
export function saveFile(content, mime, filename) {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A required element of the page.
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return /** @type {T} */ (node);
}

/** Today's date (local) as YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
