// node --test: the trail a link replays (issue 19.6): setting changes made while training join
// it as [epoch, name, value] at the engine's epoch, a change before any training is where the run
// starts, and a link's replay sends them as `configure`, as the controls do. The real store and
// actions, with an engine that answers at once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createReplay } from "../../web/app/replay.js";
import { createSessionActions } from "../../web/app/session.js";
import { createStore, initialState, linkState } from "../../web/app/store.js";
import { MAX_EDITS } from "../../web/domain/link.js";

/** A store whose engine has its session (its settings: the defaults), at `epoch`. */
function readyStore(epoch, patch = {}) {
  const s = initialState();
  return createStore({
    ...s,
    load: { ...s.load, status: "ready" },
    session: { points: new Float64Array(6), trainMask: new Uint8Array([1, 1]), layerSizes: [2, 3, 1], classes: 2, problem: "classification", loss: "bce", settings: s.settings },
    metrics: { epoch, lossTrain: 1 },
    trail: { ...s.trail, start: { lr: s.settings.lr, optimizer: s.settings.optimizer } },
    ...patch,
  });
}

/** An engine that answers at once, as bpcore would: step trains, configure changes settings in
 * place, setWeight keeps the epoch; `sent` lists [type, what]. */
function engineAt(store) {
  const sent = [];
  let epoch = store.get().metrics.epoch;
  let settings = store.get().session.settings;
  return {
    sent,
    async request(type, payload) {
      if (type === "step") epoch += payload.epochs;
      if (type === "configure") settings = { ...settings, ...payload.settings };
      const what = { configure: () => [epoch, payload.settings.lr, payload.settings.optimizer], step: () => payload.epochs, sampleStep: () => [epoch, payload.index] };
      sent.push([type, (what[type] || (() => [epoch, payload.layer]))()]);
      return { rebuilt: false, settings, metrics: { epoch, lossTrain: 1 }, ms: { train: 1 }, value: payload.value };
    },
  };
}

const actions = (store, engine) => createSessionActions({ store, engine, stats: {}, commitLink: () => {}, ready: Promise.resolve() });

test("a setting changed while training joins the trail at the engine's epoch; the link starts from the old one", async () => {
  const store = readyStore(40);
  const session = actions(store, engineAt(store));
  await session.apply({ lr: 0.1 });
  await session.apply({ optimizer: "adam", lr: 0.01 });
  const s = store.get();
  assert.deepEqual(s.trail.edits, [[40, "lr", 0.1], [40, "optimizer", "adam"], [40, "lr", 0.01]]);
  assert.equal(s.trail.replayable, true);
  const link = linkState(s);
  assert.deepEqual([link.settings.lr, link.settings.optimizer, link.epoch], [0.03, "sgd", 40]);
  assert.deepEqual([s.settings.lr, s.settings.optimizer], [0.01, "adam"]); // the page shows the last
});

test("a setting stepped through at one epoch is one change; the optimiser's each count", async () => {
  const store = readyStore(40);
  const session = actions(store, engineAt(store));
  for (const lr of [0.1, 0.3, 1, 0.3]) await session.apply({ lr });
  for (const optimizer of ["momentum", "adam", "momentum"]) await session.apply({ optimizer });
  assert.deepEqual(store.get().trail.edits, [
    [40, "lr", 0.3],
    [40, "optimizer", "momentum"], [40, "optimizer", "adam"], [40, "optimizer", "momentum"], // each a fresh optimiser
  ]);
});

test("a step taken on one point joins the trail at the engine's epoch; a link takes it too", async () => {
  const store = readyStore(0);
  const session = actions(store, engineAt(store));
  session.noteStep(0, 7);
  await session.apply({ lr: 0.3 }); // after a step: a change, not the run's start
  assert.deepEqual(store.get().trail.edits, [[0, "step", 7], [0, "lr", 0.3]]);
  assert.equal(store.get().trail.start.lr, 0.03);
  assert.deepEqual(linkState(store.get()).edits, [[0, "step", 7], [0, "lr", 0.3]]);
});

test("a setting changed before any training is where the run starts: no change in the trail", async () => {
  const store = readyStore(0);
  const session = actions(store, engineAt(store));
  await session.apply({ lr: 0.3 });
  const s = store.get();
  assert.deepEqual(s.trail.edits, []);
  assert.equal(s.trail.start.lr, 0.3);
});

test("past the changes a link holds, the trail says so: the link opens at epoch 0, in plain words", async () => {
  const edits = Array.from({ length: MAX_EDITS }, (_, k) => [k, 0, 0, 0, k]);
  const store = readyStore(200, { trail: { ...initialState().trail, edits } });
  const session = actions(store, engineAt(store));
  await session.apply({ lr: 0.1 });
  const t = store.get().trail;
  assert.deepEqual([t.edits.length, t.replayable, t.why], [MAX_EDITS + 1, false, "full"]);
});

test("a link's replay sends each setting change as configure at its epoch; the controls follow", async () => {
  const edits = [[3, "lr", 0.1], [3, 0, 0, -1, 0.5], [5, "step", 12], [7, "optimizer", "adam"]];
  const store = readyStore(0, { replay: { epoch: 10, edits, done: 0 } });
  const engine = engineAt(store);
  const session = { ...actions(store, engine), fetchGrid() {}, fetchWeights() {} };
  await createReplay({ store, engine, session }).run();
  const asked = engine.sent.filter(([t]) => t !== "step" && t !== "grid");
  assert.deepEqual(asked, [["configure", [3, 0.1, "sgd"]], ["setWeight", [3, 0]], ["sampleStep", [5, 12]], ["configure", [7, 0.1, "adam"]]]);
  const s = store.get();
  assert.deepEqual([s.metrics.epoch, s.settings.lr, s.settings.optimizer, s.replay], [10, 0.1, "adam", null]);
  assert.deepEqual(s.trail.edits, edits); // the page's link holds the same run
  assert.deepEqual(linkState(s).settings.lr, 0.03);
});

test("the downloaded script gets the run's start and its changes up to the epoch shown", async () => {
  const { scriptTrail } = await import("../../web/app/links.js");
  const s = readyStore(50, { trail: { edits: [[10, "lr", 0.1], [60, 0, 0, 0, 1]], replayable: true, start: { lr: 0.03, optimizer: "sgd" }, why: "" } }).get();
  const t = scriptTrail({ ...s, settings: { ...s.settings, lr: 0.1 } });
  assert.equal(t.start.lr, 0.03);
  assert.deepEqual(t.edits, [[10, "lr", 0.1]]);
  assert.deepEqual(scriptTrail({ ...s, trail: { ...s.trail, replayable: false, why: "loaded" } }), {});
});
