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
  const table = el("table", "dd-table");
  table.id = id;
  const cap = el("caption", undefined, caption);
  cap.id = `${id}-caption`;
  table.append(cap);
  box.append(table);
  return { box, table };
}

/**
 * Build a table whose rows can be sorted by any column.
 * @param {HTMLTableElement} table
 * @param {Column[]} columns
 * @param {any[]} rows
 * @param {{lang: string, announce: (column: string, dir: 1 | -1) => void, chunk: () => Promise<unknown>}} options
 */
export async function sortableTable(table, columns, rows, options) {
  const collator = new Intl.Collator(options.lang, { numeric: true, sensitivity: "base" });
  const head = el("thead");
  const headRow = el("tr");
  head.append(headRow);
  const body = el("tbody");
  /** @type {HTMLTableRowElement[]} */
  const trs = [];
  for (let i = 0; i < rows.length; i++) {
    const tr = /** @type {HTMLTableRowElement} */ (el("tr"));
    columns.forEach((column, c) => {
      const cell = el(c === 0 ? "th" : "td", column.className);
      if (c === 0) cell.setAttribute("scope", "row");
      const content = column.cell(rows[i]);
      cell.append(content);
      tr.append(cell);
    });
    trs.push(tr);
    body.append(tr);
    if (i % 200 === 199) await options.chunk();
  }
  columns.forEach((column, c) => {
    const th = el("th");
    th.setAttribute("scope", "col");
    const button = el("button", "dd-sort", column.label);
    button.setAttribute("type", "button");
    button.addEventListener("click", () => {
      const current = th.getAttribute("aria-sort");
      /** @type {1 | -1} */
      const dir = current === "ascending" ? -1 : 1;
      for (const other of headRow.children) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
      const compare = comparer(column.type, dir, collator);
      const order = rows.map((row, index) => index);
      order.sort((a, b) => compare(column.key(rows[a]), column.key(rows[b])) || a - b);
      body.append(...order.map((index) => trs[index]));
      options.announce(column.label, dir);
    });
    th.append(button);
    headRow.append(th);
  });
  table.append(head, body);
}
