// @ts-check
// A small line chart of a few series over a shared x (e.g. training and test loss per epoch),
// with axes, tick labels and a readout of the values under the pointer or the keyboard cursor.
// A dumb widget: add points, draw. Long runs stay cheap: when `maxPoints` is reached, neighbouring
// pairs are merged (x of the later one, the mean of the ys), so the history keeps its shape
// in half the points. `log` draws the y axis on a log scale (non-positive values are skipped).
// Series are told apart by colour AND by dash (solid, dashed), so they read without colour too.
//
//   new LineChart(canvas, () => [{colour, dash, name}, ...], {readout, format, words, yRange})
//   canvas is focusable: Left / Right / Home / End move the readout's cursor.
//   words: the readout's sentences (default English, TEXT below); chart.setWords(words) says
//   the readout again in another language (the series' names come from series() on each draw).

import { niceTicks } from "../domain/format.js";
import { fitLabels, within } from "../domain/tick-labels.js";
import { fitToBox } from "./dom.js";

/** @typedef {{colour: string, dash?: number[], name: string}} Series */

/** @typedef {{readout: (x: number, values: string, note?: number) => string, value: (name: string, v: string) => string,
 *   separator: string, none: string}} Words  note: the point's note (add()), 0 for none */

/** @type {Words} */
const TEXT = {
  readout: (x, values, note = 0) => (note ? `Epoch ${x} (${note}): ${values}` : `Epoch ${x}: ${values}`),
  value: (name, v) => `${name} ${v}`,
  separator: ", ",
  none: "–",
};

const DOTS_UP_TO = 30; // points drawn as dots too, while there are at most this many

export class LineChart {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {() => Series[]} series one per series, read on every draw (theme colours)
   * @param {{maxPoints?: number, readout?: HTMLElement | null, format?: (y: number) => string,
   *   words?: Words, yRange?: [number | null, number | null]}} [opts]
   */
  constructor(canvas, series, { maxPoints = 1000, readout = null, format = String, words = TEXT, yRange = [null, null] } = {}) {
    this.canvas = canvas;
    this.ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
    this.seriesStyle = series;
    this.maxPoints = maxPoints;
    this.readout = readout;
    this.format = format;
    this.words = words;
    this.yRange = yRange; // fixed [lo, hi] (null: from the data)
    this.log = false;
    this.cursor = -1; // index of the point read out (-1: none)
    this.reset();
    canvas.addEventListener("pointermove", (e) => this._pointAt(e.clientX));
    canvas.addEventListener("pointerdown", (e) => this._pointAt(e.clientX));
    canvas.addEventListener("pointerleave", () => document.activeElement !== canvas && this._setCursor(-1));
    canvas.addEventListener("focus", () => this._setCursor(this.xs.length - 1));
    canvas.addEventListener("blur", () => this._setCursor(-1));
    canvas.addEventListener("keydown", (e) => {
      const n = this.xs.length;
      const step = e.shiftKey ? 10 : 1;
      const to = { ArrowLeft: this.cursor - step, ArrowRight: this.cursor + step, Home: 0, End: n - 1 }[e.key];
      if (to === undefined || n === 0) return;
      e.preventDefault();
      this._setCursor(Math.max(0, Math.min(n - 1, to)));
    });
  }

  reset() {
    this.xs = [];
    this.notes = /** @type {number[]} */ ([]);
    this.series = Array.from({ length: this.seriesStyle().length }, () => /** @type {(number | null)[]} */ ([]));
    this.cursor = -1;
    this._showReadout();
  }

  /** x: a number; ys: one number per series (null and non-finite values are gaps); note: a
   * count the readout says with x (e.g. steps taken within an epoch): a new note at the same x
   * is a point of its own, drawn after the last (shownXs). */
  add(x, ys, note = 0) {
    const last = this.xs.length - 1;
    if (last >= 0 && this.xs[last] === x && this.notes[last] === note) {
      ys.forEach((y, k) => { this.series[k][last] = y; }); // same x again: replace
      return;
    }
    this.xs.push(x);
    this.notes.push(note);
    ys.forEach((y, k) => this.series[k].push(y));
    if (this.xs.length > this.maxPoints) this._halve();
  }

