// @ts-check
// The learning-rate sweep's panel: the form (range, number of rates, epochs per run), Start /
// Cancel, the progress, the plot with its legend, the runs as a labelled list to pick from and
// "Use this rate". DOM only: it is handed its words and data (views/sweep.js) and reports the
// user's choices through callbacks; every control is a native one (keyboard as usual).
//
//   const panel = new SweepPanel(root, {rates, onOptions, onStart, onCancel, onPick, onUse})
//   panel.render(model)

import { COUNTS, EPOCHS } from "../domain/sweep.js";
import { button, el, svg } from "./dom.js";
import { drawSweepPlot } from "./sweep-plot.js";

/**
 * @typedef {{from: string, to: string, count: string, epochs: string, auto: string, start: string,
 *   cancel: string, pick: string, use: string, progress: string, plot: string, axisX: string,
 *   axisY: string, band: string, legend: {loss: string, diverged: string, start: string,
 *   current: string, chosen: string}}} Words
 * @typedef {{words: Words, options: {lo: number, hi: number, count: number, epochs: number},
 *   running: boolean, stopping: boolean, canStart: boolean, status: string, note: string,
 *   progress: {value: number, max: number} | null,
 *   plot: import("./sweep-plot.js").PlotData | null, picks: {value: number, text: string}[],
 *   pick: number}} Model
 */

/** @param {string} id @param {HTMLElement} control */
function field(id, control) {
  const box = el("div", "field");
  const lab = el("label", "");
  lab.htmlFor = id;
  control.id = id;
  box.append(lab, control);
  return { box, lab };
}

/** @param {HTMLSelectElement} sel @param {[string, string][]} options value, text @param {string} value */
function fill(sel, options, value) {
  const same = sel.options.length === options.length && options.every(([v, text], i) => sel.options[i].value === v && sel.options[i].text === text);
  if (!same) sel.replaceChildren(...options.map(([v, text]) => new Option(text, v)));
  if (sel.value !== value) sel.value = value;
}

export class SweepPanel {
  /**
   * @param {HTMLElement} root
   * @param {{rates: string[], onOptions: (o: object) => void, onStart: () => void,
   *   onCancel: () => void, onPick: (i: number) => void, onUse: () => void}} hooks
   *   rates: the rates the range can start and end at (the learning-rate control's)
   */
  constructor(root, hooks) {
    this.root = root;
    this.hooks = hooks;
    const sel = () => /** @type {HTMLSelectElement} */ (el("select", ""));
    this.lo = sel();
    this.hi = sel();
    this.count = sel();
    this.epochs = sel();
    this.fields = [field("sweep-lo", this.lo), field("sweep-hi", this.hi), field("sweep-count", this.count), field("sweep-epochs", this.epochs)];
    this.start = button("sweep-start", "", "", "start");
    this.start.id = "sweep-start";
    this.start.removeAttribute("aria-label"); // its text names it
    this.cancel = button("sweep-cancel", "", "", "cancel");
    this.cancel.id = "sweep-cancel";
    this.cancel.removeAttribute("aria-label");
    const form = el("div", "sweep-form");
    form.append(...this.fields.map((f) => f.box), el("div", "sweep-buttons"));
    /** @type {HTMLElement} */ (form.lastChild).append(this.start, this.cancel);
    this.bar = /** @type {HTMLProgressElement} */ (el("progress", "sweep-bar"));
    this.bar.id = "sweep-progress";
    this.status = el("p", "sweep-status");
    this.status.id = "sweep-status";
    this.status.setAttribute("role", "status");
    this.note = el("p", "hint sweep-note");
    this.note.id = "sweep-note";
    this.plot = /** @type {SVGSVGElement} */ (/** @type {unknown} */ (svg("svg", "sweep-plot")));
    this.plot.id = "sweep-plot";
    this.plot.setAttribute("role", "img");
    this.legend = el("ul", "sweep-legend");
    this.figure = el("figure", "sweep-figure");
    this.figure.append(this.plot, this.legend);
    this.pickSel = sel();
    this.pickField = field("sweep-pick", this.pickSel);
    this.use = button("sweep-use", "", "", "use");
    this.use.id = "sweep-use";
    this.use.removeAttribute("aria-label");
    const useRow = el("div", "sweep-use-row");
    useRow.append(this.pickField.box, this.use);
    root.append(form, this.bar, this.status, this.figure, useRow, this.note);
    const num = (/** @type {HTMLSelectElement} */ s) => Number(s.value);
    this.lo.addEventListener("change", () => hooks.onOptions({ lo: num(this.lo) }));
    this.hi.addEventListener("change", () => hooks.onOptions({ hi: num(this.hi) }));
    this.count.addEventListener("change", () => hooks.onOptions({ count: num(this.count) }));
    this.epochs.addEventListener("change", () => hooks.onOptions({ epochs: num(this.epochs) }));
    this.start.addEventListener("click", () => hooks.onStart());
    this.cancel.addEventListener("click", () => hooks.onCancel());
    this.pickSel.addEventListener("change", () => hooks.onPick(num(this.pickSel)));
    this.use.addEventListener("click", () => hooks.onUse());
    /** @type {Model | null} */
    this.model = null;
    this.width = 0;
    // the plot is drawn in the box's pixels: again when the box changes size (a phone turned)
    new ResizeObserver(() => {
      if (this.model && this.figure.clientWidth !== this.width) this.drawPlot(this.model);
    }).observe(this.figure);
  }

