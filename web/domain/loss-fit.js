// @ts-check
// Which loss fits which problem: the one rule of bpcore/settings.py (LOSS_FIT, AUTO_LOSS,
// problem_of, n_classes, loss_misfit), read from the generated table. The link's repair
// (link-sanitize.js) and the data-set picker (presets.js) both ask it. Pure: no DOM.

import { AUTO_LOSS, DATASETS, LOSS_FIT, MULTICLASS_DATASETS } from "./settings.js";

/** The problem the settings describe: a preset data set's own, else `problem` (custom).
 * @param {Record<string, any>} s @returns {string} */
export function problemOf(s) {
  const d = /** @type {Record<string, {problem: string | null}>} */ (DATASETS)[s.dataset];
  return (d && d.problem) || s.problem;
}

/** The number of classes K the settings describe (0: regression); as settings.n_classes.
 * @param {Record<string, any>} s @returns {number} */
export function classCount(s) {
  if (problemOf(s) === "regression") return 0;
  return MULTICLASS_DATASETS.includes(s.dataset) ? s.classes : 2;
}

/** Why `loss` cannot train K classes (K = 0: regression): null if it can, else {code, params}
 * with the codes of bpcore's settings errors. @param {number} k @param {string} loss */
export function lossMisfit(k, loss) {
  const fit = /** @type {Record<string, {problem: string, max_classes: number | null}>} */ (LOSS_FIT)[loss];
  if (!fit) return null; // auto
  if (k === 0 && fit.problem !== "regression") return { code: "loss_needs_classification", params: { loss } };
  if (k && fit.problem === "regression") return { code: "loss_needs_regression", params: { loss } };
  if (k && fit.max_classes !== null && k > fit.max_classes) return { code: "loss_needs_two_classes", params: { loss, classes: k } };
  return null;
}

/** The loss "auto" stands for, for K classes (0: regression). @param {number} k */
export function autoLoss(k) {
  return AUTO_LOSS[k === 0 ? "regression" : k === 2 ? "two_classes" : "more_classes"];
}
