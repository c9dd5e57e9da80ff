// node --test: a damaged share link is named, never read as other points (issue 11.10). The
// same 1,000 one-character changes of the same real link as tests/test_link.py makes natively.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { decodeLink, fellBack } from "../../web/domain/link.js";

const all = JSON.parse(readFileSync(new URL("../link_vectors.json", import.meta.url), "utf8")).vectors;
const LARGE = "large: 520 drawn points and a training";
const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** count copies of text with one character changed (the generator of tests/test_link.py). */
function mutants(text, count = 1000, seed = 11) {
  let state = BigInt(seed);
  const draw = (n) => {
    state = (state * 1103515245n + 12345n) % 2n ** 31n;
    return Number(state % BigInt(n));
  };
  const alphabet = B64URL + ".#%= ~";
  const out = [];
  for (let k = 0; k < count; k++) {
    const at = draw(text.length);
    const others = [...alphabet].filter((c) => c !== text[at]);
    out.push(text.slice(0, at) + others[draw(others.length)] + text.slice(at + 1));
  }
  return out;
}

test("every one-character change of a real link is named or changes nothing", async () => {
  const v = all.find((x) => x.name === LARGE);
  assert.ok(v.link.length > 2300, `${v.link.length}`);
  const want = await decodeLink(v.link);
  assert.deepEqual(want.notices, []);
  assert.equal(want.points.length, 520);
  assert.equal(want.epoch, 185);
  let named = 0, same = 0;
  const texts = mutants(v.link);
  assert.equal(new Set(texts).size > 990, true);
  for (const text of texts) {
    const got = await decodeLink(text);
    if (got.notices.length) {
      assert.ok(fellBack(got.notices).length, `${text}: ${got.notices}`);
      named += 1;
    } else {
      assert.deepEqual([got.settings, got.points, got.epoch, got.edits], [want.settings, want.points, want.epoch, want.edits]);
      same += 1;
    }
  }
  assert.equal(named + same, 1000);
  assert.ok(named >= 990, `${named} named, ${same} unchanged`);
});
