// @ts-check
// The dashboard's figures as tables (first) and SVG charts (a visual summary of the same
// figures, hidden from assistive technology because the tables carry them).

import { el, sortableTable, tableBox } from "./table.js";

const SVG = "http://www.w3.org/2000/svg";
// Rows of the entity table in the DOM at once (the CSV and the report have every row).
export const PAGE_SIZE = 100;

/** @param {number | null | undefined} value */
export function score(value) {
  return value === null || value === undefined ? "—" : value.toFixed(1);
}

/** @param {number | null | undefined} value */
export function delta(value) {
  if (value === null || value === undefined) return "—";
  return value > 0 ? `+${value.toFixed(1)}` : value.toFixed(1);
}

/**
 * The level band a score falls in (the same thresholds as the maturity levels).
 * @param {number | null} value
 * @param {{id: string, minimum: number, ranked: boolean}[]} levels
 */
export function band(value, levels) {
  if (value === null) return "none";
  let chosen = "none";
  for (const level of levels) if (level.ranked && value >= level.minimum) chosen = level.id;
  return chosen;
}

/**
 * Where an entity's level sorts: the ranked levels in order, every unranked outcome below them.
 * @param {string} id
 * @param {{id: string, ranked: boolean}[]} levels
 */
export function levelOrder(id, levels) {
  const index = levels.findIndex((level) => level.id === id);
  return index >= 0 && levels[index].ranked ? index : -1;
}

/**
 * @typedef {{t: (key: string, values?: Record<string, string | number>) => string, lang: string, dir: string, chunk: () => Promise<unknown>, announce: (text: string) => void}} Ctx
 */

/** @param {Element} section */
function body(section) {
  let box = section.querySelector(":scope > .dd-body");
  if (!box) {
    box = el("div", "dd-body");
    section.append(box);
  }
  box.replaceChildren();
  return box;
}

/**
 * @param {{label: string, value: number, text: string, cls: string}[]} bars
 * @param {number} max
 * @param {string} caption
 * @param {string} dir
 */
