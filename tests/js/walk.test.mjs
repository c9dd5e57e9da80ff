// node --test: the step-through's stages (web/domain/walk.js) follow the article's order.
import assert from "node:assert/strict";
import { test } from "node:test";
import { activeLayer, linkShows, neuronShows, stageIndex, stagesOf } from "../../web/domain/walk.js";

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
  assert.deepEqual([0, 1].map((l) => linkShows(b1, l)), ["dw", "dw"]);
  assert.deepEqual([0, 1].map((l) => linkShows(update, l)), ["update", "update"]);
  assert.deepEqual([f1, f2, loss, b2, b1, update].map((s) => activeLayer(s, 2)), [1, 2, 2, 2, 1, null]);
});
