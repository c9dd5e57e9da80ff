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
//   insp.showSample(inspectReply, {article, settings, meanLoss})
//       what it shows is domain/inspection-sections.js sampleSections(reply, opts): every
//       number looked up in the reply (W_l and b_l included), every formula the one table's
//       article: the article preset is loaded (adds the note on its (1 - z)z slip)
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

import { sampleSections } from "../domain/inspection-sections.js";
import { formulaText } from "../domain/stage-formulas.js";
import { formulaNode } from "./formula.js";
import { math } from "./mathml.js";
import { say, sentence, speech, fmt, precision, el, list, neuronName, num, numbers, sameRef, subbed } from "./inspector-maths.js";
import { showNeuronIn } from "./inspector-neuron.js";

function ensureStyles() {
  const href = new URL("../inspector.css", import.meta.url).href;
  const links = document.querySelectorAll('link[rel="stylesheet"]');
  if ([...links].some((l) => /** @type {HTMLLinkElement} */ (l).href === href)) return;
  const link = el("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
}

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

  /** A message (Msg of domain/inspection-sections.js: {key, params}, params may be Msgs
   * themselves) or a plain string, in the inspector's language. @param {any} m @returns {string} */
  _text(m) {
    if (m === null || m === undefined || typeof m === "string") return m ?? "";
    const params = Object.fromEntries(Object.entries(m.params ?? {})
      .map(([k, v]) => [k, v && typeof v === "object" && "key" in v ? this._text(v) : v]));
    return say(m.key, params);
  }

  /** A column's or row's head: a Msg, a string, or a formula tree drawn as HTML (sub, ′, ᵀ). */
  _head(h) {
    if (typeof h === "string") return h;
    if (!Array.isArray(h)) return this._text(h);
    const [tag, ...kids] = h;
    const span = el("span");
    if (tag === "sub") {
      const s = subbed("", "");
      s.replaceChildren(this._head(kids[0]), el("sub", null, String(kids[1])));
      return s;
    }
    if (tag === "sup") span.append(this._head(kids[0]), formulaText(["sup", "", kids[1]]));
    else if (tag === "paren") span.append("(", ...kids.map((k) => this._head(k)), ")");
    else span.append(...kids.map((k) => (k === "−" || k === "+" ? ` ${k} ` : this._head(k))));
    return span;
  }

  /** A formula of the one table (domain/stage-formulas.js) as MathML, spoken as its text. */
  _maths(tree) {
    const how = { word: (/** @type {string} */ key) => say(key) };
    return this._formula([formulaNode(tree, how)], formulaText(tree, how));
  }

  /** A sentence whose number places are spans (5 digits, the full value as tooltip). */
  _line(line, cls = "bpi-line") {
    const p = el("p", cls);
    const nodes = Object.fromEntries(Object.entries(line.nums)
      .map(([k, v]) => [k, Array.isArray(v) ? numbers(v) : num(v)]));
    p.append(...sentence(line.key, nodes, line.params));
    return p;
  }

  /** A Table of domain/inspection-sections.js: one row per neuron (or input). */
  _table(t) {
    const caption = this._text(t.caption);
    const table = el("table", "bpi-table");
    table.appendChild(el("caption", "bpi-caption", caption));
    const thead = el("thead");
    const multi = t.groups.some((g) => g.cols);
    const r1 = el("tr");
    const corner = this._cell("th", this._text(t.corner));
    corner.scope = "col";
    if (multi) corner.rowSpan = 2;
    r1.appendChild(corner);
    const r2 = el("tr");
    for (const g of t.groups) {
      const head = g.cols ? el("span", "bpi-group-label") : this._head(g.head);
      if (g.cols) head.append(this._head(g.head));
      const th = this._cell("th", head, null, this._text(g.title));
      th.scope = g.cols ? "colgroup" : "col";
      if (g.cols) {
        th.colSpan = g.cols.length;
        th.className = "bpi-group";
        for (const c of g.cols) {
          const h = this._cell("th", this._head(c.head), c.ref, this._text(c.title));
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
    for (const row of t.rows) {
      const tr = el("tr");
      const th = this._cell("th", this._head(row.head), row.ref, row.title ? this._text(row.title) : neuronName(row.ref));
      th.scope = "row";
      tr.appendChild(th);
      for (const v of row.values) tr.appendChild(this._cell("td", v, row.ref));
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

  /** One sample's forward and backward pass: the sections of domain/inspection-sections.js. */
  showSample(r, opts = {}) {
    this._shown = () => this.showSample(r, opts);
    this._reset();
    const point = r.point ? list(r.point) : null;
    const where = r.train === false ? "test" : "train";
    const info = el("p", "bpi-sub");
    if (point) {
      const said = { x1: fmt(point[0]), x2: fmt(point[1]), value: fmt(point[2]) };
      info.append(say(r.loss_name === "mse" ? "inspector.sub_target" : "inspector.sub_label", said));
    } else info.append(say("inspector.sub"));
    this._header(Number.isInteger(r.index) ? say(`inspector.point_${where}`, { index: r.index + 1 })
      : say(`inspector.point_${where}_any`), info);
    for (const s of sampleSections(r, opts)) {
      if (s.type === "heading") {
        this.container.appendChild(el(`h${this.level + 1}`, "bpi-h", this._text(s.text)));
        continue;
      }
      if (s.type === "note") {
        const note = el("aside", "bpi-note");
        note.setAttribute("role", "note");
        note.setAttribute("aria-label", this._text(s.title));
        note.appendChild(el(`h${this.level + 1}`, "bpi-h", this._text(s.title)));
        const p = el("p");
        p.append(this._text(s.text));
        for (const line of s.lines) p.append(...this._line(line).childNodes);
        note.appendChild(p);
        this.container.appendChild(note);
        continue;
      }
      const box = s.type === "details" ? this._details(this._text(s.summary), s.open) : el("div", "bpi-block");
      for (const f of s.formulas) box.appendChild(this._maths(f));
      if (s.table) box.appendChild(this._table(s.table));
      for (const line of s.lines ?? []) box.appendChild(this._line(line, s.stage === "update" ? "bpi-line bpi-sgd" : "bpi-line"));
      if (s.stage) box.dataset.stage = s.stage; // highlightStage
      if (s.type === "block") this.container.appendChild(box);
    }
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

  // -------------------------------------------------------------------------- one neuron

  showNeuron(r, thumbnail = null, opts = {}) {
    this._shown = () => this.showNeuron(r, thumbnail, opts);
    showNeuronIn(this, r, thumbnail, opts);
  }
}

// ---------------------------------------------------------------------------- helpers

