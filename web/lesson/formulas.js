// @ts-check
// The lesson's formulas as data, shared by both languages (maths reads the same in English and
// Chinese). The general ones (forward, loss, gradients, update) are the one table's
// (domain/stage-formulas.js: the inspector and the walk bar draw the same); the rest are the
// article's worked example. A formula is a tree the lesson widget turns into MathML
// (widgets/formula.js):
//   a string           a token by its look (digits <mn>, letters <mi>, else <mo>)
//   "#name"            a number from numbers.js, as <mn>
//   ["row", ...]       <mrow>          ["sub", base, s] / ["sup", base, s]   <msub> / <msup>
//   ["frac", n, d]     <mfrac>         ["paren", ...] ( ... )   ["bracket", ...] [ ... ]
//   ["col", ...]       a column vector ["matrix", [row], [row]]  a bracketed table
//   ["mi", "∂"]        an explicit identifier
//   ["gap"]            between two statements   ["break"]  before an "=" (a narrow screen wraps there)
//   ["table", ["row", ["text", key], f, ...], ...]  a table: each row's name, then its formulas
// Layer numbers count from 1 as in the article: a0 = x, a1 the hidden layer, a2 = y' the output.

import { SETTINGS } from "../domain/settings.js";
import { STAGE, T, brk, dL as d, dd, gap, sub, yHat } from "../domain/stage-formulas.js";

/** @typedef {import("../domain/stage-formulas.js").Formula} Formula */
/** A formula's parts after its "row" (to join two in one row). @param {any} f */
const parts = (f) => f.slice(1);
const [a0, a1, z1, z2, b1, b2, W1, W2] = [sub("a", "0"), sub("a", "1"), sub("z", "1"), sub("z", "2"), sub("b", "1"), sub("b", "2"), sub("W", "1"), sub("W", "2")];
const [d1, d2] = [sub("δ", "1"), sub("δ", "2")];
const sigma = (/** @type {Formula[]} */ ...x) => ["row", "σ", ["paren", ...x]];
/** a₁ = f(z₁) for one activation, with f's definition where its name does not say it all. @param {string} act */
function withDefinition(act) {
  const f = STAGE.activation(1, act, false), def = STAGE.definition(act);
  return def ? ["row", ...parts(f), ",", gap, ["text", "formula.where_def"], ...parts(def)] : f;
}

/** @type {Readonly<Record<string, Formula>>} */
export const FORMULAS = Object.freeze({
  // the whole network in one line: the output of the hidden layer's output
  network: ["row", yHat, "=", sigma(W2, sigma(W1, "x", "+", b1), "+", b2)],
  example: ["row",
    W1, "=", ["matrix", ["#w1_11", "#w1_12"], ["#w1_21", "#w1_22"]], ",", gap,
    b1, "=", ["col", "#b1_1", "#b1_2"], ",", gap,
    W2, "=", ["matrix", ["#w2_1", "#w2_2"]], ",", gap,
    b2, "=", "#b2"],
  forwardHidden: ["row", ...parts(STAGE.forward(1)), ",", gap, ...parts(STAGE.activation(1, "sigmoid", false))],
  sigmoid: ["row", sigma("z"), "=", ["frac", "1", ["row", "1", "+", ["sup", "e", ["row", "−", "z"]]]]],
  forwardOutput: ["row", z2, "=", W2, a1, "+", b2, ",", gap, yHat, "=", sub("a", "2"), "=", sigma(z2)],
  forwardNumbers: ["row",
    a1, "=", "σ", ["paren", ["col", "#z1_1", "#z1_2"]], brk, "=", ["col", "#a1_1", "#a1_2"], ",", gap,
    yHat, "=", sigma("#z2"), "=", "#y_hat"],
  loss: STAGE.loss("bce", 1),
  lossNumber: ["row", "L", "=", "−", "ln", ["paren", "1", "−", yHat], "=", "#loss"],
  chainOutput: ["row",
    d2, "=", d(z2), brk, "=", d(yHat), dd(yHat, z2), brk, "=",
    ["paren", "−", ["frac", "y", yHat], "+", ["frac", ["row", "1", "−", "y"], ["row", "1", "−", yHat]]],
    yHat, ["paren", "1", "−", yHat], brk, "=", yHat, "−", "y"],
  outputGrads: STAGE.grads(2),
  outputNumbers: ["row", d2, "=", "#delta2", ",", gap, d(W2), "=", ["matrix", ["#dw2_1", "#dw2_2"]]],
  chainHidden: ["row", d1, "=", d(z1), brk, "=", ["paren", T(W2), d2], "⊙", ["sup", "σ", "′"], ["paren", z1], brk, "=",
    ["paren", T(W2), d2], "⊙", a1, "⊙", ["paren", "1", "−", a1]],
  hiddenGrads: STAGE.grads(1),
  hiddenNumbers: ["row", d1, "=", ["col", "#back_1", "#back_2"], "⊙", ["col", "#dfz_1", "#dfz_2"], brk, "=", ["col", "#delta1_1", "#delta1_2"]],
  update: STAGE.update(),
  // every hidden activation of the settings table next to its derivative (the inspector's)
  activations: ["table", ...SETTINGS.get("activation").choices.map((act) => ["row", ["text", `choice.${act}`], withDefinition(act), STAGE.derivative(act, 1)])],
  updateNumbers: ["row", "#w2_1", "−", "#lr", "×", "#dw2_1", "=", "#w2_1_new"],
  slip: ["row", ["paren", "1", "−", z1], z1, "=", ["col", "#slip_1", "#slip_2"], gap, "≠", gap,
    a1, ["paren", "1", "−", a1], "=", ["col", "#dfz_1", "#dfz_2"]],
});
