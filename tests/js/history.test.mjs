// node --test: undo/redo as data (web/domain/history.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { EMPTY_HISTORY, applyAction, createHistory, pushed, redone, revertAction, undone } from "../../web/domain/history.js";

const A = [[0, 0, 0], [1, 1, 1], [2, 2, 0]];

test("add and erase apply and revert exactly", () => {
  const add = { type: "add", points: [[3, 3, 1]] };
  assert.deepEqual(applyAction(A, add), [...A, [3, 3, 1]]);
  assert.deepEqual(revertAction(applyAction(A, add), add), A);
  const erase = { type: "erase", removed: [[0, 0, 0, 0], [2, 2, 2, 0]] };
  assert.deepEqual(applyAction(A, erase), [[1, 1, 1]]);
  assert.deepEqual(revertAction([[1, 1, 1]], erase), A);
});

test("undo and redo are values: the old history is untouched", () => {
  const add = { type: "add", points: [[3, 3, 1]] };
  const h1 = pushed(EMPTY_HISTORY, add);
  const u = undone(h1, applyAction(A, add));
  assert.deepEqual(u.points, A);
  assert.equal(h1.done.length, 1);
  const r = redone(u.history, u.points);
  assert.deepEqual(r.points, [...A, [3, 3, 1]]);
  assert.equal(undone(EMPTY_HISTORY, A), null);
  assert.equal(redone(h1, A), null);
});

test("a new action forgets redo, and the limit drops the oldest", () => {
  let h = EMPTY_HISTORY;
  for (let i = 0; i < 5; i++) h = pushed(h, { type: "add", points: [[i, i, 0]] }, 3);
  assert.equal(h.done.length, 3);
  assert.deepEqual(h.done[0].points, [[2, 2, 0]]);
  const u = undone(h, []);
  assert.equal(pushed(u.history, { type: "add", points: [[9, 9, 0]] }).undone.length, 0);
});

test("createHistory keeps the same rules", () => {
  const h = createHistory(10);
  h.push({ type: "add", points: [[1, 1, 0]] });
  assert.ok(h.canUndo() && !h.canRedo());
  assert.deepEqual(h.undo([[1, 1, 0]]), []);
  assert.ok(h.canRedo());
});

test("createHistory: undo restores the erased points in their order, the limit drops the oldest, an empty action is ignored", () => {
  const h = createHistory(2);
  let p = [[0, 0, 0]];
  const add = { type: "add", points: [[1, 1, 1], [2, 2, 0]] };
  p = applyAction(p, add); h.push(add);
  const erase = { type: "erase", removed: [[0, 0, 0, 0], [2, 2, 2, 0]] };
  p = applyAction(p, erase); h.push(erase);
  assert.deepEqual(p, [[1, 1, 1]]);
  const clear = { type: "clear", before: p, after: [] };
  p = applyAction(p, clear); h.push(clear);
  assert.deepEqual(p, []);
  p = h.undo(p);
  assert.deepEqual(p, [[1, 1, 1]]);
  p = h.undo(p);
  assert.deepEqual(p, [[0, 0, 0], [1, 1, 1], [2, 2, 0]]); // the original order restored
  assert.equal(h.undo(p), null); // limit 2: the add was dropped
  assert.equal(h.canRedo(), true);
  p = h.redo(p);
  assert.deepEqual(p, [[1, 1, 1]]);
  h.push({ type: "add", points: [] }); // empty: ignored, redo kept
  assert.equal(h.canRedo(), true);
  h.push({ type: "add", points: [[5, 5, 1]] });
  assert.equal(h.canRedo(), false);
  assert.deepEqual(revertAction([[9, 9, 0], [5, 5, 1]], { type: "add", points: [[5, 5, 1]] }), [[9, 9, 0]]);
});
