// node --test: the page's languages (web/domain/i18n.js) and its two catalogues
// (web/domain/messages/en.js, zh-CN.js).
import "./catalogues.mjs"; // zh-CN registered, as the page does once it has loaded
import assert from "node:assert/strict";
import { test } from "node:test";
import { CATALOGUES, LANGUAGES, langFromQuery, msg, negotiate, placesOf, say, supported, translator } from "../../web/domain/i18n.js";
import { DATASETS, FEATURES, TABLE } from "../../web/domain/settings.js";

const EN = CATALOGUES.en;
const ZH = CATALOGUES["zh-CN"];

test("both languages have the same keys", () => {
  const en = Object.keys(EN).sort();
  const zh = Object.keys(ZH).sort();
  assert.deepEqual(en.filter((k) => !zh.includes(k)), [], "keys missing from zh-CN");
  assert.deepEqual(zh.filter((k) => !en.includes(k)), [], "keys missing from en");
});

test("every key uses the same places in both languages", () => {
  for (const key of Object.keys(EN)) assert.deepEqual(placesOf(ZH[key]), placesOf(EN[key]), key);
});

test("no message is empty, and plural forms always have `other`", () => {
  for (const [lang, cat] of Object.entries(CATALOGUES)) {
    for (const [key, m] of Object.entries(cat)) {
      if (typeof m === "string") assert.ok(m.trim(), `${lang} ${key} is empty`);
      else assert.ok(typeof m.other === "string" && m.other.trim(), `${lang} ${key} lacks other`);
    }
  }
});

