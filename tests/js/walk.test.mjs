// node --test: the step-through's stages (web/domain/walk.js) follow the article's order.
import assert from "node:assert/strict";
import { test } from "node:test";
import { activeLayer, activeParts, linkNumbers, linkShows, neuronShows, stageIndex, stagesOf, walkScene } from "../../web/domain/walk.js";

test("forward through each layer, the loss, backward from the output, the update", () => {
  assert.deepEqual(stagesOf(2).map((s) => s.id), ["forward-1", "forward-2", "loss", "backward-2", "backward-1", "update"]);
  assert.deepEqual(stagesOf(1).map((s) => s.id), ["forward-1", "loss", "backward-1", "update"]);
});

test("stages are found by id, 'last' naming the output layer's", () => {
  const stages = stagesOf(3);
  assert.equal(stageIndex(stages, "loss"), 3);
  assert.equal(stageIndex(stages, "backward-last"), 4);
  assert.equal(stageIndex(stages, "backward-3"), 4);
  assert.equal(stageIndex(stages, "forward-last"), 2);
  assert.equal(stageIndex(stages, "backward-4"), -1);
});

test("the diagram shows what has been computed so far, and no more", () => {
  const [f1, f2, loss, b2, b1, update] = stagesOf(2);
  // forward-1: the inputs are given, the hidden layer gets z and a, the output nothing yet
  assert.deepEqual([0, 1, 2].map((n) => neuronShows(f1, n, 2)), ["a", "z,a", null]);
  assert.deepEqual([0, 1, 2].map((n) => neuronShows(f2, n, 2)), ["a", "a", "z,a"]);
  assert.deepEqual([0, 1, 2].map((n) => neuronShows(loss, n, 2)), ["a", "a", "a"]);
  // backward: the output's delta first, then the hidden layer's
  assert.deepEqual([0, 1, 2].map((n) => neuronShows(b2, n, 2)), ["a", "a", "delta"]);
  assert.deepEqual([0, 1, 2].map((n) => neuronShows(b1, n, 2)), ["a", "delta", "delta"]);
  assert.deepEqual([0, 1].map((l) => linkShows(f1, l)), ["w*a", "w"]);
  assert.deepEqual([0, 1].map((l) => linkShows(b2, l)), ["w", "dw"]);
  assert.deepEqual([0, 1].map((l) => linkShows(b1, l)), ["dw", "w*delta"]); // delta_2 flows back along layer 2
  assert.deepEqual([0, 1].map((l) => linkShows(update, l)), ["update", "update"]);
  assert.deepEqual([f1, f2, loss, b2, b1, update].map((s) => activeLayer(s, 2)), [1, 2, 2, 2, 1, null]);
});

test("the parts a stage is about: the rest of the diagram is dimmed", () => {
  const [f1, f2, loss, b2, b1, update] = stagesOf(2);
  assert.deepEqual(activeParts(f1, 2), { columns: [0, 1], gaps: [0] });
  assert.deepEqual(activeParts(f2, 2), { columns: [1, 2], gaps: [1] });
  assert.deepEqual(activeParts(loss, 2), { columns: [2], gaps: [] });
  assert.deepEqual(activeParts(b2, 2), { columns: [1, 2], gaps: [1] });
  assert.deepEqual(activeParts(b1, 2), { columns: [0, 1, 2], gaps: [0, 1] });
  assert.deepEqual(activeParts(update, 2), { columns: [0, 1, 2], gaps: [0, 1] });
});

// bpcore's inspect of the article's sample 1 (x = (1, 2), t = 0) with its starting weights
const ARTICLE = {
  index: 0, a0: [1, 2], target: [0], loss: 4.814571769405224, loss_name: "bce",
  sgd: { lr: 0.01, output_after: [0.9916022779327532], loss_after: 4.7797947923801045 },
  layers: [
    { z: [1.6, 2], a: [0.8320183851339245, 0.8807970779778824], delta: [0.27726042100616793, 0.3124260434977207],
      dW: [[0.27726042100616793, 0.5545208420123359], [0.3124260434977207, 0.6248520869954414]],
      dfz: [0.13976379193306102, 0.10499358540350653], backprop: [1.9837786108362034, 2.975667916254305] },
    { z: [4.806428004201496], a: [0.9918893054181017], delta: [0.9918893054181017],
      dW: [[0.8252701381255789, 0.8736532018897754]], dfz: null, backprop: null },
  ],
};
const WEIGHTS = { weights: [[[0.3, 0.4], [0.5, 0.5]], [[2, 3]]], biases: [[0.5, 0.5], [0.5]] };
const state = (stage) => ({
  session: { layerSizes: [2, 2, 1] }, walk: { index: 0, stage },
  inspection: { kind: "sample", reply: ARTICLE, extra: { weights: WEIGHTS } },
});

test("the scene's numbers are the inspector's reply's: the article's a1, y', delta_2, delta_1", () => {
  const f1 = walkScene(state(0));
  assert.equal(f1.columns[1].shows, "z,a");
  assert.equal(f1.columns[1].a[0], 0.8320183851339245);
  assert.deepEqual(linkNumbers(f1.gaps[0], 0, 1), { w: 0.4, a: 2, wa: 0.8 });
  const loss = walkScene(state(2));
  assert.equal(loss.columns[2].a[0], 0.9918893054181017);
  assert.deepEqual(loss.columns[2].target, [0]);
  const b2 = walkScene(state(3));
  assert.equal(b2.columns[2].delta[0], 0.9918893054181017); // y' - y with y = 0
  const b1 = walkScene(state(4));
  assert.deepEqual(b1.columns[1].delta, [0.27726042100616793, 0.3124260434977207]);
  assert.deepEqual(linkNumbers(b1.gaps[1], 0, 1), { w: 3, delta: 0.9918893054181017, wd: 3 * 0.9918893054181017 });
  assert.deepEqual(linkNumbers(b1.gaps[0], 1, 0), { w: 0.5, dw: 0.3124260434977207 });
  // the engine's weights after its SGD step (sampleStep), bit for bit
  const up = walkScene(state(5));
  assert.equal(linkNumbers(up.gaps[0], 0, 0).after, 0.2972273957899383);
  assert.equal(linkNumbers(up.gaps[1], 0, 0).after, 1.991747298618744);
});

test("no scene without a walk, or while the inspector shows another sample", () => {
  assert.equal(walkScene({ ...state(0), walk: null }), null);
  assert.equal(walkScene({ ...state(0), walk: { index: 1, stage: 0 } }), null);
  assert.equal(walkScene({ ...state(0), inspection: null }), null);
});
