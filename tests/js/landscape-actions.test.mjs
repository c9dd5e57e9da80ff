// node --test: the loss landscape's actions (web/app/landscape.js) on the real store with a fake
// engine: the slice assembled band by band with progress, Cancel between bands, training paused
// while it computes and resumed after, a failure said, a new session dropping the picture.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createLandscape } from "../../web/app/landscape.js";
import { createStore, initialState } from "../../web/app/store.js";

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A fake engine answering `landscape` at once and each `landscapeRows` when the test says. */
function fakeEngine(size = 5) {
  const rows = [];
  const head = { size, span: 1, draw: 0, epoch: 7, params: 25, line: { t: [0, 1], train: [1, 0.5], test: null }, path: { alpha: [0.5, 0], beta: [0.5, 0], epochs: [0, 7] } };
  return {
    rows,
    request: async (type) => { assert.equal(type, "landscape"); return head; },
    timed: (type, payload) => new Promise((resolve, reject) => {
      assert.equal(type, "landscapeRows");
      rows.push({ payload, reject, resolve: () => resolve({ ms: 1, result: { ...payload, loss: new Float64Array((payload.to - payload.from) * size).fill(payload.from) } }) });
    }),
  };
}

function setUp(engine, playing = false) {
  const s = initialState();
  const store = createStore({ ...s, session: /** @type {any} */ ({ preview: false }), load: { ...s.load, status: "ready" }, playing });
  const calls = [];
  const training = { setPlaying: (/** @type {boolean} */ on) => { calls.push(on); store.update({ playing: on }); } };
  return { store, calls, actions: createLandscape({ store, engine, training }) };
}

test("the slice comes band by band, progress grows, the result is whole at the end", async () => {
  const engine = fakeEngine(5);
  const { store, actions } = setUp(engine);
  const done = actions.compute();
  const seen = [];
  store.subscribe((s) => seen.push(s.landscape.progress));
  while (store.get().landscape.status === "computing") {
    await tick();
    const next = engine.rows.find((r) => !r.done);
    if (next) { next.done = true; next.resolve(); }
  }
  await done;
  const ls = store.get().landscape;
  assert.equal(ls.status, "done");
  assert.equal(ls.result?.rows, 5);
  assert.deepEqual(engine.rows.map((r) => r.payload), [{ from: 0, to: 3 }, { from: 3, to: 5 }]); // 3 first, then by speed
  assert.deepEqual(Array.from(ls.result?.loss || []).filter((_, i) => i % 5 === 0), [0, 0, 0, 3, 3]);
  assert.ok(seen.includes(0.6) && seen.at(-1) === 1);
  assert.equal(ls.bands, 2);
});

test("Cancel stops between bands, drops the partial slice and lets training go on", async () => {
  const engine = fakeEngine(41);
  const { store, calls, actions } = setUp(engine, true);
  const done = actions.compute();
  await tick();
  assert.deepEqual(calls, [false]); // paused first
  engine.rows[0].resolve();
  await tick();
  assert.equal(store.get().landscape.result?.rows, 3);
  assert.equal(engine.rows.length, 3); // two bands in flight at a time
  actions.cancel();
  assert.equal(store.get().landscape.status, "cancelled");
  assert.equal(store.get().landscape.result, null);
  assert.deepEqual(calls, [false, true]); // and resumed
  engine.rows[1].resolve(); // the bands in flight land: nothing more is asked
  engine.rows[2].resolve();
  await done;
  await tick();
  assert.equal(engine.rows.length, 3);
  assert.equal(store.get().landscape.status, "cancelled");
});

test("training resumes after a computation that paused it; a failure is said", async () => {
  const engine = fakeEngine(3);
  const { store, calls, actions } = setUp(engine, true);
  const done = actions.compute();
  await tick();
  engine.rows[0].reject({ code: "landscape_stale", params: {}, message: "the weights changed" });
  await done;
  const ls = store.get().landscape;
  assert.equal(ls.status, "error");
  assert.deepEqual(ls.error, { code: "landscape_stale", message: "the weights changed" });
  assert.deepEqual(calls, [false, true]);
  assert.equal(ls.resumed, true);
});

test("a new session drops the picture of the old network", async () => {
  const engine = fakeEngine(3);
  const { store, actions } = setUp(engine);
  const done = actions.compute();
  await tick();
  engine.rows[0].resolve();
  await done;
  assert.ok(store.get().landscape.result);
  store.update({ session: /** @type {any} */ ({ preview: false }) });
  assert.equal(store.get().landscape.result, null);
  assert.equal(store.get().landscape.status, "idle");
});

test("before the engine is ready nothing is asked", async () => {
  const engine = fakeEngine(3);
  const store = createStore(initialState());
  const actions = createLandscape({ store, engine, training: { setPlaying: () => {} } });
  await actions.compute();
  assert.deepEqual(store.get().landscape.error, { key: "landscape.not_ready" });
  assert.equal(engine.rows.length, 0);
});
