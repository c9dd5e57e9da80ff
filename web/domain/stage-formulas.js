// @ts-check
// THE formulas of one training step, in the lesson's notation (the seed article's): y is the
// target, y′ the network's output, ln the natural logarithm, layers counted from 1 (a₀ = x).
// One table renders the lesson (web/lesson/formulas.js builds on it), the inspector and the
// step-through's bar, so a beginner reading them side by side reads the same symbols. Pure data:
// a formula is a tree (drawn as MathML by widgets/formula.js, as text by formulaText below):
//   a string           a token by its look (digits <mn>, letters <mi>, else <mo>)
//   "#name"            a number looked up by name (the lesson's numbers.js)
//   ["row", ...]       <mrow>          ["sub", base, s] / ["sup", base, s]   <msub> / <msup>
//   ["frac", n, d]     <mfrac>         ["paren", ...] ( ... )   ["bracket", ...] [ ... ]
//   ["col", ...]       a column vector ["matrix", [row], [row]]  a bracketed table
//   ["mi", "∂"]        an explicit identifier      ["mn", "1.5e−7"] an explicit number
//   ["sum", i]         Σ over i
//   ["text", key]      words: a message of the catalogue (said in the reader's language)
//   ["gap"]            between two statements   ["break"]  before an "=" (a narrow screen wraps there)

/** @typedef {string | any[]} Formula */

/** @param {Formula} b @param {Formula | number} s @returns {Formula} */
export const sub = (b, s) => ["sub", b, String(s)];
/** @param {Formula} b @returns {Formula} */
export const T = (b) => ["sup", b, "T"];
/** y′, the network's output (the target is y). */
export const yHat = ["sup", "y", "′"];
/** ∂L/∂(of). @param {Formula} of @returns {Formula} */
export const dL = (of) => ["frac", ["row", ["mi", "∂"], "L"], ["row", ["mi", "∂"], of]];
/** ∂top/∂of. @param {Formula} top @param {Formula} of @returns {Formula} */
export const dd = (top, of) => ["frac", ["row", ["mi", "∂"], top], ["row", ["mi", "∂"], of]];
export const gap = ["gap"];
export const brk = ["break"];
const fPrime = ["sup", "f", "′"];
/** √(2/π), GELU's constant (its tanh form: bpcore/activations.py) */
const GELU_C = ["row", "√", ["paren", ["frac", "2", "π"]]];
/** y′_k and y_k, the k-th output and target. */
const yHatK = ["sub", yHat, "k"];
const yK = sub("y", "k");

/** Formulas one after the other in one row, a gap between two. @param {any[][]} fs @returns {Formula} */
export const joined = (...fs) => ["row", ...fs.flatMap((f, i) => (i ? [",", gap, ...f.slice(1)] : f.slice(1)))];

/** An activation applied: σ(z), tanh(z), max(0, z), ... @param {string} act @param {Formula} z @returns {Formula} */
export function applied(act, z) {
  if (act === "sigmoid") return ["row", "σ", ["paren", z]];
  if (act === "tanh") return ["row", "tanh", ["paren", z]];
  if (act === "relu") return ["row", "max", ["paren", "0", ",", z]];
  if (act === "leaky_relu") return ["row", "max", ["paren", "0.01", z, ",", z]];
  if (act === "softplus") return ["row", "ln", ["paren", "1", "+", ["sup", "e", z]]];
  if (act === "silu") return ["row", z, "σ", ["paren", z]];
  if (act === "sine") return ["row", "sin", ["paren", z]];
  if (act === "elu" || act === "gelu") return ["row", act, ["paren", z]];
  if (act === "softmax") return ["row", "softmax", ["paren", z]];
  if (act === "yours") return ["row", "f", ["paren", z]]; // the lab's code (bpcore/plugin.py)
  return z; // linear
}

