// @ts-check
// The predicted-vs-true scatter of a regression: one dot per point of the set (true value
// across, the network's output up), the diagonal y = x where a perfect network's dots would sit,
// and R² beside it. A dumb widget: it draws the numbers it is given (domain/confusion.js).
//
//   const sc = new Scatter(parent); sc.show({truth, predicted}, {label, r2, axisTrue, axisPredicted, tick})

import { scatterWindow } from "../domain/confusion.js";
import { el } from "./dom.js";
import { pointColour } from "./palette.js";

const TICKS = [-1, 0, 1];

export class Scatter {
  /** @param {HTMLElement} parent (its children are replaced) */
  constructor(parent) {
    this.figure = el("figure", "confusion-scatter");
    this.canvas = /** @type {HTMLCanvasElement} */ (el("canvas", "scatter-canvas"));
    this.canvas.width = 240;
    this.canvas.height = 240;
    this.canvas.setAttribute("role", "img");
    this.yName = el("span", "scatter-axis scatter-y");
    this.xName = el("span", "scatter-axis scatter-x");
    this.r2 = el("figcaption", "scatter-r2");
    const plot = el("div", "scatter-plot");
    plot.append(this.yName, this.canvas, this.xName);
    this.figure.append(plot, this.r2);
    parent.replaceChildren(this.figure);
  }

  /** @param {{truth: number[], predicted: number[]}} data
   * @param {{label: string, r2: string, axisTrue: string, axisPredicted: string, tick: (v: number) => string}} words */
  show({ truth, predicted }, words) {
    this.canvas.setAttribute("aria-label", words.label);
    this.r2.textContent = words.r2;
    this.xName.textContent = words.axisTrue;
    this.yName.textContent = words.axisPredicted;
    this.draw(truth, predicted, words.tick);
  }

  /** @param {number[]} truth @param {number[]} predicted @param {(v: number) => string} tick */
  draw(truth, predicted, tick) {
    const c = this.canvas;
    const r = c.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const size = Math.max(60, Math.round((r.width || 240) * dpr));
    if (c.width !== size || c.height !== size) c.width = c.height = size;
    const ctx = /** @type {CanvasRenderingContext2D} */ (c.getContext("2d"));
    const [lo, hi] = scatterWindow(truth);
    const pad = size * 0.08;
    const at = (/** @type {number} */ v) => pad + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * (size - 2 * pad);
    const css = getComputedStyle(c);
    ctx.clearRect(0, 0, size, size);
    ctx.fillStyle = "rgba(128, 128, 128, 0.08)";
    ctx.fillRect(pad, pad, size - 2 * pad, size - 2 * pad);
    ctx.strokeStyle = "rgba(128, 128, 128, 0.35)";
    ctx.lineWidth = Math.max(1, dpr);
    ctx.font = `${Math.round(10 * dpr)}px system-ui, sans-serif`;
    ctx.fillStyle = css.color || "#5f6368";
    for (const t of TICKS.map((v) => v * hi)) { // the zero lines and the ends, labelled
      ctx.beginPath();
      ctx.moveTo(at(t), pad);
      ctx.lineTo(at(t), size - pad);
      ctx.moveTo(pad, size - at(t));
      ctx.lineTo(size - pad, size - at(t));
      ctx.stroke();
      ctx.textAlign = "center";
      ctx.fillText(tick(t), at(t), size - pad / 4);
      ctx.textAlign = "left";
      ctx.fillText(tick(t), 1, size - at(t) + 3 * dpr);
    }
    ctx.setLineDash([5 * dpr, 4 * dpr]); // where every dot would sit if the network were right
    ctx.strokeStyle = css.color || "#5f6368";
    ctx.beginPath();
    ctx.moveTo(at(lo), size - at(lo));
    ctx.lineTo(at(hi), size - at(hi));
    ctx.stroke();
    ctx.setLineDash([]);
    const colour = pointColour("regression");
    const dot = Math.max(2, size / 90);
    for (let i = 0; i < truth.length; i++) {
      if (!Number.isFinite(predicted[i])) continue;
      ctx.beginPath();
      ctx.arc(at(truth[i]), size - at(predicted[i]), dot, 0, 2 * Math.PI);
      ctx.fillStyle = colour(truth[i] / hi);
      ctx.fill();
      ctx.lineWidth = Math.max(0.75, dot / 4);
      ctx.strokeStyle = "rgba(0, 0, 0, 0.45)"; // a value near 0 is grey: its edge shows it
      ctx.stroke();
    }
  }
}
