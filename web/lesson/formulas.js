// @ts-check
// The lesson's formulas as data, shared by both languages (maths reads the same in English and
// Chinese). A formula is a tree the lesson widget turns into MathML (widgets/mathml.js):
//   a string           a token by its look (digits <mn>, letters <mi>, else <mo>)
//   "#name"            a number from numbers.js, as <mn>
//   ["row", ...]       <mrow>          ["sub", base, s] / ["sup", base, s]   <msub> / <msup>
//   ["frac", n, d]     <mfrac>         ["paren", ...] ( ... )   ["bracket", ...] [ ... ]
//   ["col", ...]       a column vector ["matrix", [row], [row]]  a bracketed table
//   ["mi", "∂"]        an explicit identifier
//   ["gap"]            between two statements   ["break"]  before an "=" (a narrow screen wraps there)
// Layer numbers count from 1 as in the article: a0 = x, a1 the hidden layer, a2 = y' the output.

/** @typedef {string | any[]} Formula */

const sub = (/** @type {Formula} */ b, /** @type {Formula} */ s) => ["sub", b, s];
const T = (/** @type {Formula} */ b) => ["sup", b, "T"];
const yHat = ["sup", "y", "′"];
const d = (/** @type {Formula} */ of) => ["frac", ["row", ["mi", "∂"], "L"], ["row", ["mi", "∂"], of]];
const dd = (/** @type {Formula} */ top, /** @type {Formula} */ of) => ["frac", ["row", ["mi", "∂"], top], ["row", ["mi", "∂"], of]];
const [a0, a1, z1, z2, b1, b2, W1, W2] = [sub("a", "0"), sub("a", "1"), sub("z", "1"), sub("z", "2"), sub("b", "1"), sub("b", "2"), sub("W", "1"), sub("W", "2")];
const [d1, d2] = [sub("δ", "1"), sub("δ", "2")];
const sigma = (/** @type {Formula[]} */ ...x) => ["row", "σ", ["paren", ...x]];
const gap = ["gap"];
const brk = ["break"];

/** @type {Readonly<Record<string, Formula>>} */
export const FORMULAS = Object.freeze({
  // the whole network in one line: the output of the hidden layer's output
  network: ["row", yHat, "=", sigma(W2, sigma(W1, "x", "+", b1), "+", b2)],
  example: ["row",
    W1, "=", ["matrix", ["#w1_11", "#w1_12"], ["#w1_21", "#w1_22"]], ",", gap,
    b1, "=", ["col", "#b1_1", "#b1_2"], ",", gap,
    W2, "=", ["matrix", ["#w2_1", "#w2_2"]], ",", gap,
    b2, "=", "#b2"],
  forwardHidden: ["row", z1, "=", W1, a0, "+", b1, ",", gap, a1, "=", sigma(z1)],
  sigmoid: ["row", sigma("z"), "=", ["frac", "1", ["row", "1", "+", ["sup", "e", ["row", "−", "z"]]]]],
  forwardOutput: ["row", z2, "=", W2, a1, "+", b2, ",", gap, yHat, "=", sub("a", "2"), "=", sigma(z2)],
  forwardNumbers: ["row",
    a1, "=", "σ", ["paren", ["col", "#z1_1", "#z1_2"]], brk, "=", ["col", "#a1_1", "#a1_2"], ",", gap,
    yHat, "=", sigma("#z2"), "=", "#y_hat"],
  loss: ["row", "L", "=", "−", ["bracket", "y", "ln", yHat, "+", ["paren", "1", "−", "y"], "ln", ["paren", "1", "−", yHat]]],
  lossNumber: ["row", "L", "=", "−", "ln", ["paren", "1", "−", yHat], "=", "#loss"],
  chainOutput: ["row",
    d2, "=", d(z2), brk, "=", d(yHat), dd(yHat, z2), brk, "=",
    ["paren", "−", ["frac", "y", yHat], "+", ["frac", ["row", "1", "−", "y"], ["row", "1", "−", yHat]]],
    yHat, ["paren", "1", "−", yHat], brk, "=", yHat, "−", "y"],
  outputGrads: ["row", d(W2), "=", d2, T(a1), ",", gap, d(b2), "=", d2],
  outputNumbers: ["row", d2, "=", "#delta2", ",", gap, d(W2), "=", ["matrix", ["#dw2_1", "#dw2_2"]]],
  chainHidden: ["row", d1, "=", d(z1), brk, "=", ["paren", T(W2), d2], "⊙", ["sup", "σ", "′"], ["paren", z1], brk, "=",
    ["paren", T(W2), d2], "⊙", a1, "⊙", ["paren", "1", "−", a1]],
  hiddenGrads: ["row", d(W1), "=", d1, T(a0), ",", gap, d(b1), "=", d1],
  hiddenNumbers: ["row", d1, "=", ["col", "#back_1", "#back_2"], "⊙", ["col", "#dfz_1", "#dfz_2"], brk, "=", ["col", "#delta1_1", "#delta1_2"]],
  update: ["row", "W", "←", "W", "−", "η", d("W"), ",", gap, "b", "←", "b", "−", "η", d("b")],
  updateNumbers: ["row", "#w2_1", "−", "#lr", "×", "#dw2_1", "=", "#w2_1_new"],
  slip: ["row", ["paren", "1", "−", z1], z1, "=", ["col", "#slip_1", "#slip_2"], gap, "≠", gap,
    a1, ["paren", "1", "−", a1], "=", ["col", "#dfz_1", "#dfz_2"]],
});
