// @ts-check
// The input features as pictures: what each one computes over the view (scaled into about
// [-1, 1] for display). Names and labels come from bpcore/features.py (the generated
// settings.js); only the display maths lives here.

import { cellCentre } from "./geometry.js";
import { FEATURES } from "./settings.js";

/** @type {Record<string, (x1: number, x2: number) => number>} */
const SHOWN = {
  x1: (a) => a / 6,
  x2: (a, b) => b / 6,
  x1sq: (a) => (a * a) / 36,
  x2sq: (a, b) => (b * b) / 36,
  x1x2: (a, b) => (a * b) / 36,
  sinx1: (a) => Math.sin(a),
  sinx2: (a, b) => Math.sin(b),
};

/** A feature's label ("X₁²") and spoken name ("X1 squared"). @param {string} name */
export function featureInfo(name) {
  return FEATURES[name] || { label: name, spoken: name };
}

const cache = new Map();
/**
 * An n x n picture of an input feature over the view (row 0 = top).
 * @param {string} name @param {number} n @returns {Float32Array}
 */
export function featureGrid(name, n) {
  const key = `${name}:${n}`;
  if (cache.has(key)) return cache.get(key);
  const f = SHOWN[name] || (() => 0);
  const out = new Float32Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) out[r * n + c] = f(...cellCentre(r, c, n));
  }
  cache.set(key, out);
  return out;
}
