// @ts-check
// The results and comparison views, built from the engine's score result with DOM APIs only:
// every text goes through textContent, every link is a relative guideline link checked first.
// Numbers and signs sit in <bdi dir="ltr"> so right-to-left text cannot reorder them.

import { el, num, svg } from "./dom.js";
import { format, formatScore, signed } from "./format.js";
import { isOverdue, planFrom } from "./model.js";

const SAFE_PAGE = /^guideline\/[a-z0-9-]+$/;

/** @typedef {(key: string, vars?: Record<string, string | number>) => string} Text */
/** @typedef {{page?: string, anchor?: Record<string, string>}} Section */
/**
 * @typedef {object} View
 * @property {"ar" | "en"} lang
 * @property {Text} t
 * @property {Map<string, string>} numbers question number ("5.3") per item id
 * @property {Map<string, string>} questions question text per item id
 * @property {Record<string, string>} pageTitles guideline page title per page path
 */

/**
 * @param {Section | undefined} section
 * @param {string} lang
 * @returns {string | null}
 */
export function sectionHref(section, lang) {
  if (!section || !SAFE_PAGE.test(String(section.page || ""))) return null;
  const anchor = section.anchor && typeof section.anchor === "object" ? section.anchor[lang] : "";
  return `../${section.page}/` + (anchor ? `#${encodeURIComponent(anchor)}` : "");
}

/**
 * @param {Section | undefined} section
 * @param {string} lang
 * @param {string} text
 */
function sectionLink(section, lang, text) {
  const href = sectionHref(section, lang);
  return href ? el("a", { href, text }) : el("span", { text });
}

/**
 * @param {unknown} value
 * @param {string} lang
 * @returns {string}
 */
export function localized(value, lang) {
  if (value && typeof value === "object") {
    const v = /** @type {Record<string, unknown>} */ (value);
    return String(v[lang] ?? v.en ?? "");
  }
  return value === null || value === undefined ? "" : String(value);
}

/**
 * "5.3 Question text" with the number isolated.
 * @param {string} id
 * @param {View} view
 * @param {unknown} [question]
 */
function questionLine(id, view, question) {
  const text = localized(question, view.lang) || view.questions.get(id) || "";
  return [el("span", { class: "daleel-qnum" }, num(view.numbers.get(id) || "")), " ", text];
}

/**
 * The plan fields that are set, one line each, user text isolated.
 * @param {import("./model.js").Plan | null | undefined} plan
 * @param {string} cls
 * @param {Text} t
 * @returns {HTMLElement[]}
 */
export function planLines(plan, cls, t) {
  if (!plan) return [];
  const lines = [];
  if (plan.owner) lines.push(t("widget.check.owner", { owner: plan.owner }));
  if (plan.due) lines.push(t("widget.check.due", { due: plan.due }));
  if (plan.evidence?.length) lines.push(t("widget.check.evidence", { evidence: plan.evidence.join(t("widget.plan.separator")) }));
  return lines.map((text) => el("span", { class: cls, dir: "auto", text }));
}

/**
 * An action-plan item's owner, due date and evidence as the engine returned them, and, in
 * words, whether it is overdue at the assessment date.
 * @param {any} item
 * @param {string} date
 * @param {Text} t
 * @returns {HTMLElement[]}
 */
function planBlock(item, date, t) {
  const lines = planLines(planFrom({ owner: item.owner, due: item.due, evidence: item.evidence_given }), "daleel-plan-line", t);
  if (!lines.length) return [];
  const block = el("p", { class: "daleel-plan-given" });
  lines.forEach((line, i) => block.append(...(i ? [el("br"), line] : [line])));
  const out = [block];
  if (isOverdue(item, date)) out.push(el("p", { class: "daleel-overdue" }, el("strong", { text: t("widget.plan.overdue", { date }) })));
  return out;
}

/**
 * @param {any} item
 * @param {View} view
 * @param {string} [date] the assessment date, against which due dates are overdue
 */
function itemEntry(item, view, date = "") {
  const { t, lang } = view;
  const li = el("li", { class: "daleel-result-item", "data-item": item.id });
  li.append(el("p", { class: "daleel-result-question" }, ...questionLine(item.id, view, item.question)));
  const meta = el("p", { class: "daleel-meta" });
  const value = item.value ? t(`widget.value.${item.value}`) : "—";
  meta.append(`${t("widget.results.answer")}: ${value} · ${t("widget.obligation")}: ${t(`term.${item.obligation}`)} · `);
  const title = (item.section && view.pageTitles[item.section.page]) || t("widget.section");
  meta.append(`${t("widget.section")}: `, sectionLink(item.section, lang, title));
  li.append(meta);
  const fix = localized(item.fix, lang);
  if (fix) li.append(el("p", { class: "daleel-fix" }, el("strong", { text: `${t("term.fix")}: ` }), fix));
  li.append(...planBlock(item, date, t));
  return li;
}

