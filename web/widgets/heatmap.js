// @ts-check
// A heatmap of an n x n grid of values with points on top. A dumb widget: it knows colours
// (palette.js) and coordinates, nothing about networks. Row 0 of the grid is the top of the view.

import { MAP_TABLE, paintCanvas, paintClasses, paintValues } from "./palette.js";
import { VIEW } from "../domain/geometry.js";

const TOUCH_SCALE = 1.8; // dots on a touch screen: big enough to tap

export class Heatmap {
  /** canvas: the visible canvas; domain: the view [lo, hi] on both axes. */
  constructor(canvas, { domain = VIEW } = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext("2d");
    this.domain = domain;
    this.image = null; // the grid, one canvas pixel per cell
    this.points = null; // {xy: Float64Array n*3, train: Uint8Array n, colour(i) -> css}
    // the test points: "ring" (shown), "faint" (not asked for, but drawn points never vanish),
    // "hidden"
    this.testStyle = "hidden";
    this.resize();
  }

  /** Match the backing store to the CSS size and the device pixel ratio. */
  resize() {
    const r = this.canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round((r.width || this.canvas.width) * dpr));
    const h = Math.max(1, Math.round((r.height || this.canvas.height) * dpr));
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
  }

  _canvas() {
    if (!this.image) this.image = new OffscreenCanvas(1, 1);
    return this.image;
  }

  /** values: Float32Array size*size mapped linearly from [lo, hi] onto orange..blue.
   *  discrete: two colours only (the sign). */
  setValues(values, size, { lo = -1, hi = 1, discrete = false } = {}) {
    paintCanvas(this._canvas(), size, (px) => paintValues(px, values, { lo, hi, table: MAP_TABLE, discrete }));
  }

  /** probs: Float32Array classes*size*size, class-major (palette.js paintClasses). */
  setClasses(probs, size, classes, { discrete = false } = {}) {
    paintCanvas(this._canvas(), size, (px) => paintClasses(px, probs, classes, { discrete }));
  }

  /** xy: Float64Array n*3 [x1, x2, label]; train: Uint8Array n (1 = training point);
   *  colour(label) -> css colour. */
  setPoints(xy, train, colour) {
    this.points = xy ? { xy, train, colour } : null;
  }

  clear() {
    this.image = null;
  }

  /** The dots' radius in canvas pixels: larger where the pointer is a finger. @param {number} W */
  dotRadius(W) {
    const finger = typeof matchMedia === "function" && matchMedia("(pointer: coarse)").matches;
    return Math.max(2, W / 110) * (finger ? TOUCH_SCALE : 1);
  }

  /** Paint the map, then the training points (white edge) and, unless hidden, the test points
   *  (a hollow ring of their colour with a thin dark edge; faint when not asked for). */
  draw() {
    const { ctx, canvas } = this;
    const W = canvas.width;
    const H = canvas.height;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, W, H);
    if (this.image) {
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = "high";
      ctx.drawImage(this.image, 0, 0, W, H);
    }
    if (!this.points) return;
    const { xy, train, colour } = this.points;
    const [lo, hi] = this.domain;
    const sx = W / (hi - lo);
    const sy = H / (hi - lo);
    const r = this.dotRadius(W);
    // training points filled with a white edge; test points hollow, no bigger than a training
    // dot: a ring of their colour inside a hairline dark edge, so they read as "not trained
    // on" on any background without crowding the map; faint when not asked for
    const ring = Math.max(1.5, r / 2);
    const hair = Math.max(1, r / 6);
    for (const pass of [1, 0]) {
      if (pass === 0 && this.testStyle === "hidden") break;
      const faint = pass === 0 && this.testStyle === "faint";
      ctx.globalAlpha = faint ? 0.5 : 1;
      for (let i = 0, n = train.length; i < n; i++) {
        if (train[i] !== pass) continue;
        const x = (xy[i * 3] - lo) * sx;
        const y = (hi - xy[i * 3 + 1]) * sy;
        ctx.beginPath();
        if (pass) {
          ctx.arc(x, y, r, 0, 2 * Math.PI);
          ctx.lineWidth = Math.max(1, r / 3);
          ctx.strokeStyle = "#fff";
          ctx.fillStyle = colour(xy[i * 3 + 2]);
          ctx.fill();
          ctx.stroke();
          continue;
        }
        ctx.arc(x, y, r - ring / 2, 0, 2 * Math.PI);
        ctx.lineWidth = ring;
        ctx.strokeStyle = colour(xy[i * 3 + 2]);
        ctx.stroke();
        if (faint) continue;
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.lineWidth = hair;
        ctx.strokeStyle = "#222";
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
  }

  /** Stand out the points with these indices (a confusion cell's), after draw(): the map and
   *  the other points fade behind a white veil; these are drawn again on top, each ringed in
   *  white and dark, a training point filled, a test point as its ring.
   *  @param {ArrayLike<number>} indices */
  highlight(indices) {
    if (!this.points || !indices.length) return;
    const { ctx, canvas } = this;
    const { xy, train, colour } = this.points;
    const [lo, hi] = this.domain;
    const W = canvas.width;
    const r = this.dotRadius(W) * 1.3;
    const w = Math.max(1.5, r / 3);
    ctx.fillStyle = "rgba(255, 255, 255, 0.72)";
    ctx.fillRect(0, 0, W, canvas.height);
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      if (i < 0 || i >= train.length) continue;
      const x = ((xy[i * 3] - lo) / (hi - lo)) * W;
      const y = ((hi - xy[i * 3 + 1]) / (hi - lo)) * canvas.height;
      for (const [stroke, width, radius] of [["#fff", w * 3, r + w], ["#111", w, r + w]]) {
        ctx.beginPath();
        ctx.arc(x, y, /** @type {number} */ (radius), 0, 2 * Math.PI);
        ctx.lineWidth = /** @type {number} */ (width);
        ctx.strokeStyle = /** @type {string} */ (stroke);
        ctx.stroke();
      }
      ctx.beginPath();
      ctx.arc(x, y, train[i] ? r : r - w, 0, 2 * Math.PI);
      if (train[i]) {
        ctx.fillStyle = colour(xy[i * 3 + 2]);
        ctx.fill();
      } else {
        ctx.lineWidth = w * 1.5;
        ctx.strokeStyle = colour(xy[i * 3 + 2]);
        ctx.stroke();
      }
    }
  }

  /** Mark the point with this index (the inspected one), after draw(): a wide dark-and-white
   *  double ring with short cross hairs, visible on any colour. */
  mark(index) {
    if (!this.points || index < 0 || index * 3 >= this.points.xy.length) return;
    const { ctx, canvas } = this;
    const [lo, hi] = this.domain;
    const x = ((this.points.xy[index * 3] - lo) / (hi - lo)) * canvas.width;
    const y = ((hi - this.points.xy[index * 3 + 1]) / (hi - lo)) * canvas.height;
    const r = this.dotRadius(canvas.width) * 2.6;
    const w = Math.max(2, r / 3.5);
    for (const [colour, width] of [["#fff", w * 2.2], ["#111", w]]) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = width;
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
        ctx.moveTo(x + dx * r * 1.35, y + dy * r * 1.35);
        ctx.lineTo(x + dx * r * 2.1, y + dy * r * 2.1);
      }
      ctx.stroke();
    }
  }
}
