// @ts-check
// The diagram's columns as DOM: the layer bar (+/- layer), the input-feature tiles, one column
// per hidden layer (+/- neuron, its size, its activation, its neurons), the output with what each
// neuron stands for; their widths fitted to the box (domain/column-width.js), and the neurons'
// pictures. Node records: {el, canvas, ref, bias?} (canvas: the picture, or the neuron's own box
// when it has none). Words: catalogue keys "net.*", said by the translator `tr` given.
// Part of a NetworkView (network-view.js), which wires the events.

import { clampColumn, columnShare, guessColumns, MIN_COL, NARROW_COL, shrinkColumns } from "../../domain/column-width.js";
import { featureGrid, featureInfo } from "../../domain/features.js";
import { title as choiceTitle } from "../../domain/format.js";
import { SETTINGS } from "../../domain/settings.js";
import { button, el, setUnavailable } from "../dom.js";
import { CLASS_TABLES, DIVERGING, classColour, paintCanvas, paintValues } from "../palette.js";

/** The activation choices, in the settings table's order (as the page's own select). */
const ACTIVATIONS = SETTINGS.get("activation").choices;
/** The dropout rates offered per layer, 0 to the table's most. */
const DROPOUT_HI = SETTINGS.get("dropout").hi;
const DROPOUT_STEPS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].filter((p) => p <= DROPOUT_HI);
const FEATURE_GRID = 24;
export const NO_THUMBS = 32; // a layer wider than this shows no pictures (the big map still does, on hover)
export const ROVING_NEURONS = 16; // a layer wider than this is one tab stop (arrow keys move within)

/** Node size class of a layer of n neurons: smaller pictures for wide layers. */
function density(n) {
  return n > 32 ? "is-densest" : n > 16 ? "is-denser" : n > 8 ? "is-dense" : "";
}

/** Paint an n x n grid of values into a node's canvas through a colour table. */
function paint(node, n, data, offset, lo, hi, table) {
  paintCanvas(node.canvas, n, (px) => paintValues(px, data, { offset, lo, hi, table }));
}

/** A feature's or an activation's name in `tr`'s language. */
export const featureName = (tr, name) => (tr.has(`feature.${name}`) ? tr.t(`feature.${name}`) : featureInfo(name).spoken);
const choiceName = (tr, value) => (tr.has(`choice.${value}`) ? tr.t(`choice.${value}`) : choiceTitle(value));

/** A column's title with its hint. */
function header(text, hint) {
  const head = el("div", "bp-net-head");
  const t = el("div", "bp-net-title", text);
  t.title = hint;
  head.append(t);
  return head;
}

/** The bar above: + layer, - layer, how many. onChange(+1 | -1). */
export function layerBar(tr, L, maxLayers, onChange) {
  const bar = el("div", "bp-net-bar");
  const add = button("bp-net-btn", "+", tr.t("net.add_layer"), "add-layer");
  const remove = button("bp-net-btn", "−", tr.t("net.remove_layer"), "remove-layer");
  setUnavailable(add, L >= maxLayers);
  setUnavailable(remove, L <= 0);
  add.addEventListener("click", () => onChange(+1));
  remove.addEventListener("click", () => onChange(-1));
  bar.append(add, remove, el("span", "bp-net-count", tr.t("net.layers", { count: L })));
  return bar;
}

/**
 * The input features' column: every tile of allFeatures (a toggle, onToggle(name)); the active
 * ones are nodes (returned in order), wired by wire(elem, ref).
 */
