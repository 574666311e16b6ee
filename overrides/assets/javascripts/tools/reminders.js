// @ts-check
// Review reminders: the chosen periodic actions → an .ics file made by the engine
// (assessment/reminders.py, through the scoring worker's "reminders" op). Nothing is kept.
import { Engine } from "../assessment/engine.js";
import { OPS } from "../assessment/protocol.js";
import { byId, pageLang, saveFile, today, tr } from "./common.js";

/**
 * The request the engine expects, from the form's values.
 * @param {{lang: string, start: string, picks: {id: string, months: number}[], accounts: string, site: string, stamp: string}} v
 */
export function request(v) {
  return {
    lang: v.lang,
    start: v.start,
    actions: v.picks,
    accounts: v.accounts.split(/\r?\n/).map((s) => s.trim()).filter(Boolean),
    site: v.site,
    stamp: v.stamp,
  };
}

function main() {
  const lang = pageLang();
  const t = (/** @type {string} */ key, values = {}) => tr(lang, key, values);
  /** @type {HTMLFormElement} */
  const form = byId("rm-form");
  const status = byId("rm-status");
  /** @type {HTMLInputElement} */
  const start = byId("rm-start");
  if (!start.value) start.value = today();
  const engine = new Engine();
  const say = (/** @type {string} */ message, error = false) => {
    status.textContent = message;
    status.classList.toggle("daleel-alert--error", error);
  };
  const root = byId("daleel-reminders");
  const retry = byId("rm-retry");
  retry.addEventListener("click", () => {
    retry.hidden = true;
    root.dataset.engine = "loading";
    say(t("tools.remind.loading"));
    engine.start();
  });
  engine.addEventListener("ready", () => {
    root.dataset.engine = "ready";
    say(t("tools.remind.ready"));
  });
  engine.addEventListener("failed", (event) => {
    root.dataset.engine = "failed";
    retry.hidden = false;
    say(t("tools.remind.failed", { detail: String(/** @type {CustomEvent} */ (event).detail || "") }), true);
  });
  engine.start();
  root.dataset.ready = "";

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const boxes = /** @type {HTMLInputElement[]} */ ([...form.querySelectorAll('input[name="action"]:checked')]);
    if (!boxes.length) return say(t("tools.remind.no_action"), true);
    if (!start.value) {
      start.focus();
      return say(t("tools.remind.no_start"), true);
    }
    if (!engine.ready) return say(engine.state === "failed" ? status.textContent || "" : t("tools.remind.loading"), true);
    const picks = boxes.map((box) => {
      const select = /** @type {HTMLSelectElement | null} */ (document.getElementById(`rm-${box.value}-months`));
      return select ? { id: box.value, months: Number(select.value) } : { id: box.value };
    });
    const body = request({
      lang,
      start: start.value,
      picks: /** @type {{id: string, months: number}[]} */ (picks),
      accounts: /** @type {HTMLTextAreaElement} */ (byId("rm-accounts")).value,
      site: `${location.origin}/`,
      stamp: new Date().toISOString(),
    });
    say(t("tools.remind.making"));
    try {
      const result = await engine.call(OPS.reminders, JSON.stringify(body));
      if (!result.ok) {
        return say(t("tools.remind.error", { detail: result.errors.map((/** @type {any} */ e) => e[lang]).join("؛ ") }), true);
      }
      saveFile(result.ics, "text/calendar;charset=utf-8", result.filename);
      say(t("tools.remind.done", { file: result.filename }));
    } catch (error) {
      say(t("tools.remind.error", { detail: String((error && /** @type {Error} */ (error).message) || error) }), true);
    }
  });
}

if (typeof document !== "undefined") main();