export function barChart(bars, max, caption, dir) {
  const figure = el("figure", "dd-chart");
  const width = 520;
  const rowHeight = 34;
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${bars.length * rowHeight + 4}`);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("direction", dir);
  const rtl = dir === "rtl";
  const barSpace = width - 80;
  bars.forEach((bar, i) => {
    const y = i * rowHeight;
    const label = document.createElementNS(SVG, "text");
    label.setAttribute("x", String(rtl ? width - 2 : 2));
    label.setAttribute("y", String(y + 12));
    label.setAttribute("class", "dd-chart-label");
    label.textContent = bar.label;
    const length = max > 0 ? Math.max(0, (bar.value / max) * barSpace) : 0;
    const rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("x", String(rtl ? width - 2 - length : 2));
    rect.setAttribute("y", String(y + 17));
    rect.setAttribute("width", String(length));
    rect.setAttribute("height", "12");
    rect.setAttribute("class", `dd-bar dd-band-${bar.cls}`);
    const value = document.createElementNS(SVG, "text");
    value.setAttribute("x", String(rtl ? width - 8 - length : 8 + length));
    value.setAttribute("y", String(y + 28));
    value.setAttribute("class", "dd-chart-value");
    value.textContent = bar.text;
    svg.append(label, rect, value);
  });
  figure.append(svg, el("figcaption", undefined, caption));
  return figure;
}

/** @param {any} data @param {Ctx} ctx */
function levelTitle(data, ctx) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const level of data.levels) out[level.id] = level[ctx.lang];
  return out;
}

/** @param {Element} section @param {any} data @param {Ctx} ctx */
export function renderSummary(section, data, ctx) {
  const box = body(section);
  const s = data.summary;
  const o = s.overall;
  const titles = levelTitle(data, ctx);
  const { box: scroll, table } = tableBox("dd-summary-table", ctx.t("dashboard.summary"));
  const tbody = el("tbody");
  /** @type {[string, string][]} */
  const rows = [
    [ctx.t("dashboard.files"), String(s.files)],
    [ctx.t("dashboard.entities"), String(s.entities)],
    [ctx.t("dashboard.median"), score(o.median)],
    [ctx.t("dashboard.middle_half"), `${score(o.q1)} – ${score(o.q3)}`],
    [ctx.t("dashboard.range"), `${score(o.min)} – ${score(o.max)}`],
    [ctx.t("dashboard.with_gaps"), String(s.with_gaps)],
    [ctx.t("dashboard.problems_count"), String(s.unreadable)],
    [ctx.t("dashboard.duplicates_count"), String(s.duplicates)],
    ...data.levels.map((/** @type {any} */ level) => [`${ctx.t("term.maturity_level")}: ${titles[level.id]}`, String(s.levels[level.id] || 0)]),
  ];
  for (const [label, value] of rows) {
    const tr = el("tr");
    const th = el("th", undefined, label);
    th.setAttribute("scope", "row");
    tr.append(th, el("td", "dd-num", value));
    tbody.append(tr);
  }
  table.append(tbody);
  const levels = data.levels.map((/** @type {any} */ level) => ({
    label: titles[level.id],
    value: s.levels[level.id] || 0,
    text: String(s.levels[level.id] || 0),
    cls: level.id === "not-assessed" ? "none" : level.id,
  }));
  const max = Math.max(1, ...levels.map((/** @type {any} */ b) => b.value));
  const domains = data.domains.map((/** @type {any} */ d, /** @type {number} */ i) => ({
    label: `${d.number}. ${d.title[ctx.lang]}`,
    value: data.domain_medians[i] ?? 0,
    text: score(data.domain_medians[i]),
    cls: band(data.domain_medians[i], data.levels),
  }));
  const charts = el("div", "dd-charts");
  charts.append(
    barChart(levels, max, ctx.t("dashboard.chart_levels"), ctx.dir),
    barChart(domains, 100, ctx.t("dashboard.chart_domains"), ctx.dir),
  );
  const medians = simpleTable("dd-domain-table", ctx.t("dashboard.domain_medians"),
    [ctx.t("term.domain"), ctx.t("dashboard.median_short")],
    data.domains.map((/** @type {any} */ d, /** @type {number} */ i) => [`${d.number}. ${d.title[ctx.lang]}`, score(data.domain_medians[i])]));
  box.append(scroll, medians, charts);
}

/** @param {number | null} value @param {any} data @param {string} [text] */
function scoreCell(value, data, text) {
  const span = el("span", `dd-score dd-band-${band(value, data.levels)}`, text ?? score(value));
  return span;
}

/** @param {Element} section @param {any} data @param {Ctx} ctx */
export function renderEntities(section, data, ctx) {
  const box = body(section);
  const titles = levelTitle(data, ctx);
  /** @type {import("./table.js").Column[]} */
  const columns = [
    { label: ctx.t("dashboard.col_entity"), type: "text", key: (r) => r.name, cell: (r) => r.name },
    { label: ctx.t("dashboard.code"), type: "text", key: (r) => r.code, cell: (r) => r.code },
    { label: ctx.t("dashboard.col_date"), type: "text", key: (r) => r.date, cell: (r) => r.date },
    { label: ctx.t("term.overall_score"), type: "number", key: (r) => r.overall, cell: (r) => scoreCell(r.overall, data) },
    {
      label: ctx.t("term.maturity_level"),
      type: "number",
      key: (r) => levelOrder(r.level, data.levels),
      cell: (r) => el("span", `dd-score dd-band-${levelOrder(r.level, data.levels) < 0 ? "none" : r.level}`, titles[r.level] || r.level),
    },
    ...data.domains.map((/** @type {any} */ d, /** @type {number} */ i) => /** @type {import("./table.js").Column} */ ({
      label: `${d.number}. ${d.title[ctx.lang]}`,
      type: "number",
      key: (r) => r.domains[i],
      cell: (r) => scoreCell(r.domains[i], data),
    })),
    { label: ctx.t("term.critical_gaps"), type: "number", key: (r) => r.gaps, cell: (r) => String(r.gaps), className: "dd-num" },
    { label: ctx.t("term.completeness"), type: "number", key: (r) => r.completeness, cell: (r) => `${r.completeness}%`, className: "dd-num" },
  ];
  if (data.comparison) {
    columns.push(
      { label: ctx.t("dashboard.previous_overall"), type: "number", key: (r) => r.change.before ?? null, cell: (r) => score(r.change.before) },
      {
        label: ctx.t("dashboard.change"),
        type: "number",
        key: (r) => (r.change.status === "new" ? null : r.change.delta),
        cell: (r) => (r.change.status === "new" ? ctx.t("dashboard.new") : delta(r.change.delta)),
        className: "dd-num",
      },
    );
  }
  columns.push({ label: ctx.t("dashboard.col_file"), type: "text", key: (r) => r.file, cell: (r) => r.file, className: "dd-file" });
  const { box: scroll, table } = tableBox("dd-entity-table", ctx.t("dashboard.entity_table"));
  const pager = el("p", "dd-pager");
  box.append(scroll, pager);
  sortableTable(table, columns, data.entities, {
    lang: ctx.lang,
    pageSize: PAGE_SIZE,
    pager,
    t: ctx.t,
    announce: (column, dir) =>
      ctx.announce(ctx.t("dashboard.sorted", { column, direction: ctx.t(dir === 1 ? "dashboard.sorted_asc" : "dashboard.sorted_desc") })),
  });
}

/** @param {Element} section @param {any} data @param {Ctx} ctx */
export function renderItems(section, data, ctx) {
  const box = body(section);
  const { box: scroll, table } = tableBox("dd-item-table", ctx.t("dashboard.item_view"));
  const keys = ["yes", "partial", "no", "na", "none"];
  const head = el("thead");
  const hr = el("tr");
  for (const label of [ctx.t("dashboard.col_item"), ctx.t("term.domain"), ...keys.map((k) => ctx.t(`dashboard.count_${k}`))]) {
    const th = el("th", undefined, label);
    th.setAttribute("scope", "col");
    hr.append(th);
  }
  head.append(hr);
  const domains = Object.fromEntries(data.domains.map((/** @type {any} */ d) => [d.id, `${d.number}. ${d.title[ctx.lang]}`]));
  const tbody = el("tbody");
  for (const item of data.items) {
    const tr = el("tr");
    const th = el("th", "dd-question");
    th.setAttribute("scope", "row");
    th.append(el("span", undefined, item.question[ctx.lang]), " ", el("code", undefined, item.id));
    if (item.critical) th.append(" ", el("span", "dd-critical", ctx.t("dashboard.critical")));
    tr.append(th, el("td", undefined, domains[item.domain]));
    for (const k of keys) tr.append(el("td", `dd-num dd-count-${k}`, String(item.counts[k])));
    tbody.append(tr);
  }
  table.append(head, tbody);
  box.append(scroll);
}

/**
 * @param {string} id
 * @param {string} caption
 * @param {string[]} head
 * @param {string[][]} rows
 */
function simpleTable(id, caption, head, rows) {
  const { box, table } = tableBox(id, caption);
  const thead = el("thead");
  const hr = el("tr");
  for (const label of head) {
    const th = el("th", undefined, label);
    th.setAttribute("scope", "col");
    hr.append(th);
  }
  thead.append(hr);
  const tbody = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    row.forEach((cell, i) => {
      const td = el(i === 0 ? "th" : "td", undefined, cell);
      if (i === 0) td.setAttribute("scope", "row");
      tr.append(td);
    });
    tbody.append(tr);
  }
  table.append(thead, tbody);
  return box;
}

/** @param {Element} section @param {any} data @param {Ctx} ctx */
export function renderComparison(section, data, ctx) {
  const c = data.comparison;
  /** @type {HTMLElement} */ (section).hidden = !c;
  const box = body(section);
  if (!c) return;
  const t = ctx.t;
  box.append(
    simpleTable("dd-round-table", t("dashboard.matched"),
      [t("dashboard.matched"), t("dashboard.improved"), t("dashboard.regressed"), t("dashboard.unchanged"), t("dashboard.new"), t("dashboard.missing")],
      [[String(c.matched), String(c.improved), String(c.regressed), String(c.unchanged), String(c.new.length), String(c.missing.length)]]),
    simpleTable("dd-change-table", t("dashboard.comparison_domains"),
      [t("term.domain"), t("dashboard.before"), t("dashboard.after"), t("dashboard.change")],
      [
        [t("term.overall_score"), score(c.overall.before), score(c.overall.after), delta(c.overall.delta)],
        ...data.domains.map((/** @type {any} */ d, /** @type {number} */ i) => [
          `${d.number}. ${d.title[ctx.lang]}`, score(c.domains[i].before), score(c.domains[i].after), delta(c.domains[i].delta),
        ]),
      ]),
  );
  const names = Object.fromEntries(data.entities.map((/** @type {any} */ r) => [r.file, r.name]));
  box.append(el("h3", undefined, t("dashboard.new")));
  box.append(c.new.length ? list(c.new.map((/** @type {string} */ f) => `${names[f]} (${f})`)) : el("p", undefined, t("dashboard.none")));
  box.append(el("h3", undefined, t("dashboard.missing")));
  box.append(
    c.missing.length
      ? list(c.missing.map((/** @type {any} */ m) => `${m.name}${m.code ? ` [${m.code}]` : ""} — ${m.date} (${m.file})`))
      : el("p", undefined, t("dashboard.none")),
  );
}

/** @param {string[]} items */
function list(items) {
  const ul = el("ul", "dd-list");
  for (const item of items) ul.append(el("li", undefined, item));
  return ul;
}

/** @param {Element} section @param {any} data @param {Ctx} ctx */
export function renderProblems(section, data, ctx) {
  const box = body(section);
  const t = ctx.t;
  if (!data.problems.length) {
    box.append(el("p", "dd-ok", t("dashboard.no_problems")));
    return;
  }
  box.append(
    simpleTable("dd-problem-table", t("dashboard.problems"),
      [t("dashboard.col_file"), t("dashboard.round"), t("dashboard.problem_kind"), t("dashboard.reason")],
      data.problems.map((/** @type {any} */ p) => [p.file, t(`dashboard.round_${p.round}`), t(`dashboard.kind_${p.kind}`), p[ctx.lang]])),
  );
}