export function featureColumn(tr, arch, onToggle, wire) {
  const col = el("div", "bp-net-col bp-net-features");
  col.append(header(tr.t("net.features"), tr.t("net.features_hint")));
  const tiles = el("div", "bp-net-nodes");
  const nodes = [];
  for (const name of arch.allFeatures) {
    const on = arch.features.includes(name);
    const b = button("bp-feature", undefined, featureName(tr, name), `feature-${name}`);
    b.setAttribute("aria-pressed", String(on));
    const lab = el("span", "bp-feature-label", featureInfo(name).label);
    lab.setAttribute("aria-hidden", "true");
    const canvas = el("canvas", "bp-thumb");
    const node = { el: b, canvas, ref: null };
    b.append(lab, canvas);
    b.addEventListener("click", () => onToggle(name));
    paint(node, FEATURE_GRID, featureGrid(name, FEATURE_GRID), 0, -1, 1, DIVERGING);
    tiles.append(b);
    if (on) {
      node.ref = { kind: "feature", layer: -1, index: nodes.length, feature: name };
      wire(b, node.ref, false);
      nodes.push(node);
    }
  }
  col.append(tiles);
  return { col, nodes };
}

/** A neuron: focusable, with its picture (unless `picture` is false) and its bias square. */
function neuron(parent, ref, biasLayer, label, key, roving, picture, wire) {
  const wrap = el("div", "bp-neuron");
  wrap.tabIndex = roving ? -1 : 0;
  wrap.setAttribute("role", "button");
  wrap.setAttribute("aria-label", label);
  wrap.dataset.key = key;
  // a neuron without a picture is a plain square (its links start at its own box)
  const canvas = picture ? el("canvas", "bp-thumb") : wrap;
  const bias = el("span", "bp-bias");
  bias.dataset.l = String(biasLayer);
  bias.dataset.i = String(ref.index);
  bias.setAttribute("role", "button");
  bias.tabIndex = -1;
  if (picture) wrap.append(canvas);
  wrap.append(bias);
  parent.append(wrap);
  wire(wrap, ref, true);
  return { el: wrap, canvas, ref, bias };
}

/**
 * Hidden layer l of n neurons: +/- neuron (onNeurons(l, ±1)), its size, its activation select
 * (`current`; onActivation(l, name)), its dropout rate's select (`rate`; onDropout(l, rate)),
 * its neurons.
 */
export function hiddenColumn(tr, l, n, { maxNeurons, current, rate, onNeurons, onActivation, onDropout }, wire) {
  const col = el("div", "bp-net-col bp-net-hidden");
  if (density(n)) col.classList.add(density(n));
  const head = el("div", "bp-net-head");
  const pm = el("div", "bp-net-pm");
  const plus = button("bp-net-btn small", "+", tr.t("net.add_neuron", { layer: l + 1 }), `add-neuron-${l}`);
  const minus = button("bp-net-btn small", "−", tr.t("net.remove_neuron", { layer: l + 1 }), `remove-neuron-${l}`);
  setUnavailable(plus, n >= maxNeurons);
  setUnavailable(minus, n <= 1);
  plus.addEventListener("click", () => onNeurons(l, +1));
  minus.addEventListener("click", () => onNeurons(l, -1));
  pm.append(plus, minus);
  // the full title, and the bare count that narrow columns show instead
  const title = el("div", "bp-net-title");
  title.append(el("span", "bp-net-long", tr.t("net.neurons", { count: n })), el("span", "bp-net-short", String(n)));
  title.title = tr.t("net.neurons", { count: n });
  title.lastElementChild?.setAttribute("aria-hidden", "true");
  const sel = el("select", "bp-net-act");
  sel.setAttribute("aria-label", tr.t("net.activation", { layer: l + 1 }));
  sel.dataset.key = `activation-${l}`;
  for (const value of ACTIVATIONS) {
    const o = el("option", undefined, choiceName(tr, value));
    o.value = value;
    o.selected = value === current;
    sel.append(o);
  }
  sel.title = choiceName(tr, current);
  sel.addEventListener("change", () => onActivation(l, sel.value));
  head.append(pm, title, sel, dropoutSelect(tr, l, rate, onDropout));
  col.append(head);
  const box = el("div", "bp-net-nodes");
  const nodes = [];
  for (let i = 0; i < n; i++) {
    const ref = { kind: "hidden", layer: l, index: i };
    const label = tr.t("net.neuron", { layer: l + 1, index: i + 1 });
    nodes.push(neuron(box, ref, l, label, `neuron-${l}-${i}`, n > ROVING_NEURONS && i > 0, n <= NO_THUMBS, wire));
  }
  col.append(box);
  return { col, nodes };
}

