// @ts-check
// The input features as pictures: what each one computes over the view (scaled into about
// [-1, 1] for display). Names and labels come from bpcore/features.py (the generated
// settings.js); only the display maths lives here.

import { cellCentre, VIEW } from "./geometry.js";
import { FEATURES } from "./settings.js";

/** Each feature over the window, scaled by the window's reach `m` (6 for +-6).
 * @type {Record<string, (x1: number, x2: number, m: number) => number>} */
const SHOWN = {
  x1: (a, b, m) => a / m,
  x2: (a, b, m) => b / m,
  x1sq: (a, b, m) => (a * a) / (m * m),
  x2sq: (a, b, m) => (b * b) / (m * m),
  x1x2: (a, b, m) => (a * b) / (m * m),
  sinx1: (a) => Math.sin(a),
  sinx2: (a, b) => Math.sin(b),
};

/** A feature's label ("X₁²") and spoken name ("X1 squared"). @param {string} name */
export function featureInfo(name) {
  return FEATURES[name] || { label: name, spoken: name };
}

const cache = new Map();
/**
 * An n x n picture of an input feature over the view window (row 0 = top).
 * @param {string} name @param {number} n @param {number[]} [view] @returns {Float32Array}
 */
export function featureGrid(name, n, view = VIEW) {
  const key = `${name}:${n}:${view}`;
  if (cache.has(key)) return cache.get(key);
  const f = SHOWN[name] || (() => 0);
  const m = Math.max(Math.abs(view[0]), Math.abs(view[1])) || 1;
  const out = new Float32Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) out[r * n + c] = f(...cellCentre(r, c, n, view), m);
  }
  cache.set(key, out);
  return out;
}
