// node --test: TensorFlow Playground links and classroom links read by the page's codec
// (web/domain/link-tf.js, link-classroom.js via decodeLink) give exactly bpcore's state and notices (tests/classroom_link_vectors.json, written by
// tests/test_classroom_link.py from hand-checked cases).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { decodeLink, encodeLink } from "../../web/domain/link.js";
import { pairs, seedOf } from "../../web/domain/link-tf.js";
import { DEFAULTS } from "../../web/domain/settings.js";

const { vectors } = JSON.parse(readFileSync(new URL("../classroom_link_vectors.json", import.meta.url), "utf8"));

test("every TF and classroom link decodes to bpcore's settings, hidden controls, goal and notices", async () => {
  assert.ok(vectors.length >= 8);
  for (const v of vectors) {
    const got = await decodeLink(v.link);
    const differ = Object.fromEntries(Object.entries(got.settings).filter(([k, x]) => JSON.stringify(x) !== JSON.stringify(DEFAULTS[k])));
    assert.deepEqual(differ, v.settings, v.name);
    assert.deepEqual(got.notices, v.notices, `${v.name}: notices`);
    assert.deepEqual([got.points, got.epoch, got.edits, got.lab], [null, 0, [], null], v.name);
    assert.deepEqual([got.hide, got.goal], [v.hide, v.goal], `${v.name}: classroom`);
  }
});

test("TF's reading rules: a later key wins, a value ends at a second '=', a key alone is ignored", () => {
  assert.deepEqual([...pairs("a=1&b&c=2=3&a=4")], [["a", "4"], ["c", "2"]]);
  assert.equal(seedOf("123"), 123);
  assert.notEqual(seedOf("2147483648"), 2147483648);
  assert.equal(seedOf("\ud800x"), seedOf("\ufffdx")); // a lone surrogate is U+FFFD, as in bpcore
});

test("a link of ours is still ours, and one too long is refused the same way", async () => {
  assert.deepEqual((await decodeLink("#v2.q64FABW_xTc")).notices, []);
  const long = await decodeLink("a=" + "1".repeat(100_000));
  assert.deepEqual(long.notices.map((n) => n.code), ["too_long"]);
});

test("a classroom link keeps its part when written again; a bad one is refused", async () => {
  const goal = { metric: "loss_test", target: 0.1, neurons: 8 };
  const text = await encodeLink(DEFAULTS, null, { hide: ["noise", "dataset"], goal });
  const got = await decodeLink(text);
  assert.deepEqual([got.hide, got.goal, got.notices], [["dataset", "noise"], goal, []]);
  await assert.rejects(encodeLink(DEFAULTS, null, { hide: ["bogus"] }), RangeError);
  await assert.rejects(encodeLink(DEFAULTS, null, { goal: { metric: "acc_test", target: 1.5 } }), RangeError);
});
