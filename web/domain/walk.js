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
 * incoming links), "dw" (dL/dw = delta a, this backward stage's), "w*delta" (the delta of the
 * layer above flowing back to this backward stage's neurons), "update" (w -> w - lr dL/dw) or
 * "w" (only the weight: not this stage's links).
 * @param {Stage} stage @param {number} l @returns {"w*a" | "dw" | "w*delta" | "update" | "w"}
 */
export function linkShows(stage, l) {
  if (stage.phase === "forward") return l === stage.layer ? "w*a" : "w";
  if (stage.phase === "backward") {
    const at = /** @type {number} */ (stage.layer);
    return l === at ? "dw" : l === at + 1 ? "w*delta" : "w";
  }
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

/**
 * The numbers the diagram shows at the current stage, all looked up in the inspector's reply
 * (bpcore's inspect: it computes every one, the page none); null when the step-through is not
 * running or the reply is not the walked sample's (yet).
 *   columns[c] (c = 0 inputs .. L output): {shows, active, n, a, z, delta, backprop, dfz, target}
 *   gaps[l] (weight layer l, between columns l and l + 1): {shows, active, nIn, nOut, w, dw, wa,
 *     wd, after, a, delta, lr, b, bAfter}: w, dw, wa (w a), wd (w delta) and after (w - lr dL/dw)
 *     flat row-major (nOut x nIn); linkNumbers(gap, i, j) one link's; b and bAfter (b - lr
 *     dL/db) the biases of column l + 1 (nOut), or null
 *   loss, lossAfter, lossName, lr: this sample's loss before and after the SGD step, its rate
 * @param {any} s the state
 */
export function walkScene(s) {
  const stage = walkStage(s);
  const insp = s.inspection;
  if (!stage || !insp || insp.kind !== "sample" || insp.reply.index !== s.walk.index) return null;
  const r = insp.reply;
  const L = r.layers.length;
  const arr = (/** @type {any} */ x) => (x ? Array.from(x, Number) : null);
  const on = activeParts(stage, L);
  const columns = [];
  for (let c = 0; c <= L; c++) {
    const layer = c ? r.layers[c - 1] : null;
    const a = /** @type {number[]} */ (arr(c ? layer.a : r.a0));
    columns.push({
      shows: neuronShows(stage, c, L), active: on.columns.includes(c), n: a.length, a,
      z: c ? arr(layer.z) : null, delta: c ? arr(layer.delta) : null,
      backprop: c ? arr(layer.backprop) : null, dfz: c ? arr(layer.dfz) : null,
      target: c === L ? arr(r.target) : null,
      // dropout: the neurons this training step drops (bpcore's mask: 0), or null (none)
      dropped: c && c < L && layer.mask ? layer.mask.map((/** @type {number} */ m) => Number(m) === 0) : null,
    });
  }
  const lr = Number(r.sgd?.lr ?? 0);
  const gaps = [];
  for (let l = 0; l < L; l++) {
    const nIn = columns[l].n;
    const nOut = columns[l + 1].n;
    const layer = r.layers[l];
    const flat = (/** @type {any} */ rows) => {
      const out = new Float64Array(nIn * nOut);
      if (!rows) return out;
      for (let i = 0; i < nOut; i++) for (let j = 0; j < nIn; j++) out[i * nIn + j] = Number(rows[i][j]);
      return out;
    };
    gaps.push({
      l, shows: linkShows(stage, l), active: on.gaps.includes(l), nIn, nOut,
      w: flat(layer.W), dw: flat(layer.dW), wa: flat(layer.wa), wd: flat(layer.wdelta), after: flat(layer.W_after),
      a: columns[l].a, delta: columns[l + 1].delta, lr,
      b: arr(layer.b), bAfter: arr(layer.b_after), // the biases of layer l + 1, before and after the step
    });
  }
  return { stage, L, columns, gaps, loss: Number(r.loss), lossAfter: Number(r.sgd?.loss_after), lossName: String(r.loss_name), lr };
}

/** The columns and gaps a stage is about (the others are dimmed). @param {Stage} stage @param {number} L */
export function activeParts(stage, L) {
  const all = (/** @type {number} */ n) => Array.from({ length: n }, (_, k) => k);
  const at = /** @type {number} */ (stage.layer);
  if (stage.phase === "forward") return { columns: [at, at + 1], gaps: [at] };
  if (stage.phase === "loss") return { columns: [L], gaps: [] };
  if (stage.phase === "backward") return at + 1 < L ? { columns: [at, at + 1, at + 2], gaps: [at, at + 1] } : { columns: [at, at + 1], gaps: [at] };
  return { columns: all(L + 1), gaps: all(L) };
}

/**
 * One link's numbers at its gap's stage, looked up: w, and w a (forward), w delta (the delta
 * flowing back), dL/dw (backward), or the weight after the step w - lr dL/dw (bpcore's
 * sgd_step, the very weight sampleStep leaves).
 * @param {any} gap a walkScene gap @param {number} i target @param {number} j source
 * @returns {{w: number, a?: number, wa?: number, delta?: number, wd?: number, dw?: number, after?: number}}
 */
export function linkNumbers(gap, i, j) {
  const k = i * gap.nIn + j;
  const w = gap.w[k];
  if (gap.shows === "w*a") return { w, a: gap.a[j], wa: gap.wa[k] };
  if (gap.shows === "w*delta") return { w, delta: gap.delta[i], wd: gap.wd[k] };
  if (gap.shows === "dw") return { w, dw: gap.dw[k] };
  if (gap.shows === "update") return { w, dw: gap.dw[k], after: gap.after[k] };
  return { w };
}
