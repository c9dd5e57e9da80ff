// node --test: the step-through's stages (web/domain/walk.js) follow the article's order.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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

// Real `inspect` replies and the weights after `sampleStep` on the same point, written by bpcore
// (python tests/test_inspect.py; tests/test_inspect.py fails when the file is stale). The
// step-through computes nothing: every number it shows must be one of these, bit for bit.
const FIXTURE = JSON.parse(readFileSync(new URL("./inspect_replies.json", import.meta.url), "utf8"));
const stateOf = (/** @type {any} */ run, /** @type {number} */ stage) => ({
  session: { layerSizes: run.sizes }, walk: { index: run.reply.index, stage },
  inspection: { kind: "sample", reply: run.reply, extra: {} },
});
const ARTICLE = FIXTURE.article;
const state = (/** @type {number} */ stage) => stateOf(ARTICLE, stage);

test("the scene's numbers are the inspector's reply's: the article's a1, y', delta_2, delta_1", () => {
  const f1 = walkScene(state(0));
  assert.equal(f1.columns[1].shows, "z,a");
  assert.equal(f1.columns[1].a[0], 0.8320183851339245); // the article's a1 = sigma(1.6)
  assert.deepEqual(linkNumbers(f1.gaps[0], 0, 1), { w: 0.4, a: 2, wa: 0.8 });
  const loss = walkScene(state(2));
  assert.equal(loss.columns[2].a[0], 0.9918893054181017);
  assert.deepEqual(loss.columns[2].target, [0]);
  const b2 = walkScene(state(3));
  assert.equal(b2.columns[2].delta[0], 0.9918893054181017); // y' - y with y = 0
  const b1 = walkScene(state(4));
  assert.deepEqual(b1.columns[1].delta, [0.27726042100616793, 0.3124260434977207]);
  assert.deepEqual(linkNumbers(b1.gaps[1], 0, 1), { w: 3, delta: 0.9918893054181017, wd: ARTICLE.reply.layers[1].wdelta[0][1] });
  assert.deepEqual(linkNumbers(b1.gaps[0], 1, 0), { w: 0.5, dw: 0.3124260434977207 });
  const up = walkScene(state(5));
  assert.equal(up.loss, ARTICLE.reply.loss);
  assert.equal(up.lossAfter, ARTICLE.reply.sgd.loss_after);
});

test("every link's numbers at every stage are looked up in bpcore's reply, the step's in the engine's weights after it", () => {
  for (const [name, run] of Object.entries(FIXTURE)) {
    const layers = run.reply.layers;
    const stages = stagesOf(layers.length);
    stages.forEach((stage, at) => {
      const scene = walkScene(stateOf(run, at));
      assert.equal(scene.stage.id, stage.id);
      for (const gap of scene.gaps) {
        const layer = layers[gap.l];
        for (let i = 0; i < gap.nOut; i++) {
          for (let j = 0; j < gap.nIn; j++) {
            const n = linkNumbers(gap, i, j);
            const where = `${name} ${stage.id} layer ${gap.l} link ${i},${j}`;
            assert.equal(n.w, layer.W[i][j], where);
            if (gap.shows === "w*a") assert.deepEqual(n, { w: layer.W[i][j], a: (gap.l ? layers[gap.l - 1].a : run.reply.a0)[j], wa: layer.wa[i][j] }, where);
            else if (gap.shows === "w*delta") assert.deepEqual(n, { w: layer.W[i][j], delta: layer.delta[i], wd: layer.wdelta[i][j] }, where);
            else if (gap.shows === "dw") assert.deepEqual(n, { w: layer.W[i][j], dw: layer.dW[i][j] }, where);
            else if (gap.shows === "update") {
              // the weight the engine holds after sampleStep, bit for bit
              assert.deepEqual(n, { w: layer.W[i][j], dw: layer.dW[i][j], after: run.after.weights[gap.l][i][j] }, where);
            } else assert.deepEqual(n, { w: layer.W[i][j] }, where);
          }
        }
      }
    });
  }
});

test("no scene without a walk, or while the inspector shows another sample", () => {
  assert.equal(walkScene({ ...state(0), walk: null }), null);
  assert.equal(walkScene({ ...state(0), walk: { index: 1, stage: 0 } }), null);
  assert.equal(walkScene({ ...state(0), inspection: null }), null);
});
