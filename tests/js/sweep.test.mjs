// node --test: the learning-rate sweep's pure arithmetic (web/domain/sweep.js) and its actions
// (web/app/sweep.js) on the real store with a fake engine the test answers request by request.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createSweep, sweepSource } from "../../web/app/sweep.js";
import { createStore, initialState } from "../../web/app/store.js";
import { bestIndex, formProblem, nextChunk, plotScales, rateTicks, sweepKey, TARGET_MS } from "../../web/domain/sweep.js";

const RATES = [0.001, 0.0032, 0.01, 0.032, 0.1, 0.32, 1, 3.2, 10];
const run = (lr, loss, diverged = false) => ({ lr, loss, lossTest: loss, diverged, overflow: loss === null, epochs: 20 });

test("each request aims at the target time, at most doubling", () => {
  assert.equal(nextChunk(10, TARGET_MS), 10);
  assert.equal(nextChunk(10, 2 * TARGET_MS), 5);
  assert.equal(nextChunk(10, 1), 20); // fast: doubles, no more
  assert.equal(nextChunk(10, 0), 20);
  assert.equal(nextChunk(1, 10_000), 1); // never below one epoch
});

test("the rate offered is the lowest loss of the runs that did not diverge", () => {
  assert.equal(bestIndex([run(0.1, 0.6), run(0.3, 0.2), run(1, 0.01, true), run(3, null, true)]), 1);
  assert.equal(bestIndex([run(1, 0.9, true), run(3, null, true)]), -1);
  assert.equal(bestIndex([]), -1);
});

test("the form can start only a range from a smaller rate to a larger one", () => {
  assert.equal(formProblem({ lo: 0.001, hi: 10 }), "");
  assert.equal(formProblem({ lo: 1, hi: 1 }), "sweep.error_range");
  assert.equal(formProblem({ lo: 3, hi: 0.1 }), "sweep.error_range");
});

test("the plot: a log rate axis, a loss axis the diverged runs do not stretch", () => {
  const box = { width: 500, height: 260, left: 50, right: 10, top: 4, band: 26, bottom: 40 };
  const results = [run(0.001, 0.69), run(0.0032, 0.6), run(0.01, 0.3), run(10, 4.78, true)];
  const sc = plotScales({ rates: RATES, results, startLoss: 0.69 }, box);
  assert.equal(sc.x(0.001), 50);
  assert.equal(sc.x(10), 490);
  const decade = sc.x(0.01) - sc.x(0.001);
  assert.ok(Math.abs(sc.x(1) - sc.x(0.1) - decade) < 1e-9);
  assert.deepEqual(sc.xTicks, [0.001, 0.01, 0.1, 1, 10]);
  assert.equal(sc.y(0), 260 - 40);
  assert.deepEqual(sc.yTicks.at(-1), 0.8); // up to the start loss's tick, not 4.78
  assert.equal(sc.y(0.8), 4 + 26);
  assert.ok(sc.band < sc.y(0.8)); // the diverged runs' band is above the loss axis
});

test("the rate axis's ticks are its decades, else its ends", () => {
  assert.deepEqual(rateTicks([0.003, 0.01, 0.03, 0.1, 0.3]), [0.01, 0.1]);
  assert.deepEqual(rateTicks([0.2, 0.3, 0.5]), [0.2, 0.5]);
  assert.deepEqual(rateTicks([]), []);
});

test("the results' key: every setting but the learning rate, and drawn points", () => {
  const a = { dataset: "circle", lr: 0.03, batch_size: 10 };
  assert.equal(sweepKey(a, null), sweepKey({ batch_size: 10, lr: 3, dataset: "circle" }, null));
  assert.notEqual(sweepKey(a, null), sweepKey({ ...a, batch_size: 5 }, null));
  assert.notEqual(sweepKey(a, [[0, 0, 1]]), sweepKey(a, [[0, 1, 1]]));
});

// ------------------------------------------------------------------ the actions

