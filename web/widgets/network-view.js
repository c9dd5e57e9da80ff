// @ts-check
// The network diagram, as in TensorFlow Playground: a column of input-feature tiles, one column
// per hidden layer, the output; every neuron a small picture of what it computes over the input
// plane, links drawn underneath on one canvas (width by |weight|, orange negative / blue
// positive; network-links.js). The columns share the width they are given: deep networks get
// narrower columns, wide layers smaller neurons, so the table's largest network (10 x 64) fits
// at 1280 px; only on a phone does a deep one scroll sideways (with a visible scrollbar). A dumb
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
//                         activations: ["tanh"] (one for all, or one per layer), outputs: 1,
//                         problem: "classification" | "regression"})
//       rebuilds the DOM (keyboard focus stays on the equivalent control); the output neurons
//       are labelled by class (several outputs), "class 0 – 1" (one) or "value" (regression)
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
// Keyboard: Tab reaches the layer buttons, the feature tiles, the neurons (one stop per layer
// of more than 16, Up/Down move within it) and one link; on a link the arrow keys move (Up/Down
// within a layer, Left/Right between layers), Enter or Space activates it. In the editor Enter
// applies and Escape cancels. Pointing at a link shows its weight; clicking it opens the editor.

import { featureGrid, featureInfo } from "../domain/features.js";
import { title as choiceTitle } from "../domain/format.js";
import { translator } from "../domain/i18n.js";
import { LIMITS } from "../domain/layout.js";
import { SETTINGS } from "../domain/settings.js";
import { button, el, setUnavailable, svg } from "./dom.js";
import { CLASS_TABLES, DIVERGING, classColour, paintCanvas, paintValues } from "./palette.js";
import * as links from "./network-links.js";
import { closeWeightEditor, openWeightEditor } from "./weight-editor.js";
import { renderWalk, setWalk, walkLinkText } from "./network-walk.js";

/** The activation choices in the order the diagram's selects offer them. */
const ACTIVATIONS = ["tanh", "relu", "leaky_relu", "sigmoid", "linear"];
const FEATURE_GRID = 24;
const MAX_COL = 88; // px: a hidden layer's column at its widest ...
const MIN_COL = 30; // ... and narrowest (below it the diagram scrolls sideways)
const NARROW_COL = 60; // below this the layer headers stack their buttons and shorten
const MIN_GAP = 4; // px between columns at the least
const NO_THUMBS = 32; // a layer wider than this shows no pictures (the big map still does, on hover)
const ROVING_NEURONS = 16; // a layer wider than this is one tab stop (arrow keys move within)

/** The diagram's words: catalogue keys (domain/messages/*.js, "net.*"), said by the translator. */
const TEXT = {
  network: () => say("net.network"),
  addLayer: () => say("net.add_layer"),
  removeLayer: () => say("net.remove_layer"),
  layers: (n) => say("net.layers", { count: n }),
  addNeuron: (l) => say("net.add_neuron", { layer: l }),
  removeNeuron: (l) => say("net.remove_neuron", { layer: l }),
  neurons: (n) => say("net.neurons", { count: n }),
  activation: (l) => say("net.activation", { layer: l }),
  features: () => say("net.features"),
  featuresHint: () => say("net.features_hint"),
  output: () => say("net.output"),
  outputHint: () => say("net.output_hint"),
  outputName: () => say("net.output_name"),
  outputClass: (c) => say("net.output_class", { class: c }),
  neuron: (l, i) => say("net.neuron", { layer: l, index: i }),
  classLabel: (c) => say("net.class_label", { class: c }),
  binaryLabel: () => say("net.binary_label"),
  valueLabel: () => say("net.value_label"),
};

/** The language the diagram speaks now (setLanguage): its translator's t. */
let speaking = translator("en");
const say = (key, params) => speaking.t(key, params);

