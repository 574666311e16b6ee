// @ts-check
// Pure text helpers of the self-assessment (no DOM): unit-tested by tests/js/format.test.mjs.

/**
 * Fill `{name}` placeholders; unknown ones stay as written.
 * @param {string} template
 * @param {Record<string, string | number>} [vars]
 * @returns {string}
 */
export function format(template, vars = {}) {
  return String(template).replace(/\{(\w+)\}/g, (match, key) => (key in vars ? String(vars[key]) : match));
}

/**
 * A score with one decimal, or null when there is none.
 * @param {unknown} value
 * @returns {string | null}
 */
export function formatScore(value) {
  if (value === null || value === undefined || value === "" || Number.isNaN(Number(value))) return null;
  return Number(value).toFixed(1);
}

/**
 * A change with its sign always written ("+50.0", "-3.5", "0.0"); null when unknown.
 * @param {unknown} delta
 * @returns {string | null}
 */
export function signed(delta) {
  const text = formatScore(delta);
  if (text === null) return null;
  return Number(delta) > 0 ? `+${text}` : text;
}

/**
 * @param {string} text
 * @returns {boolean}
 */
export function isDate(text) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));
}

/**
 * The local date as YYYY-MM-DD.
 * @param {Date} [now]
 * @returns {string}
 */
export function today(now = new Date()) {
  /** @param {number} n */
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * A file-name-safe form of any text (letters and digits of every script kept).
 * @param {unknown} text
 * @returns {string}
 */
export function slug(text) {
  const s = String(text || "").normalize("NFKC").trim().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
  return s.slice(0, 60) || "assessment";
}

/**
 * A byte count as a person reads it.
 * @param {number} bytes
 * @returns {string}
 */
export function sizeText(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * At most `max` characters of a text, with an ellipsis when cut (echoed values stay short).
 * @param {string} text
 * @param {number} [max]
 * @returns {string}
 */
export function clip(text, max = 80) {
  const s = String(text);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
