// @ts-check
// How numbers and choice values are written on the page: one function per meaning.

import { DATASETS } from "./settings.js";

/** A metric: 3 decimals, "–" when there is none (no test set), NaN as text. @param {number | null | undefined} x */
export function metric(x) {
  if (x === undefined || x === null) return "–";
  return Number.isFinite(x) ? x.toFixed(3) : String(x);
}

/** A percentage of a fraction (accuracy): one decimal, "–" when there is none. @param {number | null | undefined} x */
export function percent(x) {
  return x === null || x === undefined ? "–" : `${(100 * x).toFixed(1)}%`;
}

/** A number with `digits` significant digits, a true minus sign, no trailing zeros (the
 * inspector's numbers). @param {unknown} v @param {number} [digits] */
export function significant(v, digits = 5) {
  if (typeof v !== "number") return String(v);
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "∞" : "−∞";
  if (v === 0) return "0";
  const a = Math.abs(v);
  const s = a >= 1e-4 && a < 1e6 ? String(Number(a.toPrecision(digits)))
    : a.toExponential(digits - 1).replace(/\.?0+e/, "e");
  return (v < 0 ? "−" : "") + s;
}

/** Display names of the choices that are not data sets (those come from bpcore). */
const NAMES = {
  classification: "Classification", regression: "Regression",
  sigmoid: "Sigmoid", tanh: "Tanh", relu: "ReLU", leaky_relu: "Leaky ReLU", linear: "Linear",
  auto: "Automatic", bce: "Cross-entropy (sigmoid)", softmax_ce: "Cross-entropy (softmax)",
  mse: "Mean squared error", uniform: "Uniform ±0.5", glorot: "Glorot", he: "He",
  sgd: "SGD", momentum: "Momentum", adam: "Adam", none: "None", l1: "L1", l2: "L2",
};

/** A choice value's display name (anything unknown shows as it is). @param {string} value */
export function title(value) {
  const d = /** @type {Record<string, {title: string}>} */ (DATASETS)[value];
  return d ? d.title : /** @type {Record<string, string>} */ (NAMES)[value] || value;
}
