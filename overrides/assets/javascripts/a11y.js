// Keyboard access to wide tables (axe scrollable-region-focusable, WCAG 2.1.1): Material
// wraps tables in a horizontally scrolling box at run time; a box that actually scrolls
// becomes a named, focusable region so keyboard users can scroll it too.
// No HTML is built from strings here: attributes only.
(() => {
  "use strict";
  const english = document.documentElement.lang === "en";
  const fallback = english ? "Table" : "جدول";

  /** @param {Element} wrap */
  function update(wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      const caption = wrap.querySelector("caption");
      const name = caption ? caption.textContent.trim() : "";
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", name || fallback);
    } else if (wrap.getAttribute("tabindex") === "0") {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }

  function updateAll() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(update);
  }

  let queued = false;
  function schedule() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      updateAll();
    });
  }

  updateAll();
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", schedule);
})();
