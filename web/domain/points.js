// @ts-check
// Pure helpers for data points (no DOM, no state). A point is [x1, x2, label]; the engine
// sends points as one flat Float64Array n*3.

import { msg } from "./i18n.js";
import { MIN_CLASSES, MIN_POINTS } from "./settings.js";

/** Flat n*3 -> [[x1, x2, label], ...]. */
export function toRows(flat) {
  const rows = [];
  for (let i = 0; i + 2 < flat.length; i += 3) rows.push([flat[i], flat[i + 1], flat[i + 2]]);
  return rows;
}

/** [[x1, x2, label], ...] -> Float64Array n*3. */
export function toFlat(rows) {
  const out = new Float64Array(rows.length * 3);
  rows.forEach((p, i) => out.set(p, i * 3));
  return out;
}

/** Index of the point of `flat` nearest to (x1, x2) within maxDist (data units), or -1. */
export function nearestPoint(flat, x1, x2, maxDist) {
  let best = -1;
  let bestD = maxDist * maxDist;
  for (let i = 0; i * 3 < flat.length; i++) {
    const dx = flat[i * 3] - x1;
    const dy = flat[i * 3 + 1] - x2;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** Why these points cannot train yet, as a catalogue message ("" if they can): bpcore's
 * MIN_POINTS points, of MIN_CLASSES classes for classification. */
export function pointsProblem(rows, problem) {
  if (rows.length < MIN_POINTS) return msg("notice.draw_two_points", { count: MIN_POINTS });
  if (problem === "classification" && new Set(rows.map((p) => p[2])).size < MIN_CLASSES) {
    return msg("notice.draw_two_classes", { count: MIN_CLASSES });
  }
  return "";
}

/** Labels carried across a change of problem: classes spread over [-1, 1] and back. */
export function convertLabels(rows, to, classes) {
  if (to === "regression") {
    const k = Math.max(2, classes);
    return rows.map(([a, b, l]) => [a, b, -1 + (2 * Math.min(l, k - 1)) / (k - 1)]);
  }
  return rows.map(([a, b, v]) => [a, b, v >= 0 ? 1 : 0]);
}

/** The highest class label + 1 (0 for no points). */
export function classesUsed(rows) {
  let k = 0;
  for (const p of rows) k = Math.max(k, p[2] + 1);
  return k;
}
