// node --test: the share-link codec (web/domain/link.js) on the shared vectors that
// bpcore/link/ passes too (tests/link_vectors.json): the same state and the same notices.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { inflateRawSync } from "node:zlib";
import { decodeLink, encodeLink, quantizePoints, sanitizeSettings } from "../../web/domain/link.js";
import { MAX_CODE_BYTES, codeFits } from "../../web/domain/link-lab.js";
import { DEFAULTS } from "../../web/domain/settings.js";

const all = JSON.parse(readFileSync(new URL("../link_vectors.json", import.meta.url), "utf8")).vectors;
// Node's DecompressionStream ignores bytes after the end of a deflate stream, where browsers
// reject them; that vector runs in Chromium (tests/browser/test_link_js.py).
const NODE_ACCEPTS = new Set(["junk after the data", "v1: junk after the data"]);
const vectors = all.filter((v) => !NODE_ACCEPTS.has(v.name));

test("every vector decodes to its settings, points and notices", async () => {
  assert.ok(vectors.length > 10);
  for (const v of vectors) {
    const got = await decodeLink(v.link);
    for (const [k, want] of Object.entries(v.settings)) assert.deepEqual(got.settings[k], want, `${v.name}: ${k}`);
    for (const [k, def] of Object.entries(DEFAULTS)) {
      if (!(k in v.settings)) assert.deepEqual(got.settings[k], def, `${v.name}: ${k}`);
    }
    if (v.points === null) assert.equal(got.points, null, v.name);
    else assert.deepEqual(got.points, v.points, v.name);
    assert.deepEqual([got.epoch, got.edits], [v.epoch ?? 0, v.edits ?? []], `${v.name}: training`);
    assert.deepEqual(got.lab, v.lab ?? null, `${v.name}: lab`);
    assert.deepEqual(got.notices, v.notices, `${v.name}: notices`); // the codes and params of bpcore
  }
});

test("every vector's input encodes to a link that decodes to its state", async () => {
  for (const v of vectors.filter((x) => x.input)) {
    const { settings, points = null, epoch = 0, edits = [], lab = null } = v.input;
    const text = await encodeLink({ ...DEFAULTS, ...settings }, points, { epoch, edits, lab });
    assert.ok(text.startsWith("v2."), v.name);
    const got = await decodeLink(text);
    assert.deepEqual(got.notices, [], v.name);
    for (const [k, want] of Object.entries(v.settings)) assert.deepEqual(got.settings[k], want, `${v.name}: ${k}`);
    assert.deepEqual([got.points, got.epoch, got.edits], [v.points, v.epoch ?? 0, v.edits ?? []], v.name);
    assert.deepEqual(got.lab, v.lab ?? null, v.name);
    if (lab) assert.deepEqual(payloadOf(text), payloadOf(v.link), `${v.name}: the same payload as bpcore's`);
  }
});

/** A v2 link's inflated payload (bpcore's and the page's encoders must write the same bytes). */
function payloadOf(/** @type {string} */ text) {
  const data = Buffer.from(text.slice(3), "base64url");
  return inflateRawSync(data.subarray(0, data.length - 4));
}

test("a link holds the lab's code up to MAX_CODE_BYTES and refuses more", async () => {
  const at = "é".repeat(MAX_CODE_BYTES / 2);
  const got = await decodeLink(await encodeLink({ ...DEFAULTS }, null, { lab: { exercise: "loss", code: at } }));
  assert.deepEqual(got.lab, { exercise: "loss", code: at, plugged: false });
  assert.equal(codeFits(at), true);
  assert.equal(codeFits(at + "x"), false);
  assert.equal(codeFits("a\ud800"), false); // not well-formed text
  await assert.rejects(encodeLink({ ...DEFAULTS }, null, { lab: { exercise: "loss", code: at + "x" } }), /lab_code_long/);
  await assert.rejects(encodeLink({ ...DEFAULTS }, null, { lab: { exercise: "loss", code: "", plugged: true } }), /lab_plugged/);
  await assert.rejects(encodeLink({ ...DEFAULTS }, null, { lab: { exercise: "nope", code: "" } }), /lab_exercise/);
});

test("the encoder refuses a training it could not replay", async () => {
  await assert.rejects(encodeLink({ ...DEFAULTS }, null, { epoch: -1 }), /"code":"epoch_bad"/);
  await assert.rejects(encodeLink({ ...DEFAULTS }, null, { epoch: 3, edits: [[4, 0, 0, 0, 1]] }), /"code":"edit_epoch","params":\{"index":0,"got":"4","max":3/);
});

test("stored settings are repaired as bpcore repairs them", () => {
  const { repairs } = JSON.parse(readFileSync(new URL("../link_vectors.json", import.meta.url), "utf8"));
  assert.ok(repairs.length >= 5);
  for (const r of repairs) {
    const got = sanitizeSettings(r.raw);
    const diff = Object.fromEntries(Object.entries(got.settings).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(DEFAULTS[k])));
    assert.deepEqual(diff, r.settings, JSON.stringify(r.raw));
    assert.deepEqual(got.notices, r.notices, JSON.stringify(r.raw));
  }
});

test("encoding round-trips and quantises as the decoder does", async () => {
  assert.equal(await encodeLink({ ...DEFAULTS }), "v2.q64FABW_xTc");
  const points = quantizePoints([[1.2345, -2, 0], [3, 4.5, 1], [-6, 6, 1]]);
  assert.deepEqual(quantizePoints(points), points); // idempotent
  const text = await encodeLink({ ...DEFAULTS, dataset: "custom", classes: 2 }, points);
  const back = await decodeLink(text);
  assert.deepEqual(back.points, points);
  assert.equal(back.settings.dataset, "custom");
});
