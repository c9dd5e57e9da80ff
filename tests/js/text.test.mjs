// node --test: a CSV file's bytes -> its text (web/domain/text.js), a time left (duration.js),
// and the words a loss that blew up is said in (web/domain/format.js metricWords).
import "./catalogues.mjs"; // zh-CN registered, as the page does once it has loaded
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeText } from "../../web/domain/text.js";
import { metric, metricWords, percent } from "../../web/domain/format.js";
import { translator } from "../../web/domain/i18n.js";

const CSV = "x1,x2,label\n0.5,-1,0\n1,2,0.5\n";
const utf16 = (/** @type {string} */ s, /** @type {boolean} */ be) => {
  const out = new Uint8Array(s.length * 2);
  [...s].forEach((c, k) => {
    const code = c.charCodeAt(0);
    out[2 * k + (be ? 1 : 0)] = code & 0xff;
    out[2 * k + (be ? 0 : 1)] = code >> 8;
  });
  return out;
};

test("UTF-8 with and without a BOM, UTF-16 either way with and without one", () => {
  const utf8 = new TextEncoder().encode(CSV);
  assert.equal(decodeText(utf8), CSV);
  assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])), CSV);
  for (const be of [true, false]) {
    const body = utf16(CSV, be);
    assert.equal(decodeText(body), CSV, be ? "UTF-16BE, no BOM" : "UTF-16LE, no BOM");
    const bom = be ? [0xfe, 0xff] : [0xff, 0xfe];
    assert.equal(decodeText(new Uint8Array([...bom, ...body])), CSV);
  }
  assert.equal(decodeText(new TextEncoder().encode("x1,x2,标签\n")), "x1,x2,标签\n");
});

test("bytes that are not text: null, never text with NUL characters", () => {
  assert.equal(decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x08, 0])), null);
});

test("a loss that blew up is said in the page's language", () => {
  const zh = metricWords(translator("zh-CN"));
  assert.equal(metric(NaN, zh), "非数值（已发散）");
  assert.equal(metric(Infinity, zh), "∞（已发散）");
  assert.equal(percent(NaN, zh), "非数值（已发散）");
  assert.equal(metric(NaN, metricWords(translator("en"))), "not a number (diverged)");
  assert.equal(metric(0.12345, zh), "0.123");
});

test("a replay's time left, in the largest whole unit, said in both languages", async () => {
  const { duration } = await import("../../web/domain/duration.js");
  const { say } = await import("../../web/domain/i18n.js");
  const en = translator("en"), zh = translator("zh-CN");
  assert.equal(say(en, duration(400)), "1 second");
  assert.equal(say(en, duration(40_000)), "40 seconds");
  assert.equal(say(en, duration(90_000)), "2 minutes");
  assert.equal(say(en, duration(3 * 3_600_000)), "3 hours");
  assert.equal(say(en, duration(3.4 * 86_400_000)), "3 days");
  assert.equal(say(zh, duration(3.4 * 86_400_000)), "3 天");
});