/**
 * @param {HTMLTableElement} table
 * @param {string[]} labels
 */
function head(table, labels) {
  const row = el("tr");
  for (const label of labels) row.append(el("th", { scope: "col", text: label }));
  table.append(el("thead", {}, row));
}

/**
 * A table in a scroll container. On a narrow screen the container may scroll sideways, so it
 * is a named region that takes keyboard focus (whether it overflows depends on the fonts and
 * the width; being focusable either way keeps that from deciding accessibility).
 * @param {HTMLTableElement} table
 */
function wrap(table) {
  const label = table.querySelector("caption")?.textContent || "";
  const attrs = label ? { class: "md-typeset__scrollwrap", role: "region", tabindex: "0", "aria-label": label } : { class: "md-typeset__scrollwrap" };
  return el("div", attrs, el("div", { class: "md-typeset__table" }, table));
}

/**
 * @param {any} result
 * @param {View} view
 */
function domainTable(result, view) {
  const { t, lang } = view;
  const table = el("table", { class: "daleel-domain-table" });
  table.append(el("caption", { text: t("widget.results.domains_caption") }));
  head(table, [t("term.domain"), t("widget.results.score"), t("widget.results.answered")]);
  const body = el("tbody");
  for (const d of result.domains || []) {
    const row = el("tr", { "data-domain": d.id });
    row.append(el("th", { scope: "row" }, sectionLink(d.section, lang, `${d.number}. ${localized(d.title, lang)}`)));
    row.append(el("td", { class: "daleel-num" }, num(formatScore(d.score) ?? t("widget.results.not_scored"))));
    row.append(el("td", { class: "daleel-num" }, num(`${d.answered} / ${d.total}`)));
    body.append(row);
  }
  table.append(body);
  return wrap(table);
}

/**
 * One row per domain: its name as HTML text (wraps, never clipped), a bar drawn in a small
 * SVG that stretches to the row, and the value beside it. The table gives the same figures,
 * so the chart is hidden from screen readers.
 * @param {any} result
 * @param {View} view
 */
function domainChart(result, view) {
  const { t, lang } = view;
  const rows = el("div", { class: "daleel-chart", "aria-hidden": "true" });
  for (const d of result.domains || []) {
    const score = formatScore(d.score);
    const width = score === null ? 0 : Math.max(0, Math.min(100, Number(d.score)));
    const bar = svg("svg", { class: "daleel-chart-svg", viewBox: "0 0 100 10", preserveAspectRatio: "none", focusable: "false" });
    bar.append(svg("rect", { class: "daleel-chart-track", x: 0, y: 0, width: 100, height: 10 }));
    if (width > 0) bar.append(svg("rect", { class: "daleel-chart-bar", x: lang === "ar" ? 100 - width : 0, y: 0, width, height: 10 }));
    rows.append(
      el("div", { class: "daleel-chart-row", "data-domain": d.id },
        el("span", { class: "daleel-chart-label", text: `${d.number}. ${localized(d.title, lang)}` }),
        bar,
        num(score ?? t("widget.results.not_scored"), { class: "daleel-chart-value" })),
    );
  }
  return el("figure", { class: "daleel-figure" }, el("figcaption", { text: t("widget.results.chart_caption") }), rows);
}

/**
 * @param {string} heading
 * @param {string} id
 * @param {any[]} items
 * @param {string} empty
 * @param {"ul" | "ol"} tag
 * @param {string} cls
 * @param {View} view
 * @param {string} [date]
 */
function itemList(heading, id, items, empty, tag, cls, view, date) {
  /** @type {HTMLElement[]} */
  const out = [el("h3", { id, text: heading })];
  if (!items.length) out.push(el("p", { text: empty }));
  else {
    const list = el(tag, { class: cls, "aria-labelledby": id });
    for (const item of items) list.append(itemEntry(item, view, date));
    out.push(list);
  }
  return out;
}

/**
 * The results step.
 * @param {HTMLElement} container
 * @param {any} result
 * @param {View} view
 */
