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
const REORDERS = 24; // other orders tried for a small gap whose labels do not all fit (4! = 24)
const CALLOUT_ROWS = 8; // rows of labels under the columns for links with no room along them
// where along a link its label is tried: the middle first, then outwards
const T_CANDIDATES = [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9];
// ... and up or down (a share of its height) only so far that the link still runs through it
// (further, it sat on a neighbour's link: "0.5→0.49688" read as the 0.4 link's)
const DY_CANDIDATES = [0, -0.2, 0.2, -0.38, 0.38];

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
    this.markDropped(fits ? scene : null);
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
        const exact = neuronLines(scene, c, k, false).map(([key, v, after]) => t(key, { v: full(v), after: full(after) })).join(t("walk.sep"));
        const lines = neuronLines(scene, c, k, digits < 5);
        const node = view.cols[c][k];
        const dropped = node.el.dataset.dropped; // dropout: said first
        node.el.setAttribute("aria-description", dropped ? dropped + t("walk.sep") + exact : exact);
        const mine = !!focus && focus.c === c && focus.k === k;
        const label = el("div", "bp-walk-n");
        const layer0 = scene.stage.layer;
        if ((layer0 !== null && c === layer0 + 1) || (scene.stage.phase === "loss" && c === scene.L)) label.classList.add("is-now");
        const f = (/** @type {number} */ v) => (mine ? full(v) : significant(v, digits));
        for (const [key, v, after] of lines) label.append(el("div", undefined, t(key, { v: f(v), after: f(after) })));
        label.title = exact;
        layer.append(label);
        const a = anchors[c][k];
        const w = label.offsetWidth;
        const h = label.offsetHeight;
        // on the neuron, else beside or below it: a label may cover pictures, never another label
        const spots = [[(a[0] + a[1]) / 2 - w / 2, a[2] - h / 2], [a[1] + 2, a[2] - h / 2], [a[0] - w - 2, a[2] - h / 2],
          [(a[0] + a[1]) / 2 - w / 2, a[2] + h / 3], [a[1] + 2, a[2]], [(a[0] + a[1]) / 2 - w / 2, a[2] - h]];
        const inside = (/** @type {number} */ x) => Math.max(0, Math.min(view.stage.clientWidth - w, x)); // never cut at the edge
        const rect = spots.map(([x, y]) => [inside(x), y, inside(x) + w, y + h]).find((r) => mine || !taken.some((q) => isLabel(q) && overlaps(q, r)));
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
      const place = (/** @type {number[][]} */ links) => {
        const mark = { taken: taken.length, flows: flows.childElementCount, layer: layer.childElementCount };
        const missed = links.slice(0, MAX_LINK_LABELS).filter(([i, j]) => this.placeLinkLabel(flows, taken, gap, i, j, digits) !== "link");
        const undo = () => {
          taken.length = mark.taken;
          while (flows.childElementCount > mark.flows) flows.lastElementChild?.remove();
          while (layer.childElementCount > mark.layer) layer.lastElementChild?.remove();
        };
        return { missed, undo };
      };
      // greedy, in order; where some label found no room on its link in a small gap (crossing
      // links take each other's spots), other orders too, up to REORDERS: the best is drawn
      const first = place(order);
      if (first.missed.length && order.length <= 6) {
        first.undo();
        let best = { order, missed: first.missed.length };
        for (const other of orders(order, REORDERS)) {
          const layout = place(other);
          layout.undo();
          if (layout.missed.length < best.missed) best = { order: other, missed: layout.missed.length };
          if (!best.missed) break;
        }
        place(best.order);
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

  /** Mark the neurons the step's dropout drops (scene null: none), named for a screen reader. */
  markDropped(scene) {
    for (const [c, col] of this.view.cols.entries()) {
      const dropped = scene?.columns[c]?.dropped;
      for (const [k, node] of col.entries()) {
        const on = !!dropped?.[k];
        node.el.classList.toggle("is-dropped", on);
        if (on) {
          node.el.dataset.dropped = this.view.t("dropout.dropped");
          node.el.setAttribute("aria-description", node.el.dataset.dropped);
        } else delete node.el.dataset.dropped;
      }
    }
  }

  /** What link {layer, i, j} carries at the step-through's stage, in full, or null (none shown). */
  linkText(ref) {
    const gap = this.scene?.gaps?.[ref.layer];
    if (!gap || gap.shows === "w" || ref.j < 0 || ref.i >= gap.nOut || ref.j >= gap.nIn) return null;
    return linkWords(this.view.t, gap, ref.i, ref.j, full);
  }

  /** A link's label at the first spot along it where it overlaps nothing, else a callout, else
   * none: which ("link" | "callout" | "none"). */
  placeLinkLabel(flows, taken, gap, i, j, digits) {
    const view = this.view;
    const layer = /** @type {HTMLElement} */ (this.layer);
    const focus = this.focus;
    const t = view.t;
    const mine = !!focus && ((focus.c === gap.l + 1 && focus.k === i) || (focus.c === gap.l && focus.k === j));
    const narrow = digits < 5; // a phone: the number alone on a dL/dw label (the walk bar names it)
    const say = (/** @type {(v: number) => string} */ f, brief = false) => linkWords(t, gap, i, j, f, brief);
    const short = (/** @type {number} */ v) => (mine ? full(v) : significant(v, digits));
    const label = el("div", `bp-walk-l is-${gap.shows === "w*a" ? "wa" : gap.shows === "w*delta" ? "wd" : gap.shows}`, say(short, narrow));
    label.title = say(full);
    label.dataset.l = String(gap.l);
    label.dataset.i = String(i);
    label.dataset.j = String(j);
    label.addEventListener("mouseenter", () => { label.textContent = say(full); });
    label.addEventListener("mouseleave", () => { label.textContent = say(short, narrow); });
    layer.append(label);
    const w = label.offsetWidth;
    const h = label.offsetHeight;
    const src = view.links.anchors[gap.l];
    const dst = view.links.anchors[gap.l + 1];
    const lo = Math.min(...src.map((/** @type {number[]} */ a) => a[1])) - 6;
    const hi = Math.max(...dst.map((/** @type {number[]} */ a) => a[0])) + 6;
    // on the link, between the columns; where the gap is too narrow for that (a phone), on the
    // link over the neurons' pictures (never over another label)
    const stageWidth = view.stage.clientWidth;
    for (const cover of [false, true]) {
      for (const tt of T_CANDIDATES) {
        const p = view.links.point({ l: gap.l, i, j }, tt);
        if (!p) break;
        // centred on the point; covering, also to either side of it (the link still runs through)
        const xs = cover ? [p.x - w / 2, p.x - w + 6, p.x - 6] : [Math.max(lo, Math.min(hi - w, p.x - w / 2))];
        for (const dy of DY_CANDIDATES) {
          for (const x0 of xs) {
            const x = Math.max(0, Math.min(stageWidth - w, x0));
            const y = p.y - h / 2 + dy * h;
            const rect = [x, y, x + w, y + h];
            if (x > p.x || x + w < p.x || taken.some((q) => (!cover || isLabel(q)) && overlaps(q, rect))) continue;
            label.style.left = `${x}px`;
            label.style.top = `${y}px`;
            rect.push(1);
            taken.push(rect);
            return "link";
          }
        }
      }
    }
    // no room along the link: a callout under the two columns, with a line to the link's middle;
    // not on a phone, where it would land far from its link (the inspector lists every number)
    const mid = narrow ? null : view.links.point({ l: gap.l, i, j }, 0.5);
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
        return "callout";
      }
    }
    label.remove(); // no room: the link's tooltip and the inspector still have it
    return "none";
  }
}

