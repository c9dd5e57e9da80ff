// node --test: which loss fits which problem is bpcore's rule (settings.LOSS_FIT, loss_misfit),
// read from the generated table by web/domain/loss-fit.js; link.js and presets.js both ask it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { autoLoss, classCount, lossMisfit, problemOf } from "../../web/domain/loss-fit.js";
import { lossMisfit as presetMisfit } from "../../web/domain/presets.js";

const { loss_fit: fits } = JSON.parse(readFileSync(new URL("../link_vectors.json", import.meta.url), "utf8"));

test("every class count and loss gets bpcore's verdict", () => {
  assert.ok(fits.length >= 20);
  for (const f of fits) {
    const got = lossMisfit(f.classes, f.loss);
    assert.deepEqual(got && [got.code, got.params], f.misfit, `${f.classes} ${f.loss}`);
  }
  assert.deepEqual([0, 2, 3].map(autoLoss), ["mse", "bce", "softmax_ce"]);
});

test("a preset data set's problem is its own, whatever `problem` says (link and picker agree)", () => {
  const s = { dataset: "plane", problem: "classification", classes: 3, loss: "bce" };
  assert.equal(problemOf(s), "regression");
  assert.equal(classCount(s), 0);
  assert.equal(classCount({ ...s, dataset: "blobs" }), 3);
  assert.equal(classCount({ ...s, dataset: "custom" }), 3);
  assert.equal(classCount({ ...s, dataset: "custom", problem: "regression" }), 0);
  assert.deepEqual(lossMisfit(classCount(s), s.loss), { code: "loss_needs_classification", params: { loss: "bce" } });
  assert.equal(presetMisfit(s).key, "notice.loss_needs_classes");
  assert.equal(presetMisfit({ ...s, dataset: "blobs" }).key, "notice.loss_needs_two");
  assert.equal(presetMisfit({ ...s, dataset: "xor", loss: "mse" }).key, "notice.loss_needs_values");
  assert.equal(presetMisfit({ ...s, dataset: "xor" }), "");
});
