// node --test: the lesson's two languages (web/lesson/) have the same sections, formulas,
// numbers and "Show me" stages; every number goes through numbers.js (checked against bpcore by
// tests/test_lesson_numbers.py), every formula part is one the widget draws.
import assert from "node:assert/strict";
import { test } from "node:test";
import { stagesOf } from "../../web/domain/walk.js";
import { FORMULAS, LESSONS, NUMBERS } from "../../web/lesson/lessons.js";

const LANGS = Object.keys(LESSONS);
const places = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const skeleton = (lesson) =>
  lesson.sections.map((s) => ({
    id: s.id,
    showMe: s.showMe ?? null,
    tryPreset: s.tryPreset ?? null,
    blocks: s.blocks.map((b) => ("math" in b ? { math: b.math } : "runs" in b ? { runs: b.runs.map((r) => r.preset) } : { p: places(b.p).sort() })),
  }));
/** Every string leaf of a formula tree. */
const leaves = (f) =>
  typeof f === "string" ? [f] : f[0] === "matrix" ? f.slice(1).flat().flatMap(leaves) : f.slice(1).flatMap(leaves);

test("both languages are there: English and Simplified Chinese", () => {
  assert.deepEqual(LANGS, ["en", "zh-CN"]);
});

test("both languages have the same sections, formulas, numbers and Show me stages, in order", () => {
  assert.deepEqual(skeleton(LESSONS["zh-CN"]), skeleton(LESSONS.en));
  assert.deepEqual(Object.keys(LESSONS["zh-CN"]).sort(), Object.keys(LESSONS.en).sort());
  for (const lang of LANGS) {
    const l = LESSONS[lang];
    for (const key of ["title", "intro", "showMe", "showMeLabel", "tryMe", "tryMeLabel", "current"]) assert.ok(l[key], `${lang}: ${key}`);
    assert.deepEqual(places(l.showMeLabel), ["title"], lang);
    assert.deepEqual(places(l.tryMeLabel), ["title"], lang);
  }
});

test("the lesson follows the article's path, each section with a button", () => {
  assert.deepEqual(LESSONS.en.sections.map((s) => s.id), ["network", "forward", "loss", "output", "hidden", "update", "example", "and", "slip"]);
  const stages = stagesOf(2).map((s) => s.id); // the article's 2-2-1 network
  for (const s of LESSONS.en.sections) {
    assert.ok(Boolean(s.showMe) !== Boolean(s.tryPreset), `${s.id}: one button, a stage or a preset`);
    if (s.showMe) assert.ok(stages.includes(s.showMe), `${s.id}: ${s.showMe} is a stage of the article's net`);
  }
  // every stage of the step is explained somewhere
  assert.deepEqual([...new Set(LESSONS.en.sections.map((s) => s.showMe).filter(Boolean))].sort(), [...stages].sort());
});

test("every formula the lesson shows exists and every one is shown", () => {
  const used = new Set(LESSONS.en.sections.flatMap((s) => s.blocks.filter((b) => "math" in b).map((b) => b.math)));
  for (const id of used) assert.ok(FORMULAS[id], id);
  assert.deepEqual([...used].sort(), Object.keys(FORMULAS).sort());
});

// constants that define an activation (leaky ReLU's slope, GELU's cubic term): not numbers
// of the worked example, so not numbers.js's
const DEFINING = new Set(["0.01", "0.044715"]);

test("every number quoted is a named one from numbers.js, and each named one is quoted", () => {
  const quoted = new Set();
  for (const lang of LANGS) {
    for (const s of LESSONS[lang].sections) {
      for (const b of s.blocks) {
        if (!("p" in b)) continue;
        for (const name of places(b.p)) {
          assert.ok(name in NUMBERS, `${lang} ${s.id}: {${name}}`);
          quoted.add(name);
        }
        // no decimal number written into the prose itself: it would escape the bpcore check
        assert.doesNotMatch(b.p.replace(/\{\w+\}/g, ""), /\d\.\d/, `${lang} ${s.id}: a number outside numbers.js`);
      }
    }
  }
  for (const f of Object.values(FORMULAS)) {
    for (const leaf of leaves(f)) {
      if (leaf.startsWith("#")) {
        assert.ok(leaf.slice(1) in NUMBERS, leaf);
        quoted.add(leaf.slice(1));
      } else if (!DEFINING.has(leaf)) assert.doesNotMatch(leaf, /\d\.\d/, `a number outside numbers.js: ${leaf}`);
    }
  }
  assert.deepEqual([...quoted].sort(), Object.keys(NUMBERS).sort());
});

test("the Chinese lesson uses the article's terms and the standard ones", () => {
  const text = JSON.stringify(LESSONS["zh-CN"]);
  for (const term of ["反向传播", "前向计算", "激活函数", "损失函数", "梯度", "学习率", "隐藏层", "神经元", "权重", "偏置"]) {
    assert.ok(text.includes(term), term);
  }
  // and no English words left (sigmoid and ReLU are names; the page's i18n test allows them too)
  const l = LESSONS["zh-CN"];
  const prose = [l.title, l.intro, l.showMe, l.showMeLabel, l.current,
    ...l.sections.flatMap((s) => [s.title, ...s.blocks.filter((b) => "p" in b).map((b) => b.p)])];
  const words = prose.flatMap((t) => t.replace(/\{\w+\}/g, "").match(/[A-Za-z]{2,}/g) || []);
  assert.deepEqual(words.filter((w) => w !== "sigmoid" && w !== "ReLU"), []);
});
