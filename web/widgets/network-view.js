// @ts-check
// The network diagram, as in TensorFlow Playground: a column of input-feature tiles, one column
// per hidden layer, the output; every neuron a small picture of what it computes over the input
// plane, links drawn underneath (width by |weight|, orange negative / blue positive). A dumb
// widget: it never changes the architecture itself, it reports what the user asked for and the
// page answers with setArchitecture(). Styles: widgets.css (.bp-net*).
//
//   const view = new NetworkView(container, {
//     onNeuronFocus(ref | null),     // hover or keyboard focus on a neuron; null when it ends
//     onNeuronClick(ref),            // click, Enter or Space on a neuron
//     onLinkClick({layer, i, j, value}),   // a link (or a bias: j = -1) was clicked/activated
//     onWeightEdit({layer, i, j, value}),  // optional: if given, activating a link also opens the
//                                          // built-in editor; this fires with the typed value
//     onArchitectureChange(layers, activations),   // +/- layer, +/- neuron: the new hidden sizes
//                                          // (and the activation list grown/shrunk to match)
//     onActivationChange(layer, name),     // per-layer activation select (layer from 0)
//     onFeaturesChange(features),          // a feature tile toggled: the new active list, in
//                                          // allFeatures order (the last active one cannot go)
//   }, {maxLayers, maxNeurons, newLayerSize: 2});  // limits: the settings table's (layout.js)
//
//   view.setArchitecture({features: ["x1", "x2"], allFeatures: [...7 names], layers: [4, 2],
//                         activations: ["tanh"] (one for all, or one per layer), outputs: 1})
//       rebuilds the DOM (keyboard focus stays on the equivalent control)
//   view.setWeights(weights, biases)   weights[l]: (n_out, n_in) as nested arrays, an array of
//       Float64Array rows, or one flat row-major typed array; biases[l]: (n_out,). Updates link
//       attributes in place; returns false (and does nothing) if the shapes do not match.
//   view.setThumbnails(n, neurons, {range: [-1, 1], output: null, outputRange: [0, 1]})
//       neurons: one Float32Array (n*n, row 0 = top, x2 = +6) per hidden neuron, layer by layer
//       (exactly the engine's grid.neurons); output: the engine's grid.output (outputs*n*n,
//       class-major) or null. Values map lo -> orange, middle -> grey, hi -> blue; with several
//       outputs each class map goes from grey (0) to its class colour (1).
//   view.setHighlight(ref | null)      mark the neuron the big view is showing
//   view.editWeight({layer, i, j, value})   open the editor on a link (needs onWeightEdit)
//   view.destroy()
//
// Neuron refs: {kind: "feature", layer: -1, index, feature} | {kind: "hidden", layer, index}
// (layer from 0 = the first hidden layer) | {kind: "output", layer: L, index} (L = number of
// hidden layers). Link refs follow the engine: layer = weight layer (0 .. L), i = target neuron,
// j = source neuron (for layer 0: the index among the ACTIVE features), j = -1 for the bias.
//
// Keyboard: Tab reaches the layer buttons, the feature tiles, every neuron and one link; on a
// link the arrow keys move (Up/Down within a layer, Left/Right between layers), Enter or Space
// activates it. In the editor Enter applies and Escape cancels.

import { featureGrid, featureInfo } from "../domain/features.js";
import { title as choiceTitle } from "../domain/format.js";
import { LIMITS } from "../domain/layout.js";
import { SETTINGS } from "../domain/settings.js";
import { button, el, setUnavailable, svg } from "./dom.js";
import { CLASS_TABLES, DIVERGING, paintCanvas, paintValues } from "./palette.js";
import * as links from "./network-links.js";
import { closeWeightEditor, openWeightEditor } from "./weight-editor.js";

/** The activation choices in the order the diagram's selects offer them. */
const ACTIVATIONS = ["tanh", "relu", "leaky_relu", "sigmoid", "linear"];
const FEATURE_GRID = 24;

/** Paint an n x n grid of values into a node's canvas through a colour table. */
function paint(node, n, data, offset, lo, hi, table) {
  paintCanvas(node.canvas, n, (px) => paintValues(px, data, { offset, lo, hi, table }));
}

