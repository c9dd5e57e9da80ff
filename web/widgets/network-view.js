// @ts-check
// The network diagram, as in TensorFlow Playground: a column of input-feature tiles, one column
// per hidden layer, the output; every neuron a small picture of what it computes over the input
// plane, links drawn underneath on one canvas (width by |weight|, orange negative / blue
// positive; network/link-layer.js). The columns share the width they are given: deep networks get
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
//     onArchitectureChange(layers, activations, dropout),   // +/- layer, +/- neuron: the new
//                                          // hidden sizes (the activation and dropout lists
//                                          // grown/shrunk to match)
//     onActivationChange(layer, name),     // per-layer activation select (layer from 0)
//     onDropoutChange(layer, rate),        // per-layer dropout select
//     onFeaturesChange(features),          // a feature tile toggled: the new active list, in
//                                          // allFeatures order (the last active one cannot go)
//   }, {maxLayers, maxNeurons, newLayerSize: 2});  // limits: the settings table's (layout.js)
//
//   view.setArchitecture({features: ["x1", "x2"], allFeatures: [...7 names], layers: [4, 2],
//                         activations: ["tanh"] (one for all, or one per layer), dropout: [0]
//                         (one rate for all, or one per layer), outputs: 1,
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
//   view.setGradFlow(sample | null)    each layer's gradient RMS under its column, dead units marked
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

import { translator } from "../domain/i18n.js";
import { LIMITS } from "../domain/layout.js";
import { SETTINGS } from "../domain/settings.js";
import { el, svg } from "./dom.js";
import { featureColumn, fitWidths, guessWidths, hiddenColumn, layerBar, outputColumn, paintThumbnails } from "./network/columns.js";
import { showGradFlow } from "./network/grad-marks.js";
import { LinkLayer } from "./network/link-layer.js";
import { linkName } from "./network/link-access.js";
import { NeuronKeys, columnOf } from "./network/neuron-keys.js";
import { ScrollTrack } from "./network/scroll-track.js";
import { WeightEditor } from "./weight-editor.js";

export class NetworkView {
  constructor(container, handlers = {}, options = {}) {
    this.root = container;
    this.on = handlers;
    this.maxLayers = options.maxLayers ?? LIMITS.layers;
    this.maxNeurons = options.maxNeurons ?? LIMITS.neurons;
    this.newLayerSize = options.newLayerSize ?? 2;
    /** @type {any} the architecture shown (setArchitecture's, completed) */
    this.arch = null;
    /** @type {any[][]} cols[c] = node records; c = 0 active features, 1..L hidden, L+1 output */
    this.cols = [];
    /** @type {HTMLElement} the columns' box (links, labels and the editor are placed in its px) */
    this.stage = el("div", "bp-net-stage");
    /** @type {HTMLElement} scrolls the stage sideways when it cannot fit */
    this.scroller = el("div", "bp-net-scroll");
    /** @type {SVGSVGElement} the links' focusable stand-ins */
    this.svg = /** @type {SVGSVGElement} */ (svg("svg", "bp-net-links"));
    this.track = new ScrollTrack(this.scroller);
    this.highlight = null;
    this.frame = 0; // a queued layout's animation frame
    this.tr = options.tr ?? translator("en"); // the language (setLanguage)
    this.t = (key, params) => this.tr.t(key, params);
    this.links = new LinkLayer(container, {
      describe: (ref) => this.describe(ref),
      activate: (ref) => {
        if (this.on.onLinkClick) this.on.onLinkClick(ref);
        if (this.on.onWeightEdit) this.editWeight(ref);
      },
    });
    /** @type {import("./network-walk.js").WalkOverlay | null} the step-through's overlay
     * (setWalk), handed in when its module has loaded (attachWalk) */
    this.walk = null;
    this.editor = new WeightEditor(this); // the weight editor (editWeight)
    this.neurons = new NeuronKeys(container, {
      columns: () => this.cols,
      focus: (ref) => this.neuronFocus(ref),
      click: (ref) => this.on.onNeuronClick && this.on.onNeuronClick(ref),
    });

    container.classList.add("bp-net");
    container.setAttribute("role", "group");
    this.ownLabel = !container.hasAttribute("aria-label");
    if (this.ownLabel) container.setAttribute("aria-label", this.t("net.network"));
    this.resizer = typeof ResizeObserver === "function" ? new ResizeObserver(() => this.queueLayout()) : null;
    // the links' colours come from CSS (light or dark): redraw when the scheme changes
    this.scheme = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    this.onScheme = () => this.links.redraw();
    if (this.scheme) this.scheme.addEventListener("change", this.onScheme);
  }

