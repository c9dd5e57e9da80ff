// node --test: the loss landscape's actions (web/app/landscape.js) on the real store with a fake
// engine: the line and the slice assembled band by band with progress, Cancel between bands, training paused
// while it computes and resumed after, a failure said, a new session dropping the picture.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createLandscape } from "../../web/app/landscape.js";
import { createStore, initialState } from "../../web/app/store.js";

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A fake engine answering `landscape` at once and each band when the test says (`bands`);
 * a band's losses are its first point's index. */
function fakeEngine(size = 5, lineCount = 3) {
  const bands = [];
  const head = { size, span: 1, draw: 0, epoch: 7, params: 25, t: Float64Array.from({ length: lineCount }, (_, i) => i / 2), test: true, path: { alpha: [0.5, 0], beta: [0.5, 0], epochs: [0, 7] } };
  return {
    bands,
    request: async (type) => { assert.equal(type, "landscape"); return head; },
    timed: (type, payload) => new Promise((resolve, reject) => {
      assert.ok(type === "landscapeLine" || type === "landscapeSlice", type);
      const fill = new Float64Array(payload.to - payload.from).fill(payload.from);
      const result = type === "landscapeLine" ? { ...payload, train: fill, test: fill } : { ...payload, loss: fill };
      bands.push({ type, payload, reject, resolve: () => resolve({ ms: 1, result }) });
    }),
    /** Answers every band asked so far, in order. */
    answerAll() {
      for (const b of bands) if (!b.done) { b.done = true; b.resolve(); }
    },
  };
}

function setUp(engine, playing = false) {
  const s = initialState();
  const store = createStore({ ...s, session: /** @type {any} */ ({ preview: false }), load: { ...s.load, status: "ready" }, playing });
  const calls = [];
  const training = { setPlaying: (/** @type {boolean} */ on) => { calls.push(on); store.update({ playing: on }); } };
  return { store, calls, actions: createLandscape({ store, engine, training }) };
}

test("the line then the slice come band by band, progress grows, the result is whole at the end", async () => {
  const engine = fakeEngine(3, 5);
  const { store, actions } = setUp(engine);
  const done = actions.compute();
  const seen = [];
  store.subscribe((s) => seen.push(s.landscape.progress));
  while (store.get().landscape.status === "computing") {
    await tick();
    engine.answerAll();
  }
  await done;
  const ls = store.get().landscape;
  assert.equal(ls.status, "done");
  // 4 points first (twice: two in flight before anything is measured), then by speed
  assert.deepEqual(engine.bands.map((b) => [b.type.slice(9), b.payload.from, b.payload.to]),
    [["Line", 0, 4], ["Line", 4, 5], ["Slice", 0, 4], ["Slice", 4, 8], ["Slice", 8, 9]]);
  assert.deepEqual(Array.from(ls.result?.line.train || []), [0, 0, 0, 0, 4]);
  assert.deepEqual(Array.from(ls.result?.line.test || []), [0, 0, 0, 0, 4]);
  assert.deepEqual(Array.from(ls.result?.loss || []), [0, 0, 0, 0, 4, 4, 4, 4, 8]);
  assert.equal(ls.result?.rows, 3);
  assert.ok(seen.includes(5 / 14) && seen.at(-1) === 1);
  assert.equal(ls.bands, 5);
});

test("Cancel stops between bands, drops the partial result and lets training go on", async () => {
  const engine = fakeEngine(41, 61);
  const { store, calls, actions } = setUp(engine, true);
  const done = actions.compute();
  await tick();
  assert.deepEqual(calls, [false]); // paused first
  assert.equal(engine.bands.length, 2); // two bands in flight at a time
  engine.bands[0].resolve();
  await tick();
  assert.ok(store.get().landscape.progress > 0);
  assert.equal(engine.bands.length, 3);
  actions.cancel();
  assert.equal(store.get().landscape.status, "cancelled");
  assert.equal(store.get().landscape.result, null);
  assert.deepEqual(calls, [false, true]); // and resumed
  engine.bands[1].resolve(); // the bands in flight land: nothing more is asked
  engine.bands[2].resolve();
  await done;
  await tick();
  assert.equal(engine.bands.length, 3);
  assert.equal(store.get().landscape.status, "cancelled");
});

test("training resumes after a computation that paused it; a failure is said", async () => {
  const engine = fakeEngine(3);
  const { store, calls, actions } = setUp(engine, true);
  const done = actions.compute();
  await tick();
  engine.bands[0].reject({ code: "landscape_stale", params: {}, message: "the weights changed" });
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
  while (store.get().landscape.status === "computing") {
    await tick();
    engine.answerAll();
  }
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
  assert.equal(engine.bands.length, 0);
});
