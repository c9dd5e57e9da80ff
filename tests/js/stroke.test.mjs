// node --test: a drawing stroke's arithmetic (web/domain/stroke.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { KEY_STEP, KEY_STEP_BIG, dataToPixel, eraser, finishedStroke, movedCursor, pixelToData, spacedPoints, sweepPoints } from "../../web/domain/stroke.js";

const close = (a, b, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

test("pixels and data convert both ways, x2 pointing up", () => {
  assert.deepEqual(pixelToData([-6, 6], 300, 300, 0, 0), [-6, 6]);
  assert.deepEqual(pixelToData([-6, 6], 300, 300, 300, 300), [6, -6]);
  assert.deepEqual(pixelToData([-6, 6], 300, 200, 150, 100), [0, 0]);
  for (const [x1, x2] of [[1.5, -2], [-6, 6], [0.1, 5.9]]) {
    const [px, py] = dataToPixel([-6, 6], 320, 240, x1, x2);
    const back = pixelToData([-6, 6], 320, 240, px, py);
    close(back[0], x1);
    close(back[1], x2);
  }
});

test("an add-stroke lays a point every `spacing` px along the way", () => {
  const pts = spacedPoints([0, 0], [35, 0], 10);
  assert.deepEqual(pts, [[10, 0], [20, 0], [30, 0]]);
  assert.deepEqual(spacedPoints([0, 0], [6, 8], 10), [[6, 8]]); // exactly 10 px away
  assert.deepEqual(spacedPoints([0, 0], [3, 4], 10), []);
  const diag = spacedPoints([5, 5], [5 + 30, 5 + 40], 10);
  assert.equal(diag.length, 5);
  let prev = [5, 5];
  for (const p of diag) {
    close(Math.hypot(p[0] - prev[0], p[1] - prev[1]), 10, 1e-9);
    prev = p;
  }
});

test("the eraser sweeps a fast drag every radius/2 px and ends at the pointer", () => {
  assert.deepEqual(sweepPoints(null, [7, 7], 14), [[7, 7]]);
  const pts = sweepPoints([0, 0], [70, 0], 14); // 70 / 7 = 10 steps between, then the end
  assert.equal(pts.length, 11);
  assert.deepEqual(pts.at(-1), [70, 0]);
  let prev = [0, 0];
  for (const p of pts) {
    assert.ok(Math.hypot(p[0] - prev[0], p[1] - prev[1]) <= 7);
    prev = p;
  }
});

test("an eraser removes each point within its radius once", () => {
  const points = [[0, 0, 1], [1, 0, 0], [5, 5, 1]];
  const toPixel = (/** @type {number} */ x1, /** @type {number} */ x2) => [x1 * 10, x2 * 10];
  const e = eraser(points, toPixel, 12);
  assert.deepEqual(e.at(0, 0), [[0, 0, 0, 1], [1, 1, 0, 0]]);
  assert.deepEqual(e.at(5, 0), []); // already gone
  assert.deepEqual(e.at(50, 38), [[2, 5, 5, 1]]);
  assert.deepEqual(e.at(200, 200), []);
});

test("the keyboard cursor moves by steps, stays in the view, and only on arrows", () => {
  const c = { x1: 0, x2: 0 };
  assert.deepEqual(movedCursor(c, "ArrowRight", false, [-6, 6]), { x1: KEY_STEP, x2: 0 });
  assert.deepEqual(movedCursor(c, "ArrowUp", true, [-6, 6]), { x1: 0, x2: KEY_STEP_BIG });
  assert.deepEqual(movedCursor({ x1: 5.9, x2: -5.9 }, "ArrowRight", true, [-6, 6]), { x1: 6, x2: -5.9 });
  assert.deepEqual(movedCursor({ x1: 5.9, x2: -5.9 }, "ArrowDown", true, [-6, 6]), { x1: 5.9, x2: -6 });
  assert.equal(movedCursor(c, "Enter", false, [-6, 6]), null);
});

test("a finished stroke: erased rows in index order; nothing done, nothing reported", () => {
  const erase = finishedStroke({ type: "erase", removed: [[4, 0, 0, 1], [1, 2, 2, 0], [3, 1, 1, 0]] });
  assert.deepEqual(erase, { type: "erase", removed: [[1, 2, 2, 0], [3, 1, 1, 0], [4, 0, 0, 1]] });
  assert.equal(finishedStroke({ type: "erase", removed: [] }), null);
  assert.equal(finishedStroke({ type: "add", points: [] }), null);
  assert.deepEqual(finishedStroke({ type: "add", points: [[1, 2, 0]] }), { type: "add", points: [[1, 2, 0]] });
});
