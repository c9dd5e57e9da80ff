// node --test: a lesson example's pace (domain/presets.js pickPace) and "Stop at epoch" as typed
// (domain/schedule.js parseStopAt).
import assert from "node:assert/strict";
import { test } from "node:test";
import { pickPace } from "../../web/domain/presets.js";
import { MAX_STOP_AT, parseStopAt } from "../../web/domain/schedule.js";
import { PACE } from "../../web/domain/settings.js";

const FAST = { speed: 0, stopAt: 0 };

test("the AND gate brings a watchable speed and the lesson's stop, and says so", () => {
  const r = pickPace(FAST, "circle", "and_gate", null);
  assert.deepEqual(r.pace, { speed: PACE.and_gate.speed, stopAt: 4000 });
  assert.ok(r.pace.speed > 0 && r.pace.speed <= 1000);
  assert.deepEqual(r.before, FAST);
  assert.equal(r.notice.key, "notice.pace_stop");
  assert.deepEqual(r.notice.params, { speed: PACE.and_gate.speed, epoch: "4000" });
});

test("leaving a lesson example gives the pace back, unless the user changed it", () => {
  const and = pickPace(FAST, "circle", "and_gate", null);
  assert.deepEqual(pickPace(and.pace, "and_gate", "spiral", and.before), { pace: FAST, before: null, notice: "" });
  const mine = { ...and.pace, speed: 10 };
  assert.deepEqual(pickPace(mine, "and_gate", "spiral", and.before).pace, mine);
});

test("from one example to the other the first pace is remembered; no change, no word", () => {
  const art = pickPace(FAST, "circle", "article", null);
  assert.equal(art.notice.key, "notice.pace");
  const and = pickPace(art.pace, "article", "and_gate", art.before);
  assert.deepEqual(and.before, FAST);
  assert.equal(pickPace(and.pace, "and_gate", "and_gate", and.before).notice, "");
  assert.deepEqual(pickPace(FAST, "circle", "xor", null), { pace: FAST, before: null, notice: "" });
});

test("Stop at epoch: empty is no stop, a whole number in range, else a message", () => {
  assert.deepEqual(parseStopAt(""), { stopAt: 0 });
  assert.deepEqual(parseStopAt(" 4000 "), { stopAt: 4000 });
  assert.deepEqual(parseStopAt(String(MAX_STOP_AT)), { stopAt: MAX_STOP_AT });
  for (const bad of ["0", "-3", "2.5", "1e3", "abc", String(MAX_STOP_AT + 1)]) {
    const r = /** @type {any} */ (parseStopAt(bad));
    assert.equal(r.error.key, "notice.stop_at_bad", bad);
    assert.equal(r.error.params.got, bad);
  }
});
