// node --test: the app's actions (web/app/) on the real store with a fake engine whose replies
// the test hands out one by one. These are units of the store logic: the real engine (Pyodide in
// a worker) is covered by the browser tests.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createHiddenPlane, PLANE_MS } from "../../web/app/hidden-plane.js";
import { createInspection } from "../../web/app/inspection.js";
import { createReplay } from "../../web/app/replay.js";
import { createSessionActions } from "../../web/app/session.js";
import { createStepThrough } from "../../web/app/step-through.js";
import { createStore, initialState } from "../../web/app/store.js";
import { createTraining } from "../../web/app/training.js";

/** A fake engine: every request waits until the test answers it (reply / fail). */
function fakeEngine() {
  const sent = [];
  const request = (type, payload) => new Promise((resolve, reject) => {
    sent.push({ type, payload, resolve, reject, at: performance.now() });
  });
  return {
    sent,
    request,
    timed: (type, payload) => request(type, payload).then((result) => ({ result, ms: 10 })),
    /** Answers the oldest unanswered request of a type. */
    reply(type, value) {
      const i = sent.findIndex((r) => r.type === type && !r.done);
      assert.ok(i >= 0, `no ${type} request waits`);
      sent[i].done = true;
      sent[i].resolve(value);
    },
    fail(type, err) {
      const i = sent.findIndex((r) => r.type === type && !r.done);
      sent[i].done = true;
      sent[i].reject(err);
    },
    open: (type) => sent.filter((r) => r.type === type && !r.done).length,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const fakeSession = () => {
  const calls = [];
  const note = (name) => () => { calls.push(name); };
  return { calls, fetchGrid: note("grid"), fetchWeights: note("weights"), fetchWeightsSoon: note("weightsSoon"), noteStep: note("step") };
};
/** A store whose engine has its session: ready to train (layerSizes 2-3-1). */
function readyStore(patch = {}) {
  const s = initialState();
  return createStore({
    ...s,
    load: { ...s.load, status: "ready" },
    session: { points: new Float64Array(6), trainMask: new Uint8Array([1, 1]), layerSizes: [2, 3, 1], classes: 2, problem: "classification", loss: "cross_entropy", settings: s.settings },
    metrics: { epoch: 0, lossTrain: 1 },
    ...patch,
  });
}
const stepReply = (epoch, extra = {}) => ({ metrics: { epoch, lossTrain: 1 / (epoch + 1), ...extra }, ms: { train: 5 } });
const keyOf = (notice) => (notice && notice.key) || notice;
/** The words of the kept notice about `topic` (app/notices.js sayAbout). */
const topicText = (s, topic) => s.notices.find((n) => n.id === topic)?.text;

test("training: Play and Step during loading are queued, then run once the engine is ready", async () => {
  const store = createStore(initialState()); // loading: no session yet
  const engine = fakeEngine();
  const training = createTraining({ store, engine, stats: {}, session: fakeSession() });
  training.setPlaying(true);
  assert.equal(store.get().playing, true);
  assert.equal(keyOf(store.get().notice), "notice.play_queued");
  await training.step();
  await training.step();
  assert.equal(store.get().playing, false); // Step pauses
  assert.equal(store.get().queuedSteps, 2);
  assert.equal(keyOf(store.get().notice), "notice.step_queued");
  assert.equal(engine.sent.length, 0); // nothing reaches a loading engine
  const s = readyStore().get();
  store.update({ load: s.load, session: s.session });
  const done = training.resume();
  await tick();
  assert.deepEqual(engine.sent.map((r) => [r.type, r.payload.epochs]), [["step", 2]]); // one request of both epochs
  assert.equal(store.get().queuedSteps, 0);
  assert.equal(store.get().notice, "");
  engine.reply("step", stepReply(2));
  await done;
  assert.equal(store.get().metrics.epoch, 2);
});

test("training: Play keeps two step requests in flight; a diverged reply stops it", async () => {
  const store = readyStore();
  const engine = fakeEngine();
  const stats = { chunks: 0, epochsTrained: 0, workerMs: 0, trainMs: 0, lastChunkMs: 0, maps: 0 };
  const session = fakeSession();
  const training = createTraining({ store, engine, stats, session });
  training.setPlaying(true);
  await tick();
  assert.equal(engine.open("step"), 2);
  assert.equal(store.get().training, true);
  assert.equal(store.get().inFlightEpochs, 2);
  engine.reply("step", stepReply(1));
  await tick();
  assert.equal(engine.open("step"), 2); // the next one went out as the first came back
  assert.equal(store.get().metrics.epoch, 1);
  engine.reply("step", stepReply(2, { diverged: true }));
  await tick();
  assert.equal(store.get().playing, false);
  assert.equal(keyOf(store.get().notice), "notice.diverged");
  engine.reply("step", stepReply(3, { diverged: true })); // the one already in flight still counts
  await tick();
  await tick();
  assert.equal(engine.open("step"), 0);
  assert.equal(store.get().training, false);
  assert.equal(store.get().inFlightEpochs, 0);
  assert.equal(stats.chunks, 3);
  assert.equal(stats.epochsTrained, 3);
  assert.ok(session.calls.includes("grid")); // paused: the full picture once
  training.setPlaying(true); // a diverged network does not train on
  assert.equal(store.get().playing, false);
  assert.equal(keyOf(store.get().notice), "notice.diverged_again");
});

test("training: drawn points that cannot train refuse Play with the reason", () => {
  const s = initialState();
  const store = readyStore({ settings: { ...s.settings, dataset: "custom" }, drawn: [[0, 0, 0]] });
  const engine = fakeEngine();
  createTraining({ store, engine, stats: {}, session: fakeSession() }).setPlaying(true);
  assert.equal(store.get().playing, false);
  assert.ok(store.get().notice, "a reason is said");
  assert.equal(engine.sent.length, 0);
});

test("inspection: only the latest request's reply is kept; a refusal becomes the notice", async () => {
  const store = readyStore();
  const engine = fakeEngine();
  const inspection = createInspection({ store, engine });
  const first = inspection.inspectPoint(0);
  const second = inspection.inspectPoint(1);
  assert.deepEqual(store.get().selected, { kind: "point", index: 1 });
  // one request per point (its reply holds every number, the weights too)
  assert.deepEqual(engine.sent.map((r) => r.type), ["inspect", "inspect"]);
  // the second's reply comes first, the first's after: the first is dropped
  engine.sent[1].resolve({ index: 1 });
  await second;
  engine.sent[0].resolve({ index: 0 });
  await first;
  assert.equal(store.get().inspection.kind, "sample");
  assert.equal(store.get().inspection.reply.index, 1);
  const third = inspection.inspectNeuron({ layer: 0, index: 2 });
  engine.fail("inspectNeuron", { message: "no such neuron", code: "bad_neuron", params: { layer: 0 } });
  await third;
  assert.equal(store.get().notice.code, "bad_neuron");
  inspection.close();
  assert.equal(store.get().inspection, null);
  assert.equal(store.get().selected, null);
});

test("step-through: a settings change ends the walk, and every later subscriber sees both changes in order", async () => {
  const store = readyStore();
  const engine = fakeEngine();
  const inspection = createInspection({ store, engine });
  const training = createTraining({ store, engine, stats: {}, session: fakeSession() });
  const walk = createStepThrough({ store, engine, inspection, session: fakeSession(), training, chooseDataset: async () => {} });
  const started = walk.start(1);
  await tick(); // training halts first (its last chunk lands), then the one inspect request
  engine.reply("inspect", { index: 1 });
  await started;
  assert.deepEqual(store.get().walk, { index: 1, stage: 0 });
  const seen = [];
  store.subscribe((s, prev) => seen.push([prev.walk, s.walk, s.settings.learningRate]));
  store.update({ settings: { ...store.get().settings, learningRate: 0.5 } });
  assert.equal(store.get().walk, null);
  assert.deepEqual(seen, [[{ index: 1, stage: 0 }, { index: 1, stage: 0 }, 0.5], [{ index: 1, stage: 0 }, null, 0.5]]);
});

test("step-through: another point inspected is walked instead, at the same stage", async () => {
  const store = readyStore();
  const engine = fakeEngine();
  const inspection = createInspection({ store, engine });
  const training = createTraining({ store, engine, stats: {}, session: fakeSession() });
  const walk = createStepThrough({ store, engine, inspection, session: fakeSession(), training, chooseDataset: async () => {} });
  const started = walk.start(0);
  await tick(); // training halts first (its last chunk lands), then the one inspect request
  engine.reply("inspect", { index: 0 });
  await started;
  store.update({ walk: { index: 0, stage: 3 } });
  const clicked = inspection.inspectPoint(4);
  engine.reply("inspect", { index: 4 });
  await clicked;
  assert.deepEqual(store.get().walk, { index: 4, stage: 3 });
  walk.stop();
  assert.equal(store.get().walk, null);
});

test("hidden plane: pictures only while the panel is open, one request in flight, spaced by PLANE_MS", async () => {
  const store = readyStore();
  const engine = fakeEngine();
  const plane = createHiddenPlane({ store, engine });
  store.update({ metrics: { epoch: 1 } });
  assert.equal(engine.sent.length, 0); // closed: no request
  plane.setOpen(true);
  assert.equal(engine.open("hidden"), 1);
  store.update({ metrics: { epoch: 2 } });
  store.update({ metrics: { epoch: 3 } });
  assert.equal(engine.open("hidden"), 1); // one in flight; the changes ask for one more after it
  engine.reply("hidden", { picture: 1 });
  await tick();
  assert.deepEqual(store.get().plane.view, { picture: 1 });
  const repliedAt = performance.now();
  while (engine.open("hidden") === 0 && performance.now() - repliedAt < 5000) await new Promise((r) => setTimeout(r, 5));
  assert.equal(engine.open("hidden"), 1); // the one the changes asked for
  const [a, b] = engine.sent.filter((r) => r.type === "hidden");
  assert.ok(b.at - a.at >= PLANE_MS - 2, `${b.at - a.at} ms apart`); // at most every PLANE_MS (timers may fire ~1 ms early)
  engine.reply("hidden", { picture: 2 });
  await tick();
  plane.setOpen(false);
  store.update({ metrics: { epoch: 4 } });
  await new Promise((r) => setTimeout(r, PLANE_MS + 20));
  assert.equal(engine.open("hidden"), 0); // closed again: no request
  assert.equal(engine.sent.filter((r) => r.type === "hidden").length, 2);
});

test("hidden plane: a refusal is kept as the panel's error, said in the page's language", async () => {
  const store = readyStore();
  const engine = fakeEngine();
  createHiddenPlane({ store, engine }).setOpen(true);
  engine.fail("hidden", { message: "bad layer", code: "bad_layer", params: {} });
  await tick();
  assert.equal(store.get().plane.view, null);
  assert.equal(store.get().plane.error.code, "bad_layer");
});

/** Session actions on a ready store; commitLink counts the link writes. */
function sessionOn(store, engine) {
  const link = { commits: 0 };
  const session = createSessionActions({ store, engine, stats: {}, commitLink: () => { link.commits += 1; }, ready: Promise.resolve() });
  return { session, link };
}

test("session: a view-only setting stays on the page; a refused one rolls back with the engine's message", async () => {
  const store = readyStore();
  const engine = fakeEngine();
  const { session, link } = sessionOn(store, engine);
  await session.apply({ show_test: false });
  assert.equal(engine.sent.length, 0);
  assert.equal(store.get().settings.show_test, false);
  assert.equal(link.commits, 1);
  const lr = store.get().settings.lr;
  const applied = session.apply({ lr: 99 });
  assert.equal(store.get().settings.lr, 99); // shown at once
  assert.equal(engine.sent[0].type, "configure");
  assert.equal("show_test" in engine.sent[0].payload.settings, false); // the engine never sees it
  engine.fail("configure", { message: "lr: at most 10", code: "out_of_range", params: { field: "lr" } });
  assert.equal(await applied, null);
  assert.equal(store.get().settings.lr, lr); // rolled back
  assert.equal(store.get().notice.code, "out_of_range");
  assert.equal(link.commits, 1); // a refused setting never reaches the link
});

test("session: a live change after training keeps the view-only settings and joins the trail at the engine's epoch", async () => {
  const store = readyStore({ metrics: { epoch: 5 }, settings: { ...initialState().settings, show_test: false } });
  const engine = fakeEngine();
  const { session, link } = sessionOn(store, engine);
  const applied = session.apply({ lr: 0.1 });
  engine.reply("configure", { rebuilt: false, settings: { ...store.get().session.settings, lr: 0.1 }, metrics: { epoch: 5, lossTrain: 0.5 } });
  await applied;
  const s = store.get();
  assert.equal(s.settings.lr, 0.1);
  assert.equal(s.settings.show_test, false); // the engine's settings do not hold it: the page's kept
  assert.equal(s.trail.replayable, true); // a link replays it (issue 19.6)
  assert.deepEqual(s.trail.edits, [[5, "lr", 0.1]]);
  assert.equal(link.commits, 1);
});

test("session: a weight edit joins the trail at the engine's epoch, then the weights and the map are fetched", async () => {
  const store = readyStore({ metrics: { epoch: 3 } });
  const engine = fakeEngine();
  const { session } = sessionOn(store, engine);
  const edited = session.editWeight({ layer: 1, i: 0, j: -1, value: 0.25 });
  engine.reply("setWeight", { value: 0.25, metrics: { epoch: 4 } });
  await edited;
  assert.deepEqual(store.get().trail, { ...initialState().trail, edits: [[4, 1, 0, -1, 0.25]] });
  assert.equal(keyOf(store.get().notice), "notice.bias_set");
  assert.deepEqual(engine.sent.filter((r) => !r.done).map((r) => r.type).sort(), ["grid", "weights"]);
});

/** An engine that answers at once: a step trains its epochs, setWeight keeps the epoch. */
function trainingEngine(onRequest = () => {}) {
  const sent = [];
  let epoch = 0;
  return {
    sent,
    async request(type, payload) {
      sent.push([type, type === "step" ? payload.epochs : type === "setWeight" ? [epoch, payload.layer, payload.i, payload.j, payload.value] : null]);
      onRequest(type);
      if (type === "step") epoch += payload.epochs;
      return { metrics: { epoch, lossTrain: 1 }, ms: { train: 1 }, value: payload?.value };
    },
  };
}

test("replay: steps up to each edit's epoch, makes the edit, trains on to the link's epoch", async () => {
  const edits = [[3, 1, 0, 1, 0.5], [7, 0, 2, -1, -1]];
  const store = readyStore({ replay: { epoch: 10, edits, done: 0 } });
  const engine = trainingEngine();
  await createReplay({ store, engine, session: fakeSession() }).run();
  const steps = engine.sent.filter(([t]) => t === "step").map(([, n]) => n);
  assert.equal(steps.reduce((a, b) => a + b, 0), 10);
  // each edit lands at its own epoch: the steps before it add up to it exactly
  assert.deepEqual(engine.sent.filter(([t]) => t === "setWeight").map(([, e]) => e), edits);
  const s = store.get();
  assert.equal(s.replay, null);
  assert.equal(s.metrics.epoch, 10);
  assert.deepEqual(s.trail, { ...initialState().trail, edits });
  assert.equal(keyOf(topicText(s, "link-training")), "notice.replayed");
});

test("replay: a setting changed meanwhile stops it, with a notice", async () => {
  const store = readyStore({ replay: { epoch: 50, edits: [], done: 0 } });
  let n = 0;
  const engine = trainingEngine((type) => {
    if (type === "step" && ++n === 2) store.update({ session: { ...store.get().session } }); // a rebuilt session
  });
  await createReplay({ store, engine, session: fakeSession() }).run();
  assert.equal(store.get().replay, null);
  assert.equal(keyOf(topicText(store.get(), "link-training")), "notice.replay_stopped");
  assert.ok(store.get().metrics.epoch < 50);
});