/** Hidden layer l's dropout rate: a select over the table's steps (the page's own select's). */
function dropoutSelect(tr, l, rate, onDropout) {
  const sel = el("select", "bp-net-drop");
  sel.setAttribute("aria-label", tr.t("dropout.layer", { layer: l + 1 }));
  sel.dataset.key = `dropout-${l}`;
  const values = DROPOUT_STEPS.includes(rate) ? DROPOUT_STEPS : [...DROPOUT_STEPS, rate].sort((a, b) => a - b);
  for (const p of values) {
    const o = el("option", undefined, tr.t("dropout.rate", { percent: Math.round(p * 1000) / 10 })); // the select's name says what
    o.value = String(p);
    o.selected = p === rate;
    sel.append(o);
  }
  sel.title = tr.t("dropout.layer", { layer: l + 1 });
  sel.classList.toggle("is-on", rate > 0);
  sel.addEventListener("change", () => onDropout(l, Number(sel.value)));
  return sel;
}

/** The output column: a neuron per output, each labelled with what it stands for. */
export function outputColumn(tr, { layers, outputs, problem }, wire) {
  const L = layers.length;
  const col = el("div", "bp-net-col bp-net-output");
  col.append(header(tr.t("net.output"), tr.t("net.output_hint")));
  const box = el("div", "bp-net-nodes");
  const nodes = [];
  for (let i = 0; i < outputs; i++) {
    const ref = { kind: "output", layer: L, index: i };
    const name = outputs > 1 ? tr.t("net.output_class", { class: i }) : tr.t("net.output_name");
    const wrap = el("div", "bp-net-out");
    nodes.push(neuron(wrap, ref, L, name, `output-${i}`, false, true, wire));
    wrap.append(outputLabel(tr, i, outputs, problem));
    box.append(wrap);
  }
  col.append(box);
  return { col, nodes };
}

/** What output neuron i stands for: its class (swatch + name), both classes, or the value. */
function outputLabel(tr, i, outputs, problem) {
  const label = el("div", "bp-out-label");
  label.setAttribute("aria-hidden", "true"); // the neuron's own name says it
  if (problem === "regression") {
    label.append(el("span", undefined, tr.t("net.value_label")));
  } else if (outputs > 1) {
    const sw = el("span", "bp-swatch");
    sw.style.background = classColour(i);
    label.append(sw, el("span", undefined, tr.t("net.class_label", { class: i })));
  } else {
    label.append(el("span", "bp-swatch bp-swatch-ramp"), el("span", undefined, tr.t("net.binary_label")));
  }
  return label;
}

// -- widths ------------------------------------------------------------------------------------------

/** Before building: the column width from the box's width, so the new DOM is laid out once. */
export function guessWidths(root, L) {
  const guess = guessColumns(root.clientWidth, L);
  if (!guess) return;
  root.classList.toggle("bp-net-narrow", guess.narrow);
  root.style.setProperty("--bpw-col", `${guess.width}px`);
}

/**
 * Hidden columns as wide as the scroller allows (MIN_COL..MAX_COL); narrow ones get compact
 * headers, and so do columns whose full titles ("8 NEURONS") would run into each other; a
 * content wider than asked is taken back from the hidden columns while they can give.
 * @param {HTMLElement} root @param {HTMLElement} stage @param {HTMLElement} scroller @param {number} L
 */
