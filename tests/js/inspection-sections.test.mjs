// node --test: the inspector's sections (web/domain/inspection-sections.js) and the one table of
// stage formulas (web/domain/stage-formulas.js) they, the walk bar and the lesson draw.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { sampleSections } from "../../web/domain/inspection-sections.js";
import { STAGE, formulaText, subscript } from "../../web/domain/stage-formulas.js";
import { FORMULAS } from "../../web/lesson/lessons.js";

// real `inspect` replies written by bpcore (python tests/test_inspect.py)
const FIXTURE = JSON.parse(readFileSync(new URL("./inspect_replies.json", import.meta.url), "utf8"));
const { article, deep } = FIXTURE;

/** Every string leaf of a formula tree. @param {any} f @returns {string[]} */
const leaves = (f) => (typeof f === "string" ? [f] : f[0] === "matrix" ? f.slice(1).flat().flatMap(leaves) : f.slice(1).flatMap(leaves));

test("the sections follow the pass: forward per layer, the loss, backward from the output, the step", () => {
  const stages = sampleSections(deep.reply).filter((s) => s.stage).map((s) => s.stage);
  assert.deepEqual(stages, ["forward-1", "forward-2", "forward-3", "loss", "backward-3", "backward-2", "backward-1", "update"]);
  const headings = sampleSections(deep.reply).filter((s) => s.type === "heading").map((s) => s.text.key);
  assert.deepEqual(headings, ["inspector.forward", "inspector.output_loss", "inspector.backward", "inspector.sgd"]);
  assert.equal(sampleSections(article.reply).some((s) => s.type === "note"), false);
  assert.equal(sampleSections(article.reply, { article: true }).at(-1).type, "note");
});

test("every number in a table is one bpcore's reply holds, looked up, not computed", () => {
  for (const run of [article, deep]) {
    const r = run.reply;
    const sections = sampleSections(r);
    r.layers.forEach((layer, l) => {
      const k = l + 1;
      const out = l === r.layers.length - 1;
      const fwd = sections.find((s) => s.stage === `forward-${k}`).table;
      fwd.rows.forEach((row, i) => assert.deepEqual(row.values, [...layer.W[i], layer.b[i], layer.z[i], layer.a[i]]));
      const back = sections.find((s) => s.stage === `backward-${k}`).table;
      back.rows.forEach((row, i) => assert.deepEqual(row.values,
        [...(out ? [r.error[i]] : [layer.backprop[i], layer.dfz[i]]), layer.delta[i], ...layer.dW[i], layer.db[i]]));
    });
    const loss = sections.find((s) => s.stage === "loss");
    assert.deepEqual(loss.lines[0].nums.y_hat, r.output); // y′: the network's output
    assert.deepEqual(loss.lines[0].nums.y, r.target); // y: the target
  }
});

test("one notation: y the target, y′ the output, ln; never t or log", () => {
  const trees = [];
  for (const run of [article, deep]) for (const s of sampleSections(run.reply, { settings: { reg: "l2", reg_rate: 0.01 } })) trees.push(...(s.formulas ?? []));
  for (const name of ["bce", "softmax_ce", "mse"]) for (const K of [1, 3]) trees.push(STAGE.loss(name, K), STAGE.deltaOutput(2, name, K));
  trees.push(...Object.values(FORMULAS));
  for (const f of trees) {
    const words = leaves(f);
    assert.ok(!words.includes("t") && !words.includes("log"), formulaText(f));
  }
  assert.equal(formulaText(STAGE.loss("bce", 1)), "L = − [y ln y′ + (1 − y) ln(1 − y′)]");
  assert.equal(formulaText(STAGE.deltaOutput(2, "bce", 1)), "δ₂ = ∂L/∂z₂ = y′ − y");
  assert.equal(formulaText(STAGE.deltaOutput(1, "mse", 1)), "δ₁ = ∂L/∂z₁ = 2 (y′ − y)");
  assert.equal(formulaText(STAGE.deltaHidden(1)), "δ₁ = (W₂ᵀ δ₂) ⊙ f′(z₁)");
  assert.equal(formulaText(STAGE.grads(2)), "∂L/∂W₂ = δ₂ a₁ᵀ,  ∂L/∂b₂ = δ₂");
  assert.equal(formulaText(STAGE.forward(1)), "z₁ = W₁ a₀ + b₁");
  assert.equal(subscript(12), "₁₂");
  // the lesson's general formulas are the table's
  assert.deepEqual(FORMULAS.loss, STAGE.loss("bce", 1));
  assert.deepEqual(FORMULAS.update, STAGE.update());
  assert.deepEqual(FORMULAS.outputGrads, STAGE.grads(2));
});

test("words inside a formula are catalogue keys, said in the reader's language", () => {
  const relu = STAGE.derivative("relu", 1);
  assert.equal(formulaText(relu, { word: (k) => ({ "formula.where": "当", "formula.else0": "否则为 0" })[k] }), "f′(z₁) = 1 当 z₁ > 0, 否则为 0");
  const penalty = sampleSections(deep.reply, { settings: { reg: "l2", reg_rate: 0.01 } }).find((s) => s.stage === "backward-1").formulas[1];
  assert.equal(formulaText(penalty), "∂L/∂W₁ = δ₁ a₀ᵀ + λ W₁,  ∂L/∂b₁ = δ₁");
});
