// @ts-check
// The gradient flow as data (no DOM): the samples the engine's step replies carry (`gradFlow`:
// each weight layer's RMS of dL/dW and dL/db for the chunk's last mini-batch, and the hidden
// units that output 0 on every training point; bpcore/gradflow.py), kept as a bounded history
// for the chart, and the lesson's deep networks (bpcore presets.DEEP).

import { DEEP } from "./settings.js";

/** Samples kept for the chart: past this, neighbouring pairs merge (the later one stays). */
export const MAX_SAMPLES = 600;

/**
 * @typedef {{epoch: number, rmsW: (number | null)[], rmsB: (number | null)[], dead: number[], deadUnits: number[][]}} Sample
 *   one step reply's gradFlow
 * @typedef {{samples: {epoch: number, rmsW: (number | null)[]}[], last: Sample | null, open: boolean}} Flow
 *   the store's slice: the chart's history, the latest sample (the diagram's numbers), whether
 *   the chart's panel is open
 */

/** @type {Flow} */
export const EMPTY_FLOW = Object.freeze({ samples: [], last: null, open: false });

/**
 * The flow with one more sample. A sample of an epoch not after the last one (the run was
 * reset, rebuilt or replaced) starts the history anew; past `max` samples every other one goes.
 * @param {Flow} flow @param {Sample} sample @param {number} [max]
 * @returns {Flow}
 */
export function addSample(flow, sample, max = MAX_SAMPLES) {
  const prev = flow.samples.at(-1);
  const width = (/** @type {{rmsW: unknown[]}} */ s) => s.rmsW.length;
  const fresh = !prev || prev.epoch >= sample.epoch || width(prev) !== width(sample);
  let samples = [...(fresh ? [] : flow.samples), { epoch: sample.epoch, rmsW: sample.rmsW.slice() }];
  if (samples.length > max) samples = samples.filter((_, i) => i % 2 === 1 || i === samples.length - 1);
  return { ...flow, samples, last: sample };
}

/**
 * Whether a sample belongs to a network of these layer sizes ([n_in, h_1, ..., n_out]): one
 * RMS per weight layer, one dead count per hidden layer, each unit within its layer.
 * @param {Sample | null} sample @param {number[]} sizes
 */
export function fits(sample, sizes) {
  if (!sample || sizes.length < 2) return false;
  const hidden = sizes.slice(1, -1);
  return sample.rmsW.length === sizes.length - 1 && sample.dead.length === hidden.length &&
    sample.deadUnits.every((units, l) => units.every((i) => i >= 0 && i < hidden[l]));
}

/**
 * A weight layer's name as a catalogue message: l counts from 0 (into the first hidden layer);
 * the last one feeds the output. @param {number} l @param {number} count weight layers
 * @returns {{key: string, params: Record<string, number>}}
 */
export function layerName(l, count) {
  return l === count - 1 ? { key: "gradflow.layer_out", params: {} } : { key: "gradflow.layer", params: { layer: l + 1 } };
}

/** An RMS as a short number for the diagram, the legend and the chart's axis: 3 significant
 * digits, exponent form below 0.001 ("2.45e-7", "1e-4"); null (not finite) as "–".
 * @param {number | null} v */
export function rmsText(v) {
  if (v === null || !Number.isFinite(v)) return "–";
  const short = Number(v.toPrecision(3));
  return v !== 0 && (v < 1e-3 || v >= 1e4) ? short.toExponential().replace("e+", "e") : String(short);
}

/** How many powers of ten lie between the first layer's RMS and the last's (positive: the
 * first is smaller, the gradient vanishes on its way back); null if either is 0 or missing.
 * @param {(number | null)[]} rmsW */
export function spread(rmsW) {
  const a = rmsW[0], b = rmsW.at(-1);
  if (!a || !b || !(a > 0) || !(b > 0)) return null;
  return Math.log10(b / a);
}

/** The lesson's deep networks by name (bpcore presets.DEEP): the settings they change on top of
 * the AND gate's preset. */
export const DEEP_RUNS = /** @type {Record<string, {layers: number[], activation: string[]}>} */ (DEEP);

/** The data set the deep networks train on. */
export const DEEP_DATASET = "and_gate";
