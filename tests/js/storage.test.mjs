// node --test: the drawing and settings kept in storage (web/app/storage.js) never throw: a full
// or blocked Storage is a result, bad input is refused. Storage objects are injected.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as s from "../../web/app/storage.js";

const full = {
  getItem: () => null,
  setItem: () => { throw new DOMException("full", "QuotaExceededError"); },
  removeItem: () => {},
};
const blocked = {
  getItem: () => { throw new DOMException("no", "SecurityError"); },
  setItem: () => { throw new DOMException("no", "SecurityError"); },
  removeItem: () => { throw new DOMException("no", "SecurityError"); },
};
function memory() {
  const mem = new Map();
  return {
    getItem: (k) => (mem.has(k) ? mem.get(k) : null),
    setItem: (k, v) => mem.set(k, String(v)),
    removeItem: (k) => mem.delete(k),
  };
}

test("a full or blocked storage is a result, never an exception", () => {
  const quota = s.savePoints([[1, 2, 0]], full);
  assert.equal(quota.ok, false);
  assert.equal(quota.reason, "quota");
  assert.equal(s.savePoints([[1, 2, 0]], blocked).reason, "error");
  const load = s.loadPoints(blocked);
  assert.equal(load.value, null);
  assert.equal(load.reason, "unavailable");
  assert.equal(s.clearStored(blocked).ok, false);
});

test("points and settings round-trip; bad ones are refused", () => {
  const ok = memory();
  assert.deepEqual(s.loadPoints(ok), { value: null, reason: "missing" });
  assert.equal(s.savePoints([[1, NaN, 0]], ok).reason, "invalid");
  assert.equal(s.savePoints(Array.from({ length: s.MAX_POINTS + 1 }, () => [0, 0, 0]), ok).reason, "too-large");
  assert.deepEqual(s.savePoints(new Float64Array([1, 2, 0, -3.5, 4, 1]), ok), { ok: true }); // flat rows too
  assert.deepEqual(s.loadPoints(ok), { value: [[1, 2, 0], [-3.5, 4, 1]], reason: null });
  assert.deepEqual(s.saveSettings({ lr: 0.1, layers: [3] }, ok), { ok: true });
  assert.deepEqual(s.loadSettings(ok), { value: { lr: 0.1, layers: [3] }, reason: null });
  assert.equal(s.saveSettings([1, 2], ok).reason, "invalid");
});
