// @ts-check
// The points of a small data set (the AND gate's four) as a table: each point's inputs, its
// target and the network's output for it, and a button that inspects it, so nobody has to hit a
// dot on the map. A dumb widget: it is handed the words and the rows as text; a row's cells are
// updated in place when the table keeps its shape (a screen reader keeps its place).

import { el } from "./dom.js";

/**
 * @typedef {{index: number, cells: string[], label: string, selected: boolean}} Row
 *   cells: x1, x2, target, output, set (as shown); label: the inspect button's accessible name
 * @typedef {{caption: string, heads: string[]}} Words heads: the point column, then one per cell
 */

export class PointsTable {
  /** @param {HTMLElement} box @param {{onInspect: (index: number) => void}} handlers */
  constructor(box, { onInspect }) {
    this.box = box;
    this.onInspect = onInspect;
    this.shape = ""; // the caption, heads and row count the table was built for
    /** @type {HTMLTableSectionElement | null} */
    this.body = null;
  }

  /** @param {Words | null} words @param {Row[]} rows (null words or no rows: hidden) */
  show(words, rows) {
    if (!words || !rows.length) {
      this.box.hidden = true;
      this.box.replaceChildren();
      this.shape = "";
      return;
    }
    this.box.hidden = false;
    const shape = JSON.stringify([words, rows.length]);
    if (shape !== this.shape || !this.body) this.build(words, rows.length);
    this.shape = shape;
    const body = /** @type {HTMLTableSectionElement} */ (this.body);
    rows.forEach((row, r) => {
      const tr = body.rows[r];
      const b = /** @type {HTMLButtonElement} */ (tr.cells[0].firstChild);
      b.textContent = String(row.index + 1);
      b.setAttribute("aria-label", row.label);
      b.dataset.index = String(row.index);
      if (row.selected) tr.setAttribute("aria-current", "true"); // the inspected point
      else tr.removeAttribute("aria-current");
      row.cells.forEach((text, c) => {
        const cell = tr.cells[c + 1];
        if (cell.textContent !== text) cell.textContent = text;
      });
    });
  }

  /** @param {Words} words @param {number} n */
  build(words, n) {
    const table = el("table", "points");
    table.appendChild(el("caption", "", words.caption));
    const head = el("thead");
    const hr = el("tr");
    for (const h of words.heads) {
      const th = el("th", "", h);
      th.setAttribute("scope", "col");
      hr.appendChild(th);
    }
    head.appendChild(hr);
    const body = /** @type {HTMLTableSectionElement} */ (el("tbody"));
    for (let r = 0; r < n; r++) {
      const tr = el("tr");
      const th = el("th");
      th.setAttribute("scope", "row");
      const b = /** @type {HTMLButtonElement} */ (el("button", "point-inspect"));
      b.type = "button";
      b.addEventListener("click", () => this.onInspect(Number(b.dataset.index)));
      th.appendChild(b);
      tr.appendChild(th);
      for (let c = 1; c < words.heads.length; c++) tr.appendChild(el("td"));
      body.appendChild(tr);
    }
    table.append(head, body);
    this.body = body;
    this.box.replaceChildren(table);
  }
}