export function renderResults(container, result, view) {
  const { t, lang } = view;
  const overall = formatScore(result.overall);
  const summary = el("div", { class: "daleel-summary" },
    el("p", { class: "daleel-overall" }, el("span", { text: `${t("term.overall_score")}: ` }),
      el("strong", { id: "daleel-overall" }, num(overall ?? t("widget.results.not_scored"))), overall !== null ? ` ${t("widget.results.out_of")}` : ""),
    el("p", { class: "daleel-level" }, el("span", { text: `${t("term.maturity_level")}: ` }),
      el("strong", { id: "daleel-level", "data-level": result.level && result.level.id, text: localized(result.level, lang) || "—" })));
  if (result.capped) summary.append(el("p", { class: "daleel-capped", text: t("widget.results.capped") }));
  const c = result.completeness || {};
  summary.append(el("p", { id: "daleel-completeness", text: t("widget.results.completeness", { answered: c.answered, total: c.total, percent: Math.round(Number(c.percent) || 0) }) }));
  const parts = [summary, domainTable(result, view), domainChart(result, view)];
  const date = String((result.entity && result.entity.date) || "");
  parts.push(...itemList(t("term.critical_gaps"), "daleel-gaps-h", result.critical_gaps || [], t("widget.results.no_critical_gaps"), "ul", "daleel-gaps", view, date));
  parts.push(...itemList(t("term.action_plan"), "daleel-plan-h", result.action_plan || [], t("widget.results.no_actions"), "ol", "daleel-plan", view, date));
  if ((result.unanswered || []).length) parts.push(el("p", { class: "daleel-unanswered", text: t("widget.results.unanswered", { count: result.unanswered.length }) }));
  const warnings = (result.warnings || []).map((/** @type {any} */ w) => localized(w, lang)).filter(Boolean);
  if (warnings.length) {
    parts.push(el("h3", { id: "daleel-warnings-h", text: t("widget.results.warnings") }));
    parts.push(el("ul", { class: "daleel-warnings", "aria-labelledby": "daleel-warnings-h" }, ...warnings.map((/** @type {string} */ w) => el("li", { text: w }))));
  }
  container.replaceChildren(...parts);
}

/**
 * "from 54.0 to 71.8" in Arabic (no arrow to point the wrong way); "54.0 → 71.8" in English.
 * @param {string} before
 * @param {string} after
 * @param {View} view
 */
function fromTo(before, after, view) {
  const template = view.t("widget.compare.from_to");
  const [a, rest] = template.split("{before}");
  const [b, c] = (rest || "").split("{after}");
  return [a, num(before), b, num(after), c].filter((x) => x !== "");
}

/**
 * The comparison step: before/after per domain and the items that changed.
 * @param {HTMLElement} container
 * @param {any} comparison
 * @param {any} result
 * @param {View} view
 */
export function renderComparison(container, comparison, result, view) {
  const { t, lang } = view;
  const none = t("widget.results.not_scored");
  const trend = (/** @type {string} */ name) => t(`widget.trend.${name}`);
  const overall = comparison.overall || {};
  /** @type {HTMLElement[]} */
  const parts = [el("h3", { id: "daleel-comparison-h", text: t("widget.compare.title") }), el("p", { class: "daleel-hint", text: t("widget.compare.explain") })];
  parts.push(el("p", { id: "daleel-comparison-overall" }, `${t("term.overall_score")}: `, ...fromTo(formatScore(overall.before) ?? none, formatScore(overall.after) ?? none, view)));
  const names = new Map((result.domains || []).map((/** @type {any} */ d) => [d.id, `${d.number}. ${localized(d.title, lang)}`]));
  const table = el("table", { class: "daleel-comparison-table" });
  table.append(el("caption", { text: t("widget.compare.caption") }));
  head(table, [t("term.domain"), t("widget.compare.before"), t("widget.compare.after"), t("widget.compare.change")]);
  const body = el("tbody");
  for (const d of comparison.domains || []) {
    const row = el("tr", { "data-domain": d.id, "data-trend": d.trend });
    row.append(el("th", { scope: "row", text: names.get(d.id) || "" }));
    row.append(el("td", { class: "daleel-num" }, num(formatScore(d.before) ?? none)));
    row.append(el("td", { class: "daleel-num" }, num(formatScore(d.after) ?? none)));
    const delta = signed(d.delta);
    row.append(el("td", { class: "daleel-num" }, delta === null ? "" : num(delta), delta === null ? "" : " ", trend(d.trend)));
    body.append(row);
  }
  table.append(body);
  parts.push(el("div", { class: "daleel-comparison", "aria-labelledby": "daleel-comparison-h" }, wrap(table)));
  parts.push(el("h4", { text: t("widget.compare.items_changed") }));
  const changed = (comparison.items || []).filter((/** @type {any} */ i) => i.before !== i.after);
  if (!changed.length) parts.push(el("p", { text: t("widget.compare.no_items_changed") }));
  else {
    const list = el("ul", { class: "daleel-changed" });
    for (const i of changed) {
      const before = i.before ? t(`widget.value.${i.before}`) : "—";
      const after = i.after ? t(`widget.value.${i.after}`) : "—";
      list.append(el("li", { "data-item": i.id, "data-trend": i.trend }, ...questionLine(i.id, view), ": ",
        format(t("widget.compare.from_to"), { before, after }), ` (${i.before ? trend(i.trend) : trend("new")})`));
    }
    parts.push(list);
  }
  container.replaceChildren(...parts);
}
