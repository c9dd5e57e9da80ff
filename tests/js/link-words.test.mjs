// The link decoder's notices said in the page's language (domain/link-words.js): every notice
// of the shared vectors (tests/link_vectors.json) reads back into catalogue messages whose
// English is the decoder's own line, and whose Chinese has no English clause left.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { say, translator } from "../../web/domain/i18n.js";
import { decodeLink } from "../../web/domain/link.js";
import { linkMessage, linkNotices } from "../../web/domain/link-words.js";

const VECTORS = JSON.parse(readFileSync(new URL("../link_vectors.json", import.meta.url), "utf8"));
const en = translator("en");
const zh = translator("zh-CN");

/** Every key a message uses, nested ones too. @param {any} m @returns {string[]} */
const keys = (m) => (m && typeof m === "object"
  ? [m.key, ...Object.values(m.params || {}).flatMap(keys)] : []);

async function allNotices() {
  const out = [];
  for (const group of Object.values(VECTORS)) {
    if (!Array.isArray(group)) continue;
    for (const v of group) if (typeof v.link === "string") out.push(...(await decodeLink(v.link)).notices);
  }
  return out;
}

test("every vector's notice reads back: English as the decoder wrote it, Chinese in Chinese", async () => {
  const notices = await allNotices();
  assert.ok(notices.length > 40, `only ${notices.length} notices`);
  for (const text of notices) {
    const m = linkMessage(text);
    assert.ok(!keys(m).includes("link.as_written"), `no pattern for: ${text}`);
    // numbers come back in the page's number format (100000 -> 100,000): the words are the same
    assert.equal(say(en, m).replace(/(\d),(\d)/g, "$1$2"), text);
    const chinese = say(zh, m);
    assert.match(chinese, /[\u4e00-\u9fff]/, `no Chinese in: ${chinese}`);
  }
});

test("a damaged link's notice in Chinese, and notices said one after another", () => {
  const damaged = "the link is damaged (its checksum does not match: a character was changed, added or lost)";
  assert.equal(say(zh, linkMessage(damaged)), "链接已损坏（校验和不一致：有字符被改动、添加或丢失）");
  const two = ["lr: 1e+308 is above the maximum 10; using 10", "seed: expected a number, got \"NaN\"; using the default 1"];
  assert.equal(say(en, linkNotices(two)), two.join(" "));
  assert.equal(say(zh, linkNotices(two)), "lr：1e+308 大于最大值 10；改用 10 seed：应为数字，实际是 \"NaN\"；改用默认值 1");
  assert.equal(linkNotices([]), "");
  // a line no pattern knows is shown as written, never lost
  assert.equal(say(zh, linkMessage("something new")), "something new");
});
