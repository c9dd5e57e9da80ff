// node --test: pure point helpers (web/domain/points.js).
import "./catalogues.mjs"; // zh-CN registered, as the page does once it has loaded
import assert from "node:assert/strict";
import { test } from "node:test";
import { classesUsed, convertLabels, nearestPoint, pointsProblem, toFlat, toRows } from "../../web/domain/points.js";
import { say, translator } from "../../web/domain/i18n.js";

const en = (/** @type {any} */ m) => say(translator("en"), m);

test("rows and flat arrays convert both ways", () => {
  const rows = [[1, 2, 0], [-3.5, 4, 1]];
  const flat = toFlat(rows);
  assert.ok(flat instanceof Float64Array);
  assert.deepEqual(Array.from(flat), [1, 2, 0, -3.5, 4, 1]);
  assert.deepEqual(toRows(flat), rows);
});

test("the nearest point within the distance, else -1", () => {
  const flat = toFlat([[0, 0, 0], [1, 1, 1], [5, 5, 0]]);
  assert.equal(nearestPoint(flat, 0.9, 1.2, 0.5), 1);
  assert.equal(nearestPoint(flat, 3, 3, 0.5), -1);
});

test("points that cannot train say why", () => {
  assert.match(en(pointsProblem([[0, 0, 0]], "classification")), /at least 2 points/);
  assert.match(en(pointsProblem([[0, 0, 1], [1, 1, 1]], "classification")), /2 classes/);
  assert.match(say(translator("zh-CN"), pointsProblem([[0, 0, 1], [1, 1, 1]], "classification")), /2 个类别/);
  assert.equal(pointsProblem([[0, 0, 0], [1, 1, 1]], "classification"), "");
  assert.equal(pointsProblem([[0, 0, 0.5], [1, 1, 0.5]], "regression"), "");
});

test("labels cross a change of problem and back", () => {
  const reg = convertLabels([[0, 0, 0], [0, 0, 2]], "regression", 3);
  assert.deepEqual(reg.map((p) => p[2]), [-1, 1]);
  assert.deepEqual(convertLabels(reg, "classification", 3).map((p) => p[2]), [0, 1]);
  assert.equal(classesUsed([[0, 0, 0], [0, 0, 3]]), 4);
  assert.equal(classesUsed([]), 0);
});
