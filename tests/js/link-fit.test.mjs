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

test("a training that cannot be replayed: epoch 0, and the page says so", () => {
  const { state, why } = fitting(live({ trail: { edits: [], replayable: false } }));
  assert.equal(state.epoch, 0);
  assert.match(en(why), /this training cannot be replayed/);
  assert.match(zh(why), /无法重放/);
  assert.equal(fitting(live({ trail: { edits: [], replayable: false }, metrics: { epoch: 0 } })).why, "");
  assert.match(en(fitting(live({ metrics: { epoch: 1000001 } })).why), /cannot be replayed/);
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
