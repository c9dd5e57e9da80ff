// @ts-check
// The links' pixels: one canvas per gap between columns, under the neurons (width by |weight|,
// orange negative, blue positive). The largest network has ~37,000 links, far too many for one
// DOM node each; they are stroked in batches of one colour and width (domain/link-geometry.js),
// a few gaps per animation frame, and while the weights change fast the redraws take at most
// DRAW_SHARE of the main thread. Part of a LinkLayer (link-layer.js).

import { batchLooks, widthBatches } from "../../domain/link-geometry.js";
import { el } from "../dom.js";

const DRAW_SHARE = 0.1; // redraws while training take at most this share of the main thread
const FRAME_MS = 12; // drawing the links: at most about this much per animation frame

export class LinkCanvas {
  /** @param {import("./link-layer.js").LinkLayer} links the layer whose gaps and anchors it draws */
  constructor(links) {
    this.links = links;
    /** @type {HTMLCanvasElement[]} one per gap, each drawn (and rasterised) in its own frame */
    this.canvases = [];
    this.dpr = 1;
    this.drawFrame = 0; // the animation frame of a draw under way
    this.drawTimer = 0; // a draw held back to keep within DRAW_SHARE
    this.dirty = false; // the weights changed while a draw was under way
    this.drawnAt = -Infinity;
    this.drawCost = 0; // ms the last full draw took
  }

  /** New canvases for `count` gaps (not yet in the page), the old ones dropped. */
  build(count) {
    this.cancel();
    this.drawnAt = -Infinity;
    this.drawCost = 0;
    this.canvases = Array.from({ length: count }, () => {
      const c = el("canvas", "bp-net-canvas");
      c.setAttribute("aria-hidden", "true");
      return c;
    });
    return this.canvases;
  }

  /** Size gap l's canvas to the span of its columns (and a margin), `height` stage px tall. */
  place(height) {
    const { anchors } = this.links;
    this.dpr = Math.min(2, window.devicePixelRatio || 1);
    this.canvases.forEach((c, l) => {
      // from the left column's right edges to the right column's left edges
      const src = anchors[l];
      const dst = anchors[l + 1];
      const x0 = Math.floor(Math.min(...src.map((a) => a[1]), ...dst.map((a) => a[0])) - 4);
      const x1 = Math.ceil(Math.max(...dst.map((a) => a[0]), ...src.map((a) => a[1])) + 4);
      c.style.left = `${x0}px`;
      c.style.width = `${x1 - x0}px`;
      c.style.height = `${height}px`;
      c.width = Math.round((x1 - x0) * this.dpr);
      c.height = Math.round(height * this.dpr);
      c.dataset.x = String(x0);
    });
  }

  /** Redraw soon; while the weights change fast, keep redraws within DRAW_SHARE of the time. */
  queue() {
    if (this.drawFrame) this.dirty = true; // a draw is under way: it starts over when done
    if (this.drawFrame || this.drawTimer) return;
    const wait = this.drawnAt + this.drawCost / DRAW_SHARE - performance.now();
    if (wait > 0) this.drawTimer = window.setTimeout(() => this.draw(), wait);
    else this.draw();
  }

  cancel() {
    if (this.drawFrame) cancelAnimationFrame(this.drawFrame);
    if (this.drawTimer) clearTimeout(this.drawTimer);
    this.drawFrame = this.drawTimer = 0;
  }

  /**
   * Draw every gap's links, a few gaps per animation frame (~FRAME_MS of drawing each), so the
   * largest network never holds the main thread long: its ~37,000 links take ~100-300 ms.
   */
  draw() {
    this.cancel();
    this.dirty = false;
    const colour = this.colours();
    const count = this.links.gaps.length;
    let l = 0;
    let spent = 0;
    const step = () => {
      this.drawFrame = 0;
      const t0 = performance.now();
      while (l < count) {
        this.drawGap(l++, colour);
        if (performance.now() - t0 > FRAME_MS) break;
      }
      spent += performance.now() - t0;
      if (l < count) this.drawFrame = requestAnimationFrame(step);
      else {
        this.drawnAt = performance.now();
        this.drawCost = spent;
        if (this.dirty) this.queue();
      }
    };
    step();
  }

  /** @returns {[string, string]} the negative and positive colours (CSS: light or dark) */
  colours() {
    const cs = getComputedStyle(this.links.root);
    return [cs.getPropertyValue("--bpw-negative").trim() || "#f59322", cs.getPropertyValue("--bpw-positive").trim() || "#0877bd"];
  }

  /** One gap's links, batched by colour and width step: one stroke() per batch. */
  drawGap(l, [neg, pos]) {
    const canvas = this.canvases[l];
    const gap = this.links.gaps[l];
    const src = this.links.anchors[l];
    const dst = this.links.anchors[l + 1];
    if (!canvas || !src || !dst) return;
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
    const dpr = this.dpr;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(dpr, 0, 0, dpr, -Number(canvas.dataset.x) * dpr, 0);
    ctx.lineCap = gap.style.max > 2 ? "round" : "butt";
    const { order, starts } = widthBatches(gap.values);
    for (const { b, positive, width, alpha } of batchLooks(gap.style)) {
      if (starts[b] === starts[b + 1]) continue;
      ctx.strokeStyle = positive ? pos : neg;
      ctx.lineWidth = width;
      ctx.globalAlpha = alpha;
      ctx.beginPath();
      for (let m = starts[b]; m < starts[b + 1]; m++) {
        const k = order[m];
        const i = Math.floor(k / gap.nIn);
        const s = src[k - i * gap.nIn];
        const d = dst[i];
        ctx.moveTo(s[1], s[2]);
        const mx = (s[1] + d[0]) / 2; // the curve of domain/link-geometry.js
        ctx.bezierCurveTo(mx, s[2], mx, d[2], d[0], d[2]);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }
}
