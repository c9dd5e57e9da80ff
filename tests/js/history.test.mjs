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
