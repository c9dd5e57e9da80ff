// @ts-check
// The stages of one training step, in the order the step-through walks them (the article's
// order): forward through each weight layer, the loss, backward through each layer from the
// output, the update. Pure: the numbers of each stage come from bpcore's inspect reply.

/**
 * @typedef {{id: string, phase: "forward" | "loss" | "backward" | "update", layer: number | null}} Stage
 *   layer: the weight layer (0 = inputs -> first hidden layer; the last = into the output)
 */

/**
 * The stages for a network of `layers` weight layers (hidden layers + 1).
 * @param {number} layers
 * @returns {Stage[]}
 */
export function stagesOf(layers) {
  /** @type {Stage[]} */
  const stages = [];
  for (let l = 0; l < layers; l++) stages.push({ id: `forward-${l + 1}`, phase: "forward", layer: l });
  stages.push({ id: "loss", phase: "loss", layer: null });
  for (let l = layers - 1; l >= 0; l--) stages.push({ id: `backward-${l + 1}`, phase: "backward", layer: l });
  stages.push({ id: "update", phase: "update", layer: null });
  return stages;
}

/**
 * The index of a stage given by id ("forward-1", "loss", "backward-2", "update"; "backward-last"
 * and "forward-last" name the output layer's), or -1.
 * @param {Stage[]} stages @param {string} id
 */
export function stageIndex(stages, id) {
  const layers = stages.filter((s) => s.phase === "forward").length;
  const canonical = id.replace(/-last$/, `-${layers}`);
  return stages.findIndex((s) => s.id === canonical);
}

/**
 * What the diagram shows at a stage, for neurons of layer `neuronLayer` (1 = first hidden layer,
 * `layers` = the output; 0 = the inputs): "z,a" (this forward stage's neurons), "a" (already
 * computed), "delta" (this backward stage's, or already reached), or null (not reached yet).
 * @param {Stage} stage @param {number} neuronLayer @param {number} layers
 * @returns {"z,a" | "a" | "delta" | null}
 */
export function neuronShows(stage, neuronLayer, layers) {
  if (neuronLayer === 0) return "a"; // the inputs are given
  if (stage.phase === "forward") {
    const at = /** @type {number} */ (stage.layer) + 1;
    return neuronLayer === at ? "z,a" : neuronLayer < at ? "a" : null;
  }
  if (stage.phase === "loss") return "a";
  if (stage.phase === "backward") return neuronLayer >= /** @type {number} */ (stage.layer) + 1 ? "delta" : "a";
  return "delta"; // update: every delta is known
}

/**
 * What the diagram shows on the links of weight layer `l` at a stage: "w*a" (the forward stage's
 * incoming links), "dw" (dL/dw = delta a, this backward stage's or already reached), "update"
 * (w -> w - lr dL/dw), "w" (only the weight) or null.
 * @param {Stage} stage @param {number} l @returns {"w*a" | "dw" | "update" | "w"}
 */
export function linkShows(stage, l) {
  if (stage.phase === "forward") return l === stage.layer ? "w*a" : "w";
  if (stage.phase === "backward") return l >= /** @type {number} */ (stage.layer) ? "dw" : "w";
  if (stage.phase === "update") return "update";
  return "w";
}

/** The layer a stage highlights (neurons of that layer), or null for the loss / update.
 * @param {Stage} stage @param {number} layers @returns {number | null} */
export function activeLayer(stage, layers) {
  if (stage.phase === "loss") return layers; // the output and its target
  return stage.layer === null ? null : stage.layer + 1;
}

/** The stages of the shown network, or [] without one. @param {any} s */
export function walkStages(s) {
  return s.session ? stagesOf(s.session.layerSizes.length - 1) : [];
}

/** The current stage of the step-through, or null when it is not running. @param {any} s */
export function walkStage(s) {
  return s.walk ? walkStages(s)[s.walk.stage] || null : null;
}
