// @ts-check
// The loss landscape's 2-D slice: the losses as colours (the ramp of landscape-axes.js, on the
// scale domain/landscape.js chose), contour lines, the α and β ticks, and the training path as a
// polyline from the initial weights (a square) to the current ones (a dot, at (0, 0)). A dumb
// widget: draw(data) with the numbers bpcore computed; what it drew is on the canvas's data-*
// attributes (contours: segments, path: points), and a readout says the loss under the
// keyboard's cursor (arrow keys over the lattice) or the pointer.

import { contourSegments, coordinate, levelsOf, position } from "../domain/landscape.js";
import { niceTicks } from "../domain/format.js";
import { drawAxes, fitCanvas, keyCursor, ramp } from "./landscape-axes.js";

/** @typedef {{loss: Float64Array, size: number, rows: number, span: number,
 *   path: {alpha: ArrayLike<number>, beta: ArrayLike<number>}, scale: {lo: number, hi: number, log: boolean} | null}} Slice */

const LEVELS = 8;

export class LandscapeContour {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{readout: HTMLElement, say: (alpha: number, beta: number, loss: number) => string}} opts
   */
  constructor(canvas, { readout, say }) {
    this.canvas = canvas;
    this.readout = readout;
    this.say = say;
    /** @type {Slice | null} */
    this.data = null;
    this.cursor = -1; // lattice index row * size + col, -1: none
    this.keys = keyCursor(canvas, () => (this.data ? this.data.size * this.data.rows : 0), (i, key) => {
      const n = this.data ? this.data.size : 1;
      const step = key.startsWith("Shift+") ? 5 : 1;
      const [row, col] = [Math.floor(i / n), i % n];
      const k = key.replace("Shift+", "");
      if (k === "Home") return 0;
      if (k === "End") return n * n - 1;
      const r = row + (k === "ArrowUp" ? step : k === "ArrowDown" ? -step : 0); // up: β grows
      const c = col + (k === "ArrowRight" ? step : k === "ArrowLeft" ? -step : 0);
      return Math.max(0, Math.min(n - 1, r)) * n + Math.max(0, Math.min(n - 1, c));
    }, (i) => this._show(i));
    canvas.addEventListener("pointermove", (e) => this._pointAt(e));
    canvas.addEventListener("pointerleave", () => document.activeElement !== canvas && this._show(-1));
  }

  /** @param {Slice | null} data */
  draw(data) {
    this.data = data;
    const { ctx, box, ink, grid } = fitCanvas(this.canvas, { left: 34, bottom: 18 });
    this.box = box;
    if (!data || !data.scale) {
      this.canvas.dataset.contours = "0";
      this.canvas.dataset.path = "0";
      return;
    }
    const { loss, size, rows, span, scale } = data;
    const { left, right, top, bottom, dpr } = box;
    const px = (/** @type {number} */ a) => left + ((a + span) / (2 * span)) * (right - left);
    const py = (/** @type {number} */ b) => bottom - ((b + span) / (2 * span)) * (bottom - top);
    // the losses, one pixel per lattice point, scaled up smoothly (row 0 is β = −span: at the bottom)
    const img = new ImageData(size, size);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < size; j++) {
        const t = position(scale, loss[i * size + j]);
        const o = ((size - 1 - i) * size + j) * 4;
        if (Number.isNaN(t)) continue; // not finite: left blank
        const [r, g, b] = ramp(t);
        img.data.set([r, g, b, 255], o);
      }
    }
    const tile = document.createElement("canvas");
    tile.width = tile.height = size;
    /** @type {CanvasRenderingContext2D} */ (tile.getContext("2d")).putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    const cell = (right - left) / (size - 1); // lattice points sit on the cells' centres
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, right - left, bottom - top);
    ctx.clip();
    ctx.drawImage(tile, left - cell / 2, top - cell / 2, right - left + cell, bottom - top + cell);
    // contour lines where the slice is complete
    let segments = 0;
    ctx.lineWidth = Math.max(1, dpr);
    ctx.strokeStyle = "rgba(255, 255, 255, 0.55)";
    const x = (/** @type {number} */ col) => px(coordinate(span, size, col));
    const y = (/** @type {number} */ row) => py(coordinate(span, size, row));
    for (const level of rows > 1 ? levelsOf(scale, LEVELS) : []) {
      const seg = contourSegments(loss, rows, size, level);
      ctx.beginPath();
      for (let k = 0; k < seg.length; k += 4) {
        ctx.moveTo(x(seg[k]), y(seg[k + 1]));
        ctx.lineTo(x(seg[k + 2]), y(seg[k + 3]));
      }
      ctx.stroke();
      segments += seg.length / 4;
    }
    // the training path: a dark line under a light one (seen on any colour), start and end marked
    const { alpha, beta } = data.path;
    const n = alpha.length;
    if (n) {
      for (const [colour, width] of [["rgba(0, 0, 0, 0.75)", 3.5], ["#fff", 1.5]]) {
        ctx.strokeStyle = /** @type {string} */ (colour);
        ctx.lineWidth = /** @type {number} */ (width) * dpr;
        ctx.beginPath();
        for (let k = 0; k < n; k++) ctx[k ? "lineTo" : "moveTo"](px(alpha[k]), py(beta[k]));
        ctx.stroke();
      }
      marker(ctx, px(alpha[0]), py(beta[0]), 5 * dpr, false);
      marker(ctx, px(alpha[n - 1]), py(beta[n - 1]), 5 * dpr, true);
    }
    ctx.restore();
    const ticks = niceTicks(-span, span, Math.max(2, Math.floor((right - left) / (60 * dpr))));
    drawAxes(ctx, box, { x: ticks, y: ticks, px, py, ink, grid });
    if (this.cursor >= 0 && this.cursor < size * rows) {
      const [i, j] = [Math.floor(this.cursor / size), this.cursor % size];
      ctx.strokeStyle = ink;
      ctx.lineWidth = 2 * dpr;
      ctx.strokeRect(x(j) - 4 * dpr, y(i) - 4 * dpr, 8 * dpr, 8 * dpr);
    }
    this.canvas.dataset.contours = String(segments);
    this.canvas.dataset.path = String(n);
  }

  /** @param {number} i lattice index, -1: none */
  _show(i) {
    this.cursor = i;
    const d = this.data;
    if (i < 0 || !d || i >= d.size * d.rows) {
      this.readout.textContent = "";
      this.cursor = -1;
    } else {
      const [row, col] = [Math.floor(i / d.size), i % d.size];
      this.readout.textContent = this.say(coordinate(d.span, d.size, col), coordinate(d.span, d.size, row), d.loss[i]);
    }
    this.draw(d);
  }

  /** @param {PointerEvent} e */
  _pointAt(e) {
    const d = this.data, box = this.box;
    if (!d || !box) return;
    const r = this.canvas.getBoundingClientRect();
    const fx = ((e.clientX - r.left) * box.dpr - box.left) / (box.right - box.left);
    const fy = (box.bottom - (e.clientY - r.top) * box.dpr) / (box.bottom - box.top);
    if (fx < 0 || fx > 1 || fy < 0 || fy > 1) return this._show(-1);
    const col = Math.round(fx * (d.size - 1)), row = Math.round(fy * (d.size - 1));
    this.keys.set(row * d.size + col);
    this._show(row * d.size + col);
  }
}

/** A marker: a white square outlined in black (the initial weights) or a black dot outlined in
 * white (the current ones), each seen on any colour of the ramp.
 * @param {CanvasRenderingContext2D} ctx @param {number} x @param {number} y @param {number} r @param {boolean} now */
function marker(ctx, x, y, r, now) {
  ctx.beginPath();
  if (now) ctx.arc(x, y, r, 0, 2 * Math.PI);
  else ctx.rect(x - r, y - r, 2 * r, 2 * r);
  ctx.lineWidth = 0.4 * r;
  ctx.fillStyle = now ? "#000" : "#fff";
  ctx.strokeStyle = now ? "#fff" : "#000";
  ctx.fill();
  ctx.stroke();
}

/** The colour bar of the legend: the ramp from left (lo) to right (hi). @param {HTMLCanvasElement} bar */
export function paintBar(bar) {
  const w = 128;
  bar.width = w;
  bar.height = 1;
  const img = new ImageData(w, 1);
  for (let k = 0; k < w; k++) img.data.set([...ramp(k / (w - 1)), 255], k * 4);
  /** @type {CanvasRenderingContext2D} */ (bar.getContext("2d")).putImageData(img, 0, 0);
}
