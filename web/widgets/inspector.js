// @ts-check
// The backprop inspector: one data point's forward and backward pass with the actual numbers,
// or one neuron's weights, bias and gradients. A dumb widget: it renders the engine's `inspect`
// and `inspectNeuron` replies (bpcore/inspect.py) and reports hovers; it asks for nothing.
// Formulas are MathML (mathml.js), numbers are HTML tables (5 significant digits; the full
// value in the title tooltip). Styles: inspector.css (linked here if the page has not).
//
//   const insp = new Inspector(container, {
//     onHighlight(ref | null),   // a row, column or value that belongs to a neuron is hovered or
//                                // focused: {kind: "feature", layer: -1, index, feature} |
//                                // {kind: "hidden", layer, index} | {kind: "output", layer, index}
//                                // (network-view.js refs: layer = weight layer, from 0)
//     onClose(),                 // the Close button
//     headingLevel: 3,           // the title's <hN>; its parts get N + 1
//   });
//   insp.showSample(inspectReply, {article, weights, settings, meanLoss})
//       article: the article preset is loaded (adds the note on its (1 - z)z slip)
//       weights: optional `weights` reply ({weights, biases}): also shows W_l and b_l
//       settings: optional; reg and reg_rate name the penalty's gradient term
//       meanLoss: optional; the mean loss over the training set (shown beside this point's)
//   A "Full precision" switch in the header shows every digit of every number (else 5).
//   insp.showNeuron(inspectNeuronReply, thumbnail?, {features, output})
//       thumbnail: {size, values: Float32Array (size*size, row 0 = top), range?: [lo, hi]}
//       features: the active feature names (to name layer-0 inputs); output: is the output layer
//   insp.clear()
//   insp.setLanguage(translator)   // domain/i18n.js translator: the words change, the view is
//                                  // drawn again (formulas and numbers stay)
//
// Layer numbers in the text and the formulas count from 1, as in the article (z1, a1, delta2);
// refs use the engine's weight-layer index (from 0).

import { fenced, math, mfrac, mi, mn, mo, mrow, msubsup, msup } from "./mathml.js";
import { T, actName, applied, derivativeText, say, sentence, speech, fmt, precision, backHead, definition, derivative, el, gradHead, list, lossFormula, minus, neuronName, num, numbers, partial, primeHead, sameRef, sep, sourceText, sourceTitle, sub, subDigits, subbed, weightsFit, words } from "./inspector-maths.js";
import { showNeuronIn } from "./inspector-neuron.js";

const OPEN_MAX = 16; // a layer's <details> starts open when both its sizes are at most this

