// @ts-check
// The model files' box (a link, a script, the weights, the data as files): its widget, fed by the
// engine and the store. Weights loaded from a file cannot be replayed by a link: the trail says so.
//
//   const files = mountFiles({store, engine, session, element});
//   files.setLanguage(t)   its words, again in another language

import { scriptTrail } from "./app/links.js";
import { mountModelFiles } from "./widgets/model-files.js";

/**
 * @param {{store: import("./app/store.js").Store, engine: any, session: {fetchGrid: (neurons: boolean) => unknown},
 *   element: HTMLElement}} deps
 */
export function mountFiles({ store, engine, session, element }) {
  const { get, update } = store;
  return mountModelFiles(element, {
    request: (type, payload) => engine.request(type, payload),
    epochs: () => (get().metrics && get().metrics.epoch) || 0, trail: () => scriptTrail(get()), // the run, its changes too
    notify: (text, _kind, message) => update({ notice: message ?? text }), // as data: said again in another language
    onWeightsLoaded: (r) => {
      // weights from a file: a link cannot replay them (it opens at epoch 0, Copy link says so)
      update({ weights: { weights: r.weights, biases: r.biases }, metrics: r.metrics, trail: { ...get().trail, edits: [], replayable: false, why: "loaded" } });
      session.fetchGrid(true);
    },
  });
}
