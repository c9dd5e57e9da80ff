// @ts-check
// The data map: the network's output (or the focused neuron's or feature's picture) with the
// points on top, the inspected point marked; its axis ticks (x1, x2 over the view window) and
// its colour key (class swatches, or the value range the colours stand for).

import { highlighted } from "../domain/confusion.js";
import { featureGrid } from "../domain/features.js";
import { chartNumber, niceTicks } from "../domain/format.js";
import { neuronOffset } from "../domain/layout.js";
import { toFlat } from "../domain/points.js";
import { isCustom, problemOf, staleReason, viewOf } from "../app/store.js";
import { pointColour } from "../widgets/palette.js";
import { tr } from "./i18n.js";
import { pointsTableView } from "./points-table.js";

const FEATURE_CELLS = 60;

// the colour key's words: catalogue keys (key.*; a class's colour is ctl.class<k>)
const TEXT = {
  output: "key.output",
  neuron: "key.neuron",
  feature: "key.feature",
  x1: "x₁",
  x2: "x₂",
};

/**
 * @param {any} heatmap the Heatmap widget
 * @param {{onFirstMap?: () => void, onInspect?: (index: number) => void}} [opts]
 *   onInspect: a row of the points table under the map (a small data set's) was chosen
 * @returns {(s: any, prev: any) => void}
 */
export function mapView(heatmap, { onFirstMap = () => {}, onInspect = () => {} } = {}) {
  let legendKey = "";
  let axesDrawn = /** @type {number[] | null} */ (null); // the window the ticks were drawn for
  const table = pointsTableView(/** @type {HTMLElement} */ (document.getElementById("points-table")), onInspect);
  return (s, prev) => {
    table(s, prev);
    const view = viewOf(s);
    if (axesDrawn !== view && drawAxes(view)) axesDrawn = view;
    heatmap.domain = view;
    const sess = s.session;
    const stale = staleReason(s);
    const problem = problemOf(s);
    const rows = s.erasing || (isCustom(s) ? s.drawn : null);
    const rowsFlat = rows ? toFlat(rows) : null;
    const span = problem === "regression" ? valueSpan(rowsFlat || (sess && sess.points)) : 1;
    const colour = span === 1 ? pointColour(problem) : (/** @type {number} */ v) => pointColour(problem)(v / span);
    let xy = null;
    if (rows) {
      const n = rows.length;
      // until the engine answers, the points it has split keep their flags (a stroke appends)
      const known = !s.erasing && !stale && sess && sess.trainMask.length <= n ? sess.trainMask : null;
      const mask = new Uint8Array(n).fill(1);
      if (known) mask.set(known);
      xy = rowsFlat;
      heatmap.setPoints(xy, mask, colour);
    } else if (sess) {
      xy = sess.points;
      heatmap.setPoints(sess.points, sess.trainMask, colour);
    } else heatmap.setPoints(null);
    const g = s.grid;
    const focus = s.focus;
    const discrete = s.settings.discretize;
    // drawn test points stay in sight (faintly) with "Show test data" off: none vanishes
    heatmap.testStyle = s.settings.show_test ? "ring" : rows ? "faint" : "hidden";
    /** @type {{kind: string, lo?: number, hi?: number, classes?: number}} */
    let key;
    if (!sess || !g || stale) {
      heatmap.clear();
      key = problem === "regression" ? { kind: TEXT.output, lo: -span, hi: span } : { kind: "classes", classes: sess ? sess.classes : 2 };
    } else if (focus && focus.kind === "hidden" && s.neurons) {
      const values = s.neurons.neurons[neuronOffset(sess.layerSizes, focus.layer) + focus.index];
      heatmap.setValues(values, s.neurons.size, { discrete });
      key = { kind: TEXT.neuron, lo: -1, hi: 1 };
    } else if (focus && focus.kind === "feature") {
      heatmap.setValues(featureGrid(focus.feature, FEATURE_CELLS, view), FEATURE_CELLS, { discrete });
      key = { kind: TEXT.feature, lo: -1, hi: 1 };
    } else if (sess.classes > 2) {
      heatmap.setClasses(g.output, g.size, sess.classes, { discrete });
      key = { kind: "classes", classes: sess.classes };
    } else if (sess.problem === "regression") {
      heatmap.setValues(g.output, g.size, { lo: -span, hi: span, discrete });
      key = { kind: TEXT.output, lo: -span, hi: span };
    } else {
      heatmap.setValues(g.output, g.size, { lo: 0, hi: 1, discrete });
      key = { kind: "classes", classes: 2 };
    }
    const k = JSON.stringify([key, s.lang]);
    if (k !== legendKey) {
      legendKey = k;
      drawLegend(key, tr(s.lang));
    }
    if (g) onFirstMap();
    heatmap.resize();
    heatmap.draw();
    // a confusion cell's points (the box under the charts): the map's own numbers, so in step
    if (g && !stale && !s.erasing) heatmap.highlight(highlighted(g.confusion, sess, s.confusion));
    if (s.selected && s.selected.kind === "point" && sess) heatmap.mark(s.selected.index);
  };
}

/** The colour scale's half width: the largest |value| of the points' labels, at least 1. @param {ArrayLike<number> | null} xy */
function valueSpan(xy) {
  let m = 0;
  if (xy) for (let i = 2; i < xy.length; i += 3) if (Math.abs(xy[i]) > m) m = Math.abs(xy[i]);
  return Math.max(1, m); // data inside [-1, 1] keep the network's usual scale
}

/** A tick or key value with a true minus sign. @param {number} v */
const signed = (v) => chartNumber(v).replace("-", "−");

/** @param {string} tag @param {string} [cls] @param {string} [text] */
function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** @param {{kind: string, lo?: number, hi?: number, classes?: number}} key
 * @param {ReturnType<typeof tr>} t the page's language */
function drawLegend(key, t) {
  const box = document.getElementById("map-legend");
  if (!box) return;
  if (key.kind === "classes") {
    const items = [];
    for (let c = 0; c < (key.classes || 2); c++) {
      const item = el("span", `swatch c${c}`);
      item.appendChild(el("span", "", t.t("key.class", { colour: t.t(`ctl.class${c}`), k: c })));
      items.push(item);
    }
    box.replaceChildren(...items);
    box.dataset.kind = "classes";
    return;
  }
  box.replaceChildren(el("span", "legend-name", t.t(key.kind)), el("span", "legend-end", signed(key.lo ?? -1)),
    el("span", "legend-scale"), el("span", "legend-end", signed(key.hi ?? 1)));
  box.dataset.kind = "values";
}

/** Tick labels along the map's edges: x1 below, x2 on the left (the view window).
 * @param {number[]} view */
function drawAxes(view) {
  const below = document.getElementById("axis-x1");
  const left = document.getElementById("axis-x2");
  if (!below || !left) return false;
  const [lo, hi] = view;
  const ticks = niceTicks(lo, hi, 6).filter((t) => t >= lo && t <= hi);
  const at = (t) => `${((t - lo) / (hi - lo)) * 100}%`;
  below.replaceChildren(...ticks.map((t) => {
    const e = el("span", "tick", signed(t));
    e.style.left = at(t);
    return e;
  }), el("span", "axis-name", TEXT.x1));
  left.replaceChildren(...ticks.map((t) => {
    const e = el("span", "tick", signed(t));
    e.style.top = `calc(100% - ${at(t)})`;
    return e;
  }), el("span", "axis-name", TEXT.x2));
  return true;
}
