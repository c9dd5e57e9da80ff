// @ts-check
// The confusion box under the charts: a switch between the training and the test set, and
// either the confusion matrix (a real <table>: true classes as row headers, predicted classes as
// column headers, each cell a button with its count and row percentage) or the predicted-vs-true
// scatter (widgets/scatter.js). A dumb widget: it shows the plain data it is given
// (domain/confusion.js `shown`) in the words it is given, and reports the user's choices.
//
//   const box = new ConfusionBox(root, {onSet(set), onPick(r, c), onClear()});
//   box.show(data | null, words)

import { el } from "./dom.js";
import { Scatter } from "./scatter.js";

/**
 * @typedef {{title: string, scatterTitle: string, sets: string, train: string, test: string,
 *   noTest: string, corner: string, predicted: string, truth: string, className: (k: number) => string,
 *   cell: (count: number, r: number, c: number, percent: number) => string,
 *   percent: (p: number) => string, count: (n: number) => string, marked: (count: number) => string,
 *   hint: string, r2: (value: number | null) => string, scatterLabel: (count: number, r2: string) => string,
 *   axisTrue: string, axisPredicted: string, tick: (v: number) => string}} Words
 */

export class ConfusionBox {
  /** @param {HTMLElement} root
   * @param {{onSet: (set: "train" | "test") => void, onPick: (r: number, c: number) => void, onClear: () => void}} on */
  constructor(root, on) {
    this.root = root;
    this.on = on;
    this.title = el("h3", "confusion-title");
    this.title.id = "confusion-title";
    root.setAttribute("role", "region");
    root.setAttribute("aria-labelledby", this.title.id);
    this.sets = el("div", "confusion-sets");
    this.sets.setAttribute("role", "group");
    /** @type {Record<"train" | "test", HTMLButtonElement>} */
    this.setButtons = { train: this.setButton("train"), test: this.setButton("test") };
    this.sets.append(this.setButtons.train, this.setButtons.test);
    const head = el("div", "confusion-head");
    head.append(this.title, this.sets);
    this.body = el("div", "confusion-body");
    this.status = el("p", "confusion-status hint");
    this.status.setAttribute("role", "status");
    root.replaceChildren(head, this.body, this.status);
    root.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && this.cell) {
        e.preventDefault();
        on.onClear();
      }
    });
    this.tableKey = "";
    /** @type {HTMLButtonElement[]} */
    this.cells = [];
    this.table = /** @type {HTMLTableElement | null} */ (null);
    this.scatter = /** @type {Scatter | null} */ (null);
    this.cell = /** @type {number[] | null} */ (null);
    root.hidden = true;
  }

  /** @param {"train" | "test"} set */
  setButton(set) {
    const b = el("button", "confusion-set");
    b.type = "button";
    b.dataset.set = set;
    b.addEventListener("click", () => this.on.onSet(set));
    return /** @type {HTMLButtonElement} */ (b);
  }

  /** @param {any} data domain/confusion.js shown(), or null (hidden) @param {Words} words */
  show(data, words) {
    this.root.hidden = !data;
    if (!data) return;
    this.cell = data.kind === "matrix" ? data.cell : null;
    this.title.textContent = data.kind === "matrix" ? words.title : words.scatterTitle;
    this.sets.setAttribute("aria-label", words.sets);
    for (const set of /** @type {const} */ (["train", "test"])) {
      const b = this.setButtons[set];
      b.textContent = words[set];
      b.setAttribute("aria-pressed", String(data.set === set));
      b.disabled = set === "test" && !data.hasTest;
      b.title = b.disabled ? words.noTest : "";
    }
    if (data.kind === "matrix") this.showMatrix(data, words);
    else this.showScatter(data, words);
  }

  /** @param {any} data @param {Words} words */
  showMatrix(data, words) {
    const k = data.classes;
    const key = `${k}|${words.title}|${words.className(0)}`;
    if (this.scatter || key !== this.tableKey || !this.table) this.buildTable(k, words, key);
    for (let r = 0; r < k; r++) {
      for (let c = 0; c < k; c++) {
        const i = r * k + c, n = data.counts[i], share = data.shares[i];
        const b = this.cells[i];
        const p = data.percents[i];
        /** @type {HTMLElement} */ (b.firstChild).textContent = words.count(n);
        /** @type {HTMLElement} */ (b.lastChild).textContent = n ? words.percent(p) : "";
        b.setAttribute("aria-label", words.cell(n, r, c, p));
        const on = Boolean(data.cell && data.cell[0] === r && data.cell[1] === c);
        b.setAttribute("aria-pressed", String(on));
        // the share tints the cell: blue where the answer is right, orange where it is wrong
        b.style.setProperty("--share", String(share));
        b.parentElement?.classList.toggle("right", r === c);
      }
    }
    /** @type {HTMLTableElement} */ (this.table).dataset.epoch = String(data.epoch);
    this.status.textContent = data.cell ? words.marked(data.highlight.length) : words.hint;
  }

  /** The table's rows and headers, built once per class count and language.
   * @param {number} k @param {Words} words @param {string} key */
  buildTable(k, words, key) {
    this.scatter = null;
    this.tableKey = key;
    const table = /** @type {HTMLTableElement} */ (el("table", "confusion-table"));
    table.setAttribute("aria-labelledby", "confusion-title");
    const thead = el("thead");
    const top = el("tr");
    const blank = el("td", "confusion-blank");
    const predicted = el("th", "confusion-axis", words.predicted);
    predicted.setAttribute("scope", "colgroup");
    /** @type {HTMLTableCellElement} */ (predicted).colSpan = k;
    top.append(blank, predicted);
    const names = el("tr");
    const corner = el("th", "confusion-corner", words.truth);
    corner.setAttribute("scope", "col");
    names.append(corner);
    for (let c = 0; c < k; c++) names.append(classHeader(words.className(c), c, "col"));
    thead.append(top, names);
    const tbody = el("tbody");
    this.cells = [];
    for (let r = 0; r < k; r++) {
      const row = el("tr");
      row.append(classHeader(words.className(r), r, "row"));
      for (let c = 0; c < k; c++) {
        const b = /** @type {HTMLButtonElement} */ (el("button", "confusion-cell"));
        b.type = "button";
        b.dataset.row = String(r);
        b.dataset.col = String(c);
        b.append(el("span", "confusion-count"), el("span", "confusion-share"));
        b.addEventListener("click", () => this.on.onPick(r, c));
        const td = el("td");
        td.append(b);
        row.append(td);
        this.cells.push(b);
      }
      tbody.append(row);
    }
    table.append(thead, tbody);
    this.table = table;
    this.body.replaceChildren(table);
  }

  /** @param {any} data @param {Words} words */
  showScatter(data, words) {
    if (!this.scatter) {
      this.table = null;
      this.tableKey = "";
      this.cells = [];
      this.scatter = new Scatter(this.body);
    }
    const r2 = words.r2(data.r2);
    this.scatter.show(data, {
      label: words.scatterLabel(data.truth.length, r2), r2,
      axisTrue: words.axisTrue, axisPredicted: words.axisPredicted, tick: words.tick,
    });
    this.status.textContent = "";
  }
}

/** A class's header cell: its colour's dot and its name; a column's shows only the class's
 * number (the name is there for a screen reader), so five columns fit a phone.
 * @param {string} name @param {number} k @param {"row" | "col"} scope */
function classHeader(name, k, scope) {
  const th = el("th", "confusion-class");
  th.setAttribute("scope", scope);
  if (scope === "row") {
    th.append(el("span", `confusion-dot c${k}`, name));
    return th;
  }
  const short = el("span", `confusion-dot c${k}`, String(k));
  short.setAttribute("aria-hidden", "true");
  th.append(el("span", "visually-hidden", name), short);
  return th;
}