/** Node size class of a layer of n neurons: smaller pictures for wide layers. */
function density(n) {
  return n > 32 ? "is-densest" : n > 16 ? "is-denser" : n > 8 ? "is-dense" : "";
}

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
    this.links = []; // links[l] = {nOut, nIn, values, style}: drawn on this.canvas
    this.biases = []; // biases[l] = {els[], values, cq}
    this.anchors = []; // anchors[c][k] = [left, right, middle y] of a node, stage px
    this.canvas = null; // the links' canvas; it, the focus paths and the tooltip: network-links.js
    this.focusIndex = 0; // the link (in keyboard order) that holds tabindex=0
    this.highlight = null;
    this.editor = null;
    this.hovered = null;
    this.frame = 0;
    this.tr = options.tr ?? translator("en"); // the language (setLanguage)
    this.t = (key, params) => this.tr.t(key, params);
    this.walkScene = null; // the step-through's scene (setWalk), drawn by network-walk.js
    this.walkFocus = null; // the neuron pointed at or focused while walking: {c, k}

    container.classList.add("bp-net");
    container.setAttribute("role", "group");
    this.ownLabel = !container.hasAttribute("aria-label");
    if (this.ownLabel) container.setAttribute("aria-label", this.speak(TEXT.network));
    this.resizer = typeof ResizeObserver === "function" ? new ResizeObserver(() => this.queueLayout()) : null;
    // the links' colours come from CSS (light or dark): redraw when the scheme changes
    this.scheme = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    this.onScheme = () => this.canvas && links.draw(this);
    if (this.scheme) this.scheme.addEventListener("change", this.onScheme);
  }

  // -- building ---------------------------------------------------------------------------------

  setArchitecture({ features, allFeatures, layers, activations = ["tanh"], outputs = 1, problem = "classification" }) {
    const active = /** @type {HTMLElement} */ (document.activeElement);
    const keep = this.root.contains(active) ? active.dataset.key : null;
    this.closeEditor(false);
    this.arch = {
      features: features.slice(),
      allFeatures: (allFeatures || SETTINGS.get("features").choices).slice(),
      layers: layers.slice(),
      activations: activations.slice(),
      outputs: Math.max(1, outputs),
      problem,
    };
    this.guessColumns();
    this.build();
    this.layout();
    if (keep) this.refocus(keep);
  }

  build() {
    speaking = this.tr;
    const { layers, features, allFeatures, outputs } = this.arch;
    const L = layers.length;
    if (this.resizer) this.resizer.disconnect();
    links.cancelDraw(this);
    this.root.replaceChildren();
    this.root.classList.toggle("bp-net-compact", L > 4); // smaller pictures for deep networks
    this.cols = [];

    const bar = el("div", "bp-net-bar");
    this.addLayerBtn = button("bp-net-btn", "+", TEXT.addLayer(), "add-layer");
    this.removeLayerBtn = button("bp-net-btn", "−", TEXT.removeLayer(), "remove-layer");
    setUnavailable(this.addLayerBtn, L >= this.maxLayers);
    setUnavailable(this.removeLayerBtn, L <= 0);
    this.addLayerBtn.addEventListener("click", () => this.changeLayers(+1));
    this.removeLayerBtn.addEventListener("click", () => this.changeLayers(-1));
    const count = el("span", "bp-net-count", TEXT.layers(L));
    bar.append(this.addLayerBtn, this.removeLayerBtn, count);

    this.scroller = el("div", "bp-net-scroll");
    this.stage = el("div", "bp-net-stage");
    this.svg = svg("svg", "bp-net-links");
    this.svg.setAttribute("role", "group");
    this.stage.append(this.svg);

    // input features
    const fcol = el("div", "bp-net-col bp-net-features");
    fcol.append(this.header(TEXT.features(), TEXT.featuresHint()));
    const fnodes = el("div", "bp-net-nodes");
    const active = [];
    for (const name of allFeatures) {
      const spec = featureInfo(name);
      const on = features.includes(name);
      const b = button("bp-feature", undefined, this.tr.has(`feature.${name}`) ? this.t(`feature.${name}`) : spec.spoken, `feature-${name}`);
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
      if (density(n)) col.classList.add(density(n));
      const head = el("div", "bp-net-head");
      const pm = el("div", "bp-net-pm");
      const plus = button("bp-net-btn small", "+", TEXT.addNeuron(l + 1), `add-neuron-${l}`);
      const minus = button("bp-net-btn small", "−", TEXT.removeNeuron(l + 1), `remove-neuron-${l}`);
      setUnavailable(plus, n >= this.maxNeurons);
      setUnavailable(minus, n <= 1);
      plus.addEventListener("click", () => this.changeNeurons(l, +1));
      minus.addEventListener("click", () => this.changeNeurons(l, -1));
      pm.append(plus, minus);
      // the full title, and the bare count that narrow columns show instead
      const title = el("div", "bp-net-title");
      title.append(el("span", "bp-net-long", TEXT.neurons(n)), el("span", "bp-net-short", String(n)));
      title.title = TEXT.neurons(n);
      title.lastElementChild.setAttribute("aria-hidden", "true");
      const sel = el("select", "bp-net-act");
      sel.setAttribute("aria-label", TEXT.activation(l + 1));
      sel.dataset.key = `activation-${l}`;
      const current = this.activationOf(l);
      for (const value of ACTIVATIONS) {
        const o = el("option", undefined, this.choiceName(value));
        o.value = value;
        o.selected = value === current;
        sel.append(o);
      }
      sel.title = this.choiceName(current);
      sel.addEventListener("change", () => {
        if (this.on.onActivationChange) this.on.onActivationChange(l, sel.value);
      });
      head.append(pm, title, sel);
      col.append(head);
      const nodes = el("div", "bp-net-nodes");
      const recs = [];
      for (let i = 0; i < n; i++) {
        const ref = { kind: "hidden", layer: l, index: i };
        recs.push(this.neuron(nodes, ref, TEXT.neuron(l + 1, i + 1), `neuron-${l}-${i}`, n > ROVING_NEURONS && i > 0, n <= NO_THUMBS));
      }
      col.append(nodes);
      this.stage.append(col);
      this.cols.push(recs);
    });

    // output
    const ocol = el("div", "bp-net-col bp-net-output");
    ocol.append(this.header(TEXT.output(), TEXT.outputHint()));
    const onodes = el("div", "bp-net-nodes");
    const orecs = [];
    for (let i = 0; i < outputs; i++) {
      const ref = { kind: "output", layer: L, index: i };
      const name = outputs > 1 ? TEXT.outputClass(i) : TEXT.outputName();
      const wrap = el("div", "bp-net-out");
      orecs.push(this.neuron(wrap, ref, name, `output-${i}`));
      wrap.append(this.outputLabel(i));
      onodes.append(wrap);
    }
    ocol.append(onodes);
    this.stage.append(ocol);
    this.cols.push(orecs);

    this.scroller.append(this.stage);
    this.track = this.scrollTrack();
    this.root.append(bar, this.scroller, this.track);
    this.buildLinks();
    if (this.highlight) this.setHighlight(this.highlight);
    if (this.resizer) {
      this.resizer.observe(this.stage);
      this.resizer.observe(this.scroller);
    }
  }

  /** What output neuron i stands for: its class (swatch + name), both classes, or the value. */
  outputLabel(i) {
    const { outputs, problem } = this.arch;
    const label = el("div", "bp-out-label");
    label.setAttribute("aria-hidden", "true"); // the neuron's own name says it
    if (problem === "regression") {
      label.append(el("span", undefined, TEXT.valueLabel()));
    } else if (outputs > 1) {
      const sw = el("span", "bp-swatch");
      sw.style.background = classColour(i);
      label.append(sw, el("span", undefined, TEXT.classLabel(i)));
    } else {
      label.append(el("span", "bp-swatch bp-swatch-ramp"), el("span", undefined, TEXT.binaryLabel()));
    }
    return label;
  }

  /**
   * A scrollbar of our own under a diagram too wide for its box: phones overlay (and hide) the
   * native one, so nothing would say there is more. Pointer only; the keyboard scrolls by focus.
   */
  scrollTrack() {
    const track = el("div", "bp-net-track");
    const thumb = el("div", "bp-net-track-thumb");
    track.append(thumb);
    track.setAttribute("aria-hidden", "true");
    track.hidden = true;
    const scrollTo = (e) => {
      const r = track.getBoundingClientRect();
      const f = (e.clientX - r.left) / r.width;
      const { scrollWidth, clientWidth } = this.scroller;
      this.scroller.scrollLeft = f * scrollWidth - clientWidth / 2;
    };
    track.addEventListener("pointerdown", (e) => {
      track.setPointerCapture(e.pointerId);
      scrollTo(e);
    });
    track.addEventListener("pointermove", (e) => {
      if (track.hasPointerCapture(e.pointerId)) scrollTo(e);
    });
    this.scroller.addEventListener("scroll", () => this.updateTrack(), { passive: true });
    return track;
  }

  updateTrack() {
    const { scrollWidth, clientWidth, scrollLeft } = this.scroller;
    const over = scrollWidth > clientWidth + 1;
    this.track.hidden = !over;
    if (!over) return;
    const thumb = /** @type {HTMLElement} */ (this.track.firstElementChild);
    thumb.style.width = `${(clientWidth / scrollWidth) * 100}%`;
    thumb.style.left = `${(scrollLeft / scrollWidth) * 100}%`;
  }

  header(text, hint) {
    const head = el("div", "bp-net-head");
    const t = el("div", "bp-net-title", text);
    t.title = hint;
    head.append(t);
    return head;
  }

  /** An activation's display name in the diagram's language. */
  choiceName(value) {
    return this.tr.has(`choice.${value}`) ? this.t(`choice.${value}`) : choiceTitle(value);
  }

  /** A TEXT entry said in this diagram's language. */
  speak(fn, ...args) {
    speaking = this.tr;
    return fn(...args);
  }

  /**
   * Speak another language (a domain/i18n.js translator): the diagram is built again in its
   * words (the weights, pictures, highlight and walk stay).
   */
  setLanguage(tr) {
    if (tr === this.tr) return;
    this.tr = tr;
    if (this.ownLabel) this.root.setAttribute("aria-label", this.speak(TEXT.network));
    if (!this.arch) return;
    const values = this.links.map((L) => L.values.slice());
    const biases = this.biases.map((B) => B.values.slice());
    const thumbs = this.cols.map((col) => col.map((node) => (node.canvas instanceof HTMLCanvasElement ? node.canvas : null)));
    this.setArchitecture(this.arch);
    // the new canvases get the old pictures; the links their weights
    this.cols.forEach((col, c) => col.forEach((node, k) => {
      const old = thumbs[c]?.[k];
      if (old && node.canvas instanceof HTMLCanvasElement && old.width) {
        node.canvas.width = old.width;
        node.canvas.height = old.height;
        node.canvas.getContext("2d")?.drawImage(old, 0, 0);
      }
    }));
    if (values.length === this.links.length) {
      this.setWeights(values.map((v, l) => v.length === this.links[l].nIn * this.links[l].nOut ? v : new Float64Array(this.links[l].nIn * this.links[l].nOut)),
        biases);
    }
  }

  activationOf(l) {
    const a = this.arch.activations;
    return a.length === 1 ? a[0] : a[l] ?? a[a.length - 1] ?? "tanh";
  }

  neuron(parent, ref, label, key, roving = false, picture = true) {
    const wrap = el("div", "bp-neuron");
    wrap.tabIndex = roving ? -1 : 0;
    wrap.setAttribute("role", "button");
    wrap.setAttribute("aria-label", label);
    wrap.dataset.key = key;
    // a neuron without a picture is a plain square (its links start at its own box)
    const canvas = picture ? el("canvas", "bp-thumb") : wrap;
    const bias = el("span", "bp-bias");
    bias.dataset.l = String(ref.kind === "output" ? this.arch.layers.length : ref.layer);
    bias.dataset.i = String(ref.index);
    bias.setAttribute("role", "button");
    bias.tabIndex = -1;
    if (picture) wrap.append(canvas);
    wrap.append(bias);
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
      if (e.target !== elem) return;
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        e.stopPropagation(); // Space here is not the page's play/pause
        activate(e);
      } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        this.neuronStep(ref, e.key === "ArrowDown" ? 1 : -1, e);
      }
    });
  }

  /** Up/Down within a layer's column (its one tab stop moves along in wide layers). */
  neuronStep(ref, delta, e) {
    const col = this.cols[ref.kind === "output" ? this.cols.length - 1 : ref.layer + 1];
    const next = col[ref.index + delta];
    if (!next) return;
    e.preventDefault();
    if (col[ref.index].el.tabIndex < 0 || next.el.tabIndex < 0) {
      col[ref.index].el.tabIndex = -1;
      next.el.tabIndex = 0;
    }
    next.el.focus();
  }

  fireFocus(ref) {
    if (this.walkScene) {
      const c = !ref ? -1 : ref.kind === "feature" ? 0 : ref.kind === "output" ? this.cols.length - 1 : ref.layer + 1;
      const focus = c < 0 ? null : { c, k: ref.index };
      if (JSON.stringify(focus) !== JSON.stringify(this.walkFocus)) {
        this.walkFocus = focus;
        renderWalk(this); // its numbers in full, its links labelled first
      }
    }
    if (this.on.onNeuronFocus) this.on.onNeuronFocus(ref ? { ...ref } : null);
  }

  buildLinks() {
    return links.buildLinks(this);
  }

  linkElement(ref) {
    return links.linkElement(this, ref);
  }

  /** A point (page px) at parameter t (0..1) along link {l, i, j}, or null. */
  linkPoint(ref, t = 0.5) {
    const p = links.linkPoint(this, ref, t);
    if (!p) return null;
    const box = this.stage.getBoundingClientRect();
    return { x: p.x + box.left, y: p.y + box.top };
  }

  refOf(elem) {
    return links.refOf(this, elem);
  }

  /** A link's name (and weight); while walking, with what it carries at the stage. */
  describe(ref) {
    const link = links.describe(this, ref);
    const walk = walkLinkText(this, ref);
    return walk ? this.t("net.link_walk", { link, walk }) : link;
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

  // -- layout: the columns share the width, then the links follow the neurons -------------------

  queueLayout() {
    return links.queueLayout(this);
  }

  layout() {
    if (!this.stage) return;
    this.fitColumns();
    links.layout(this);
    renderWalk(this); // the labels follow the neurons
  }

  /**
   * Before building: the column width from the container's width and typical fixed columns, so
   * the new DOM is laid out once (fitColumns then only corrects it).
   */
  guessColumns() {
    const L = this.arch.layers.length;
    const avail = this.root.clientWidth;
    if (!L || !avail) return;
    const guess = (narrow) => Math.floor((avail - (narrow ? 140 : 180) - (L + 1) * MIN_GAP) / L);
    const narrow = guess(false) < NARROW_COL;
    this.root.classList.toggle("bp-net-narrow", narrow);
    this.root.style.setProperty("--bpw-col", `${Math.max(MIN_COL, Math.min(MAX_COL, guess(narrow)))}px`);
  }

  /** Hidden columns as wide as the scroller allows (MIN_COL..MAX_COL); narrow ones get compact headers. */
  fitColumns() {
    const L = this.arch.layers.length;
    const avail = this.scroller.clientWidth;
    if (!L || !avail) return this.updateTrack();
    const cols = this.stage.children;
    const fixedW = () => {
      const first = /** @type {HTMLElement} */ (this.stage.querySelector(".bp-net-features"));
      const last = /** @type {HTMLElement} */ (this.stage.querySelector(".bp-net-output"));
      const pad = parseFloat(getComputedStyle(this.stage).paddingLeft) * 2;
      return first.offsetWidth + last.offsetWidth + pad + (L + 1) * MIN_GAP + 1;
    };
    let w = Math.floor((avail - fixedW()) / L);
    const narrow = w < NARROW_COL;
    if (narrow !== this.root.classList.contains("bp-net-narrow")) {
      this.root.classList.toggle("bp-net-narrow", narrow);
      w = Math.floor((avail - fixedW()) / L); // the fixed columns changed too
    }
    w = Math.max(MIN_COL, Math.min(MAX_COL, w));
    this.root.style.setProperty("--bpw-col", `${w}px`);
    // a column's content (its header, the labels) can make it wider than asked: take the
    // overflow back from the hidden columns, while they can give
    for (let tries = 0; tries < 3 && w > MIN_COL && this.stage.scrollWidth > avail + 1; tries++) {
      w = Math.max(MIN_COL, w - Math.ceil((this.stage.scrollWidth - avail) / L));
      this.root.style.setProperty("--bpw-col", `${w}px`);
    }
    this.root.classList.toggle("bp-net-scrolls", cols.length > 0 && this.stage.scrollWidth > avail + 1);
    this.updateTrack();
  }

  // -- live updates -------------------------------------------------------------------------------

  setWeights(weights, biases) {
    return links.setWeights(this, weights, biases);
  }

  setThumbnails(n, neurons, { range = [-1, 1], output = null, outputRange = [0, 1] } = {}) {
    if (!this.arch) return;
    let k = 0;
    for (let c = 1; c < this.cols.length - 1; c++) {
      // a layer of more than NO_THUMBS neurons shows plain squares: at 6 px a picture says little
      // and 640 of them cost ~100 ms each time
      if (this.cols[c].length > NO_THUMBS) {
        k += this.cols[c].length;
        continue;
      }
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

  // -- the step-through (network-walk.js) --------------------------------------------------------

  /** Show a stage of the step-through (domain/walk.js walkScene), or nothing (null). */
  setWalk(scene) {
    if (!scene) this.walkFocus = null;
    setWalk(this, scene);
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
    links.cancelDraw(this);
    if (this.scheme) this.scheme.removeEventListener("change", this.onScheme);
    this.root.replaceChildren();
    this.root.classList.remove("bp-net", "bp-net-compact", "bp-net-narrow", "bp-net-scrolls");
  }
}
