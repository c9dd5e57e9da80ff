// @ts-check
// How numbers and choice values are written on the page: one function per meaning.

import { DATASETS } from "./settings.js";

const TEXT = { none: "–", diverged: "∞ (diverged)", undefinedValue: "undefined (NaN)" };

/** A metric: 3 decimals, "–" when there is none (no test set); a loss that blew up says so in
 * words, not "Infinity" or "NaN": the page's language's (metricWords), English by default.
 * @param {number | null | undefined} x @param {{diverged: string, undefinedValue: string}} [words] */
export function metric(x, words = TEXT) {
  if (x === undefined || x === null) return TEXT.none;
  if (Number.isNaN(x)) return words.undefinedValue;
  return Number.isFinite(x) ? x.toFixed(3) : words.diverged;
}

/** metric()'s words in a language. @param {{t: (key: string) => string}} t a translator */
export const metricWords = (t) => ({ diverged: t.t("value.infinite"), undefinedValue: t.t("value.nan") });

/** A chart's tick or readout value: at most 3 significant digits, no trailing zeros; not
 * finite: as metric() says it. @param {number} v @param {{diverged: string, undefinedValue: string}} [words] */
export function chartNumber(v, words = TEXT) {
  if (!Number.isFinite(v)) return metric(v, words);
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e-3 && a < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(1);
}

/** A number as JavaScript writes it, shortest round-trip (the inspector's "full precision").
 * @param {unknown} v */
export function full(v) {
  if (typeof v !== "number") return String(v);
  if (!Number.isFinite(v)) return significant(v);
  return String(v).replace("-", "−");
}

/**
 * About `count` round tick values covering [lo, hi] (1, 2 or 5 times a power of ten apart),
 * the first <= lo and the last >= hi. @param {number} lo @param {number} hi @param {number} count
 * @returns {number[]}
 */
export function niceTicks(lo, hi, count) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || count < 1) return [];
  if (hi - lo < 1e-12) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
  const first = Math.floor(lo / step + 1e-9) * step;
  const out = [];
  for (let t = first; t < hi + step * (1 - 1e-9); t += step) out.push(Number(t.toPrecision(12)));
  return out;
}

/** A percentage of a fraction (accuracy): one decimal, "–" when there is none, words when it is
 * not finite (as metric). @param {number | null | undefined} x
 * @param {{diverged: string, undefinedValue: string}} [words] */
export function percent(x, words = TEXT) {
  if (x === null || x === undefined || !Number.isFinite(x)) return metric(x, words);
  return `${(100 * x).toFixed(1)}%`;
}

/** A number with `digits` significant digits, a true minus sign, no trailing zeros (the
 * inspector's numbers); plain decimals down to a millionth (a gradient of −0.000085887 is an
 * ordinary one), e-notation only below or from a million up. @param {unknown} v @param {number} [digits] */
export function significant(v, digits = 5) {
  if (typeof v !== "number") return String(v);
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  if (v === 0) return "0";
  const a = Math.abs(v);
  const s = a >= 1e-6 && a < 1e6 ? String(Number(a.toPrecision(digits)))
    : a.toExponential(digits - 1).replace(/\.?0+e/, "e");
  return (v < 0 ? "−" : "") + s;
}

/** Display names of the choices that are not data sets (those come from bpcore). */
const NAMES = {
  classification: "Classification", regression: "Regression",
  sigmoid: "Sigmoid", tanh: "Tanh", relu: "ReLU", leaky_relu: "Leaky ReLU", linear: "Linear",
  elu: "ELU", softplus: "Softplus", silu: "SiLU (swish)", gelu: "GELU (tanh form)", sine: "Sine",
  glorot_normal: "Glorot normal", tf_playground: "TF Playground (±0.5, biases 0.1)", zeros: "Zeros",
  auto: "Automatic", bce: "Cross-entropy (sigmoid)", softmax_ce: "Cross-entropy (softmax)",
  mse: "Mean squared error", uniform: "Uniform ±0.5", glorot: "Glorot uniform", he: "He normal",
  sgd: "SGD", momentum: "Momentum", adam: "Adam", none: "None", l1: "L1", l2: "L2",
};

/** A choice value's display name (anything unknown shows as it is). @param {string} value */
export function title(value) {
  const d = /** @type {Record<string, {title: string}>} */ (DATASETS)[value];
  return d ? d.title : /** @type {Record<string, string>} */ (NAMES)[value] || value;
}