  // -- building ---------------------------------------------------------------------------------

  setArchitecture({ features, allFeatures, layers, activations = ["tanh"], dropout = [0], outputs = 1, problem = "classification" }) {
    const active = /** @type {HTMLElement} */ (document.activeElement);
    const keep = this.root.contains(active) ? active.dataset.key : null;
    this.editor.close(false);
    this.arch = {
      features: features.slice(),
      allFeatures: (allFeatures || SETTINGS.get("features").choices).slice(),
      layers: layers.slice(),
      activations: activations.slice(),
      dropout: dropout.slice(),
      outputs: Math.max(1, outputs),
      problem,
    };
    guessWidths(this.root, this.arch.layers.length);
    this.build();
    this.layout();
    if (keep) this.refocus(keep);
  }

  /** The DOM for this.arch, in this.tr's words; the links all 0 until setWeights. */
  build() {
    const tr = this.tr;
    const arch = this.arch;
    const L = arch.layers.length;
    const wire = (elem, ref, clickable) => this.neurons.wire(elem, ref, clickable);
    if (this.resizer) this.resizer.disconnect();
    this.links.cancel();
    this.root.replaceChildren();
    this.root.classList.toggle("bp-net-compact", L > 4); // smaller pictures for deep networks
    this.stage = el("div", "bp-net-stage");
    this.svg = /** @type {SVGSVGElement} */ (svg("svg", "bp-net-links"));
    this.svg.setAttribute("role", "group");
    this.stage.append(this.svg);
    this.scroller = el("div", "bp-net-scroll");
    this.track = new ScrollTrack(this.scroller);

    const columns = [featureColumn(tr, arch, (name) => this.toggleFeature(name), wire)];
    arch.layers.forEach((n, l) => {
      const options = {
        maxNeurons: this.maxNeurons,
        current: this.activationOf(l),
        rate: this.rateOf(l),
        onDropout: (/** @type {number} */ k, /** @type {number} */ p) => this.on.onDropoutChange && this.on.onDropoutChange(k, p),
        onNeurons: (/** @type {number} */ k, /** @type {number} */ d) => this.changeNeurons(k, d),
        onActivation: (/** @type {number} */ k, /** @type {string} */ name) => this.on.onActivationChange && this.on.onActivationChange(k, name),
      };
      columns.push(hiddenColumn(tr, l, n, options, wire));
    });
    columns.push(outputColumn(tr, arch, wire));
    this.stage.append(...columns.map((c) => c.col));
    this.cols = columns.map((c) => c.nodes);

    this.scroller.append(this.stage);
    this.root.append(layerBar(tr, L, this.maxLayers, (d) => this.changeLayers(d)), this.scroller, this.track.el);
    const sizes = [this.cols[0].length, ...arch.layers, arch.outputs];
    this.links.build(this.stage, this.svg, this.cols, sizes, this.t("net.links"));
    if (this.highlight) this.setHighlight(this.highlight);
    if (this.resizer) {
      this.resizer.observe(this.stage);
      this.resizer.observe(this.scroller);
    }
  }

  /**
   * Speak another language (a domain/i18n.js translator): the diagram is built again in its
   * words (the weights, pictures, highlight and walk stay).
   */
  setLanguage(tr) {
    if (tr === this.tr) return;
    this.tr = tr;
    if (this.ownLabel) this.root.setAttribute("aria-label", this.t("net.network"));
    if (!this.arch) return;
    const values = this.links.gaps.map((g) => g.values.slice());
    const biases = this.links.biases.map((B) => B.values.slice());
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
    const gaps = this.links.gaps;
    if (values.length === gaps.length) {
      this.setWeights(values.map((v, l) => (v.length === gaps[l].nIn * gaps[l].nOut ? v : new Float64Array(gaps[l].nIn * gaps[l].nOut))), biases);
    }
  }

