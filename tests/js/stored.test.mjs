// node --test: reading saved records back (web/domain/stored.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { jsonDepth, MAX_DEPTH, pointsCsv, readPoints, readSettings, sameRows } from "../../web/domain/stored.js";
import { MAX_POINTS } from "../../web/domain/settings.js";

const record = (points) => JSON.stringify({ v: 1, points });

test("one bad row leaves the others in, and is counted", () => {
  const good = Array.from({ length: 30 }, (_, i) => [-5 + 0.25 * i, 1, i % 2]);
  const rows = [...good.slice(0, 7), [1, "a", 0], ...good.slice(7)];
  assert.deepEqual(readPoints(record(rows)), { rows: good, dropped: 1, problem: "" });
});

test("rows the page could not show or train are dropped", () => {
  const bad = [[1, 2], [1, 2, 0, 4], [NaN, 0, 0], [7, 0, 0], [0, -6.5, 1], [0, 0, 5], [0, 0, 2.5], [0, 0, -1.5], null, "x", [0, 0, "1"]];
  const good = [[6, -6, 4], [0, 0, 0.25], [0, 0, -1]];
  const r = readPoints(JSON.stringify({ v: 1, points: [...bad, ...good] }));
  assert.deepEqual(r.rows, good);
  assert.equal(r.dropped, bad.length);
});

test("a record with no usable row, or that is not a record, says why", () => {
  assert.equal(readPoints(record([[1, "a", 0]])).problem, "rows");
  assert.equal(readPoints("{not json").problem, "corrupt");
  assert.equal(readPoints(JSON.stringify({ v: 2, points: [[0, 0, 0]] })).problem, "version");
  assert.equal(readPoints("null").problem, "shape");
  assert.equal(readPoints("[]").problem, "shape");
  assert.equal(readPoints(JSON.stringify({ v: 1 })).problem, "shape");
  assert.equal(readPoints(null).problem, "shape");
  assert.deepEqual(readPoints(record([])), { rows: [], dropped: 0, problem: "" });
});

test("deep nesting is refused before JSON.parse sees it", () => {
  const deep = '{"v": 1, "points": ' + "[".repeat(100000) + "]".repeat(100000) + "}";
  assert.equal(readPoints(deep).problem, "nested");
  assert.equal(readSettings('{"v": 1, "settings": ' + "{\"a\":".repeat(50) + "1" + "}".repeat(51)).problem, "nested");
  assert.equal(jsonDepth('{"a": "[[[[[[[[[[[[[[[[[[[[\\"[[[["}'), 1); // brackets in strings do not count
  assert.equal(jsonDepth(record([[0, 0, 0]])), 3);
  assert.ok(jsonDepth("[".repeat(50), MAX_DEPTH) > MAX_DEPTH);
});

test("at most MAX_POINTS rows are kept", () => {
  const r = readPoints(record(Array.from({ length: MAX_POINTS + 3 }, () => [0, 0, 0])));
  assert.equal(r.rows.length, MAX_POINTS);
  assert.equal(r.dropped, 3);
});

test("settings: an object inside a v1 record", () => {
  assert.deepEqual(readSettings(JSON.stringify({ v: 1, settings: { lr: 0.1 } })), { settings: { lr: 0.1 }, problem: "" });
  assert.equal(readSettings(JSON.stringify({ v: 1, settings: [1] })).problem, "shape");
  assert.equal(readSettings("{broken").problem, "corrupt");
  assert.equal(readSettings(JSON.stringify({ v: 3, settings: {} })).problem, "version");
});

test("points as CSV read back to the same numbers", () => {
  const rows = [[-5.997069597069597, 0.0029304029304032, 0], [1e-7, -6, 4], [0.5, 0.25, -0.9921568627450981]];
  const text = pointsCsv(rows);
  const lines = text.trim().split("\n");
  assert.equal(lines[0], "x1,x2,label");
  assert.deepEqual(lines.slice(1).map((l) => l.split(",").map(Number)), rows);
  assert.ok(text.endsWith("\n"));
  assert.equal(pointsCsv([]), "x1,x2,label\n");
});

test("sameRows compares every number in order", () => {
  assert.ok(sameRows([[1, 2, 0]], [[1, 2, 0]]));
  assert.ok(!sameRows([[1, 2, 0]], [[1, 2, 1]]));
  assert.ok(!sameRows([[1, 2, 0]], []));
});