  _halve() {
    const n = this.xs.length;
    const pairs = (arr, merge) => {
      const out = [];
      for (let i = 0; i + 1 < n; i += 2) out.push(merge(arr[i], arr[i + 1]));
      if (n % 2) out.push(arr[n - 1]);
      return out;
    };
    const mean = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? (a + b) / 2 : Number.isFinite(b) ? b : a);
    this.xs = pairs(this.xs, (a, b) => b);
    this.notes = pairs(this.notes, (a, b) => b);
    this.series = this.series.map((s) => pairs(s, mean));
    if (this.cursor >= 0) this.cursor = Math.min(this.xs.length - 1, this.cursor >> 1);
  }

  /** Where each point is drawn: its x, except that points sharing an x (steps taken within
   * one epoch, told apart by their notes) are spread evenly over [x, x + 1), in order. */
  shownXs() {
    const xs = this.xs, out = xs.slice();
    for (let i = 0; i < xs.length;) {
      let j = i + 1;
      while (j < xs.length && xs[j] === xs[i]) j += 1;
      for (let k = i + 1; k < j; k++) out[k] = xs[i] + (k - i) / (j - i);
      i = j;
    }
    return out;
  }

  get length() {
    return this.xs.length;
  }

  /** @param {number} clientX */
  _pointAt(clientX) {
    if (!this.layout || this.xs.length === 0) return;
    const r = this.canvas.getBoundingClientRect();
    const { left, right, x0, span } = this.layout;
    const dpr = this.canvas.width / Math.max(1, r.width);
    const x = x0 + (((clientX - r.left) * dpr - left) / Math.max(1, right - left)) * span;
    let best = 0;
    const at = this.shownXs();
    for (let i = 1; i < at.length; i++) if (Math.abs(at[i] - x) < Math.abs(at[best] - x)) best = i;
    this._setCursor(best);
  }

  /** @param {number} i */
  _setCursor(i) {
    if (i === this.cursor) return;
    this.cursor = i;
    this._showReadout();
    this.draw();
  }

  /** The readout's words in another language (shown again at once). @param {Words} words */
  setWords(words) {
    this.words = words;
    if (this.cursor >= 0) this._showReadout(); // the charts share one readout: only the one read out
  }

  _showReadout() {
    if (!this.readout) return;
    const i = this.cursor;
    if (i < 0 || i >= this.xs.length) {
      this.readout.textContent = "";
      return;
    }
    const values = this.seriesStyle().map((st, k) => {
      const y = this.series[k][i];
      return this.words.value(st.name, y === null || y === undefined ? this.words.none : this.format(y));
    });
    const text = this.words.readout(this.xs[i], values.join(this.words.separator), this.notes[i]);
    if (this.readout.textContent !== text) this.readout.textContent = text; // no repeats for screen readers
  }

  draw() {
    const { canvas, ctx } = this;
    const { W, H, dpr } = fitToBox(canvas);
    const style = getComputedStyle(canvas);
    const ink = style.color || "#555";
    const grid = style.getPropertyValue("--chart-grid").trim() || "rgba(128,128,128,0.25)";
    const font = `${Math.round(10 * dpr)}px ${style.fontFamily || "sans-serif"}`;
    const n = this.xs.length;
    const log = this.log;
    const ok = (y) => Number.isFinite(y) && (!log || y > 0);
    const f = log ? Math.log10 : (y) => y;
    let top = -Infinity;
    let bottom = Infinity;
    for (const s of this.series) {
      for (const y of s) {
        if (!ok(y)) continue;
        const v = f(y);
        if (v > top) top = v;
        if (v < bottom) bottom = v;
      }
    }
    const [fixLo, fixHi] = this.yRange;
    if (top === -Infinity) { top = fixHi ?? 1; bottom = fixLo ?? 0; }
    if (!log) {
      bottom = fixLo ?? Math.min(0, bottom);
      top = fixHi ?? top;
    }
    if (top - bottom < 1e-12) top = bottom + (log ? 1 : Math.max(1, Math.abs(bottom)));
    // ticks: "nice" round values; on a log axis, the powers of ten in range
    const rows = Math.max(1, Math.min(4, Math.floor(H / (26 * dpr)))); // room for a label each
    const yTicks = log
      ? niceTicks(Math.floor(bottom), Math.ceil(top), rows).filter((t) => Number.isInteger(t)).map((t) => 10 ** t)
      : niceTicks(bottom, top, rows);
    if (log) { bottom = Math.min(bottom, Math.floor(bottom)); top = Math.max(top, Math.ceil(top)); }
    else if (yTicks.length) { bottom = Math.min(bottom, yTicks[0]); top = Math.max(top, yTicks[yTicks.length - 1]); }
    const xs = this.shownXs();
    const x0 = n ? xs[0] : 0;
    const span = Math.max(1, n ? xs[n - 1] - x0 : 1);
    ctx.font = font;
    // as many x ticks as labels as wide as the widest (the end's) fit, only those within the data
    const room = ctx.measureText(String(Math.round(x0 + span))).width + 16 * dpr;
    const xTicks = within(niceTicks(x0, x0 + span, Math.max(1, Math.floor(W / Math.max(room, 50 * dpr)))), x0, span)
      .filter((t) => Number.isInteger(t));
    const yLabels = yTicks.map((t) => this.format(t));
    const left = Math.ceil(Math.max(...yLabels.map((s) => ctx.measureText(s).width), 0) + 6 * dpr);
    const right = W - 6 * dpr;
    const topPx = 6 * dpr;
    const bottomPx = H - 14 * dpr;
    this.layout = { left, right, x0, span };
    const px = (x) => left + ((x - x0) / span) * (right - left);
    const py = (y) => bottomPx - ((f(y) - bottom) / (top - bottom)) * (bottomPx - topPx);
    // grid lines and tick labels
    ctx.lineWidth = 1;
    ctx.strokeStyle = grid;
    ctx.fillStyle = ink;
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    yTicks.forEach((t, k) => {
      const y = Math.round(py(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(right, y);
      ctx.stroke();
      ctx.fillText(yLabels[k], left - 4 * dpr, Math.min(Math.max(y, topPx + 4 * dpr), bottomPx));
    });
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    // the x labels: inside the canvas, apart from each other (domain/tick-labels.js)
    const xLabels = xTicks.map((t) => ({ x: px(t), width: ctx.measureText(String(t)).width }));
    for (const { index, x } of fitLabels(xLabels, left, W - dpr, 6 * dpr)) {
      ctx.fillText(String(xTicks[index]), x, bottomPx + 3 * dpr);
    }
    ctx.strokeStyle = ink;
    ctx.beginPath();
    ctx.moveTo(left + 0.5, topPx);
    ctx.lineTo(left + 0.5, bottomPx + 0.5);
    ctx.lineTo(right, bottomPx + 0.5);
    ctx.stroke();
    if (n < 1) return;
    if (this.cursor >= 0) this._showReadout(); // the values under a resting cursor may change
    const styles = this.seriesStyle();
    ctx.lineWidth = 1.75 * dpr;
    ctx.lineJoin = "round";
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, 0, right - left, bottomPx + 1);
    ctx.clip();
    this.series.forEach((s, k) => {
      const st = styles[k] || styles[0];
      ctx.strokeStyle = st.colour;
      ctx.setLineDash((st.dash || []).map((d) => d * dpr));
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < n; i++) {
        if (!ok(s[i])) {
          pen = false;
          continue;
        }
        if (pen) ctx.lineTo(px(xs[i]), py(s[i]));
        else ctx.moveTo(px(xs[i]), py(s[i]));
        pen = true;
      }
      ctx.stroke();
      if (n <= DOTS_UP_TO) { // a few points: each one seen (a lone step is no line)
        ctx.fillStyle = st.colour;
        for (let i = 0; i < n; i++) {
          if (!ok(s[i])) continue;
          ctx.beginPath();
          ctx.arc(px(xs[i]), py(s[i]), 2 * dpr, 0, 2 * Math.PI);
          ctx.fill();
        }
      }
    });
    ctx.setLineDash([]);
    // the readout's cursor: a vertical line and a dot on each series
    const i = this.cursor;
    if (i >= 0 && i < n) {
      const x = px(xs[i]);
      ctx.strokeStyle = ink;
      ctx.lineWidth = dpr;
      ctx.beginPath();
      ctx.moveTo(x, topPx);
      ctx.lineTo(x, bottomPx);
      ctx.stroke();
      this.series.forEach((s, k) => {
        if (!ok(s[i])) return;
        ctx.fillStyle = (styles[k] || styles[0]).colour;
        ctx.beginPath();
        ctx.arc(x, py(s[i]), 3 * dpr, 0, 2 * Math.PI);
        ctx.fill();
      });
    }
    ctx.restore();
  }
}
