// @ts-check
// The diagram's links (weights) and biases: what they hold (gaps[l].values, biases[l].values),
// where their neurons sit (anchors, measured at each layout), and the three parts that show them:
// the canvases (link-canvas.js), the keyboard's and screen reader's stand-ins (link-access.js)
// and the pointer's trace and tooltip (link-pointer.js). Owned by a NetworkView, which builds it
// with each new architecture and is its host: host.describe(ref) names a link (with what the
// step-through shows on it), host.activate(ref) is a click or Enter on one.
//
// Link refs here are {l, i, j} (weight layer, target, source; j = -1 the bias); the view's
// callbacks get {layer, i, j, value}.

import { curvePoint, gapStyle } from "../../domain/link-geometry.js";
import { LinkAccess } from "./link-access.js";
import { LinkCanvas } from "./link-canvas.js";
import { LinkPointer } from "./link-pointer.js";

/**
 * @typedef {{describe: (ref: {layer: number, i: number, j: number, value?: number}) => string,
 *   activate: (ref: {layer: number, i: number, j: number, value: number}) => void}} LinkHost
 * @typedef {{nIn: number, nOut: number, values: Float64Array, style: {min: number, max: number, alpha: number}}} Gap
 * @typedef {{els: HTMLElement[], values: Float64Array, cq: Int8Array}} Biases
 */

export class LinkLayer {
  /** @param {HTMLElement} root the diagram's box (its CSS gives the colours) @param {LinkHost} host */
  constructor(root, host) {
    this.root = root;
    this.host = host;
    /** @type {HTMLElement} */
    this.stage = root;
    /** @type {SVGSVGElement | null} */
    this.svg = null;
    /** @type {Gap[]} gaps[l]: weight layer l, values row-major (nOut, nIn) */
    this.gaps = [];
    /** @type {Biases[]} biases[l]: the target column's bias squares and values */
    this.biases = [];
    /** @type {number[][][]} anchors[c][k] = [left, right, middle y] of a node, stage px */
    this.anchors = [];
    this.canvas = new LinkCanvas(this);
    this.access = new LinkAccess(this);
    this.pointer = new LinkPointer(this);
  }

  /**
   * The links between the columns `cols` (node records: {canvas, bias}) of sizes `sizes`, all
   * weights 0, in `stage` under the `group` svg (named `name`).
   * @param {HTMLElement} stage @param {SVGSVGElement} group @param {any[][]} cols @param {number[]} sizes
   * @param {string} name
   */
  build(stage, group, cols, sizes, name) {
    this.stage = stage;
    this.svg = group;
    this.gaps = [];
    this.biases = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      this.gaps.push({ nIn, nOut, values: new Float64Array(nIn * nOut), style: gapStyle(nIn, nOut) });
      const els = cols[l + 1].map((node) => node.bias);
      els.forEach((b, i) => b.setAttribute("aria-label", this.host.describe({ layer: l, i, j: -1 })));
      this.biases.push({ els, values: new Float64Array(nOut), cq: new Int8Array(nOut).fill(-1) });
    }
    this.anchors = [];
    const canvases = this.canvas.build(this.gaps.length);
    stage.prepend(...canvases);
    group.setAttribute("aria-label", name);
    this.access.build(group);
    this.pointer.build(group, stage, canvases);

