// @ts-check
// A sortable table: every column heading is a button; aria-sort says the current order.

/** @typedef {{label: string, type: "text" | "number", cell: (row: any) => Node | string, key: (row: any) => string | number | null, className?: string}} Column */

/**
 * Order two values; empty values (null, "") always last, whatever the direction.
 * @param {"text" | "number"} type
 * @param {1 | -1} dir
 * @param {Intl.Collator} collator
 * @returns {(a: string | number | null, b: string | number | null) => number}
 */
export function comparer(type, dir, collator) {
  return (a, b) => {
    const emptyA = a === null || a === "";
    const emptyB = b === null || b === "";
    if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
    if (type === "number") return dir * (Number(a) - Number(b));
    return dir * collator.compare(String(a), String(b));
  };
}

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A table in a focusable scrolling region, with a caption.
 * @param {string} id
 * @param {string} caption
 */
export function tableBox(id, caption) {
  const box = el("div", "dd-scroll");
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-labelledby", `${id}-caption`);
  const table = /** @type {HTMLTableElement} */ (el("table", "dd-table"));
  table.id = id;
  const cap = el("caption", undefined, caption);
  cap.id = `${id}-caption`;
  table.append(cap);
  box.append(table);
  return { box, table };
}

/**
 * The rows of one page, as indexes into the sorted order.
 * @param {readonly number[]} order
 * @param {number} page
 * @param {number} size
 */
export function pageOf(order, page, size) {
  const last = Math.max(0, Math.ceil(order.length / size) - 1);
  const current = Math.min(Math.max(0, page), last);
  return { page: current, last, rows: order.slice(current * size, current * size + size) };
}

/**
 * Build a table whose rows can be sorted by any column, shown a page at a time (only the rows
 * of the current page are in the DOM, so 1,000 entities never make one long layout).
 * @param {HTMLTableElement} table
 * @param {Column[]} columns
 * @param {any[]} rows
 * @param {{lang: string, pageSize: number, pager: HTMLElement, t: (key: string, values?: Record<string, string | number>) => string, announce: (column: string, dir: 1 | -1) => void}} options
 */
export function sortableTable(table, columns, rows, options) {
  const collator = new Intl.Collator(options.lang, { numeric: true, sensitivity: "base" });
  const head = el("thead");
  const headRow = el("tr");
  head.append(headRow);
  const body = el("tbody");
  let order = rows.map((_, index) => index);
  let page = 0;
  const prev = /** @type {HTMLButtonElement} */ (el("button", "md-button dd-page-prev", options.t("dashboard.page_prev")));
  const next = /** @type {HTMLButtonElement} */ (el("button", "md-button dd-page-next", options.t("dashboard.page_next")));
  const where = el("span", "dd-page-status");
  prev.type = next.type = "button";
  const show = () => {
    const view = pageOf(order, page, options.pageSize);
    page = view.page;
    body.replaceChildren(...view.rows.map((index) => rowOf(columns, rows[index])));
    const from = order.length ? page * options.pageSize + 1 : 0;
    where.textContent = options.t("dashboard.page_status", { from, to: from + view.rows.length - (from ? 1 : 0), total: order.length });
    prev.disabled = page === 0;
    next.disabled = page === view.last;
    options.pager.hidden = view.last === 0;
  };
  prev.addEventListener("click", () => { page -= 1; show(); });
  next.addEventListener("click", () => { page += 1; show(); });
  options.pager.replaceChildren(prev, " ", where, " ", next);
  columns.forEach((column) => {
    const th = el("th");
    th.setAttribute("scope", "col");
    const button = el("button", "dd-sort", column.label);
    button.setAttribute("type", "button");
    button.addEventListener("click", () => {
      /** @type {1 | -1} */
      const dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
      for (const other of headRow.children) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      const compare = comparer(column.type, dir, collator);
      order = rows.map((_, index) => index);
      order.sort((a, b) => compare(column.key(rows[a]), column.key(rows[b])) || a - b);
      page = 0;
      show();
      options.announce(column.label, dir);
    });
    th.append(button);
    headRow.append(th);
  });
  table.append(head, body);
  show();
}

/** @param {Column[]} columns @param {any} row */
function rowOf(columns, row) {
  const tr = el("tr");
  columns.forEach((column, c) => {
    const cell = el(c === 0 ? "th" : "td", column.className);
    if (c === 0) cell.setAttribute("scope", "row");
    cell.append(column.cell(row));
    tr.append(cell);
  });
  return tr;
}
