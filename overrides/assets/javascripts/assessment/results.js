// Build the results view from the engine's score result, with DOM APIs only: every text goes
// through textContent, every link is a relative guideline link checked before use.

import { format } from "./strings.js";

const SVG = "http://www.w3.org/2000/svg";
const SAFE_PAGE = /^guideline\/[a-z0-9-]+$/;

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

export function formatScore(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return null;
  return Number(value).toFixed(1);
}

export function sectionHref(section, lang) {
  if (!section || !SAFE_PAGE.test(String(section.page || ""))) return null;
  const anchor = section.anchor && typeof section.anchor === "object" ? section.anchor[lang] : "";
  return `../${section.page}/` + (anchor ? `#${encodeURIComponent(anchor)}` : "");
}

function sectionLink(section, lang, text) {
  const href = sectionHref(section, lang);
  return href ? el("a", { href, text }) : el("span", { text });
}

function localized(value, lang) {
  if (value && typeof value === "object") return String(value[lang] ?? value.en ?? "");
  return value === null || value === undefined ? "" : String(value);
}

function itemEntry(item, lang, S, pageTitles) {
  const li = el("li", { class: "daleel-result-item" });
  li.append(el("p", { class: "daleel-result-question" }, el("span", { class: "daleel-item-id", text: item.id }), " ", localized(item.question, lang)));
  const meta = el("p", { class: "daleel-meta" });
  const value = S.values[item.value] || S.notScored;
  meta.append(`${S.answer}: ${item.value ? value : "—"} · ${S.obligation}: ${S.obligations[item.obligation] || item.obligation} · `);
  const title = (item.section && pageTitles[item.section.page]) || S.inGuideline;
  meta.append(`${S.inGuideline}: `, sectionLink(item.section, lang, title));
  li.append(meta);
  const fix = localized(item.fix, lang);
  if (fix) li.append(el("p", { class: "daleel-fix" }, el("strong", { text: `${S.fix}: ` }), fix));
  return li;
}

function domainTable(result, lang, S) {
  const table = el("table", { class: "daleel-domain-table" });
  table.append(el("caption", { text: S.domainsCaption }));
  const head = el("tr");
  for (const label of [S.domain, S.score, S.answered]) head.append(el("th", { scope: "col", text: label }));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  for (const d of result.domains || []) {
    const row = el("tr", { "data-domain": d.id });
    const name = `${d.number}. ${localized(d.title, lang)}`;
    row.append(el("th", { scope: "row" }, sectionLink(d.section, lang, name)));
    const score = formatScore(d.score);
    row.append(el("td", { class: "daleel-num", text: score ?? S.notScored }));
    row.append(el("td", { class: "daleel-num", text: `${d.answered} / ${d.total}` }));
    body.append(row);
  }
  table.append(body);
  return el("div", { class: "md-typeset__scrollwrap" }, el("div", { class: "md-typeset__table" }, table));
}

function domainChart(result, lang, S) {
  const domains = result.domains || [];
  const rtl = lang === "ar";
  const width = 600;
  const row = 30;
  const labelW = 44;
  const valueW = 70;
  const barMax = width - labelW - valueW;
  const height = row * domains.length + 10;
  const describe = domains
    .map((d) => `${d.number}. ${localized(d.title, lang)}: ${formatScore(d.score) ?? S.notScored}`)
    .join(rtl ? "؛ " : "; ");
  const titleId = "daleel-chart-title";
  const chart = svg("svg", {
    class: "daleel-chart",
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-labelledby": titleId,
    "aria-describedby": "daleel-chart-desc",
    focusable: "false",
  });
  chart.append(svg("title", { id: titleId }, S.chartTitle));
  chart.append(svg("desc", { id: "daleel-chart-desc" }, describe));
  const place = (x, w = 0) => (rtl ? width - x - w : x);
  domains.forEach((d, i) => {
    const y = 5 + i * row;
    const value = Number(d.score);
    const known = d.score !== null && d.score !== undefined && !Number.isNaN(value);
    const w = known ? Math.max(0, Math.min(100, value)) / 100 * barMax : 0;
    chart.append(svg("text", { x: place(labelW - 8), y: y + row / 2 + 5, "text-anchor": "end", class: "daleel-chart-label" }, `${d.number}`));
    chart.append(svg("rect", { x: place(labelW, barMax), y: y + 4, width: barMax, height: row - 10, class: "daleel-chart-track" }));
    if (w > 0) chart.append(svg("rect", { x: place(labelW, w), y: y + 4, width: w, height: row - 10, class: "daleel-chart-bar" }));
    chart.append(svg("text", { x: place(labelW + w + 6), y: y + row / 2 + 5, "text-anchor": "start", class: "daleel-chart-value" }, known ? formatScore(value) : S.notScored));
  });
  if (rtl) for (const t of chart.querySelectorAll("text")) t.setAttribute("text-anchor", t.getAttribute("text-anchor") === "end" ? "start" : "end");
  return el("figure", { class: "daleel-figure" }, chart, el("figcaption", { text: S.chartCaption }));
}