/** A fake engine: every request waits until the test answers it. */
function fakeEngine() {
  const sent = [];
  return {
    sent,
    request: (type, payload) => new Promise((resolve, reject) => { sent.push({ type, payload, resolve, reject }); }),
    reply(type, value) {
      const r = sent.find((x) => x.type === type && !x.done);
      assert.ok(r, `no ${type} request waits`);
      r.done = true;
      r.resolve(value);
    },
    open: (type) => sent.filter((r) => r.type === type && !r.done).length,
    count: (type) => sent.filter((r) => r.type === type).length,
  };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(patch = {}) {
  const s = initialState();
  const store = createStore({
    ...s,
    load: { ...s.load, status: "ready" },
    session: { points: new Float64Array(6), trainMask: new Uint8Array([1, 1]), layerSizes: [2, 3, 1], classes: 2, problem: "classification", loss: "bce", settings: s.settings },
    metrics: { epoch: 7, lossTrain: 0.5 },
    ...patch,
  });
  const engine = fakeEngine();
  const plays = [];
  const training = { setPlaying: (on) => { plays.push(on); store.update({ playing: on }); } };
  const applied = [];
  const session = { apply: async (changes) => { applied.push(changes); store.update({ settings: { ...store.get().settings, ...changes } }); } };
  return { store, engine, plays, applied, sweep: createSweep({ store, engine, training, session }) };
}

test("a sweep pauses the training, waits for its chunks, runs to the end and plays again", async () => {
  const { store, engine, plays, sweep } = setup({ playing: true, training: true });
  const done = sweep.start();
  await tick();
  assert.deepEqual(plays, [false]);
  assert.equal(engine.count("sweepStart"), 0); // a chunk is still in flight
  store.update({ training: false });
  await tick();
  assert.deepEqual(engine.sent[0].payload, { lo: 0.001, hi: 10, count: 9 }); // epochs: automatic
  engine.reply("sweepStart", { rates: [0.01, 0.1, 1], epochs: 20, startLoss: 0.69, total: 60 });
  await tick();
  assert.equal(engine.sent[1].payload.epochs, 5); // a small first request
  engine.reply("sweepStep", { results: [run(0.01, 0.6)], done: 25, total: 60, finished: false, ms: 25 });
  await tick();
  assert.equal(engine.sent[2].payload.epochs, 10); // fast: twice as many
  assert.equal(store.get().sweep.done, 25);
  engine.reply("sweepStep", { results: [run(0.1, 0.2), run(1, 0.9, true)], done: 60, total: 60, finished: true, ms: 40 });
  await done;
  const sw = store.get().sweep;
  assert.equal(sw.running, false);
  assert.equal(sw.outcome, "done");
  assert.equal(sw.pick, 1);
  assert.equal(sw.results.length, 3);
  assert.equal(engine.count("sweepEnd"), 1);
  assert.deepEqual(plays, [false, true]); // restored
});

test("Cancel ends it between two requests, and the training goes on", async () => {
  const { store, engine, plays, sweep } = setup({ playing: true });
  const done = sweep.start();
  await tick();
  engine.reply("sweepStart", { rates: [0.01, 0.1, 1], epochs: 20, startLoss: 0.69, total: 60 });
  await tick();
  sweep.cancel();
  assert.equal(store.get().sweep.stopping, true);
  engine.reply("sweepStep", { results: [run(0.01, 0.6)], done: 20, total: 60, finished: false, ms: 50 });
  await done;
  assert.equal(engine.count("sweepStep"), 1); // none after Cancel
  assert.equal(engine.count("sweepEnd"), 1);
  const sw = store.get().sweep;
  assert.equal(sw.outcome, "cancelled");
  assert.equal(sw.results.length, 1);
  assert.equal(sw.stopping, false);
  assert.deepEqual(plays, [false, true]);
});

test("Play during a sweep stops it (and is not pressed twice); other settings stop it too", async () => {
  const { store, engine, plays, sweep } = setup();
  let done = sweep.start();
  await tick();
  engine.reply("sweepStart", { rates: [0.01, 0.1], epochs: 20, startLoss: 0.69, total: 40 });
  await tick();
  store.update({ playing: true }); // the user's Play
  engine.reply("sweepStep", { results: [], done: 5, total: 40, finished: false, ms: 50 });
  await done;
  assert.equal(store.get().sweep.outcome, "cancelled");
  assert.deepEqual(plays, [false]); // the sweep did not press Play again

  store.update({ playing: false });
  done = sweep.start();
  await tick();
  engine.reply("sweepStart", { rates: [0.01, 0.1], epochs: 20, startLoss: 0.69, total: 40 });
  await tick();
  store.update({ settings: { ...store.get().settings, lr: 1 } }); // the rate: not what it sweeps over
  assert.equal(store.get().sweep.stopping, false);
  store.update({ settings: { ...store.get().settings, batch_size: 3 } });
  assert.equal(store.get().sweep.stopping, true);
  engine.reply("sweepStep", { results: [], done: 5, total: 40, finished: false, ms: 50 });
  await done;
  assert.equal(store.get().sweep.outcome, "cancelled");
});

test("Use this rate applies the chosen run's rate as the learning rate", async () => {
  const { store, applied, sweep } = setup();
  store.update({ sweep: { ...store.get().sweep, results: [run(0.01, 0.6), run(0.32, 0.07)], pick: 1 } });
  assert.equal(await sweep.use(), 0.32);
  assert.deepEqual(applied, [{ lr: 0.32 }]);
  assert.equal(store.get().sweep.used, 0.32);
  assert.equal(await sweep.use(0), 0.01);
  assert.equal(await sweep.use(5), null); // no such run
});

test("a sweep does not start before the engine is ready, nor on a backwards range", async () => {
  const { store, engine, sweep } = setup({ load: { ...initialState().load, status: "loading" } });
  await sweep.start();
  assert.equal(store.get().sweep.error.key, "sweep.not_ready");
  store.update({ load: { ...store.get().load, status: "ready" } });
  sweep.setOptions({ lo: 1, hi: 0.1 });
  await sweep.start();
  assert.equal(store.get().sweep.error.key, "sweep.error_range");
  sweep.setOptions({ lo: 0.1, hi: 1 });
  store.update({ replay: { epoch: 50, edits: [], done: 3 } }); // a link's training replaying
  await sweep.start();
  assert.equal(store.get().sweep.error.key, "sweep.replaying");
  // drawn points that cannot train (one class): the engine's session is not what is shown
  store.update({ replay: null, settings: { ...store.get().settings, dataset: "custom" }, drawn: [[0, 0, 1], [1, 1, 1]] });
  await sweep.start();
  assert.equal(store.get().sweep.outcome, "failed");
  assert.ok(store.get().sweep.error);
  assert.equal(engine.sent.length, 0);
});

// ------------------------------------------------------------------ the view's words

test("the panel says what the sweep does, in words, diverged runs not as numbers", async () => {
  const { sweepModel } = await import("../../web/views/sweep.js");
  const { tr } = await import("../../web/views/i18n.js");
  const { store } = setup();
  const t = tr("en");
  const sw = store.get().sweep;
  const at = (patch) => sweepModel({ ...store.get(), sweep: { ...sw, ...patch } }, t);
  const rates = [0.01, 0.32, 10];
  const results = [run(0.01, 0.6), run(0.32, 0.07), run(10, null, true)];
  assert.equal(at({}).status, "");
  assert.equal(at({}).plot, null);
  assert.equal(at({ running: true, rates, results: results.slice(0, 1), done: 20, total: 60 }).status, "Run 2 of 3: learning rate 0.32");
  assert.deepEqual(at({ running: true, rates, done: 20, total: 60 }).progress, { value: 20, max: 60 });
  const done = at({ rates, results, epochs: 20, pick: 1, outcome: "done", key: sweepSource(store.get()) });
  assert.equal(done.status, "Done: 3 runs of 20 epochs each, all from the same initial weights. The lowest loss: learning rate 0.32.");
  assert.deepEqual(done.picks.map((p) => p.text), ["0.01: loss 0.600", "0.32: loss 0.070", "10: diverged"]);
  assert.equal(done.words.axisY, "Training loss after 20 epochs");
  assert.equal(done.note, "");
  assert.equal(at({ rates, results: results.slice(0, 1), outcome: "cancelled" }).status, "Cancelled after 1 of 3 runs.");
  assert.equal(at({ rates, results, outcome: "done", pick: -1 }).status, "Done: all 3 runs diverged. Try smaller rates.");
  assert.match(at({ rates, results, outcome: "done", key: "other settings" }).note, /^These results were made with other settings/);
  const backwards = at({ options: { lo: 1, hi: 0.1, count: 9, epochs: 0 } });
  assert.equal(backwards.canStart, false);
  assert.equal(backwards.note, "“From” must be a smaller rate than “To”.");
  assert.equal(at({ used: 0.32, outcome: "done" }).status, "The learning rate is now 0.32.");
});
