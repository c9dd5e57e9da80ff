// node --test: the confusion box's numbers arranged (web/domain/confusion.js): which points a
// cell stands for, the row shares and percentages, the set shown, the scatter's points.
import assert from "node:assert/strict";
import { test } from "node:test";
import { NO_CHOICE, cellPoints, highlighted, percent, rowShares, scatterWindow, shown, shownOnPage, shownSet } from "../../web/domain/confusion.js";

// six points [x1, x2, label]: 0..3 train, 4..5 test; labels 0 1 2 0 | 1 2
const pts = {
  points: new Float64Array([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 0, 4, 4, 1, 5, 5, 2]),
  trainMask: new Uint8Array([1, 1, 1, 1, 0, 0]),
};
// predicted: 0 2 2 1 | 1 0
const matrix = {
  kind: /** @type {const} */ ("matrix"), classes: 3, epoch: 4, predicted: new Uint8Array([0, 2, 2, 1, 1, 0]),
  train: [1, 1, 0, 0, 0, 1, 0, 0, 1], test: [0, 0, 0, 0, 1, 0, 1, 0, 0],
};

test("a cell's points: its true class, its predicted class, its set", () => {
  assert.deepEqual(cellPoints(matrix, pts, "train", [0, 0]), [0]);
  assert.deepEqual(cellPoints(matrix, pts, "train", [0, 1]), [3]);
  assert.deepEqual(cellPoints(matrix, pts, "train", [1, 2]), [1]);
  assert.deepEqual(cellPoints(matrix, pts, "test", [1, 1]), [4]);
  assert.deepEqual(cellPoints(matrix, pts, "test", [2, 0]), [5]);
  assert.deepEqual(cellPoints(matrix, pts, "test", [0, 0]), []);
  // every cell's points are as many as bpcore counted
  for (const set of /** @type {const} */ (["train", "test"])) {
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) {
      assert.equal(cellPoints(matrix, pts, set, [r, c]).length, matrix[set][r * 3 + c], `${set} ${r} ${c}`);
    }
  }
});

test("numbers that do not belong to the points, or a cell outside the matrix, mark nothing", () => {
  assert.deepEqual(cellPoints({ ...matrix, predicted: new Uint8Array(5) }, pts, "train", [0, 0]), []);
  assert.deepEqual(cellPoints(matrix, pts, "train", [3, 0]), []);
  assert.deepEqual(cellPoints(matrix, pts, "train", [0.5, 0]), []);
  assert.deepEqual(highlighted(null, pts, { set: "train", cell: [0, 0] }), []);
  assert.deepEqual(highlighted(matrix, pts, NO_CHOICE), []);
  assert.deepEqual(highlighted(matrix, pts, { set: "test", cell: [2, 0] }), [5]);
});

test("row shares sum to one per non-empty row; percentages say 'some' and 'not all'", () => {
  assert.deepEqual(rowShares([1, 3, 0, 0], 2), [0.25, 0.75, 0, 0]);
  assert.equal(percent(0.25), 25);
  assert.equal(percent(0.004), 1); // 1 point of 300: not "0%"
  assert.equal(percent(0.998), 99); // not "100%" while one is wrong
  assert.equal(percent(1), 100);
  assert.equal(percent(0), 0);
});

test("the test set is shown only where there is one", () => {
  assert.equal(shownSet(matrix, { set: "test", cell: null }), "test");
  assert.equal(shownSet({ ...matrix, test: null }, { set: "test", cell: null }), "train");
  const s = shown({ ...matrix, test: null }, pts, { set: "test", cell: [0, 1] });
  assert.equal(s?.set, "train");
  assert.equal(s?.hasTest, false);
  assert.deepEqual(s?.highlight, [3]);
});

test("the matrix shown: the set's counts, shares, percents and the marked points", () => {
  const s = /** @type {any} */ (shown(matrix, pts, { set: "train", cell: [1, 2] }));
  assert.equal(s.kind, "matrix");
  assert.deepEqual(s.counts, matrix.train);
  assert.equal(s.total, 4);
  assert.deepEqual(s.percents, [50, 50, 0, 0, 0, 100, 0, 0, 100]);
  assert.deepEqual(s.cell, [1, 2]);
  assert.deepEqual(s.highlight, [1]);
});

test("the scatter shown: the set's true values and outputs, its R²", () => {
  const reg = { kind: /** @type {const} */ ("scatter"), epoch: 2, predicted: new Float64Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]), r2Train: 0.9, r2Test: 0.8 };
  const p = { points: new Float64Array([0, 0, -0.5, 0, 0, 0.5, 0, 0, 1.5, 0, 0, 0, 0, 0, 0.2, 0, 0, -0.2]), trainMask: pts.trainMask };
  const train = /** @type {any} */ (shown(reg, p, NO_CHOICE));
  assert.deepEqual(train.truth, [-0.5, 0.5, 1.5, 0]);
  assert.deepEqual(train.predicted, [0.1, 0.2, 0.3, 0.4]);
  assert.equal(train.r2, 0.9);
  const test_ = /** @type {any} */ (shown(reg, p, { set: "test", cell: null }));
  assert.deepEqual(test_.truth, [0.2, -0.2]);
  assert.equal(test_.r2, 0.8);
  assert.equal(/** @type {any} */ (shown({ ...reg, r2Test: undefined }, p, { set: "test", cell: null })).set, "train");
  assert.deepEqual(scatterWindow(train.truth), [-1.5, 1.5]);
  assert.deepEqual(scatterWindow([0.2, NaN]), [-1, 1]);
});

test("nothing is shown without the session's own map", () => {
  const page = { grid: { confusion: matrix }, session: pts, erasing: null, confusion: NO_CHOICE };
  assert.equal(shownOnPage(page, false)?.kind, "matrix");
  assert.equal(shownOnPage(page, true), null); // drawn points that cannot train
  assert.equal(shownOnPage({ ...page, erasing: [[0, 0, 0]] }, false), null);
  assert.equal(shownOnPage({ ...page, session: { ...pts, preview: true } }, false), null);
  assert.equal(shownOnPage({ ...page, grid: { confusion: undefined } }, false), null);
});