export class NetworkView {
  constructor(container, handlers = {}, options = {}) {
    this.root = container;
    this.on = handlers;
    this.maxLayers = options.maxLayers ?? LIMITS.layers;
    this.maxNeurons = options.maxNeurons ?? LIMITS.neurons;
    this.newLayerSize = options.newLayerSize ?? 2;
    this.arch = null;
    this.cols = []; // cols[c] = node records; c = 0 active features, 1..L hidden, L+1 output
    this.links = []; // links[l] = {nOut, nIn, vis[], hit[], values, wq, cq}
    this.biases = []; // biases[l] = {els[], values}
    this.linkOrder = []; // every link ref in keyboard order: [{l, i, j}]
    this.focusIndex = 0; // the link that holds tabindex=0
    this.highlight = null;
    this.editor = null;
    this.hovered = null;
    this.frame = 0;

    container.classList.add("bp-net");
    container.setAttribute("role", "group");
    if (!container.hasAttribute("aria-label")) container.setAttribute("aria-label", "Network");
    this.resizer = typeof ResizeObserver === "function" ? new ResizeObserver(() => this.queueLayout()) : null;
  }

  // -- building ---------------------------------------------------------------------------------

  setArchitecture({ features, allFeatures, layers, activations = ["tanh"], outputs = 1 }) {
    const active = /** @type {HTMLElement} */ (document.activeElement);
    const keep = this.root.contains(active) ? active.dataset.key : null;
    this.closeEditor(false);
    this.arch = {
      features: features.slice(),
      allFeatures: (allFeatures || SETTINGS.get("features").choices).slice(),
      layers: layers.slice(),
      activations: activations.slice(),
      outputs: Math.max(1, outputs),
    };
    this.build();
    this.layout();
    if (keep) this.refocus(keep);
  }

  build() {
    const { layers, features, allFeatures, outputs } = this.arch;
    const L = layers.length;
    if (this.resizer) this.resizer.disconnect();
    this.root.replaceChildren();
    this.root.classList.toggle("bp-net-compact", L > 4); // narrower columns for deep networks
    this.cols = [];

    const bar = el("div", "bp-net-bar");
    this.addLayerBtn = button("bp-net-btn", "+", "Add hidden layer", "add-layer");
    this.removeLayerBtn = button("bp-net-btn", "−", "Remove hidden layer", "remove-layer");
    setUnavailable(this.addLayerBtn, L >= this.maxLayers);
    setUnavailable(this.removeLayerBtn, L <= 0);
    this.addLayerBtn.addEventListener("click", () => this.changeLayers(+1));
    this.removeLayerBtn.addEventListener("click", () => this.changeLayers(-1));
    const count = el("span", "bp-net-count", `${L} hidden layer${L === 1 ? "" : "s"}`);
    bar.append(this.addLayerBtn, this.removeLayerBtn, count);

    this.scroller = el("div", "bp-net-scroll");
    this.stage = el("div", "bp-net-stage");
    this.svg = svg("svg", "bp-net-links");
    this.svg.setAttribute("role", "group");
    this.svg.setAttribute("aria-label", "Weights: arrow keys move between links, Enter edits");
    this.stage.append(this.svg);

    // input features
    const fcol = el("div", "bp-net-col bp-net-features");
    fcol.append(this.header("Features", "Which properties of a point the network sees"));
    const fnodes = el("div", "bp-net-nodes");
    const active = [];
    for (const name of allFeatures) {
      const spec = featureInfo(name);
      const on = features.includes(name);
      const b = button("bp-feature", undefined, spec.spoken, `feature-${name}`);
      b.setAttribute("aria-pressed", String(on));
      const lab = el("span", "bp-feature-label", spec.label);
      lab.setAttribute("aria-hidden", "true");
      const canvas = el("canvas", "bp-thumb");
      const node = { el: b, canvas, ref: null };
      b.append(lab, canvas);
      b.addEventListener("click", () => this.toggleFeature(name));
      paint(node, FEATURE_GRID, featureGrid(name, FEATURE_GRID), 0, -1, 1, DIVERGING);
      fnodes.append(b);
      if (on) {
        node.ref = { kind: "feature", layer: -1, index: active.length, feature: name };
        this.neuronEvents(b, node.ref, false);
        active.push(node);
      }
    }
    fcol.append(fnodes);
    this.stage.append(fcol);
    this.cols.push(active);

    // hidden layers
    layers.forEach((n, l) => {
      const col = el("div", "bp-net-col bp-net-hidden");
      if (n > 8) col.classList.add("is-dense");
      const head = el("div", "bp-net-head");
      const pm = el("div", "bp-net-pm");
      const plus = button("bp-net-btn small", "+", `Add neuron to layer ${l + 1}`, `add-neuron-${l}`);
      const minus = button("bp-net-btn small", "−", `Remove neuron from layer ${l + 1}`, `remove-neuron-${l}`);
      setUnavailable(plus, n >= this.maxNeurons);
      setUnavailable(minus, n <= 1);
      plus.addEventListener("click", () => this.changeNeurons(l, +1));
      minus.addEventListener("click", () => this.changeNeurons(l, -1));
      pm.append(plus, minus);
      const title = el("div", "bp-net-title", `${n} neuron${n === 1 ? "" : "s"}`);
      const sel = el("select", "bp-net-act");
      sel.setAttribute("aria-label", `Activation, layer ${l + 1}`);
      sel.dataset.key = `activation-${l}`;
      const current = this.activationOf(l);
      for (const value of ACTIVATIONS) {
        const o = el("option", undefined, choiceTitle(value));
        o.value = value;
        o.selected = value === current;
        sel.append(o);
      }
      sel.addEventListener("change", () => {
        if (this.on.onActivationChange) this.on.onActivationChange(l, sel.value);
      });
      head.append(pm, title, sel);
      col.append(head);
      const nodes = el("div", "bp-net-nodes");
      const recs = [];
      for (let i = 0; i < n; i++) {
        const ref = { kind: "hidden", layer: l, index: i };
        recs.push(this.neuron(nodes, ref, `Layer ${l + 1} neuron ${i + 1}`, `neuron-${l}-${i}`));
      }
      col.append(nodes);
      this.stage.append(col);
      this.cols.push(recs);
    });

    // output
    const ocol = el("div", "bp-net-col bp-net-output");
    ocol.append(this.header("Output", "What the network predicts"));
    const onodes = el("div", "bp-net-nodes");
    const orecs = [];
    for (let i = 0; i < outputs; i++) {
      const ref = { kind: "output", layer: L, index: i };
      const name = outputs > 1 ? `Output, class ${i + 1}` : "Output";
      orecs.push(this.neuron(onodes, ref, name, `output-${i}`));
    }
    ocol.append(onodes);
    this.stage.append(ocol);
    this.cols.push(orecs);

    this.scroller.append(this.stage);
    this.root.append(bar, this.scroller);
    this.buildLinks();
    if (this.highlight) this.setHighlight(this.highlight);
    if (this.resizer) this.resizer.observe(this.stage);
  }