/** The stage formulas, by layer number k (1 = the first hidden layer, L = the output layer). */
export const STAGE = Object.freeze({
  /** z_k = W_k a_{k-1} + b_k @param {number} k */
  forward: (k) => ["row", sub("z", k), "=", sub("W", k), sub("a", k - 1), "+", sub("b", k)],
  /** a_k = f(z_k), y′ = f(z_L) for the output @param {number} k @param {string} act @param {boolean} out */
  activation: (k, act, out) => ["row", out ? yHat : sub("a", k), "=", applied(act, sub("z", k))],
  /** f's definition where the name does not say it all (σ, softmax), else null @param {string} act */
  definition(act) {
    if (act === "sigmoid") return ["row", "σ", ["paren", "z"], "=", ["frac", "1", ["row", "1", "+", ["sup", "e", ["row", "−", "z"]]]]];
    if (act === "softmax") return ["row", ["sub", ["row", "softmax", ["paren", "z"]], "k"], "=", ["frac", ["sup", "e", sub("z", "k")], ["row", ["sum", "j"], ["sup", "e", sub("z", "j")]]]];
    if (act === "elu") return ["row", "elu", ["paren", "z"], "=", "z", ["text", "formula.where"], "z", ">", "0", ",", ["text", "act.else"], ["sup", "e", "z"], "−", "1"];
    if (act === "silu") return ["row", "σ", ["paren", "z"], "=", ["frac", "1", ["row", "1", "+", ["sup", "e", ["row", "−", "z"]]]]];
    if (act === "gelu") return ["row", "gelu", ["paren", "z"], "=", ["frac", "z", "2"], ["paren", "1", "+", "tanh", ["paren", GELU_C, ["paren", "z", "+", "0.044715", ["sup", "z", "3"]]]]];
    return null;
  },
  /** The loss of one sample. @param {string} name bce | softmax_ce | mse @param {number} K outputs */
  loss(name, K) {
    if (name === "bce") return ["row", "L", "=", "−", ["bracket", "y", "ln", yHat, "+", ["paren", "1", "−", "y"], "ln", ["paren", "1", "−", yHat]]];
    if (name === "softmax_ce") return ["row", "L", "=", "−", ["sum", "k"], yK, "ln", yHatK];
    if (K === 1) return ["row", "L", "=", ["sup", ["paren", yHat, "−", "y"], "2"]];
    return ["row", "L", "=", ["frac", "1", "K"], ["sum", "k"], ["sup", ["paren", yHatK, "−", yK], "2"]];
  },
  /** The output layer's delta: δ_L = ∂L/∂z_L = y′ − y (mse: 2 (y′ − y) / K). @param {number} k @param {string} lossName @param {number} K */
  deltaOutput(k, lossName, K) {
    const error = ["row", yHat, "−", "y"];
    const value = lossName !== "mse" ? error : K === 1 ? ["row", "2", ["paren", error]] : ["row", ["frac", "2", "K"], ["paren", error]];
    return ["row", sub("δ", k), "=", dL(sub("z", k)), "=", value];
  },
  /** A hidden layer's delta: δ_k = (W_{k+1}ᵀ δ_{k+1}) ⊙ f′(z_k) @param {number} k */
  deltaHidden: (k) => ["row", sub("δ", k), "=", ["paren", T(sub("W", k + 1)), sub("δ", k + 1)], "⊙", fPrime, ["paren", sub("z", k)]],
  /** f′(z_k) written with a_k = f(z_k), as bpcore computes it. @param {string} act @param {number} k */
  derivative(act, k) {
    const a = sub("a", k);
    const head = [fPrime, ["paren", sub("z", k)], "="];
    if (act === "sigmoid") return ["row", ...head, a, "⊙", ["paren", "1", "−", a]];
    if (act === "tanh") return ["row", ...head, "1", "−", ["sup", a, "2"]];
    if (act === "relu") return ["row", ...head, "1", ["text", "formula.where"], sub("z", k), ">", "0", ",", ["text", "formula.else0"]];
    if (act === "leaky_relu") return ["row", ...head, "1", ["text", "formula.where"], sub("z", k), ">", "0", ",", ["text", "formula.else001"]];
    // where a_k does not tell z_k apart (bpcore's by_z), from z_k
    const s = ["row", "σ", ["paren", sub("z", k)]];
    if (act === "elu") return ["row", ...head, "1", ["text", "formula.where"], sub("z", k), ">", "0", ",", ["text", "act.else"], a, "+", "1"];
    if (act === "softplus") return ["row", ...head, "1", "−", ["sup", "e", ["row", "−", a]]];
    if (act === "silu") return ["row", ...head, s, ["paren", "1", "+", sub("z", k), ["paren", "1", "−", s]]];
    if (act === "sine") return ["row", ...head, "cos", ["paren", sub("z", k)]];
    if (act === "gelu") {
      const u = sub("u", k);
      return ["row", ...head, ["frac", "1", "2"], ["paren", "1", "+", u], "+", ["frac", sub("z", k), "2"], ["paren", "1", "−", ["sup", u, "2"]],
        GELU_C, ["paren", "1", "+", "3", "·", "0.044715", ["sup", sub("z", k), "2"]], ",", gap, ["text", "formula.where_def"],
        u, "=", "tanh", ["paren", GELU_C, ["paren", sub("z", k), "+", "0.044715", ["sup", sub("z", k), "3"]]]];
    }
    if (act === "yours") return ["row", ...head, "df", ["paren", sub("z", k)]]; // the lab's df, at z
    return ["row", ...head, "1"];
  },
  /** ∂L/∂W_k = δ_k a_{k-1}ᵀ (+ the penalty's gradient), ∂L/∂b_k = δ_k.
   * @param {number} k @param {string | null} [reg] l1 | l2 | "other" (a penalty not named) | null */
  grads(k, reg = null) {
    const term = reg === "l2" ? ["+", "λ", sub("W", k)]
      : reg === "l1" ? ["+", "λ", "sign", ["paren", sub("W", k)]]
        : reg ? ["+", ["text", "formula.penalty_term"]] : [];
    return ["row", dL(sub("W", k)), "=", sub("δ", k), T(sub("a", k - 1)), ...term, ",", gap, dL(sub("b", k)), "=", sub("δ", k)];
  },
  /** One SGD step: W ← W − η ∂L/∂W, b ← b − η ∂L/∂b */
  update: () => ["row", "W", "←", "W", "−", "η", dL("W"), ",", gap, "b", "←", "b", "−", "η", dL("b")],
});

