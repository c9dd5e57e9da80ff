// @ts-check
// The network's layout as the page edits it: the hidden layers' limits (from the settings
// table), parsing the layers text field, and where a neuron's grid sits in the engine's list.

import { SETTINGS } from "./settings.js";

const LAYERS = SETTINGS.get("layers");
/** The most hidden layers and neurons per layer the settings table allows. */
export const LIMITS = Object.freeze({ layers: LAYERS.max_len, neurons: LAYERS.hi });

/**
 * "4, 2" -> {layers: [4, 2]} or {error} (the settings table's limits). The error is data, as
 * the engine's are (bpcore/errors.py): {code, field, ...params, message}, said in the page's
 * language by domain/i18n.js; `message` is the English text for the console.
 * @param {string} text
 * @returns {{layers: number[]} | {error: {code: string, field: string, message: string, [k: string]: unknown}}}
 */
export function parseLayers(text) {
  const parts = String(text).split(/[\s,;]+/).filter(Boolean);
  if (parts.length > LAYERS.max_len) {
    const message = `layers: at most ${LAYERS.max_len} hidden layers, got ${parts.length}`;
    return { error: { code: "layer_count", field: "layers", max: LAYERS.max_len, count: parts.length, message } };
  }
  const layers = parts.map(Number);
  const bad = layers.findIndex((n) => !Number.isInteger(n) || n < LAYERS.lo || n > LAYERS.hi);
  if (bad >= 0) {
    const message = `layers: layer ${bad + 1} must have ${LAYERS.lo}..${LAYERS.hi} neurons, got ${parts[bad]}`;
    return { error: { code: "layer_size", field: "layers", layer: bad + 1, lo: LAYERS.lo, hi: LAYERS.hi, got: parts[bad], message } };
  }
  return { layers };
}

/**
 * Index in grid.neurons of the first neuron of hidden layer `layer` (sizes: [in, h1.., out]).
 * @param {number[]} sizes @param {number} layer
 */
export function neuronOffset(sizes, layer) {
  let k = 0;
  for (let l = 1; l <= layer; l++) k += sizes[l];
  return k;
}

/**
 * The activation list after one hidden layer's activation changed: one name when all agree.
 * (Any per-layer list: the dropout rates too.)
 * @template T
 * @param {T[]} activation the setting (one name, or one per layer)
 * @param {number} layers how many hidden layers
 * @param {number} layer @param {T} name
 */
export function withActivation(activation, layers, layer, name) {
  const acts = Array.from({ length: layers }, (_, l) => activation[activation.length === 1 ? 0 : l]);
  acts[layer] = name;
  return acts.every((a) => a === acts[0]) ? [acts[0]] : acts;
}

/**
 * The dropout rates after one hidden layer's rate changed (withActivation's rule: one rate
 * when all agree). @param {Record<string, any>} settings the page's (dropout, layers)
 * @param {number} layer @param {number} rate
 */
export const withRate = (settings, layer, rate) => withActivation(settings.dropout, settings.layers.length, layer, rate);

/**
 * The activation list that fits a new layer count: kept if it still fits, else its first name.
 * (Any per-layer list: the dropout rates too.)
 * @template T
 * @param {T[]} activation @param {number} layers
 */
export function activationFor(activation, layers) {
  return activation.length === 1 || activation.length === layers ? activation : [activation[0]];
}
