// node --test: how numbers and names are written (web/domain/format.js) and the layout rules
// (web/domain/layout.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { full, metric, niceTicks, percent, significant, title } from "../../web/domain/format.js";
import { LIMITS, activationFor, neuronOffset, parseLayers, withActivation } from "../../web/domain/layout.js";
import { SETTINGS } from "../../web/domain/settings.js";

test("metrics, percentages and significant digits", () => {
  assert.equal(metric(0.123456), "0.123");
  assert.equal(metric(null), "–");
  assert.equal(metric(NaN), "undefined (NaN)");
  assert.equal(metric(Infinity), "∞ (diverged)"); // words, not "Infinity"
  assert.equal(percent(0.9876), "98.8%");
  // ordinary small values in plain decimals (a gradient of −8.5887e-5 was e-notation)
  assert.equal(significant(-0.000012345678), "−0.000012346");
  assert.equal(significant(-0.000085887123), "−0.000085887");
  assert.equal(significant(0.0000012345678), "0.0000012346");
  assert.equal(significant(1.5e-7), "1.5e-7");
  assert.equal(significant(0.83201839), "0.83202");
  assert.equal(significant(0), "0");
  assert.equal(significant(-Infinity), "−∞");
  assert.equal(full(0.83201839), "0.83201839"); // the inspector's full precision
  assert.equal(full(-2.4101046854144412), "−2.4101046854144412");
});

test("tick values are round and cover the range", () => {
  assert.deepEqual(niceTicks(0, 0.7, 4), [0, 0.2, 0.4, 0.6, 0.8]);
  assert.deepEqual(niceTicks(0, 1, 4), [0, 0.5, 1]);
  assert.deepEqual(niceTicks(0, 350, 4), [0, 100, 200, 300, 400]);
  assert.deepEqual(niceTicks(-6, 6, 6), [-6, -4, -2, 0, 2, 4, 6]);
  assert.deepEqual(niceTicks(1, 1, 2), [1, 1.5, 2]);
  assert.deepEqual(niceTicks(NaN, 1, 3), []);
});

test("titles: data sets from bpcore, other choices from the page", () => {
  assert.equal(title("moons"), "Moons");
  assert.equal(title("custom"), "Your own points");
  assert.equal(title("leaky_relu"), "Leaky ReLU");
  assert.equal(title("nonsense"), "nonsense");
});

test("the layout limits are the settings table's", () => {
  assert.equal(LIMITS.layers, SETTINGS.get("layers").max_len);
  assert.equal(LIMITS.neurons, SETTINGS.get("layers").hi);
  assert.deepEqual(parseLayers("4, 2"), { layers: [4, 2] });
  assert.match(parseLayers(Array(LIMITS.layers + 1).fill(1).join(",")).error.message, /at most/);
  assert.match(parseLayers(`${LIMITS.neurons + 1}`).error.message, /must have/);
  assert.deepEqual(parseLayers("8,abc"), { error: {
    code: "layer_size", field: "layers", layer: 2, lo: 1, hi: LIMITS.neurons, got: "abc",
    message: `layers: layer 2 must have 1..${LIMITS.neurons} neurons, got abc` } });
  assert.deepEqual(parseLayers(""), { layers: [] });
});

test("neuron offsets and activation lists", () => {
  assert.equal(neuronOffset([2, 4, 3, 1], 0), 0);
  assert.equal(neuronOffset([2, 4, 3, 1], 2), 7);
  assert.deepEqual(withActivation(["tanh"], 2, 1, "relu"), ["tanh", "relu"]);
  assert.deepEqual(withActivation(["tanh", "relu"], 2, 1, "tanh"), ["tanh"]);
  assert.deepEqual(activationFor(["tanh", "relu"], 3), ["tanh"]);
  assert.deepEqual(activationFor(["tanh", "relu"], 2), ["tanh", "relu"]);
});