    const access = this.access;
    group.addEventListener("click", (e) => access.onClick(e));
    group.addEventListener("keydown", (e) => access.onKey(e));
    group.addEventListener("focusin", (e) => access.focused(e.target));
    group.addEventListener("focusout", () => this.pointer.hideTip());
    const isBias = (/** @type {any} */ e) => e.target.classList.contains("bp-bias");
    stage.addEventListener("click", (e) => {
      if (isBias(e)) access.onClick(e);
      else if (/** @type {any} */ (e.target).classList.contains("bp-net-canvas")) this.pointer.clickAt(e);
    });
    stage.addEventListener("keydown", (e) => isBias(e) && access.onKey(e));
    stage.addEventListener("focusin", (e) => isBias(e) && access.focused(e.target));
  }

  /** Link l, i, j's weight (j = -1: the bias). */
  valueOf(l, i, j) {
    return j < 0 ? this.biases[l].values[i] : this.gaps[l].values[i * this.gaps[l].nIn + j];
  }

  /** The link a stand-in element (bias square, hit path) stands for: {layer, i, j, value}. */
  refOf(elem) {
    const l = Number(elem.dataset.l);
    const i = Number(elem.dataset.i);
    const j = elem.classList.contains("bp-bias") ? -1 : Number(elem.dataset.j);
    return { layer: l, i, j, value: this.valueOf(l, i, j) };
  }

  /** The element standing for link {l, i, j} (see LinkAccess.element), or null. */
  element(ref) {
    return this.access.element(ref);
  }

  /** A point (stage px) at parameter t (0..1) along link {l, i, j}, or null. */
  point(ref, t) {
    const s = this.anchors[ref.l]?.[ref.j];
    const d = this.anchors[ref.l + 1]?.[ref.i];
    return s && d ? curvePoint(s, d, t) : null;
  }

  /**
   * weights[l]: (nOut, nIn) nested rows or one flat row-major typed array; biases[l]: (nOut,).
   * False (and nothing changes) if a shape does not match.
   */
  setWeights(weights, biases) {
    if (!weights || weights.length !== this.gaps.length) return false;
    for (let l = 0; l < this.gaps.length; l++) {
      const G = this.gaps[l];
      const W = /** @type {any} */ (weights[l]);
      const flat = ArrayBuffer.isView(W); // a flat Float64Array, or nested rows
      const rows = /** @type {{length: number}} */ (W).length;
      if (flat ? rows !== G.nOut * G.nIn : rows !== G.nOut) return false;
      if (!flat && G.nOut > 0 && W[0].length !== G.nIn) return false;
    }
    for (let l = 0; l < this.gaps.length; l++) {
      const G = this.gaps[l];
      const W = weights[l];
      if (ArrayBuffer.isView(W)) G.values.set(/** @type {any} */ (W));
      else for (let i = 0; i < G.nOut; i++) G.values.set(W[i], i * G.nIn);
      const B = this.biases[l];
      const b = biases ? biases[l] : null;
      if (!b) continue;
      for (let i = 0; i < B.els.length; i++) {
        const v = b[i];
        B.values[i] = v;
        const cq = v < 0 ? 0 : 1;
        if (cq !== B.cq[i]) {
          B.cq[i] = cq;
          B.els[i].classList.toggle("neg", !cq);
          B.els[i].classList.toggle("pos", !!cq);
        }
      }
    }
    this.canvas.queue();
    return true;
  }

  /** Measure where every neuron (node.canvas) of `cols` sits, size the svg and canvases, draw. */
  layout(cols) {
    if (!this.svg) return;
    const stage = this.stage;
    const box = stage.getBoundingClientRect();
    this.anchors = cols.map((col) =>
      col.map((node) => {
        const r = node.canvas.getBoundingClientRect();
        return [r.left - box.left, r.right - box.left, r.top - box.top + r.height / 2];
      }),
    );
    // the stage's own box (its columns): its scroll size would still hold the links' svg and
    // canvases at an older, wider size (a window narrowed from 1920 px)
    const w = Math.ceil(stage.offsetWidth);
    const h = Math.ceil(stage.offsetHeight);
    this.svg.setAttribute("width", String(w));
    this.svg.setAttribute("height", String(h));
    this.svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
    this.canvas.place(h);
    this.access.follow();
    this.canvas.cancel();
    this.canvas.draw();
  }

  /** Draw again (the colour scheme changed), if built. */
  redraw() {
    if (this.canvas.canvases.length) this.canvas.draw();
  }

  /** Dim gap l's canvas or not (the step-through). @param {(l: number) => boolean} dim */
  dimGaps(dim) {
    this.canvas.canvases.forEach((c, l) => c.classList.toggle("is-walk-dim", dim(l)));
  }

  cancel() {
    this.canvas.cancel();
  }
}