// ---------------------------------------------------------------------------- as text

const SUBS = { 0: "₀", 1: "₁", 2: "₂", 3: "₃", 4: "₄", 5: "₅", 6: "₆", 7: "₇", 8: "₈", 9: "₉", k: "ₖ", j: "ⱼ", "−": "₋", ",": "," };
const SUPS = { T: "ᵀ", 2: "²", "′": "′", "−": "⁻", z: "ᶻ" };
const OPEN = new Set(["(", "["]);
const TIGHT = new Set([")", "]", ","]);

/** Digits as subscripts: 12 -> "₁₂". @param {number | string} n */
export const subscript = (n) => script(String(n), SUBS) ?? String(n);

/** A string written with the given script characters, or null if one is missing. @param {string} s @param {Record<string, string>} map */
function script(s, map) {
  const out = [...s].map((c) => map[c]);
  return out.every(Boolean) ? out.join("") : null;
}

/**
 * A formula as one line of text (the walk bar, a formula's spoken label): subscripts and
 * exponents as Unicode where they exist, fractions with a slash.
 * @param {Formula} f
 * @param {{number?: (name: string) => string, word?: (key: string) => string}} [how]
 * @returns {string}
 */
export function formulaText(f, how = {}) {
  const of = (/** @type {Formula} */ x) => formulaText(x, how);
  if (typeof f === "string") return f.startsWith("#") ? (how.number ? how.number(f.slice(1)) : f) : f;
  const [tag, ...kids] = f;
  switch (tag) {
    case "row": return row(kids.map((k) => [k, of(k)]));
    case "sub": return of(kids[0]) + (script(of(kids[1]), SUBS) ?? `_${of(kids[1])}`);
    case "sup": return of(kids[0]) + (script(of(kids[1]), SUPS) ?? `^(${of(kids[1])})`);
    case "frac": {
      const wrap = (/** @type {string} */ s) => (/\s/.test(s) ? `(${s})` : s);
      return `${wrap(of(kids[0]))}/${wrap(of(kids[1]))}`;
    }
    case "paren": return `(${row(kids.map((k) => [k, of(k)]))})`;
    case "bracket": return `[${row(kids.map((k) => [k, of(k)]))}]`;
    case "col": return `(${kids.map(of).join(", ")})`;
    case "matrix": return `[${kids.map((r) => r.map(of).join(", ")).join("; ")}]`;
    case "table": return kids.map((r) => r.slice(1).map(of).join(", ")).join("; "); // (the lesson's)
    case "mi": case "mn": return kids[0];
    case "sum": return `Σ${script(kids[0], SUBS) ?? ""}`;
    case "text": return how.word ? how.word(kids[0]) : kids[0];
    case "gap": return "  ";
    case "break": return "";
    default: throw new Error(`a formula has an unknown part: ${tag}`);
  }
}

/** A row's parts joined by spaces, except inside brackets, before a comma, after a ∂, and
 * between a function's name and its parenthesis. @param {[Formula, string][]} parts */
function row(parts) {
  let out = "";
  let prev = /** @type {Formula | null} */ (null);
  for (const [f, s] of parts) {
    if (s === "") continue;
    const glued = prev === null || OPEN.has(out.slice(-1)) || TIGHT.has(s) || s === "  " || out.endsWith("  ")
      || (Array.isArray(prev) && prev[0] === "mi" && prev[1] === "∂")
      || (Array.isArray(f) && f[0] === "paren" && typeof prev === "string" && /^(σ|tanh|max|softmax|sign|ln|f)$/.test(prev))
      || (Array.isArray(f) && f[0] === "paren" && Array.isArray(prev) && prev[0] === "sup" && prev[1] === "f");
    out += glued ? s : ` ${s}`;
    prev = f;
  }
  return out;
}