function ensureStyles() {
  const href = new URL("../inspector.css", import.meta.url).href;
  const links = document.querySelectorAll('link[rel="stylesheet"]');
  if ([...links].some((l) => /** @type {HTMLLinkElement} */ (l).href === href)) return;
  const link = el("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
}

// ---------------------------------------------------------------------------- math pieces

export class Inspector {
  /**
   * @param {HTMLElement} container
   * @param {{onHighlight?: (ref: object | null) => void, onClose?: () => void,
   *   headingLevel?: number}} [options]
   */
  constructor(container, { onHighlight = () => {}, onClose = () => {}, headingLevel = 3 } = {}) {
    ensureStyles();
    this.level = Math.min(Math.max(headingLevel, 1), 5); // title h3, parts h4 (under a panel's h2)
    this.container = container;
    this.onHighlight = onHighlight;
    this.onClose = onClose;
    this._refs = [];
    this._hot = null; // the element marked is-hot
    this._hotRef = null; // the ref last sent to onHighlight
    this.tr = speech.tr; // the language (setLanguage)
    container.classList.add("bpi");
    this._ownLabel = !container.hasAttribute("aria-label");
    if (this._ownLabel) container.setAttribute("aria-label", this.tr.t("panel.inspector"));
    const over = (e) => this._hover(e.target.closest?.("[data-ref]"));
    container.addEventListener("mouseover", over);
    container.addEventListener("focusin", over);
    container.addEventListener("mouseleave", () => this._hover(null));
    container.addEventListener("focusout", (e) => {
      if (!container.contains(/** @type {Node | null} */ (e.relatedTarget))) this._hover(null);
    });
    this.clear();
  }

  /** Empty the view (with a short hint). */
  clear() {
    this._shown = () => this.clear();
    this._reset();
    this.container.appendChild(el("p", "bpi-hint", say("inspector.hint")));
  }

  /** Speak another language: the same view drawn again in its words.
   * @param {ReturnType<typeof import("../domain/i18n.js").translator>} tr */
  setLanguage(tr) {
    if (tr === this.tr) return;
    this.tr = tr;
    if (this._ownLabel) this.container.setAttribute("aria-label", tr.t("panel.inspector"));
    this._shown?.();
  }

  _reset() {
    speech.tr = this.tr; // the helpers (inspector-maths.js) speak this inspector's language
    if (this._hot) this._hover(null);
    this._refs = [];
    this.container.replaceChildren();
  }

  _ref(ref) {
    this._refs.push(ref);
    return String(this._refs.length - 1);
  }

  _hover(target) {
    const ref = target && this.container.contains(target) ? this._refs[+target.dataset.ref] : null;
    const elem = ref ? target : null;
    if (elem === this._hot) return;
    this._hot?.classList.remove("is-hot");
    elem?.classList.add("is-hot");
    const changed = !sameRef(ref, this._hotRef);
    this._hot = elem;
    this._hotRef = ref;
    if (changed) this.onHighlight(ref ?? null);
  }

  _header(title, sub) {
    const head = el("div", "bpi-head");
    const h = el(`h${this.level}`, "bpi-title", title);
    head.appendChild(h);
    const digits = el("label", "bpi-precision");
    const box = el("input");
    box.type = "checkbox";
    box.checked = precision.full;
    box.addEventListener("change", () => {
      precision.full = box.checked;
      this._shown?.(); // the same view again, with the other digits
      /** @type {HTMLElement | null} */ (this.container.querySelector(".bpi-precision input"))?.focus();
    });
    digits.append(box, say("inspector.full_precision"));
    head.appendChild(digits);
    const close = el("button", "bpi-close", "×");
    close.type = "button";
    close.setAttribute("aria-label", say("inspector.close"));
    close.title = say("inspector.close_title");
    close.addEventListener("click", () => this.onClose());
    head.appendChild(close);
    this.container.appendChild(head);
    if (sub) this.container.appendChild(sub);
    return h;
  }

  /** A scrolling box around a table (keyboard-scrollable: it takes focus). */
  _scroll(table, label) {
    const wrap = el("div", "bpi-tablebox");
    const shown = el("p", "bpi-label", label);
    shown.setAttribute("aria-hidden", "true"); // the table's caption says it
    const box = el("div", "bpi-scroll");
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", label);
    box.appendChild(table);
    wrap.append(shown, box);
    return wrap;
  }

  _formula(kids, label) {
    const box = el("div", "bpi-math");
    box.appendChild(math(kids, { label }));
    return box;
  }

  _cell(tag, content, ref, title) {
    const c = el(tag);
    if (content instanceof Node) c.appendChild(content);
    else c.textContent = content;
    if (typeof content === "number") {
      c.textContent = fmt(content);
      c.title = String(content);
      c.className = "bpi-v";
    }
    if (title) c.title = title;
    if (ref) c.dataset.ref = this._ref(ref);
    return c;
  }

  /**
   * A table with one row per neuron of layer l.
   * groups: [{head: Node|string, title, values: (i) => number | number[], cols?: [{head, title, ref}]}]
   * A group with cols spans several columns (a matrix); others are one column.
   */
  _layerTable(l, n, groups, caption, refOf) {
    const table = el("table", "bpi-table");
    table.appendChild(el("caption", "bpi-caption", caption));
    const thead = el("thead");
    const multi = groups.some((g) => g.cols);
    const r1 = el("tr");
    const corner = this._cell("th", say("inspector.col_neuron"));
    corner.scope = "col";
    if (multi) corner.rowSpan = 2;
    r1.appendChild(corner);
    const r2 = el("tr");
    for (const g of groups) {
      const head = g.cols ? el("span", "bpi-group-label") : g.head;
      if (g.cols) head.append(g.head);
      const th = this._cell("th", head, null, g.title);
      th.scope = g.cols ? "colgroup" : "col";
      if (g.cols) {
        th.colSpan = g.cols.length;
        th.className = "bpi-group";
        for (const c of g.cols) {
          const h = this._cell("th", c.head, c.ref, c.title);
          h.scope = "col";
          r2.appendChild(h);
        }
      } else if (multi) th.rowSpan = 2;
      r1.appendChild(th);
    }
    thead.appendChild(r1);
    if (multi) thead.appendChild(r2);
    table.appendChild(thead);
    const tbody = el("tbody");
    for (let i = 0; i < n; i++) {
      const tr = el("tr");
      const ref = refOf(i);
      const th = this._cell("th", String(i + 1), ref, neuronName(ref));
      th.scope = "row";
      tr.appendChild(th);
      for (const g of groups) {
        const v = g.values(i);
        for (const x of Array.isArray(v) ? v : [v]) tr.appendChild(this._cell("td", x, ref));
      }
      tbody.appendChild(tr);
    }
    table.appendChild(tbody);
    return this._scroll(table, caption);
  }

  _details(summary, open) {
    const d = el("details", "bpi-layer");
    d.open = open;
    d.appendChild(el("summary", null, summary));
    this.container.appendChild(d);
    return d;
  }

  // -------------------------------------------------------------------------- one sample

  showSample(r, opts = {}) {
    const { article = false, weights = null, settings = null, meanLoss = null } = opts;
    this._shown = () => this.showSample(r, opts);
    this._reset();
    const layers = r.layers;
    const L = layers.length; // weight layers; the output is layer L in the text
    const a0 = list(r.a0);
    const features = r.features ?? [];
    const sizes = [a0.length, ...layers.map((x) => list(x.z).length)];
    const W = weightsFit(weights, sizes) ? weights : null;
    const refOf = (l) => (i) => (l === L - 1
      ? { kind: "output", layer: l, index: i } : { kind: "hidden", layer: l, index: i });
    const srcRef = (l, j) => (l === 0
      ? { kind: "feature", layer: -1, index: j, feature: features[j] }
      : { kind: "hidden", layer: l - 1, index: j });
    const srcCols = (l) => Array.from({ length: sizes[l] }, (_, j) => ({
      head: sourceText(l, j, features), title: sourceTitle(l, j, features), ref: srcRef(l, j),
    }));

    const point = r.point ? list(r.point) : null;
    const where = r.train === false ? "test" : "train";
    const info = el("p", "bpi-sub");
    if (point) {
      const said = { x1: fmt(point[0]), x2: fmt(point[1]), value: fmt(point[2]) };
      info.append(say(layers[L - 1].activation === "linear" ? "inspector.sub_target" : "inspector.sub_label", said));
    } else info.append(say("inspector.sub"));
    this._header(Number.isInteger(r.index) ? say(`inspector.point_${where}`, { index: r.index + 1 })
      : say(`inspector.point_${where}_any`), info);

    // ---- input
    this.container.appendChild(el(`h${this.level + 1}`, "bpi-h", say("inspector.forward")));
    const din = this._details(say("inspector.input_summary", { count: a0.length }), true);
    din.appendChild(this._formula([sub("a", 0), mo("="), mi("x")], say("inspector.math_input")));
    const inTable = el("table", "bpi-table");
    inTable.appendChild(el("caption", "bpi-caption", say("inspector.input_caption")));
    const ih = el("tr");
    ih.append(this._cell("th", say("inspector.col_feature")), this._cell("th", subbed("a", 0)));
    for (const th of ih.children) th.scope = "col";
    const ithead = el("thead");
    ithead.appendChild(ih);
    inTable.appendChild(ithead);
    const ibody = el("tbody");
    a0.forEach((v, j) => {
      const tr = el("tr");
      const ref = srcRef(0, j);
      const th = this._cell("th", sourceText(0, j, features), ref, sourceTitle(0, j, features));
      th.scope = "row";
      tr.append(th, this._cell("td", v, ref));
      ibody.appendChild(tr);
    });
    inTable.appendChild(ibody);
    din.appendChild(this._scroll(inTable, say("inspector.input_caption")));

    // ---- layers, forward
    layers.forEach((layer, l) => {
      const k = l + 1;
      const n = sizes[k];
      const out = l === L - 1;
      const act = layer.activation;
      const d = this._details(say(out ? "inspector.output_summary" : "inspector.hidden_summary",
        { layer: k, count: n, act: actName(act) }), n <= OPEN_MAX && sizes[l] <= OPEN_MAX);
      const zk = sub("z", k);
      d.appendChild(this._formula([zk, mo("="), sub("W", k), sub("a", l), mo("+"), sub("b", k)],
        `z${k} = W${k} a${l} + b${k}`));
      const ak = out ? mi("y") : sub("a", k);
      const def = definition(act);
      d.appendChild(this._formula([ak, mo("="), applied(act, sub("z", k)),
        ...(def ? [...sep(say("inspector.where_def")), ...def] : [])],
      `${out ? "y" : `a${k}`} = ${actName(act)}(z${k})`));
      const z = list(layer.z);
      const a = list(layer.a);
      const groups = [];
      if (W) {
        groups.push({ head: subbed("W", k), title: say("inspector.w_title", { layer: k }),
          cols: srcCols(l), values: (i) => list(W.weights[l][i]) });
        groups.push({ head: subbed("b", k), title: say("inspector.b_title", { layer: k }), values: (i) => Number(W.biases[l][i]) });
      }
      groups.push({ head: subbed("z", k), title: say("inspector.z_title", { layer: k }), values: (i) => z[i] });
      groups.push({ head: out ? "y" : subbed("a", k), title: say("inspector.a_title", { name: out ? "y" : `a${k}` }),
        values: (i) => a[i] });
      d.appendChild(this._layerTable(l, n, groups, say("inspector.forward_caption", { layer: k }), refOf(l)));
      d.dataset.stage = `forward-${k}`; // highlightStage
    });

    // ---- output and loss
    this.container.appendChild(el(`h${this.level + 1}`, "bpi-h", say("inspector.output_loss")));
    const y = list(r.output);
    const t = list(r.target);
    const K = y.length;
    const lossBox = el("div", "bpi-block");
    const lossKey = `inspector.math_loss_${r.loss_name}`;
    lossBox.appendChild(this._formula(lossFormula(r.loss_name, K), this.tr.has(lossKey) ? say(lossKey) : `loss ${r.loss_name}`));
    const plug = el("p", "bpi-line");
    const plugged = { y: numbers(y), t: numbers(t), loss: num(r.data_loss) };
    plug.append(...(r.penalty
      ? sentence("inspector.plug_penalty", { ...plugged, penalty: num(r.penalty), total: num(r.loss) })
      : sentence("inspector.plug", plugged)));
    lossBox.appendChild(plug);
    if (typeof meanLoss === "number") {
      const mean = el("p", "bpi-line");
      mean.append(...sentence("inspector.mean_loss", { loss: num(meanLoss) }));
      lossBox.appendChild(mean);
    }
    lossBox.dataset.stage = "loss";
    this.container.appendChild(lossBox);

    // ---- backward
    this.container.appendChild(el(`h${this.level + 1}`, "bpi-h", say("inspector.backward")));
    const reg = settings?.reg && settings.reg !== "none" && settings.reg_rate ? settings.reg : null;
    for (let l = L - 1; l >= 0; l--) {
      const k = l + 1;
      const layer = layers[l];
      const n = sizes[k];
      const out = l === L - 1;
      const d = this._details(say(out ? "inspector.back_summary_output" : "inspector.back_summary", { k: subDigits(k) }),
        n <= OPEN_MAX && sizes[l] <= OPEN_MAX);
      const dk = () => sub("δ", k);
      const groups = [];
      if (out) {
        const twice = r.loss_name === "mse";
        const scale = twice ? mfrac(mn("2"), mrow(mi("n"), mi("K"))) : mfrac(mn("1"), mi("n"));
        d.appendChild(this._formula([dk(), mo("="), partial(mi("L"), sub("z", k)),
          mo("="), scale, fenced([mi("y"), minus(), mi("t")]), ...sep(say(twice && K === 1 ? "inspector.here_nk" : "inspector.here_n"))],
        say(twice ? "inspector.math_delta_out_mse" : "inspector.math_delta_out", { k })));
        const error = list(r.error);
        groups.push({ head: "y − t", title: say("inspector.error_title"), values: (i) => error[i] });
      } else {
        const act = layer.activation;
        d.appendChild(this._formula([dk(), mo("="),
          fenced([msubsup(mi("W"), mn(String(k + 1)), T()), sub("δ", k + 1)]), mo("⊙"),
          mrow(msup(mi("f"), mo("′")), fenced(sub("z", k))), ...sep(),
          msup(mi("f"), mo("′")), fenced(sub("z", k)), mo("="), ...derivative(act, k)],
        say("inspector.math_delta_hidden", { k, next: k + 1, df: derivativeText(act) })));
        const back = list(layer.backprop);
        const dfz = list(layer.dfz);
        groups.push({ head: backHead(k), title: `W${k + 1}ᵀ δ${k + 1}`, values: (i) => back[i] });
        groups.push({ head: primeHead(k), title: `f′(z${k}) = ${derivativeText(act)}`,
          values: (i) => dfz[i] });
      }
      const delta = list(layer.delta);
      groups.push({ head: subbed("δ", k), title: `δ${k} = ∂L/∂z${k}`, values: (i) => delta[i] });
      const dW = layer.dW.map(list);
      const db = list(layer.db);
      groups.push({ head: gradHead("W", k), title: say("inspector.dw_title", { k }),
        cols: srcCols(l), values: (i) => dW[i] });
      groups.push({ head: gradHead("b", k), title: `∂L/∂b${k} = δ${k}`, values: (i) => db[i] });

      const regTerm = reg === "l2" ? [mo("+"), mi("λ"), sub("W", k)]
        : reg === "l1" ? [mo("+"), mi("λ"), mi("sign"), fenced(sub("W", k))]
          : r.penalty ? [mo("+"), ...words(say("inspector.penalty_term"))] : [];
      d.appendChild(this._formula([partial(mi("L"), sub("W", k)), mo("="), dk(),
        msubsup(mi("a"), mn(String(l)), T()), ...regTerm, ...sep(),
        partial(mi("L"), sub("b", k)), mo("="), dk()],
      say(regTerm.length ? "inspector.math_grad_penalty" : "inspector.math_grad", { k, l })));
      d.appendChild(this._layerTable(l, n, groups, say("inspector.backward_caption", { layer: k }), refOf(l)));
      d.dataset.stage = `backward-${k}`;
    }

    // ---- one SGD step
    if (r.sgd) {
      this.container.appendChild(el(`h${this.level + 1}`, "bpi-h", say("inspector.sgd")));
      const box = el("div", "bpi-block");
      box.appendChild(this._formula([mi("W"), mo("←"), mi("W"), minus(), mi("η"),
        partial(mi("L"), mi("W")), ...sep(), mi("b"), mo("←"), mi("b"), minus(),
        mi("η"), partial(mi("L"), mi("b")), ...sep(), mi("η"), mo("="), mi("lr")],
      say("inspector.math_sgd")));
      const p = el("p", "bpi-line bpi-sgd");
      p.append(...sentence("inspector.sgd_line", { before: num(r.loss), after: num(r.sgd.loss_after),
        y: numbers(y), y_after: numbers(r.sgd.output_after) }, { lr: String(r.sgd.lr) }));
      box.appendChild(p);
      box.dataset.stage = "update";
      this.container.appendChild(box);
    }

    if (article) this._articleNote(r, sizes);
    this.highlightStage(this._stage);
  }

  /**
   * Mark the section of a step-through stage ({id} of domain/walk.js: "forward-1", "loss",
   * "backward-2", "update"), opening it if closed; null marks none. Kept across redraws.
   * @param {{id: string} | null} stage
   */
  highlightStage(stage) {
    this._stage = stage ? { id: stage.id } : null;
    for (const e of this.container.querySelectorAll("[data-stage]")) {
      const on = !!stage && /** @type {HTMLElement} */ (e).dataset.stage === stage.id;
      e.classList.toggle("is-stage", on);
      if (on && e instanceof HTMLDetailsElement) e.open = true;
    }
  }

  _articleNote(r, sizes) {
    const note = el("aside", "bpi-note");
    note.setAttribute("role", "note");
    note.setAttribute("aria-label", say("inspector.article"));
    note.appendChild(el(`h${this.level + 1}`, "bpi-h", say("inspector.article")));
    const p = el("p");
    p.append(say("inspector.article_slip"));
    const h = r.layers[0];
    if (h.article) { // a sigmoid hidden layer: bpcore.inspect gives both factors
      p.append(...sentence("inspector.article_here", { delta: numbers(list(h.delta)), dfz: numbers(list(h.dfz)) }));
      p.append(...sentence("inspector.article_would", { dfz: numbers(list(h.article.dfz)), delta: numbers(list(h.article.delta)) }));
    }
    note.appendChild(p);
    this.container.appendChild(note);
  }

  // -------------------------------------------------------------------------- one neuron

  showNeuron(r, thumbnail = null, opts = {}) {
    this._shown = () => this.showNeuron(r, thumbnail, opts);
    showNeuronIn(this, r, thumbnail, opts);
  }
}

// ---------------------------------------------------------------------------- helpers