export function fitWidths(root, stage, scroller, L) {
  const avail = scroller.clientWidth;
  if (!L || !avail) return;
  const fixed = () => {
    const first = /** @type {HTMLElement} */ (stage.querySelector(".bp-net-features"));
    const last = /** @type {HTMLElement} */ (stage.querySelector(".bp-net-output"));
    return first.offsetWidth + last.offsetWidth + parseFloat(getComputedStyle(stage).paddingLeft) * 2 + 1;
  };
  const fit = () => {
    let w = clampColumn(columnShare(avail, fixed(), L));
    root.style.setProperty("--bpw-col", `${w}px`);
    for (let tries = 0; tries < 3 && w > MIN_COL && contentWidth(stage) > avail + 1; tries++) {
      w = shrinkColumns(w, contentWidth(stage) - avail, L);
      root.style.setProperty("--bpw-col", `${w}px`);
    }
    return w;
  };
  root.classList.toggle("bp-net-narrow", columnShare(avail, fixed(), L) < NARROW_COL);
  const w = fit(); // (the fixed columns are narrower in narrow mode: measured again)
  if (!root.classList.contains("bp-net-narrow") && (w < NARROW_COL || titlesCollide(stage, w))) {
    root.classList.add("bp-net-narrow");
    fit();
  }
  root.classList.toggle("bp-net-scrolls", stage.children.length > 0 && contentWidth(stage) > avail + 1);
}

/** Whether two neighbouring hidden columns' full titles, centred over columns `w` px wide, would
 * touch. @param {HTMLElement} stage @param {number} w */
function titlesCollide(stage, w) {
  const gap = parseFloat(getComputedStyle(stage).columnGap) || 0;
  const titles = /** @type {HTMLElement[]} */ ([...stage.querySelectorAll(".bp-net-hidden .bp-net-long")]);
  return titles.length > 1 && Math.max(...titles.map((t) => t.offsetWidth)) > w + gap - 6;
}

/**
 * The width the columns need: theirs, the gaps and the stage's padding. Not the stage's
 * scrollWidth, which still holds the links' svg and canvases at the size of the last layout (a
 * window narrowed from 1920 px would squeeze the columns to MIN_COL until a reload).
 * @param {HTMLElement} stage
 */
function contentWidth(stage) {
  const cols = /** @type {HTMLElement[]} */ ([...stage.querySelectorAll(":scope > .bp-net-col")]);
  const style = getComputedStyle(stage);
  const gap = parseFloat(style.columnGap) || 0;
  const pad = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  return cols.reduce((sum, c) => sum + c.offsetWidth, 0) + gap * Math.max(0, cols.length - 1) + pad;
}

// -- pictures ----------------------------------------------------------------------------------------

/**
 * The neurons' pictures (NetworkView.setThumbnails): neurons[k] an n x n grid per hidden neuron,
 * layer by layer; output the engine's grid.output (outputs*n*n, class-major) or null.
 */
export function paintThumbnails(cols, n, neurons, { range = [-1, 1], output = null, outputRange = [0, 1] } = {}) {
  let k = 0;
  for (let c = 1; c < cols.length - 1; c++) {
    // a layer of more than NO_THUMBS neurons shows plain squares: at 6 px a picture says little
    // and 640 of them cost ~100 ms each time
    if (cols[c].length > NO_THUMBS) {
      k += cols[c].length;
      continue;
    }
    for (const node of cols[c]) {
      const data = neurons && neurons[k++];
      if (data && data.length >= n * n) paint(node, n, data, 0, range[0], range[1], DIVERGING);
    }
  }
  if (!output) return;
  const outs = cols[cols.length - 1];
  if (outs.length === 1) {
    paint(outs[0], n, output, 0, outputRange[0], outputRange[1], DIVERGING);
  } else {
    outs.forEach((node, i) => {
      if (output.length >= (i + 1) * n * n) {
        // class probability 0..1 -> grey .. class colour (the ramp's upper half)
        paint(node, n, output, i * n * n, -1, 1, CLASS_TABLES[i % CLASS_TABLES.length]);
      }
    });
  }
}
