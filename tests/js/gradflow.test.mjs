// node --test: the gradient flow as data (web/domain/gradflow.js) and the layers' colours
// (web/widgets/palette.js layerColour, shared by the chart and the diagram).
import assert from "node:assert/strict";
import { test } from "node:test";
import { DEEP_DATASET, DEEP_RUNS, EMPTY_FLOW, addSample, fits, layerName, rmsText, spread } from "../../web/domain/gradflow.js";
import { SUGGESTED } from "../../web/domain/settings.js";
import { layerColour, layerDash } from "../../web/widgets/palette.js";

const sample = (epoch, rmsW = [1e-6, 1e-3, 0.1], dead = [0, 2], deadUnits = [[], [0, 3]]) =>
  ({ epoch, rmsW, rmsB: rmsW.map((x) => x / 2), dead, deadUnits });

test("samples join the history in order; an epoch that goes back starts it anew", () => {
  let f = addSample(EMPTY_FLOW, sample(5));
  f = addSample(f, sample(10));
  assert.deepEqual(f.samples.map((s) => s.epoch), [5, 10]);
  assert.equal(f.last.epoch, 10);
  assert.deepEqual(f.samples[1], { epoch: 10, rmsW: [1e-6, 1e-3, 0.1] }); // only what the chart needs
  f = addSample({ ...f, open: true }, sample(3)); // reset, rebuilt, another link
  assert.deepEqual(f.samples.map((s) => s.epoch), [3]);
  assert.equal(f.open, true); // the panel stays as it was
  f = addSample(f, sample(4, [1, 2])); // another architecture: another history
  assert.deepEqual(f.samples.map((s) => s.rmsW.length), [2]);
  assert.equal(EMPTY_FLOW.samples.length, 0); // never changed in place
});

test("a long history is halved: bounded, the newest sample kept", () => {
  let f = EMPTY_FLOW;
  for (let e = 1; e <= 1000; e++) f = addSample(f, sample(e), 100);
  assert.ok(f.samples.length <= 100 && f.samples.length > 40, String(f.samples.length));
  assert.equal(f.samples.at(-1).epoch, 1000);
  const epochs = f.samples.map((s) => s.epoch);
  assert.deepEqual(epochs, [...epochs].sort((a, b) => a - b));
});

test("a sample fits only its network: one RMS per weight layer, dead units within their layers", () => {
  assert.ok(fits(sample(1), [2, 4, 4, 1]));
  assert.ok(!fits(sample(1), [2, 4, 1]));
  assert.ok(!fits(sample(1), [2, 4, 3, 1])); // unit 3 of a layer of 3
  assert.ok(!fits(null, [2, 4, 4, 1]));
});

test("layer names, numbers and the spread between the first and last layer", () => {
  assert.deepEqual(layerName(0, 3), { key: "gradflow.layer", params: { layer: 1 } });
  assert.deepEqual(layerName(2, 3), { key: "gradflow.layer_out", params: {} });
  assert.equal(rmsText(2.4567e-7), "2.46e-7");
  assert.equal(rmsText(0.0123456), "0.0123");
  assert.equal(rmsText(0), "0");
  assert.equal(rmsText(1e-4), "1e-4"); // the log axis's ticks
  assert.equal(rmsText(6.2e-8), "6.2e-8");
  assert.equal(rmsText(null), "–");
  assert.equal(spread([1e-7, 1e-4, 0.1]), 6);
  assert.ok(Math.abs(spread([1, 0.01]) + 2) < 1e-12);
  assert.equal(spread([0, 1]), null);
  assert.equal(spread([null, 1]), null);
});

test("the lesson's deep networks: the AND gate's preset six hidden layers deep", () => {
  assert.equal(DEEP_DATASET, "and_gate");
  assert.ok(SUGGESTED[DEEP_DATASET]);
  assert.deepEqual(Object.keys(DEEP_RUNS), ["deep_sigmoid", "deep_relu"]);
  for (const run of Object.values(DEEP_RUNS)) assert.deepEqual(run.layers, [4, 4, 4, 4, 4, 4]);
  assert.deepEqual(DEEP_RUNS.deep_sigmoid.activation, ["sigmoid"]);
  assert.deepEqual(DEEP_RUNS.deep_relu.activation, ["relu"]);
});

test("each layer has its own colour and dash, the same for the chart and the diagram", () => {
  const colours = Array.from({ length: 11 }, (_, l) => layerColour(l, 11));
  assert.equal(new Set(colours).size, 11);
  assert.match(colours[0], /^hsl\(285 /);
  assert.match(colours[10], /^hsl\(115 /);
  assert.notEqual(layerColour(0, 3, true), layerColour(0, 3, false)); // lighter on a dark page
  assert.equal(layerColour(0, 1), layerColour(0, 1)); // one layer: the output's
  assert.deepEqual([0, 1, 2, 3].map((l) => layerDash(l).length), [0, 2, 2, 0]);
});