/** Up to `limit` other orders of `items` (permutations, the given one left out). @template T
 * @param {T[]} items @param {number} limit @returns {T[][]} */
function orders(items, limit) {
  const out = [];
  const walk = (/** @type {T[]} */ head, /** @type {T[]} */ rest) => {
    if (out.length >= limit + 1) return;
    if (!rest.length) {
      out.push(head);
      return;
    }
    rest.forEach((x, k) => walk([...head, x], [...rest.slice(0, k), ...rest.slice(k + 1)]));
  };
  walk([], items);
  return out.slice(1, limit + 1); // the first is the given order
}

/** The lines a neuron's label shows: [catalogue key, value(, value after the step)]; `brief`
 * (a phone): a backward stage's δ without the two factors it is made of (its title has them). */
function neuronLines(scene, c, k, brief) {
  const col = scene.columns[c];
  const out = c === scene.L;
  if (c === 0) return [["walk.n_x", col.a[k]]];
  const aKey = out ? "walk.n_y" : "walk.n_a";
  if (col.shows === "z,a") return [["walk.n_z", col.z[k]], [aKey, col.a[k]]];
  if (col.shows === "a") {
    if (out && scene.stage.phase === "loss") return [[aKey, col.a[k]], ["walk.n_t", col.target[k]]];
    return [[aKey, col.a[k]]];
  }
  // the update: each neuron's bias steps too (b ← b − η δ), as the lesson says
  const gap = scene.gaps[c - 1];
  if (scene.stage.phase === "update" && gap?.b && gap?.bAfter) {
    return [["walk.n_b", gap.b[k], gap.bAfter[k]]]; // (its δ was shown at its backward stage)
  }
  const now = scene.stage.phase === "backward" && c === scene.stage.layer + 1;
  if (now && !out && col.backprop && col.dfz && !brief) {
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

/** A link's numbers at the stage in words, each number written by `f` (`brief`: a dL/dw as its
 * number alone). */
function linkWords(t, gap, i, j, /** @type {(v: number) => string} */ f, brief = false) {
  const n = /** @type {Record<string, number>} */ (linkNumbers(gap, i, j));
  if (gap.shows === "w*a") return t("walk.l_wa", { w: f(n.w), a: f(n.a), wa: f(n.wa) });
  if (gap.shows === "w*delta") return t("walk.l_wd", { w: f(n.w), delta: f(n.delta), wd: f(n.wd) });
  if (gap.shows === "dw") return brief ? f(n.dw) : t("walk.l_dw", { dw: f(n.dw) });
  return t("walk.l_update", { w: f(n.w), after: f(n.after) });
}

/** elem's box in `stage` px. */
function box(stage, elem) {
  const s = stage.getBoundingClientRect();
  const r = elem.getBoundingClientRect();
  return { left: r.left - s.left, top: r.top - s.top, right: r.right - s.left, bottom: r.bottom - s.top };
}

const isLabel = (/** @type {number[]} */ q) => q.length > 4;

const APART = 2; // px between two labels at the least (touching, they read as one)

/** Whether two rectangles overlap or come closer than APART. @param {number[]} a @param {number[]} b */
function overlaps(a, b) {
  return a[0] < b[2] + APART && b[0] < a[2] + APART && a[1] < b[3] + APART && b[1] < a[3] + APART;
}
