// node --test: the Python lab's content (web/lab/) has the same exercises, hints, starter code
// and sentences in both languages, with the same {places}; the exercises follow the lesson.
import assert from "node:assert/strict";
import { test } from "node:test";
import { EXERCISES } from "../../web/lab/exercises.js";
import EN from "../../web/lab/en.js";
import ZH_CN from "../../web/lab/zh-CN.js";
import { LESSONS } from "../../web/lesson/lessons.js";

const LABS = { en: EN, "zh-CN": ZH_CN };
const places = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Python code without its comments (the two languages differ only there). */
const code = (src) => src.split("\n").map((l) => l.replace(/\s*#.*$/, "")).filter((l) => l.trim()).join("\n");

test("the exercises, in the article's order, each in a lesson section", () => {
  assert.deepEqual(EXERCISES.map((e) => e.id), ["sigmoid", "forward", "loss", "delta_out", "delta_hidden",
    "gradients", "classes", "plug_activation", "plug_loss", "plug_dense"]);
  const sections = new Set(LESSONS.en.sections.map((s) => s.id));
  for (const e of EXERCISES) {
    assert.ok(sections.has(e.section), `${e.id}: no lesson section ${e.section}`);
    assert.ok([null, "activation", "loss", "dense"].includes(e.plug), e.id);
    assert.equal(e.plug !== null, e.id.startsWith("plug_"), e.id);
  }
});

test("both languages have every exercise, the same number of paragraphs and hints", () => {
  for (const [lang, lab] of Object.entries(LABS)) {
    assert.deepEqual(Object.keys(lab.exercises), EXERCISES.map((e) => e.id), lang);
    for (const e of EXERCISES) {
      const x = lab.exercises[e.id];
      assert.deepEqual(Object.keys(x).sort(), ["hints", "starter", "statement", "title"], `${lang} ${e.id}`);
      assert.ok(x.title.trim(), `${lang} ${e.id}: title`);
      assert.ok(x.hints.length >= 3 && x.hints.every((h) => h.trim()), `${lang} ${e.id}: hints`);
      assert.ok(x.statement.length >= 2 && x.statement.every((p) => p.trim()), `${lang} ${e.id}: statement`);
    }
  }
  for (const e of EXERCISES) {
    assert.equal(ZH_CN.exercises[e.id].hints.length, EN.exercises[e.id].hints.length, e.id);
    assert.equal(ZH_CN.exercises[e.id].statement.length, EN.exercises[e.id].statement.length, e.id);
  }
});

test("the starter code is the same Python in both languages, comments aside, and defines the names", () => {
  for (const e of EXERCISES) {
    const en = EN.exercises[e.id].starter;
    const zh = ZH_CN.exercises[e.id].starter;
    assert.equal(code(zh), code(en), e.id);
    assert.ok(/[\u4e00-\u9fff]/.test(zh), `${e.id}: the Chinese starter's comments are Chinese`);
    assert.ok(!/[\u4e00-\u9fff]/.test(en), `${e.id}: the English starter has no Chinese`);
    for (const name of e.names) {
      assert.match(en, new RegExp(`^(def|class) ${name}\\b`, "m"), `${e.id}: ${name}`);
    }
  }
});

test("both languages have every sentence, with the same places", () => {
  assert.deepEqual(Object.keys(ZH_CN.messages).sort(), Object.keys(EN.messages).sort());
  for (const [key, text] of Object.entries(EN.messages)) {
    assert.match(key, /^lab\.(check|mistake|error)\.[a-z_]+$/, key);
    assert.equal(typeof text, "string", key);
    assert.deepEqual(places(ZH_CN.messages[key]), places(text), key);
  }
});

test("the places of a statement or hint are none: the lab's text quotes its numbers itself", () => {
  for (const lab of Object.values(LABS)) {
    for (const x of Object.values(lab.exercises)) {
      for (const t of [...x.statement, ...x.hints, x.title]) assert.deepEqual(places(t), [], t);
    }
  }
});
