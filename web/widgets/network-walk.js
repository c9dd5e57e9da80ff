// @ts-check
// The step-through's overlay on the diagram (a NetworkView's setWalk): the parts of the current
// stage stand out, the rest is dimmed; neurons carry their numbers (z and a forward, delta
// backward) and the stage's links theirs (w × a, the delta flowing back w × δ, ∂L/∂w,
// w → w − lr ∂L/∂w). Every number is the scene's (domain/walk.js walkScene: bpcore's inspect).
// Labels go where they fit, the pointed-at or focused neuron's first, then the strongest links;
// pointing at a label, or at a neuron, shows full precision. A WalkOverlay is owned by a
// NetworkView and reads its columns (view.cols), stage and links (view.links: anchors, curves).

import { full, significant } from "../domain/format.js";
import { curvePath } from "../domain/link-geometry.js";
import { linkNumbers } from "../domain/walk.js";
import { el, svg } from "./dom.js";

const NARROW_PX = 600; // a window narrower than this (a phone) writes 3 significant digits, else 5
const MAX_LINK_LABELS = 48; // links tried per gap (the strongest first)
const MAX_FLOWS = 64; // paths carrying delta back, per gap
const CALLOUT_ROWS = 8; // rows of labels under the columns for links with no room along them
const T_CANDIDATES = [0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85];
const DY_CANDIDATES = [0, -9, 9, -17, 17];

export class WalkOverlay {
  /** @param {import("./network-view.js").NetworkView} view the diagram it lies on */
  constructor(view) {
    this.view = view;
    /** @type {any} the stage shown (domain/walk.js walkScene), or null */
    this.scene = null;
    /** @type {{c: number, k: number} | null} the neuron pointed at or focused while walking */
    this.focus = null;
    /** @type {HTMLElement | null} the labels' layer on the stage */
    this.layer = null;
  }

  /** Show a stage of the step-through (walkScene(state)), or nothing (null). */
  set(scene) {
    this.scene = scene;
    if (!scene) this.focus = null;
    this.render();
  }

  /** The neuron {c, k} pointed at or focused (null: none); drawn again if it changed. */
  setFocus(focus) {
    if (!this.scene || JSON.stringify(focus) === JSON.stringify(this.focus)) return;
    this.focus = focus;
    this.render(); // its numbers in full, its links labelled first
  }

  /** Draw the overlay for the scene (again: after a layout, a language or focus change). */
  render() {
    const view = this.view;
    this.layer?.remove();
    this.layer = null;
    const scene = this.scene;
    const fits = scene && view.arch && view.stage && view.links.anchors.length === view.cols.length &&
      scene.columns.length === view.cols.length && scene.columns.every((c, k) => c.n === view.cols[k].length);
    view.root.classList.toggle("is-walking", !!fits);
    for (const [c, col] of view.cols.entries()) {
      for (const node of col) {
        node.el.classList.toggle("is-walk-dim", !!fits && !scene.columns[c].active);
        node.el.removeAttribute("aria-description");
      }
    }
    view.links.dimGaps((l) => !!fits && !scene.gaps[l].active);
    if (!fits) return;

    const t = view.t;
    const anchors = view.links.anchors;
    const digits = window.innerWidth < NARROW_PX ? 3 : 5;
    const layer = el("div", "bp-walk");
    layer.setAttribute("aria-hidden", "true"); // the neurons' descriptions and the walk bar say it
    const flows = svg("svg", "bp-walk-flows");
    flows.setAttribute("width", view.svg.getAttribute("width") || "0");
    flows.setAttribute("height", view.svg.getAttribute("height") || "0");
    layer.append(flows);
    view.stage.append(layer);
    this.layer = layer;
    /** @type {number[][]} placed label rectangles [x0, y0, x1, y1] */
    const taken = [];
    for (const col of view.cols) {
      for (const node of col) {
        const r = box(view.stage, node.canvas);
        taken.push([r.left, r.top, r.right, r.bottom]);
      }
    }
    const focus = this.focus; // {c, k} of the neuron pointed at or focused, or null

    // neurons: the focused one first, then in order; a label that does not fit is left out
    scene.columns.forEach((col, c) => {
      if (!col.shows) return;
      const order = [...Array(col.n).keys()];
      if (focus && focus.c === c) order.unshift(...order.splice(focus.k, 1));
      for (const k of order) {
        const lines = neuronLines(scene, c, k, t);
        const exact = lines.map(([key, v]) => t(key, { v: full(v) })).join(t("walk.sep"));
        const node = view.cols[c][k];
        node.el.setAttribute("aria-description", exact);
        const mine = !!focus && focus.c === c && focus.k === k;
        const label = el("div", "bp-walk-n");
        const layer0 = scene.stage.layer;
        if ((layer0 !== null && c === layer0 + 1) || (scene.stage.phase === "loss" && c === scene.L)) label.classList.add("is-now");
        for (const [key, v] of lines) label.append(el("div", undefined, t(key, { v: mine ? full(v) : significant(v, digits) })));
        label.title = exact;
        layer.append(label);
        const a = anchors[c][k];
        const w = label.offsetWidth;
        const h = label.offsetHeight;
        // on the neuron, else beside or below it: a label may cover pictures, never another label
        const spots = [[(a[0] + a[1]) / 2 - w / 2, a[2] - h / 2], [a[1] + 2, a[2] - h / 2], [a[0] - w - 2, a[2] - h / 2],
          [(a[0] + a[1]) / 2 - w / 2, a[2] + h / 3], [a[1] + 2, a[2]], [(a[0] + a[1]) / 2 - w / 2, a[2] - h]];
        const rect = spots.map(([x, y]) => [x, y, x + w, y + h]).find((r) => mine || !taken.some((q) => isLabel(q) && overlaps(q, r)));
        if (!rect) {
          label.remove();
          continue;
        }
        label.style.left = `${rect[0]}px`;
        label.style.top = `${rect[1]}px`;
        rect.push(1); // marks a label
        taken.push(rect);
      }
    });

    // links of the stage's gaps, and delta flowing back
    for (const gap of scene.gaps) {
      if (!gap.active || gap.shows === "w") continue;
      const order = linkOrder(gap, focus);
      let tried = 0;
      for (const [i, j] of order) {
        if (tried++ >= MAX_LINK_LABELS) break;
        this.placeLinkLabel(flows, taken, gap, i, j, digits);
      }
      if (gap.shows === "w*delta") {
        order.slice(0, MAX_FLOWS).forEach(([i, j]) => {
          const s = anchors[gap.l]?.[j];
          const d = anchors[gap.l + 1]?.[i];
          if (!s || !d) return;
          const p = svg("path", "bp-walk-flow");
          p.setAttribute("d", curvePath(s, d));
          flows.append(p);
        });
      }
    }
  }

