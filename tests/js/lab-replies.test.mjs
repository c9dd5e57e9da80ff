// node --test: the lab worker's replies are untrusted (web/domain/lab-replies.js): rebuilt from
// the fields bpcore.lab's results have, each checked and clipped; anything else dropped.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cleanCheck, cleanError, cleanRun, labKey, params } from "../../web/domain/lab-replies.js";

const ERROR = {
  key: "lab.error.shape_matmul", params: { a: [2, 3], b: [2, 3], op: "@" }, line: 3,
  code_line: "y = W @ x", traceback: "Traceback...\nValueError: matmul",
};

test("a run's result keeps exactly its fields", () => {
  const r = cleanRun({ output: "hi\n", clipped: false, error: ERROR, extra: "<img onerror=x>" });
  assert.deepEqual(r, { output: "hi\n", clipped: false, error: ERROR });
  assert.deepEqual(cleanRun({ output: "", clipped: true, error: null }), { output: "", clipped: true, error: null });
});

test("a check's result: checks, mistake, curve", () => {
  const r = cleanCheck({
    exercise: "sigmoid", passed: false, output: "", clipped: false, error: null,
    checks: [{ key: "lab.check.values", params: { at: [0, 1], expected: 0.5, got: 0.25 }, passed: false, rel_error: 0.5 }],
    mistake: { key: "lab.mistake.sigmoid_prime_of_a", params: { z: 2.0 } }, curve: [0.7, 0.5, NaN],
  });
  assert.equal(r.exercise, "sigmoid");
  assert.equal(r.passed, false);
  assert.deepEqual(r.checks, [{ key: "lab.check.values", params: { at: [0, 1], expected: 0.5, got: 0.25 }, passed: false, rel_error: 0.5 }]);
  assert.deepEqual(r.mistake, { key: "lab.mistake.sigmoid_prime_of_a", params: { z: 2 } });
  assert.deepEqual(r.curve, [0.7, 0.5, null]);
});

test("forged or odd fields are made harmless", () => {
  assert.equal(labKey("engine.ready"), "lab.error.unreadable"); // only lab.* keys
  assert.equal(labKey("lab.error.x<script>"), "lab.error.unreadable");
  assert.equal(labKey(42), "lab.error.unreadable");
  // params: only plain values, names that are identifiers, lists one level deep
  assert.deepEqual(params({ ok: 1, "bad key": 2, obj: { a: 1 }, deep: [[[1]]], f: () => 1, nan: NaN }),
    { ok: 1, obj: null, deep: [[null]], f: null, nan: "NaN" });
  assert.deepEqual(params([1, 2]), {});
  // passed must be exactly true; a line must be a positive whole number
  const r = cleanCheck({ output: "", passed: "yes", checks: [{ passed: 1, rel_error: "0" }], curve: "1,2" });
  assert.equal(r.passed, false);
  assert.deepEqual(r.checks, [{ key: "lab.error.unreadable", params: {}, passed: false, rel_error: null }]);
  assert.equal(r.curve, null);
  assert.equal(cleanError({ ...ERROR, line: 2.5 }).line, null);
  assert.equal(cleanError({ ...ERROR, line: -1 }).line, null);
  // long text is clipped
  assert.equal(cleanRun({ output: "x".repeat(200_000) }).output.length, 100_000);
});

test("a reply with no usable shape throws", () => {
  assert.throws(() => cleanRun(null));
  assert.throws(() => cleanRun("text"));
  assert.throws(() => cleanRun({ clipped: true })); // no output
  assert.throws(() => cleanCheck({ output: "", checks: ["x"] }));
  assert.throws(() => cleanError("boom"));
});
