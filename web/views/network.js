// @ts-check
// The network diagram from the state: its architecture, the weights on the links and the
// neurons' pictures (repainted only when new ones arrive: ~50 canvases cost), the highlight.

import { SETTINGS } from "../domain/settings.js";
import { selectedNeuron } from "../app/store.js";
import { fits } from "../domain/gradflow.js";
import { tr } from "./i18n.js";

/**
 * @param {any} network the NetworkView widget
 * @returns {(s: any, prev: any) => void}
 */
export function networkView(network) {
  let arch = "";
  let weights = null;
  let thumbs = null;
  let lang = "";
  let flow = /** @type {any} */ (undefined); // the gradient flow's sample last handed to the diagram
  return (s, prev) => {
    if (s.lang !== lang) {
      network.setLanguage(tr((lang = s.lang))); // before the first build
      flow = undefined;
    }
    const set = s.settings;
    const sess = s.session;
    if (!sess) return;
    const key = JSON.stringify([set.features, set.layers, set.activation, set.dropout, sess.layerSizes.at(-1), sess.problem]);
    // rebuild once the engine's network has the new shape (not before, with the old output
    // count, and again after: the largest network costs ~100 ms to lay out)
    const sizes = sess.layerSizes;
    const same = sizes.length === set.layers.length + 2 && sizes[0] === set.features.length && set.layers.every((n, l) => sizes[l + 1] === n);
    if (key !== arch && (same || !arch)) {
      network.setArchitecture({
        features: set.features, allFeatures: SETTINGS.get("features").choices, layers: set.layers,
        activations: set.activation, dropout: set.dropout, outputs: sess.layerSizes.at(-1), problem: sess.problem,
      });
      arch = key;
      weights = thumbs = null;
      flow = undefined;
    }
    // the gradient flow's numbers (domain/gradflow.js): the latest sample, if it is this network's
    if (s.gradFlow.last !== flow) network.setGradFlow(fits((flow = s.gradFlow.last), sizes) && same ? flow : null);
    if (s.selected !== prev.selected) network.setHighlight(selectedNeuron(s));
    if (!s.diagramVisible) return;
    if (s.weights && s.weights !== weights && network.setWeights(s.weights.weights, s.weights.biases)) weights = s.weights;
    const n = s.neurons;
    if (n && n !== thumbs) {
      network.setThumbnails(n.size, n.neurons, { output: n.output, outputRange: sess.problem === "regression" ? [-1, 1] : [0, 1] });
      thumbs = n;
    }
  };
}