  activationOf(l) {
    const a = this.arch.activations;
    return a.length === 1 ? a[0] : a[l] ?? a[a.length - 1] ?? "tanh";
  }

  /** Hidden layer l's dropout rate (one rate for all, or one per layer). */
  rateOf(l) {
    const d = this.arch.dropout;
    return d.length === 1 ? d[0] : d[l] ?? d[d.length - 1] ?? 0;
  }

  /** A neuron pointed at or focused (null: none): the walk's labels, then the page. */
  neuronFocus(ref) {
    this.walk?.setFocus(ref ? { c: columnOf(ref, this.cols.length), k: ref.index } : null);
    if (this.on.onNeuronFocus) this.on.onNeuronFocus(ref ? { ...ref } : null);
  }

  /** A link's name (and weight); while walking, with what it carries at the stage. */
  describe(ref) {
    const link = linkName(this.tr, this.arch, ref);
    const walk = this.walk?.linkText(ref);
    return walk ? this.t("net.link_walk", { link, walk }) : link;
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
    const rates = this.arch.dropout; // the same for the dropout rates
    const nextRates = rates.length === 1 ? rates.slice() : next.map((_, l) => this.rateOf(Math.min(l, layers.length - 1)));
    if (this.on.onArchitectureChange) this.on.onArchitectureChange(next, nextActs, nextRates);
  }

  changeNeurons(l, delta) {
    const next = this.arch.layers.slice();
    const n = next[l] + delta;
    if (n < 1 || n > this.maxNeurons) return;
    next[l] = n;
    if (this.on.onArchitectureChange) this.on.onArchitectureChange(next, this.arch.activations.slice(), this.arch.dropout.slice());
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
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.layout();
    });
  }

  layout() {
    if (!this.arch) return;
    fitWidths(this.root, this.stage, this.scroller, this.arch.layers.length);
    this.links.layout(this.cols);
    this.track.update(); // after the links' svg has its new size (it counts in the scroll width)
    this.walk?.render(); // the labels follow the neurons
  }

  // -- live updates -------------------------------------------------------------------------------

  /**
   * weights[l]: (n_out, n_in) nested rows or one flat row-major typed array; biases[l]: (n_out,).
   * False (and nothing changes) if the shapes do not match.
   */
  setWeights(weights, biases) {
    return !!this.arch && this.links.setWeights(weights, biases);
  }

  setThumbnails(n, neurons, options = {}) {
    if (this.arch) paintThumbnails(this.cols, n, neurons, options);
  }

  /** The gradient flow (domain/gradflow.js Sample, or null: none): each layer's RMS of dL/dW
   * under its column, the dead units marked (network/grad-marks.js). */
  setGradFlow(flow) {
    if (this.arch) showGradFlow(this.cols, flow, this.tr, Boolean(this.scheme?.matches));
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

  /** The step-through's overlay, once its module is here: `new WalkOverlay(view)` (network-walk.js).
   * @param {import("./network-walk.js").WalkOverlay} overlay */
  attachWalk(overlay) {
    this.walk = overlay;
  }

  /** Show a stage of the step-through (domain/walk.js walkScene), or nothing (null); none
   * before attachWalk (no walk can start before). */
  setWalk(scene) {
    this.walk?.set(scene);
  }

  // -- weight editor (weight-editor.js) -----------------------------------------------------------

  /** Open the editor on a link {layer, i, j, value} (it reports through onWeightEdit). */
  editWeight(ref) {
    this.editor.show(ref);
  }

  destroy() {
    if (this.resizer) this.resizer.disconnect();
    if (this.frame) cancelAnimationFrame(this.frame);
    this.links.cancel();
    if (this.scheme) this.scheme.removeEventListener("change", this.onScheme);
    this.root.replaceChildren();
    this.root.classList.remove("bp-net", "bp-net-compact", "bp-net-narrow", "bp-net-scrolls");
  }
}
