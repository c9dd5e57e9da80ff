// Dropout's settings in the page's link codec (web/domain/link.js, link-sanitize.js): the same
// repairs and notices as bpcore's (tests/dropout_links.json, checked against bpcore by
// tests/test_dropout.py), links bpcore encoded decode to the same rates, and a JS-encoded link
// with rates decodes back; the per-layer rule of the diagram's selects (domain/layout.js).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { withRate, activationFor } from "../../web/domain/layout.js";
import { decodeLink, encodeLink, sanitizeSettings } from "../../web/domain/link.js";
import { DEFAULTS } from "../../web/domain/settings.js";

const CASES = JSON.parse(readFileSync(new URL("../dropout_links.json", import.meta.url), "utf8"));
const nonDefaults = (/** @type {Record<string, any>} */ s) =>
  Object.fromEntries(Object.entries(s).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(/** @type {any} */ (DEFAULTS)[k])));

test("stored or linked rates are repaired as bpcore repairs them", () => {
  assert.ok(CASES.repairs.length >= 8);
  for (const r of CASES.repairs) {
    const got = sanitizeSettings(r.raw);
    assert.deepEqual(nonDefaults(got.settings), r.settings, JSON.stringify(r.raw));
    assert.deepEqual(got.notices, r.notices, JSON.stringify(r.raw));
  }
});

test("links bpcore wrote give the same rates; the page's own links round-trip", async () => {
  for (const c of CASES.links) {
    const back = await decodeLink(c.link);
    assert.deepEqual(back.notices, []);
    assert.deepEqual(nonDefaults(back.settings), c.settings);
  }
  const text = await encodeLink({ ...DEFAULTS, layers: [3, 3], dropout: [0.25, 0] });
  assert.deepEqual((await decodeLink(text)).settings.dropout, [0.25, 0]);
  // no dropout: the old link, byte for byte
  assert.equal(await encodeLink({ ...DEFAULTS, dropout: [0] }), "v2.q64FABW_xTc");
});

test("one rate for all until the layers differ, and back", () => {
  const s = { layers: [4, 2, 3], dropout: [0.1] };
  assert.deepEqual(withRate(s, 1, 0.3), [0.1, 0.3, 0.1]);
  assert.deepEqual(withRate({ ...s, dropout: [0.1, 0.3, 0.1] }, 1, 0.1), [0.1]);
  assert.deepEqual(activationFor([0.1, 0.3], 3), [0.1]); // a new layer count: the first for all
  assert.deepEqual(activationFor([0.1, 0.3], 2), [0.1, 0.3]);
});
