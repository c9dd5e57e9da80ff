// node --test: a link's notices are {code, params} said from the catalogue in the page's
// language (web/domain/link-notices.js). No English is parsed back: every code bpcore writes
// (LINK_NOTICES, generated) has its sentence in both catalogues, and the English catalogue
// says each notice of the shared vectors as bpcore's CLI does.
import "./catalogues.mjs"; // zh-CN registered, as the page does once it has loaded
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { placesOf, say, translator } from "../../web/domain/i18n.js";
import { noticeMessage, noticesMessages } from "../../web/domain/link-notices.js";
import EN from "../../web/domain/messages/en.js";
import ZH from "../../web/domain/messages/zh-CN.js";
import { LINK_NOTICES, LINK_THEN } from "../../web/domain/settings.js";

const doc = JSON.parse(readFileSync(new URL("../link_vectors.json", import.meta.url), "utf8"));
const en = translator("en"), zh = translator("zh-CN");
/** Numbers as the page writes them in English ("1,000,000") back to plain digits. */
const plain = (text) => text.replace(/(\d),(?=\d{3})/g, "$1");

test("every notice code and ending has its sentence in both languages, with the same places", () => {
  for (const key of [...LINK_NOTICES.map((c) => `link.${c}`), ...LINK_THEN.map((t) => `link.then_${t}`)]) {
    assert.ok(Object.hasOwn(EN, key), `en lacks ${key}`);
    assert.ok(Object.hasOwn(ZH, key), `zh-CN lacks ${key}`);
    assert.deepEqual(placesOf(ZH[key]), placesOf(EN[key]), key);
  }
});

test("the English catalogue says every vector's notices as bpcore's CLI does", () => {
  let n = 0;
  for (const v of doc.vectors) {
    const said = v.notices.map((notice) => plain(say(en, noticeMessage(notice))));
    for (const part of v.says) assert.ok(said.some((w) => w.includes(part)), `${v.name}: ${part} in ${said}`);
    v.notices.forEach((notice, i) => {
      assert.ok(!/\{\w+\}/.test(said[i]) && !/link\./.test(said[i]), `${v.name}: ${said[i]}`);
      const chinese = say(zh, noticeMessage(notice));
      assert.ok(!/\{\w+\}/.test(chinese) && chinese !== said[i], `${v.name}: ${chinese}`);
      n += 1;
    });
  }
  assert.ok(n > 80, `${n}`);
});

test("a damaged link in Chinese, and several notices said one after another", () => {
  const damaged = doc.vectors.find((v) => v.name === "v2: one character changed").notices[0];
  assert.equal(say(zh, noticeMessage(damaged)), "链接已损坏（校验和不一致：有字符被改动、添加或丢失）；改用默认设置");
  const absurd = doc.vectors.find((v) => v.name === "absurd numbers").notices.slice(0, 2);
  // one message each: the notice box lists them, one a line (not run together)
  assert.deepEqual(noticesMessages(absurd).map((m) => say(en, m)), ["lr: 1e+308 is above the maximum 10; using 10", "noise: -5 is below the minimum 0; using 0"]);
  assert.deepEqual(noticesMessages(absurd).map((m) => say(zh, m)), ["lr：1e+308 大于最大值 10；改用 10", "noise：-5 小于最小值 0；改用 0"]);
  const list = { code: "expected_list", params: { field: "layers", got: { list: 3 }, then: "default", default: [4, 2] } };
  assert.equal(say(en, noticeMessage(list)), "layers: expected a list, got a list of 3 entries; using the default 4,2");
  assert.equal(say(zh, noticeMessage(list)), "layers：应为列表，实际是 一个含 3 项的列表；改用默认值 4,2");
  assert.deepEqual(noticesMessages([]), []);
});

test("no module of the page reads English notices back with patterns", () => {
  const src = readFileSync(new URL("../../web/app/links.js", import.meta.url), "utf8");
  assert.ok(!/using the defaults/.test(src) && !/link-words/.test(src));
});
