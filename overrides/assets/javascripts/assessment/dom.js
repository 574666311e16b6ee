// @ts-check
// DOM helpers: every text goes through textContent; attributes are set one by one.

const SVG = "http://www.w3.org/2000/svg";

/** @typedef {Record<string, string | number | boolean | null | undefined>} Attrs */
/** @typedef {Node | string | null | undefined | false} Child */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs] `text` sets the text content
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}) {
  const node = /** @type {SVGElement} */ (document.createElementNS(SVG, tag));
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

/**
 * A number or signed value isolated from the surrounding text's direction.
 * @param {string} text
 * @param {Attrs} [attrs]
 */
export function num(text, attrs = {}) {
  return el("bdi", { dir: "ltr", ...attrs, text });
}

/**
 * An element the page must have; a missing one is a build defect, said plainly.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{new (): T, prototype: T}} [type]
 * @returns {T}
 */
export function byId(id, type) {
  const node = document.getElementById(id);
  const want = type || HTMLElement;
  if (!(node instanceof want)) throw new Error(`assessment page: #${id} is missing`);
  return /** @type {T} */ (node);
}

/**
 * Show a message next to the control that caused it, and move focus there when asked.
 * @param {HTMLElement} box
 * @param {string | Node[]} content
 * @param {{focus?: boolean}} [options]
 */
export function showFeedback(box, content, { focus = false } = {}) {
  if (typeof content === "string") box.textContent = content;
  else box.replaceChildren(...content);
  box.hidden = false;
  if (focus) {
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "-1");
    box.focus();
  }
}

/** @param {HTMLElement} box */
export function hideFeedback(box) {
  box.hidden = true;
  box.replaceChildren();
}
