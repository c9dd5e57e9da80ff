// node --test: a link's comparison (web/domain/link-compare.js through link.js) gives exactly
// bpcore's run B and notices on tests/compare_vectors.json (tests/test_compare.py reads them
// too), writes the same payload bytes, and a link without one is unchanged.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { inflateRawSync } from "node:zlib";
import { decodeLink, encodeLink } from "../../web/domain/link.js";
import { COMPARE_KEYS } from "../../web/domain/link-compare.js";
import { DEFAULTS } from "../../web/domain/settings.js";

const { vectors } = JSON.parse(readFileSync(new URL("../compare_vectors.json", import.meta.url), "utf8"));
const payload = (/** @type {string} */ link) => {
  const bytes = Buffer.from(link.slice(3), "base64url");
  return inflateRawSync(bytes.subarray(0, bytes.length - 4)).toString("utf8");
};

test("every vector decodes to bpcore's run B, epoch and notices", async () => {
  assert.ok(vectors.length >= 10);
  for (const v of vectors) {
    const got = await decodeLink(v.link);
    assert.deepEqual(got.compare, v.compare, `${v.name}: compare`);
    assert.equal(got.epoch, v.epoch, `${v.name}: epoch`);
    assert.deepEqual(got.notices, v.notices, `${v.name}: notices`);
  }
});

test("a usable comparison encodes to bpcore's payload bytes", async () => {
  for (const v of vectors.filter((x) => x.encoded)) {
    const { settings, epoch, edits } = await decodeLink(v.link);
    const text = await encodeLink(settings, null, { epoch, edits, compare: v.compare });
    assert.equal(payload(text), payload(v.link), v.name);
  }
});

test("B's keys are bpcore's; no comparison leaves a link as it was; a bad B is refused", async () => {
  assert.deepEqual(COMPARE_KEYS, ["layers", "activation", "loss", "init", "optimizer", "lr", "momentum", "beta1", "beta2", "batch_size", "reg", "reg_rate"]);
  const plain = await encodeLink({ ...DEFAULTS, lr: 0.1 }, null, { epoch: 3 });
  assert.equal(plain, await encodeLink({ ...DEFAULTS, lr: 0.1 }, null, { epoch: 3, compare: null }));
  assert.equal(payload(plain), '{"lr":0.1,"epoch":3}');
  await assert.rejects(encodeLink(DEFAULTS, null, { compare: { dataset: "xor" } }), /compare_setting/);
  await assert.rejects(encodeLink(DEFAULTS, null, { compare: { lr: 0 } }), /compare_value/);
});
