// Small pure helpers for the page's views: number formats, point colours, the feature
// pictures, where a neuron's grid sits in the engine's list, the presets' suggested settings.

import { CLASS_COLOURS, divergingColour } from "./heatmap.js";
import { FEATURES } from "./network-view.js";
import { SETTINGS } from "./settings.js";

// What picking the seed article's examples also sets: generated from bpcore/presets.py.
export { SUGGESTED } from "./settings.js";

/** A metric for display: 3 decimals, "–" when there is none (no test set), NaN as text. */
export function fmt(x) {
  if (x === undefined || x === null) return "–";
  return Number.isFinite(x) ? x.toFixed(3) : String(x);
}

export function pointColour(problem) {
  if (problem === "regression") return divergingColour;
  return (label) => {
    const c = CLASS_COLOURS[label % CLASS_COLOURS.length] || CLASS_COLOURS[0];
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  };
}

/** Index in grid.neurons of the first neuron of hidden layer `layer` (sizes: [in, h1.., out]). */
export function neuronOffset(sizes, layer) {
  let k = 0;
  for (let l = 1; l <= layer; l++) k += sizes[l];
  return k;
}

const featureCache = new Map();
/** An n x n picture of an input feature over the view (row 0 = top), scaled into [-1, 1]. */
export function featureGrid(name, n) {
  const key = `${name}:${n}`;
  if (featureCache.has(key)) return featureCache.get(key);
  const f = FEATURES[name].f;
  const out = new Float32Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) out[r * n + c] = f(-6 + ((c + 0.5) / n) * 12, 6 - ((r + 0.5) / n) * 12);
  }
  featureCache.set(key, out);
  return out;
}

/** Resolves after ms (at once if ms <= 0), or early once stop() turns true. */
export function sleep(ms, stop = () => false) {
  return new Promise((resolve) => {
    if (ms <= 0) return resolve();
    const end = performance.now() + ms;
    const tick = () => (stop() || performance.now() >= end ? resolve() : setTimeout(tick, Math.min(50, end - performance.now())));
    setTimeout(tick, Math.min(50, ms));
  });
}

/** "4, 2" -> {layers: [4, 2]} or {error: "layers: ..."} (the settings table's limits). */
export function parseLayers(text) {
  const spec = SETTINGS.get("layers");
  const parts = String(text).split(/[\s,;]+/).filter(Boolean);
  if (parts.length > spec.max_len) return { error: `layers: at most ${spec.max_len} hidden layers, got ${parts.length}` };
  const layers = parts.map(Number);
  const bad = layers.findIndex((n) => !Number.isInteger(n) || n < spec.lo || n > spec.hi);
  if (bad >= 0) return { error: `layers: layer ${bad + 1} must have ${spec.lo}..${spec.hi} neurons, got ${parts[bad]}` };
  return { layers };
}