  /** What link {layer, i, j} carries at the step-through's stage, in full, or null (none shown). */
  linkText(ref) {
    const gap = this.scene?.gaps?.[ref.layer];
    if (!gap || gap.shows === "w" || ref.j < 0 || ref.i >= gap.nOut || ref.j >= gap.nIn) return null;
    return linkWords(this.view.t, gap, ref.i, ref.j, full);
  }

  /** A link's label at the first spot along it where it overlaps nothing, else a callout, else none. */
  placeLinkLabel(flows, taken, gap, i, j, digits) {
    const view = this.view;
    const layer = /** @type {HTMLElement} */ (this.layer);
    const focus = this.focus;
    const t = view.t;
    const mine = !!focus && ((focus.c === gap.l + 1 && focus.k === i) || (focus.c === gap.l && focus.k === j));
    const say = (/** @type {(v: number) => string} */ f) => linkWords(t, gap, i, j, f);
    const short = (/** @type {number} */ v) => (mine ? full(v) : significant(v, digits));
    const label = el("div", `bp-walk-l is-${gap.shows === "w*a" ? "wa" : gap.shows === "w*delta" ? "wd" : gap.shows}`, say(short));
    label.title = say(full);
    label.dataset.l = String(gap.l);
    label.dataset.i = String(i);
    label.dataset.j = String(j);
    label.addEventListener("mouseenter", () => { label.textContent = say(full); });
    label.addEventListener("mouseleave", () => { label.textContent = say(short); });
    layer.append(label);
    const w = label.offsetWidth;
    const h = label.offsetHeight;
    const src = view.links.anchors[gap.l];
    const dst = view.links.anchors[gap.l + 1];
    const lo = Math.min(...src.map((/** @type {number[]} */ a) => a[1])) - 6;
    const hi = Math.max(...dst.map((/** @type {number[]} */ a) => a[0])) + 6;
    for (const tt of T_CANDIDATES) {
      const p = view.links.point({ l: gap.l, i, j }, tt);
      if (!p) break;
      for (const dy of DY_CANDIDATES) {
        const x = Math.max(lo, Math.min(hi - w, p.x - w / 2));
        const y = p.y - h / 2 + dy;
        const rect = [x, y, x + w, y + h];
        if (taken.some((q) => overlaps(q, rect))) continue;
        label.style.left = `${x}px`;
        label.style.top = `${y}px`;
        rect.push(1);
        taken.push(rect);
        return;
      }
    }
    // no room along the link: a callout under the two columns, with a line to the link's middle
    const mid = view.links.point({ l: gap.l, i, j }, 0.5);
    const floor = Math.max(...src.map((/** @type {number[]} */ a) => a[2]), ...dst.map((/** @type {number[]} */ a) => a[2])) + 30;
    const left = Math.min(...src.map((/** @type {number[]} */ a) => a[0]));
    const right = Math.max(...dst.map((/** @type {number[]} */ a) => a[1]));
    for (let row = 0; mid && row < CALLOUT_ROWS; row++) {
      const y = floor + row * (h + 3);
      for (const x of [mid.x - w / 2, lo, hi - w, left, right - w]) {
        const xx = Math.max(left, Math.min(right - w, x));
        const rect = [xx, y, xx + w, y + h];
        if (taken.some((q) => overlaps(q, rect))) continue;
        label.style.left = `${xx}px`;
        label.style.top = `${y}px`;
        rect.push(1);
        taken.push(rect);
        const line = svg("line", `bp-walk-leader is-${label.classList[1].slice(3)}`);
        line.setAttribute("x1", String(xx + w / 2));
        line.setAttribute("y1", String(y));
        line.setAttribute("x2", String(mid.x));
        line.setAttribute("y2", String(mid.y));
        flows.append(line);
        return;
      }
    }
    label.remove(); // no room: the link's tooltip and the inspector still have it
  }
}

