// @ts-check
// The inspector's words, number spans and the names of inputs and neurons (its formulas are the
// one table's trees: domain/stage-formulas.js, drawn by widgets/formula.js).
// Words come from the message catalogue (inspector.* keys) in the language the inspector was
// handed (`speech`, set by Inspector.setLanguage); formulas stay MathML in every language.

import { el } from "./dom.js";
import { featureInfo } from "../domain/features.js";
import { full, significant } from "../domain/format.js";
import { translator } from "../domain/i18n.js";

export const FEATURE_LABELS = {
  x1: ["x", "1", ""], x2: ["x", "2", ""], x1sq: ["x", "1", "2"], x2sq: ["x", "2", "2"],
  x1x2: null, sinx1: null, sinx2: null,
};

/** The language the inspector speaks: a translator (domain/i18n.js); English until told. */
export const speech = { tr: translator("en") };
/** A message of the catalogue in the inspector's language. @param {string} key @param {Record<string, unknown>} [params] */
export const say = (key, params) => speech.tr.t(key, params);
/** An activation's name as the inspector writes it (ReLU, 线性 ...). @param {string} act */
export const actName = (act) => (speech.tr.has(`inspector.act_${act}`) ? say(`inspector.act_${act}`) : act);

/**
 * A whole message whose places are DOM nodes (numbers with their full value as a tooltip):
 * the catalogue's sentence, split at its places, so each language orders them its own way.
 * Text places are filled first (params); {name} left over is taken from `nodes`.
 * @param {string} key @param {Record<string, Node>} nodes @param {Record<string, unknown>} [params]
 * @returns {(Node | string)[]}
 */
export function sentence(key, nodes, params = {}) {
  const parts = say(key, params).split(/\{(\w+)\}/);
  return parts.map((part, i) => (i % 2 === 1 && Object.hasOwn(nodes, part) ? nodes[part] : i % 2 ? `{${part}}` : part))
    .filter((part) => part !== "");
}

// ---------------------------------------------------------------------------- small helpers

export { el } from "./dom.js";

/** base<sub>s</sub> as HTML. */
export function subbed(base, s) {
  const span = el("span", "bpi-sym", base);
  span.appendChild(el("sub", null, String(s)));
  return span;
}

export const list = (v) => Array.from(v ?? [], Number);

/** How many digits the inspector shows: 5 significant ones, or every digit of the float
 * (its "Full precision" switch). */
export const precision = { full: false };

/** A number as the inspector shows it now. @param {unknown} v */
export function fmt(v) {
  return precision.full ? full(v) : significant(v);
}

export function vectorText(v) {
  const xs = list(v);
  return xs.length === 1 ? fmt(xs[0]) : `[${xs.map((x) => fmt(x)).join(", ")}]`;
}

/** A span with the short number and the full value as its tooltip. */
export function num(v, cls = "bpi-num") {
  const s = el("span", cls, fmt(v));
  s.title = String(v);
  return s;
}

export function numbers(v) {
  const xs = list(v);
  const span = el("span", "bpi-nums");
  span.title = xs.map(String).join(", ");
  span.textContent = vectorText(xs);
  return span;
}


/** A formula tree naming the j-th input of layer l (weight-layer index). */
export function sourceTree(l, j, features) {
  if (l > 0) return ["sub", "a", `${l},${j + 1}`];
  const name = features?.[j];
  const f = FEATURE_LABELS[name];
  if (f) return f[2] ? ["sup", ["sub", f[0], f[1]], f[2]] : ["sub", f[0], f[1]];
  if (name === "x1x2") return ["row", ["sub", "x", "1"], ["sub", "x", "2"]];
  if (name === "sinx1") return ["row", "sin", ["sub", "x", "1"]];
  if (name === "sinx2") return ["row", "sin", ["sub", "x", "2"]];
  return ["sub", "x", String(j + 1)];
}

export function sourceText(l, j, features) {
  if (l > 0) return subbed("a", `${l},${j + 1}`);
  return el("span", null, (features?.[j] ? featureInfo(features[j]).label : `x${j + 1}`));
}

export function sourceTitle(l, j, features) {
  if (l > 0) return say("inspector.from_neuron", { layer: l, n: j + 1 });
  return say("inspector.input", { name: features?.[j] ? featureInfo(features[j]).label : `x${j + 1}` });
}

// ---------------------------------------------------------------------------- the widget

export function sameRef(a, b) {
  return a === b || (!!a && !!b && a.kind === b.kind && a.layer === b.layer && a.index === b.index);
}

export function neuronName(ref) {
  return ref.kind === "output" ? say("inspector.output_neuron_name", { n: ref.index + 1 })
    : say("inspector.neuron_name", { layer: ref.layer + 1, n: ref.index + 1 });
}