  /** @param {Model} m */
  render(m) {
    this.model = m;
    const w = m.words, o = m.options;
    [w.from, w.to, w.count, w.epochs].forEach((text, i) => { this.fields[i].lab.textContent = text; });
    const rates = this.hooks.rates.map((r) => /** @type {[string, string]} */ ([r, r]));
    fill(this.lo, rates, String(o.lo));
    fill(this.hi, rates, String(o.hi));
    fill(this.count, COUNTS.map((c) => [String(c), String(c)]), String(o.count));
    fill(this.epochs, EPOCHS.map((e) => [String(e), e ? String(e) : w.auto]), String(o.epochs));
    for (const s of [this.lo, this.hi, this.count, this.epochs]) s.disabled = m.running;
    this.start.textContent = w.start;
    this.start.disabled = m.running || !m.canStart;
    this.cancel.textContent = w.cancel;
    this.cancel.hidden = !m.running;
    this.cancel.disabled = m.stopping;
    this.bar.hidden = !m.progress;
    if (m.progress) {
      this.bar.max = m.progress.max;
      this.bar.value = m.progress.value;
      this.bar.setAttribute("aria-label", w.progress);
    }
    if (this.status.textContent !== m.status) this.status.textContent = m.status;
    this.note.textContent = m.note;
    this.note.hidden = !m.note;
    this.pickField.lab.textContent = w.pick;
    fill(this.pickSel, m.picks.map((p) => [String(p.value), p.text]), String(m.pick));
    this.pickSel.disabled = !m.picks.length;
    this.use.textContent = w.use;
    this.use.disabled = m.running || m.pick < 0 || !m.picks.length;
    this.figure.hidden = !m.plot;
    this.legendOf(w.legend);
    this.drawPlot(m);
  }

  /** @param {Words["legend"]} words */
  legendOf(words) {
    const items = /** @type {[string, string][]} */ ([["loss", words.loss], ["diverged", words.diverged], ["start", words.start], ["current", words.current], ["chosen", words.chosen]]);
    if (this.legend.childElementCount && [...this.legend.children].every((li, i) => li.textContent === items[i][1])) return;
    this.legend.replaceChildren(...items.map(([kind, text]) => {
      const li = el("li", `sweep-key-${kind}`);
      li.append(el("span", "sweep-swatch"), el("span", "", text));
      /** @type {HTMLElement} */ (li.firstChild).setAttribute("aria-hidden", "true");
      return li;
    }));
  }

  /** @param {Model} m */
  drawPlot(m) {
    const width = Math.min(640, this.figure.clientWidth);
    this.width = this.figure.clientWidth;
    if (!m.plot || width < 100) return; // closed or hidden: drawn once it shows
    this.plot.setAttribute("aria-label", m.words.plot);
    const words = { axisX: m.words.axisX, axisY: m.words.axisY, band: m.words.band };
    drawSweepPlot(this.plot, m.plot, words, { width, height: width < 420 ? 230 : 260 }, this.hooks.onPick);
  }
}