function comparisonView(comparison, result, lang, S, questions) {
  const section = el("section", { class: "daleel-comparison", "aria-labelledby": "daleel-comparison-h" });
  section.append(el("h3", { id: "daleel-comparison-h", text: S.comparison }), el("p", { class: "daleel-hint", text: S.comparisonHint }));
  const overall = comparison.overall || {};
  section.append(el("p", { id: "daleel-comparison-overall", text: `${S.overall}: ${S.before} ${formatScore(overall.before) ?? S.notScored} → ${S.after} ${formatScore(overall.after) ?? S.notScored}` }));
  const names = new Map((result.domains || []).map((d) => [d.id, `${d.number}. ${localized(d.title, lang)}`]));
  const table = el("table", { class: "daleel-comparison-table" });
  table.append(el("caption", { text: S.comparisonCaption }));
  const head = el("tr");
  for (const label of [S.domain, S.before, S.after, S.change]) head.append(el("th", { scope: "col", text: label }));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  for (const d of comparison.domains || []) {
    const row = el("tr", { "data-domain": d.id, "data-trend": d.trend });
    row.append(el("th", { scope: "row", text: names.get(d.id) || d.id }));
    row.append(el("td", { class: "daleel-num", text: formatScore(d.before) ?? S.notScored }));
    row.append(el("td", { class: "daleel-num", text: formatScore(d.after) ?? S.notScored }));
    const delta = d.delta === null || d.delta === undefined ? "" : `${d.delta > 0 ? "+" : ""}${formatScore(d.delta)} `;
    row.append(el("td", { class: "daleel-num", text: `${delta}${S.trends[d.trend] || d.trend || ""}`.trim() }));
    body.append(row);
  }
  table.append(body);
  section.append(el("div", { class: "md-typeset__scrollwrap" }, el("div", { class: "md-typeset__table" }, table)));
  section.append(el("h4", { text: S.itemsChanged }));
  const changed = (comparison.items || []).filter((i) => i.before !== i.after);
  if (!changed.length) section.append(el("p", { text: S.noItemsChanged }));
  else {
    const list = el("ul", { class: "daleel-changed" });
    for (const i of changed) {
      const before = S.values[i.before] || "—";
      const after = S.values[i.after] || "—";
      list.append(el("li", { "data-item": i.id, "data-trend": i.trend, text: `${i.id} ${questions.get(i.id) || ""}: ${before} → ${after} (${i.before ? S.trends[i.trend] || i.trend : S.trends.new})` }));
    }
    section.append(list);
  }
  return section;
}

export function renderResults(container, result, { lang, S, pageTitles, questions }) {
  const frag = document.createDocumentFragment();
  const summary = el("div", { class: "daleel-summary" });
  const overall = formatScore(result.overall);
  summary.append(
    el("p", { class: "daleel-overall" }, el("span", { class: "daleel-overall-label", text: `${S.overall}: ` }),
      el("strong", { id: "daleel-overall", text: overall ?? S.notScored }), overall !== null ? ` ${S.outOf}` : ""),
    el("p", { class: "daleel-level" }, el("span", { text: `${S.level}: ` }),
      el("strong", { id: "daleel-level", "data-level": result.level && result.level.id, text: localized(result.level, lang) || "—" })),
  );
  if (result.capped) summary.append(el("p", { class: "daleel-capped", text: S.capped }));
  const c = result.completeness || {};
  summary.append(el("p", { id: "daleel-completeness", text: format(S.completeness, { answered: c.answered, total: c.total, percent: Math.round(Number(c.percent) || 0) }) }));
  frag.append(summary, domainTable(result, lang, S), domainChart(result, lang, S));

  frag.append(el("h3", { id: "daleel-gaps-h", text: S.criticalGaps }));
  if ((result.critical_gaps || []).length) {
    const list = el("ul", { class: "daleel-gaps", "aria-labelledby": "daleel-gaps-h" });
    for (const item of result.critical_gaps) list.append(itemEntry(item, lang, S, pageTitles));
    frag.append(list);
  } else frag.append(el("p", { text: S.noCriticalGaps }));

  frag.append(el("h3", { id: "daleel-plan-h", text: S.actionPlan }));
  if ((result.action_plan || []).length) {
    const list = el("ol", { class: "daleel-plan", "aria-labelledby": "daleel-plan-h" });
    for (const item of result.action_plan) list.append(itemEntry(item, lang, S, pageTitles));
    frag.append(list);
  } else frag.append(el("p", { text: S.noActions }));

  if ((result.unanswered || []).length) frag.append(el("p", { class: "daleel-unanswered", text: format(S.unanswered, { count: result.unanswered.length }) }));
  if (result.comparison) frag.append(comparisonView(result.comparison, result, lang, S, questions));
  container.replaceChildren(frag);
}
