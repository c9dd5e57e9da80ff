// node --test: two runs as data (web/domain/compare.js): the store's slice from the engine's
// replies, the curves' points, and the difference in words.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ceil2, fresh, sharedWords, stepped, verdict } from "../../web/domain/compare.js";

const B = { overrides: { lr: 0.1 }, settings: {}, layerSizes: [2, 3, 1], loss: "bce", shared: [true, false] };
const m = (epoch, lossTest, extra = {}) => ({ epoch, lossTrain: lossTest + 0.01, lossTest, diverged: false, ...extra });
const fmt = (/** @type {number} */ x) => String(x);

/** A comparison through these [epoch, A's test loss, B's test loss] chunks. @param {number[][]} rows */
function run(rows) {
  let c = fresh({ ...B, metrics: m(0, rows[0][2]) }, m(0, rows[0][1]));
  for (const [e, a, b] of rows.slice(1)) c = stepped(c, { metrics: m(e, b) }, m(e, a));
  return c;
}

test("B reached the loss both got down to first: its epoch and A's", () => {
  const c = run([[0, 0.7, 0.7], [10, 0.5, 0.3], [20, 0.4, 0.2], [30, 0.3, 0.25], [40, 0.26, 0.21]]);
  // the worse best is A's 0.26 (two digits: 0.26); B got below it at epoch 20, A at 40
  const words = verdict(c, m(40, 0.26), fmt);
  assert.deepEqual(words[0], { key: "compare.reached", params: { which: { key: "compare.test_loss", params: {} }, target: "0.26", a: "40", b: "20" } });
  assert.deepEqual(words[1], { key: "compare.now", params: { epoch: "40", a: "0.26", b: "0.21" } });
  assert.equal(words.length, 2);
});

test("the same epoch, training loss without a test set, a divergence, nothing trained yet", () => {
  const same = run([[0, 0.7, 0.7], [5, 0.1, 0.1]]);
  assert.equal(verdict(same, m(5, 0.1), fmt)[0].key, "compare.reached_same");
  const noTest = fresh({ ...B, metrics: { epoch: 0, lossTrain: 0.5, lossTest: null } }, { epoch: 0, lossTrain: 0.6, lossTest: null });
  const later = stepped(noTest, { metrics: { epoch: 3, lossTrain: 0.2, lossTest: null } }, { epoch: 3, lossTrain: 0.4, lossTest: null });
  assert.deepEqual(later.history, [[0, 0.6, 0.5], [3, 0.4, 0.2]]);
  assert.equal(verdict(later, { epoch: 3, lossTrain: 0.4, lossTest: null }, fmt)[0].params.which.key, "compare.train_loss");
  const blown = run([[0, 0.7, 0.7], [10, Infinity, 0.3]]);
  const words = verdict(blown, m(10, Infinity, { diverged: true }), fmt);
  assert.deepEqual(words.at(-1), { key: "compare.diverged", params: { run: "A", epoch: "10" } });
  assert.deepEqual(verdict(run([[0, 0.7, 0.7]]), m(0, 0.7), fmt), [{ key: "compare.waiting", params: {} }]);
});

test("a step reply after the comparison ended changes nothing; each new B is a run of its own", () => {
  assert.equal(stepped(null, { metrics: m(1, 0.5) }, m(1, 0.5)), null);
  const pending = { pending: true, overrides: {} };
  assert.equal(stepped(pending, { metrics: m(1, 0.5) }, m(1, 0.5)), pending);
  const one = fresh({ ...B, metrics: m(0, 0.7) }, m(0, 0.7)), two = fresh({ ...B, metrics: m(0, 0.7) }, m(0, 0.7));
  assert.notEqual(one.run, two.run);
  const g = stepped(one, { metrics: m(4, 0.6), grid: { size: 2, output: [1, 2, 3, 4] } }, m(4, 0.6));
  assert.equal(g.gridEpoch, 4);
  assert.equal(stepped(g, { metrics: m(8, 0.5) }, m(8, 0.5)).gridEpoch, 4); // a chunk without a map keeps the last
});

test("ceil2 rounds up to two significant digits; shared layers in words", () => {
  assert.deepEqual([0.123, 0.12, 1.234, 0.0995, 12.01].map(ceil2), [0.13, 0.12, 1.3, 0.1, 13]);
  assert.equal(sharedWords([true, true]).key, "compare.shared_all");
  assert.equal(sharedWords([false, false]).key, "compare.shared_none");
  assert.deepEqual(sharedWords([true, false, true]), { key: "compare.shared_some", params: { layers: "1, 3" } });
});
