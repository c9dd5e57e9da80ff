// node --test: what a share link holds of the page's state (web/app/links.js fitting, pure):
// the training up to the epoch shown, and when the link cannot hold it all, why (issue 11.7).
import "./catalogues.mjs"; // zh-CN registered, as the page does once it has loaded
import assert from "node:assert/strict";
import { test } from "node:test";
import { fitting } from "../../web/app/links.js";
import { initialState } from "../../web/app/store.js";
import { say, translator } from "../../web/domain/i18n.js";

/** A notice kept as data, said in English / Chinese. @param {any} m */
const en = (m) => say(translator("en"), m);
const zh = (/** @type {any} */ m) => say(translator("zh-CN"), m);

const live = (patch) => ({
  ...initialState(),
  session: { points: new Float64Array(0), trainMask: new Uint8Array(0), preview: false },
  metrics: { epoch: 50 },
  ...patch,
});

test("the link holds the epoch shown and the weight edits up to it", () => {
  const s = live({ trail: { edits: [[10, 0, 1, 0, 0.5], [60, 0, 0, -1, 1]], replayable: true } });
  const { state, why } = fitting(s);
  assert.equal(why, "");
  assert.equal(state.epoch, 50);
  assert.deepEqual(state.edits, [[10, 0, 1, 0, 0.5]]); // the one at 60 is not reached yet
});

test("while a link's training replays, the link stays that link", () => {
  const replay = { epoch: 185, edits: [[3, 0, 0, 0, 2]], done: 20 };
  const { state, why } = fitting(live({ replay, metrics: { epoch: 20 } }));
  assert.deepEqual([state.epoch, state.edits, why], [185, replay.edits, ""]);
});

test("a training that cannot be replayed: epoch 0, and the page says why in plain words", () => {
  const loaded = { edits: [], replayable: false, start: null, why: "loaded" };
  const { state, why } = fitting(live({ trail: loaded }));
  assert.equal(state.epoch, 0);
  assert.match(en(why), /^The link opens at epoch 0: weights loaded from a file do not travel in a link\./);
  assert.match(zh(why), /从文件加载的权重无法放进链接/);
  assert.equal(fitting(live({ trail: loaded, metrics: { epoch: 0 } })).why, "");
  const full = fitting(live({ trail: { ...loaded, why: "full" } })).why;
  assert.match(en(full), /at most 100 changes made while training \(weights edited by hand, settings changed\)/);
  assert.match(zh(full), /最多能重放训练中的 100 处修改/);
  assert.match(en(fitting(live({ metrics: { epoch: 1000001 } })).why), /at most 1,000,000 epochs/);
  for (const m of [why, full]) assert.doesNotMatch(en(m), /replayable|trail|live setting/);
});

test("a run whose settings changed on the way: the link holds the settings it started with and the changes", () => {
  const trail = { edits: [[10, "lr", 0.1], [20, 0, 0, -1, 1], [30, "optimizer", "adam"], [70, "lr", 1]], replayable: true, start: { lr: 0.03, optimizer: "sgd" }, why: "" };
  const settings = { ...initialState().settings, lr: 1, optimizer: "adam" };
  const { state, why } = fitting(live({ trail, settings }));
  assert.equal(why, "");
  assert.deepEqual([state.settings.lr, state.settings.optimizer, state.epoch], [0.03, "sgd", 50]);
  assert.deepEqual(state.edits, trail.edits.slice(0, 3)); // the change at 70 is not reached yet
  // at epoch 0 (not trained) the link is simply the settings shown
  const zero = fitting(live({ trail: { ...trail, edits: [] }, settings, metrics: { epoch: 0 } })).state;
  assert.deepEqual([zero.settings.lr, zero.epoch], [1, 0]);
});

test("more points than a link holds: settings only, and the page says so", () => {
  const drawn = Array.from({ length: 6000 }, (_, i) => [0, 0, i % 2]);
  const s = live({ drawn, settings: { ...initialState().settings, dataset: "custom" } });
  const { state, why } = fitting(s);
  assert.equal(state.points, null);
  assert.equal(state.settings.dataset, "circle"); // a link without its points opens a preset
  assert.match(en(why), /6,000 points do not fit in a link \(at most 5,000\)/);
  assert.match(zh(why), /这 6,000 个点放不进链接（最多 5,000 个）/);
  const fits = fitting({ ...s, drawn: drawn.slice(0, 5000) });
  assert.deepEqual([fits.why, fits.state.points.length], ["", 5000]);
});

test("the lab's code trains the network: the link carries no code, epoch 0, and the page says so", () => {
  const plugged = { exercise: "plug_activation", part: "activation" };
  const { state, why } = fitting(live({ plugged, trail: { edits: [[1, 0, 0, 0, 2]], replayable: true } }));
  assert.deepEqual([state.epoch, state.edits], [0, []]);
  assert.match(en(why), /does not carry your code: it opens with bpcore's own parts, at epoch 0/);
  assert.match(zh(why), /链接不携带你的代码/);
  assert.equal(fitting(live({ plugged, metrics: { epoch: 0 } })).why, why); // said from the start
});

test("a run plugged in from epoch 0: the link carries its code and its training", () => {
  const plugged = { exercise: "plug_activation", part: "activation" };
  const code = "def f(z):\n    return z\n";
  const trail = { edits: [[1, "lr", 0.1]], replayable: true };
  const { state, why } = fitting(live({ plugged, pluggedSource: code, trail }));
  assert.equal(why, "");
  assert.deepEqual(state.lab, { exercise: "plug_activation", code, plugged: true });
  assert.deepEqual([state.epoch, state.edits], [50, [[1, "lr", 0.1]]]);
  // plugged in on the way (the trail ended there): the code travels, the training does not
  const late = fitting(live({ plugged, pluggedSource: code, trail: { edits: [], replayable: false, why: "plugged" } }));
  assert.deepEqual([late.state.epoch, late.state.lab.plugged], [0, true]);
  assert.match(en(late.why), /plugged in during the training: the link carries the code, but opens at epoch 0/);
  assert.match(zh(late.why), /训练途中接入/);
});

test("the open lab's code travels with the link, up to what a link holds", () => {
  const lab = { ...initialState().lab, open: true, exercise: "loss", code: { loss: "print(1)" } };
  assert.deepEqual(fitting(live({ lab })).state.lab, { exercise: "loss", code: "print(1)", plugged: false });
  assert.equal(fitting(live({ lab: { ...lab, open: false } })).state.lab, null); // closed: no code
  assert.equal(fitting(live({ lab: { ...lab, code: {} } })).state.lab, null); // the starter: no code
  const long = fitting(live({ lab: { ...lab, code: { loss: "#".repeat(16385) } } }));
  assert.equal(long.state.lab, null);
  assert.equal(long.state.epoch, 50); // the rest of the link as it was
  assert.match(en(long.why), /longer than a link holds \(16,384 bytes\): the link does not carry it/);
  assert.match(zh(long.why), /超出了链接的容量/);
});

test("unplugged after training with the lab's code: epoch 0, and why", () => {
  const { state, why } = fitting(live({ trail: { edits: [], replayable: false, why: "plugged" } }));
  assert.deepEqual([state.epoch, state.lab], [0, null]);
  assert.match(en(why), /part of this training ran with your code from the lab, which a link does not carry/);
  assert.match(zh(why), /而链接不携带代码/);
});