test("the Chinese catalogue is Chinese: a message with letters has Han characters too", () => {
  // names (NumPy, SGD, ReLU, ...) and formulas may stay; a sentence may not
  const names = /^(?:[\s\d{}\w·.,%()²±₁₂β/:-]*)$/;
  const english = Object.entries(ZH).filter(([key, m]) => {
    const text = typeof m === "string" ? m : m.other;
    return /[A-Za-z]{4,}\s+[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(text.replace(/\{\w+\}/g, "")) && !/\p{Script=Han}/u.test(text) && !names.test(text) && key !== "page.versions";
  });
  assert.deepEqual(english, []);
});

test("every setting has a label and every choice and data set a name, in both languages", () => {
  for (const s of TABLE) {
    assert.ok(EN[`field.${s.name}`] && ZH[`field.${s.name}`], `field.${s.name}`);
    if (s.name === "dataset" || s.name === "features") continue;
    for (const c of s.choices) assert.ok(EN[`choice.${c}`] && ZH[`choice.${c}`], `choice.${c}`);
  }
  for (const [name, d] of Object.entries(DATASETS)) {
    assert.equal(EN[`dataset.${name}`], d.title, "English titles come from bpcore");
    assert.ok(ZH[`dataset.${name}`], `dataset.${name}`);
  }
  for (const [name, f] of Object.entries(FEATURES)) {
    assert.equal(EN[`feature.${name}`], f.spoken, "English spoken names come from bpcore");
    assert.ok(ZH[`feature.${name}`], `feature.${name}`);
  }
});

test("places are filled by name; numbers in the language's own format", () => {
  const en = translator("en");
  const zh = translator("zh-CN");
  assert.equal(en.t("ctl.epoch", { epoch: 12345 }), "Epoch 12,345");
  assert.equal(zh.t("ctl.epoch", { epoch: 12345 }), "第 12,345 轮");
  assert.equal(en.number(0.03), "0.03");
  assert.equal(en.number(1e-5), "0.00001");
  assert.equal(zh.t("load.numpy", { percent: 40 }), "正在加载 NumPy… 40%");
  assert.equal(en.t("no.such.key"), "no.such.key");
  assert.equal(en.t("ctl.epoch"), "Epoch {epoch}", "an unfilled place stays visible");
});

test("plurals follow Intl.PluralRules", () => {
  const en = translator("en");
  const zh = translator("zh-CN");
  assert.equal(en.t("count.drawn", { count: 1 }), "1 drawn point");
  assert.equal(en.t("count.drawn", { count: 0 }), "0 drawn points");
  assert.equal(en.t("count.drawn", { count: 2000 }), "2,000 drawn points");
  assert.equal(zh.t("count.drawn", { count: 1 }), "手绘了 1 个点");
  assert.equal(en.t("count.points", { count: 1 }), "1 point");
  assert.equal(en.t("count.points", { count: 10 }), "10 points");
  assert.equal(en.t("ctl.speed_n", { count: 1000 }), "1,000", "a number alone, grouped");
});

test("negotiation: the URL, then the remembered choice, then the browser, then English", () => {
  const pick = (browser, extra = {}) => negotiate({ browser, ...extra });
  assert.equal(pick(["zh"]), "zh-CN");
  assert.equal(pick(["zh-CN"]), "zh-CN");
  assert.equal(pick(["zh-Hans"]), "zh-CN");
  assert.equal(pick(["zh-Hans-CN"]), "zh-CN");
  assert.equal(pick(["zh_SG"]), "zh-CN");
  // Traditional Chinese: we have Simplified only, which its readers read more easily than English
  assert.equal(pick(["zh-TW", "en"]), "zh-CN");
  assert.equal(pick(["zh-Hant-HK"]), "zh-CN");
  assert.equal(pick(["en-US"]), "en");
  assert.equal(pick(["en-GB", "zh-CN"]), "en");
  assert.equal(pick(["fr"]), "en");
  assert.equal(pick(["fr-FR", "de", "zh-CN"]), "zh-CN", "the first language we have wins");
  assert.equal(pick([]), "en");
  assert.equal(pick(["zh-CN"], { remembered: "en" }), "en");
  assert.equal(pick(["en"], { remembered: "zh-CN" }), "zh-CN");
  assert.equal(pick(["en"], { remembered: "zh-CN", url: "en" }), "en");
  assert.equal(pick(["en"], { remembered: "garbage", url: "xx" }), "en");
  assert.equal(supported(null), null);
  assert.deepEqual(LANGUAGES, Object.keys(CATALOGUES));
});

test("lang from the query string", () => {
  assert.equal(langFromQuery("?lang=zh-CN"), "zh-CN");
  assert.equal(langFromQuery("?a=1&lang=en"), "en");
  assert.equal(langFromQuery(""), null);
  assert.equal(langFromQuery("?language=zh"), null);
  // not percent-encoding: as written, never a throw (it stopped the page's boot)
  for (const bad of ["%", "%zz", "%E0%A4%A"]) {
    assert.equal(langFromQuery(`?lang=${bad}`), bad);
    assert.equal(supported(langFromQuery(`?lang=${bad}&x=1`)), null);
  }
});

test("errors in plain words, naming the field by its visible label", () => {
  const en = translator("en");
  const zh = translator("zh-CN");
  const batch = { code: "range", field: "batch_size", lo: 1, hi: 10000, got: 0, message: "batch_size: must be in [1, 10000], got 0" };
  assert.equal(say(en, batch), "Batch size must be between 1 and 10,000 (you entered 0).");
  assert.equal(say(zh, batch), "批大小必须在 1 到 10,000 之间（你输入的是 0）。");
  const lr = { code: "range", field: "lr", lo: 0, hi: 10, lo_open: true, got: 0 };
  assert.equal(say(en, lr), "Learning rate must be more than 0 and at most 10 (you entered 0).");
  const layer = { code: "layer_size", field: "layers", layer: 2, lo: 1, hi: 64, got: "abc" };
  assert.equal(say(en, layer), "Hidden layer 2 must have between 1 and 64 neurons (you entered abc).");
  assert.equal(say(zh, layer), "第 2 个隐藏层必须有 1 到 64 个神经元（你输入的是 abc）。");
  const loss = { code: "loss_needs_classification", field: "loss", loss: "bce" };
  assert.equal(say(en, loss), "Cross-entropy (sigmoid) is for classification; regression uses mean squared error (or Automatic).");
  // a code the catalogue does not know: the engine's own (English) text, introduced
  assert.equal(say(zh, { code: "csv_something", message: "line 3: bad" }), "计算引擎报告：line 3: bad");
  assert.equal(say(en, { message: "no session yet" }), "no session yet");
  assert.equal(say(zh, "already words"), "already words");
  assert.equal(say(zh, msg("notice.link_copied")), "链接已复制到剪贴板。");
  assert.equal(say(en, null), "");
  // a message inside a message: the file's error inside the import notice
  const csv = msg("notice.csv_refused", { file: "a.csv", reason: { code: "csv_not_number", line: 3, value: "x" } });
  assert.equal(say(en, csv), "a.csv: line 3: “x” is not a number. Your points are unchanged.");
  assert.equal(say(zh, csv), "a.csv：第 3 行：“x”不是数字。你的点没有改变。");
});
