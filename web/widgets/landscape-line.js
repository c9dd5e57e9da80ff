// @ts-check
// The loss along the straight line from the initial weights (t = 0) to the current ones (t = 1)
// and on to t = 1.5: the training loss solid, the test loss dashed (told apart without colour
// too), both ends marked by a vertical line. A log y axis when the losses span a factor of 4 or
// more. Left / Right (Shift: 5), Home, End move a readout over the points.

import { position, scaleOf, valueAt } from "../domain/landscape.js";
import { niceTicks, significant } from "../domain/format.js";
import { drawAxes, fitCanvas, keyCursor } from "./landscape-axes.js";

/** @typedef {{t: ArrayLike<number>, train: ArrayLike<number>, test: ArrayLike<number> | null}} Line */

export class LandscapeLine {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{readout: HTMLElement, say: (t: number, train: number, test: number | null) => string,
   *   marks: () => [string, string]}} opts marks: the words at t = 0 and t = 1
   */
  constructor(canvas, { readout, say, marks }) {
    this.canvas = canvas;
    this.readout = readout;
    this.say = say;
    this.marks = marks;
    /** @type {Line | null} */
    this.line = null;
    this.cursor = -1;
    this.keys = keyCursor(canvas, () => (this.line ? this.line.t.length : 0), (i, key) => {
      const step = key.startsWith("Shift+") ? 5 : 1, k = key.replace("Shift+", "");
      if (k === "Home") return 0;
      if (k === "End") return Infinity;
      return i + (k === "ArrowRight" || k === "ArrowUp" ? step : -step);
    }, (i) => this._show(i));
  }

  /** @param {Line | null} line */
  draw(line) {
    this.line = line;
    const { ctx, box, ink, grid } = fitCanvas(this.canvas, { left: 44, bottom: 18, top: 16 });
    if (!line || !line.t.length) return;
    const { t, train, test } = line;
    const scale = scaleOf([...Array.from(train), ...(test ? Array.from(test) : [])]);
    if (!scale) return;
    const { left, right, top, bottom, dpr } = box;
    const t0 = t[0], t1 = t[t.length - 1];
    const px = (/** @type {number} */ x) => left + ((x - t0) / (t1 - t0)) * (right - left);
    const py = (/** @type {number} */ y) => bottom - position(scale, y) * (bottom - top);
    const room = Math.max(2, Math.floor((bottom - top) / (24 * dpr))); // labels that fit the height
    let yTicks = scale.log ? logTicks(scale) : niceTicks(scale.lo, scale.hi, Math.min(4, room));
    while (yTicks.length > room) yTicks = yTicks.filter((_, k) => k % 2 === 0);
    drawAxes(ctx, box, { x: niceTicks(t0, t1, 3), y: yTicks, px, py, ink, grid, label: (v) => significant(v, 3) });
    // t = 0 and t = 1: the initial and the current weights
    const [atStart, atNow] = this.marks();
    ctx.setLineDash([2 * dpr, 3 * dpr]);
    ctx.strokeStyle = ink;
    ctx.fillStyle = ink;
    ctx.textBaseline = "bottom"; // above the plot, clear of the curves
    for (const [x, words, align] of /** @type {[number, string, CanvasTextAlign][]} */ ([[0, atStart, "left"], [1, atNow, "center"]])) {
      ctx.beginPath();
      ctx.moveTo(px(x) + 0.5, top);
      ctx.lineTo(px(x) + 0.5, bottom);
      ctx.stroke();
      ctx.textAlign = align;
      ctx.fillText(words, px(x), top - 2 * dpr);
    }
    const style = getComputedStyle(this.canvas);
    const series = /** @type {[ArrayLike<number>, string, number[]][]} */ ([
      [train, style.getPropertyValue("--chart-train").trim() || "#0072b2", []],
      ...(test ? [[test, style.getPropertyValue("--chart-test").trim() || "#d55e00", [6 * dpr, 4 * dpr]]] : []),
    ]);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, right - left, bottom - top);
    ctx.clip();
    for (const [ys, colour, dash] of series) {
      ctx.setLineDash(dash);
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      let on = false;
      for (let k = 0; k < t.length; k++) {
        if (!Number.isFinite(ys[k])) { on = false; continue; }
        ctx[on ? "lineTo" : "moveTo"](px(t[k]), py(ys[k]));
        on = true;
      }
      ctx.stroke();
    }
    ctx.restore();
    ctx.setLineDash([]);
    if (this.cursor >= 0 && this.cursor < t.length) {
      ctx.strokeStyle = ink;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(px(t[this.cursor]) + 0.5, top);
      ctx.lineTo(px(t[this.cursor]) + 0.5, bottom);
      ctx.stroke();
    }
  }

  /** @param {number} i */
  _show(i) {
    const line = this.line;
    this.cursor = line && i >= 0 ? Math.min(i, line.t.length - 1) : -1;
    this.readout.textContent = line && this.cursor >= 0
      ? this.say(line.t[this.cursor], line.train[this.cursor], line.test ? line.test[this.cursor] : null)
      : "";
    this.draw(line);
  }
}

/** A log axis's ticks: the powers of ten within it (with 2 and 5 times them while there are
 * fewer than three), else four points evenly spaced on it, rounded to two digits.
 * @param {{lo: number, hi: number, log: boolean}} scale */
function logTicks(scale) {
  const out = [];
  for (const m of [[1], [1, 2, 5]]) {
    out.length = 0;
    for (let e = Math.floor(Math.log10(scale.lo)); e <= Math.ceil(Math.log10(scale.hi)); e++) {
      for (const k of m) {
        const v = Number((k * 10 ** e).toPrecision(12));
        if (v >= scale.lo && v <= scale.hi) out.push(v);
      }
    }
    if (out.length >= 3) return out;
  }
  return [0, 1 / 3, 2 / 3, 1].map((f) => Number(valueAt(scale, f).toPrecision(2)));
}