/** The lines a neuron's label shows: [catalogue key, value]. */
function neuronLines(scene, c, k, t) {
  const col = scene.columns[c];
  const out = c === scene.L;
  if (c === 0) return [["walk.n_x", col.a[k]]];
  const aKey = out ? "walk.n_y" : "walk.n_a";
  if (col.shows === "z,a") return [["walk.n_z", col.z[k]], [aKey, col.a[k]]];
  if (col.shows === "a") {
    if (out && scene.stage.phase === "loss") return [[aKey, col.a[k]], ["walk.n_t", col.target[k]]];
    return [[aKey, col.a[k]]];
  }
  const now = scene.stage.phase === "backward" && c === scene.stage.layer + 1;
  if (now && !out && col.backprop && col.dfz) {
    return [["walk.n_back", col.backprop[k]], ["walk.n_df", col.dfz[k]], ["walk.n_delta", col.delta[k]]];
  }
  return [["walk.n_delta", col.delta[k]]];
}

/** The links of a gap in the order they get a label: the focused neuron's, then by size. */
function linkOrder(gap, focus) {
  const main = (/** @type {number} */ i, /** @type {number} */ j) => {
    const n = linkNumbers(gap, i, j);
    return Math.abs(n.wa ?? n.wd ?? n.dw ?? n.w);
  };
  const all = [];
  for (let i = 0; i < gap.nOut; i++) for (let j = 0; j < gap.nIn; j++) all.push([i, j, main(i, j)]);
  const touches = (/** @type {number[]} */ x) =>
    !!focus && ((focus.c === gap.l + 1 && focus.k === x[0]) || (focus.c === gap.l && focus.k === x[1]));
  // the few links of small gaps in reading order; the strongest first in wide ones
  const small = gap.nIn * gap.nOut <= 6;
  all.sort((a, b) => Number(touches(b)) - Number(touches(a)) || (small ? 0 : b[2] - a[2]));
  return all.map((x) => [x[0], x[1]]);
}

/** A link's numbers at the stage in words, each number written by `f`. */
function linkWords(t, gap, i, j, /** @type {(v: number) => string} */ f) {
  const n = /** @type {Record<string, number>} */ (linkNumbers(gap, i, j));
  if (gap.shows === "w*a") return t("walk.l_wa", { w: f(n.w), a: f(n.a), wa: f(n.wa) });
  if (gap.shows === "w*delta") return t("walk.l_wd", { w: f(n.w), delta: f(n.delta), wd: f(n.wd) });
  if (gap.shows === "dw") return t("walk.l_dw", { dw: f(n.dw) });
  return t("walk.l_update", { w: f(n.w), after: f(n.after) });
}

/** elem's box in `stage` px. */
function box(stage, elem) {
  const s = stage.getBoundingClientRect();
  const r = elem.getBoundingClientRect();
  return { left: r.left - s.left, top: r.top - s.top, right: r.right - s.left, bottom: r.bottom - s.top };
}

const isLabel = (/** @type {number[]} */ q) => q.length > 4;

/** @param {number[]} a @param {number[]} b */
function overlaps(a, b) {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}
