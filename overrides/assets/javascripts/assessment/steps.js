// @ts-check
// The task list's steps: one visible at a time, named by the URL fragment (#overview,
// #domain-5, #check, #results, #compare), so Back/Forward and reload keep the place. A step
// shown by the reader's action gets focus on its heading (or on the control asked for).

import { stepFromHash } from "./model.js";

export class Steps {
  /**
   * @param {HTMLElement} root
   * @param {(name: string) => void} onShow called after a step becomes visible
   */
  constructor(root, onShow) {
    /** @type {Map<string, HTMLElement>} */
    this.sections = new Map([...root.querySelectorAll("[data-step]")].map((s) => [/** @type {HTMLElement} */ (s).dataset.step || "", /** @type {HTMLElement} */ (s)]));
    this.names = new Set(this.sections.keys());
    this.onShow = onShow;
    this.current = [...this.sections].find(([, s]) => !s.hidden)?.[0] || "overview";
    /** @type {string | null} id of the element to focus when the next step shows */
    this.focusNext = null;
    root.addEventListener("click", (event) => this.onClick(event));
    window.addEventListener("hashchange", () => this.fromHash(true));
  }

  /** @param {Event} event */
  onClick(event) {
    const link = event.target instanceof Element ? event.target.closest("a[data-goto]") : null;
    if (!(link instanceof HTMLAnchorElement)) return;
    this.focusNext = link.dataset.focus || null;
    // Following the link to the step already in the URL fires no hashchange: show it here.
    if (link.hash === location.hash) {
      event.preventDefault();
      this.show(link.dataset.goto || "overview", true);
    }
  }

  /**
   * Show the step the URL names; false when it names none.
   * @param {boolean} focus
   */
  fromHash(focus) {
    const name = stepFromHash(location.hash, this.names);
    if (!name) return false;
    this.show(name, focus);
    return true;
  }

  /**
   * @param {string} name
   * @param {boolean} focus
   */
  show(name, focus) {
    const target = this.sections.get(name);
    if (!target) return;
    for (const [key, section] of this.sections) section.hidden = key !== name;
    this.current = name;
    this.onShow(name);
    if (!focus) return;
    const wanted = this.focusNext ? document.getElementById(this.focusNext) : null;
    this.focusNext = null;
    const heading = target.querySelector("h2");
    const node = wanted || heading;
    if (!(node instanceof HTMLElement)) return;
    node.focus({ preventScroll: true });
    // A new step opens with the summary bar in view above it; a question asked for, centred.
    const bar = document.getElementById("daleel-bar");
    if (wanted || !bar) node.scrollIntoView({ block: wanted ? "center" : "start" });
    else bar.scrollIntoView({ block: "start" });
  }

  /**
   * Go to a step by changing the URL (one history entry), as a link would.
   * @param {string} name
   */
  go(name) {
    if (location.hash === `#${name}`) this.show(name, true);
    else location.hash = name;
  }
}
