// node --test: the one store (web/app/store.js): changes made inside a subscriber are told after
// the current change, so every subscriber sees each (state, prev) pair once, in order.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createStore, initialState } from "../../web/app/store.js";

/** A subscriber that records the (prev.n, s.n) pairs it is told. */
function recorder(store) {
  const seen = [];
  store.subscribe((s, prev) => seen.push([prev.n, s.n]));
  return seen;
}

test("an update inside a subscriber is told after the current change, to everyone, in order", () => {
  const store = createStore(/** @type {any} */ ({ n: 0 }));
  const first = recorder(store);
  // as step-through.js does: a change answered by another change
  store.subscribe((s) => { if (s.n === 1) store.update({ n: 2 }); });
  const last = recorder(store);
  store.update({ n: 1 });
  assert.equal(store.get().n, 2);
  assert.deepEqual(first, [[0, 1], [1, 2]]);
  assert.deepEqual(last, [[0, 1], [1, 2]]); // re-entrant telling gave [[1, 2], [0, 1]]
});

test("each subscriber's prev is the state it saw last: a chain with no gap", () => {
  const store = createStore(/** @type {any} */ ({ n: 0 }));
  const logs = [recorder(store)];
  // two subscribers that each answer some changes, one of them twice
  store.subscribe((s) => { if (s.n === 1) store.update((t) => ({ n: t.n + 1 })); });
  logs.push(recorder(store));
  store.subscribe((s) => { if (s.n === 2) { store.update({ n: s.n + 1 }); store.update({ n: s.n + 2 }); } });
  logs.push(recorder(store));
  store.update({ n: 1 });
  for (const seen of logs) {
    assert.deepEqual(seen.map(([, n]) => n), [1, 2, 3, 4], JSON.stringify(seen));
    for (let k = 1; k < seen.length; k++) assert.equal(seen[k][0], seen[k - 1][1]);
  }
});

test("state changes at once; the get() a subscriber reads is the newest", () => {
  const store = createStore(/** @type {any} */ ({ n: 0 }));
  const read = [];
  store.subscribe((s) => { if (s.n === 1) { store.update({ n: 5 }); read.push(store.get().n); } });
  store.subscribe((s) => read.push(s.n, store.get().n));
  store.update({ n: 1 });
  assert.deepEqual(read, [5, 1, 5, 5, 5]);
});

test("a throwing subscriber stops neither the others nor the queued changes; update rethrows", () => {
  const store = createStore(/** @type {any} */ ({ n: 0 }));
  store.subscribe((s) => { if (s.n === 1) { store.update({ n: 2 }); throw new Error("boom"); } });
  const seen = recorder(store);
  assert.throws(() => store.update({ n: 1 }), /boom/);
  assert.deepEqual(seen, [[0, 1], [1, 2]]);
  store.update({ n: 3 }); // the store still tells later changes
  assert.deepEqual(seen.at(-1), [2, 3]);
});

test("unsubscribe stops the telling; the state is frozen; a patch may be a function", () => {
  const store = createStore(initialState());
  const seen = [];
  const off = store.subscribe((s) => seen.push(s.chunk));
  store.update((s) => ({ chunk: s.chunk + 1 }));
  off();
  store.update({ chunk: 9 });
  assert.deepEqual(seen, [2]);
  assert.ok(Object.isFrozen(store.get()));
});
