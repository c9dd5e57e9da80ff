// @ts-check
// The backprop inspector's requests: one point's forward/backward numbers, or one neuron's view.
// The replies go into the state (`inspection`); the inspector view shows them. Only the latest
// request's reply is kept.

import { neuronOffset } from "../domain/layout.js";
import { noticeOf, selectedNeuron, viewOf } from "./store.js";

/** @param {{store: import("./store.js").Store, engine: any}} deps */
export function createInspection({ store, engine }) {
  const { get, update } = store;
  let seq = 0;

  /** The neuron's output over the plane from the last grid, if the page has it. */
  function thumbnail(ref) {
    const s = get();
    const g = ref.kind === "output" ? s.grid : s.neurons;
    if (!g || !s.session) return null;
    const nn = g.size * g.size;
    if (ref.kind === "output") {
      const values = g.output && g.output.subarray(ref.index * nn, (ref.index + 1) * nn);
      return values && values.length === nn ? { size: g.size, values, view: viewOf(s) } : null;
    }
    const values = g.neurons && g.neurons[neuronOffset(s.session.layerSizes, ref.layer) + ref.index];
    return values ? { size: g.size, values, view: viewOf(s) } : null;
  }

  /** @param {number} index the point's index in the session's points */
  async function inspectPoint(index) {
    update({ selected: { kind: "point", index } });
    const mine = ++seq;
    try {
      // one request: the reply carries every number shown, the weights included
      const reply = await engine.request("inspect", { index });
      if (mine !== seq) return;
      const s = get();
      update({ inspection: { kind: "sample", reply, extra: { article: s.settings.dataset === "article", settings: s.settings, meanLoss: s.metrics?.lossTrain ?? null } } });
    } catch (err) {
      update({ notice: noticeOf(err) });
    }
  }

  /** @param {{layer: number, index: number}} ref layer from 0; the output layer = hidden count */
  async function inspectNeuron({ layer, index }) {
    update({ selected: { kind: "neuron", layer, index } });
    const ref = /** @type {any} */ (selectedNeuron(get()));
    const mine = ++seq;
    try {
      const reply = await engine.request("inspectNeuron", { layer, i: index });
      if (mine !== seq) return;
      update({ inspection: { kind: "neuron", reply, extra: { thumbnail: thumbnail(ref), features: get().settings.features, output: ref.kind === "output" } } });
    } catch (err) {
      update({ notice: noticeOf(err) });
    }
  }

  function close() {
    seq += 1;
    update({ inspection: null, selected: null });
  }

  return { inspectPoint, inspectNeuron, close };
}