  header(text, hint) {
    const head = el("div", "bp-net-head");
    const t = el("div", "bp-net-title", text);
    t.title = hint;
    head.append(t);
    return head;
  }

  activationOf(l) {
    const a = this.arch.activations;
    return a.length === 1 ? a[0] : a[l] ?? a[a.length - 1] ?? "tanh";
  }

  neuron(parent, ref, label, key) {
    const wrap = el("div", "bp-neuron");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "button");
    wrap.setAttribute("aria-label", label);
    wrap.dataset.key = key;
    const canvas = el("canvas", "bp-thumb");
    const bias = el("span", "bp-bias");
    bias.dataset.l = String(ref.kind === "output" ? this.arch.layers.length : ref.layer);
    bias.dataset.i = String(ref.index);
    bias.setAttribute("role", "button");
    bias.tabIndex = -1;
    wrap.append(canvas, bias);
    parent.append(wrap);
    const node = { el: wrap, canvas, ref, bias };
    this.neuronEvents(wrap, ref, true);
    return node;
  }

  neuronEvents(elem, ref, clickable) {
    elem.addEventListener("mouseenter", () => {
      this.hovered = ref;
      this.fireFocus(ref);
    });
    elem.addEventListener("mouseleave", () => {
      this.hovered = null;
      const f = /** @type {any} */ (document.activeElement); // our nodes carry bpRef
      const inside = f && f !== elem && this.root.contains(f) && f.bpRef;
      this.fireFocus(inside ? f.bpRef : null);
    });
    elem.addEventListener("focus", () => this.fireFocus(ref));
    elem.addEventListener("blur", () => {
      if (!this.hovered) this.fireFocus(null);
    });
    elem.bpRef = ref;
    if (!clickable) return;
    const activate = (e) => {
      if (e.target.classList.contains("bp-bias")) return;
      if (this.on.onNeuronClick) this.on.onNeuronClick(ref);
    };
    elem.addEventListener("click", activate);
    elem.addEventListener("keydown", (e) => {
      if (e.target === elem && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        e.stopPropagation(); // Space here is not the page's play/pause
        activate(e);
      }
    });
  }

  fireFocus(ref) {
    if (this.on.onNeuronFocus) this.on.onNeuronFocus(ref ? { ...ref } : null);
  }

  buildLinks() {
    return links.buildLinks(this);
  }

  linkElement(ref) {
    return links.linkElement(this, ref);
  }

  refOf(elem) {
    return links.refOf(this, elem);
  }

  describe(ref) {
    return links.describe(this, ref);
  }

  labelLink(elem) {
    return links.labelLink(this, elem);
  }

  rovingTo(k, focus) {
    return links.rovingTo(this, k, focus);
  }

  linkEvent(e) {
    return links.linkEvent(this, e);
  }

  linkKey(e) {
    return links.linkKey(this, e);
  }

  // -- user requests (the page decides) -----------------------------------------------------------

  changeLayers(delta) {
    const { layers } = this.arch;
    const next = layers.slice();
    if (delta > 0 && next.length < this.maxLayers) next.push(this.newLayerSize);
    else if (delta < 0 && next.length > 0) next.pop();
    else return;
    // one activation for all layers stays one; a per-layer list grows by repeating the last
    const acts = this.arch.activations;
    const nextActs =
      acts.length === 1 ? acts.slice() : next.map((_, l) => this.activationOf(Math.min(l, layers.length - 1)));
    if (this.on.onArchitectureChange) this.on.onArchitectureChange(next, nextActs);
  }

  changeNeurons(l, delta) {
    const next = this.arch.layers.slice();
    const n = next[l] + delta;
    if (n < 1 || n > this.maxNeurons) return;
    next[l] = n;
    if (this.on.onArchitectureChange) this.on.onArchitectureChange(next, this.arch.activations.slice());
  }

  toggleFeature(name) {
    const { features, allFeatures } = this.arch;
    const on = features.includes(name);
    if (on && features.length === 1) return; // the network needs at least one input
    const next = allFeatures.filter((f) => (f === name ? !on : features.includes(f)));
    if (this.on.onFeaturesChange) this.on.onFeaturesChange(next);
  }

  refocus(key) {
    const fallbacks = [key, key.replace(/^add-/, "remove-"), key.replace(/^remove-/, "add-"), "add-layer"];
    for (const k of fallbacks) {
      const target = this.root.querySelector(`[data-key="${CSS.escape(k)}"]`);
      if (target) {
        target.focus({ preventScroll: true });
        return;
      }
    }
  }

  // -- layout: link paths from node positions ---------------------------------------------------

  queueLayout() {
    return links.queueLayout(this);
  }

  layout() {
    return links.layout(this);
  }

  // -- live updates -------------------------------------------------------------------------------

  setWeights(weights, biases) {
    return links.setWeights(this, weights, biases);
  }

  setThumbnails(n, neurons, { range = [-1, 1], output = null, outputRange = [0, 1] } = {}) {
    if (!this.arch) return;
    let k = 0;
    for (let c = 1; c < this.cols.length - 1; c++) {
      for (const node of this.cols[c]) {
        const data = neurons && neurons[k++];
        if (data && data.length >= n * n) paint(node, n, data, 0, range[0], range[1], DIVERGING);
      }
    }
    if (!output) return;
    const outs = this.cols[this.cols.length - 1];
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

  setHighlight(ref) {
    this.highlight = ref ? { ...ref } : null;
    for (const col of this.cols) {
      for (const node of col) {
        const r = node.ref;
        const on = !!(ref && r && r.kind === ref.kind && r.layer === ref.layer && r.index === ref.index);
        node.el.classList.toggle("is-selected", on);
      }
    }
  }

  // -- weight editor (weight-editor.js) -----------------------------------------------------------

  editWeight(ref) {
    openWeightEditor(this, ref);
  }

  closeEditor(returnFocus) {
    closeWeightEditor(this, returnFocus);
  }

  destroy() {
    if (this.resizer) this.resizer.disconnect();
    if (this.frame) cancelAnimationFrame(this.frame);
    this.root.replaceChildren();
    this.root.classList.remove("bp-net", "bp-net-compact");
  }
}
