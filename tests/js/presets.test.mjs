// node --test: picking data sets (web/domain/presets.js): a preset never traps the user.
import assert from "node:assert/strict";
import { test } from "node:test";
import { lossMisfit, pickDataset } from "../../web/domain/presets.js";
import { say, translator } from "../../web/domain/i18n.js";
import { DATASETS, DEFAULTS, SUGGESTED } from "../../web/domain/settings.js";

const NAMES = Object.keys(DATASETS);

/** Walk the menu like a user: every data set, then every other, from the defaults. */
test("every data set is reachable from every other, with a loss that fits", () => {
  for (const a of NAMES) {
    for (const b of NAMES) {
      let settings = { ...DEFAULTS };
      let before = null;
      for (const name of [a, b]) {
        const pick = pickDataset(settings, name, before);
        settings = { ...settings, ...pick.changes };
        before = pick.before;
        assert.equal(settings.dataset, name);
        assert.equal(lossMisfit(settings), "", `${a} -> ${b}`);
      }
    }
  }
});

test("leaving a preset gives back what it changed", () => {
  const mine = { ...DEFAULTS, lr: 0.3, layers: [6], batch_size: 25 };
  const inAnd = pickDataset(mine, "and_gate", null);
  assert.deepEqual(inAnd.changes, { dataset: "and_gate", ...SUGGESTED.and_gate });
  let s = { ...mine, ...inAnd.changes };
  const toArticle = pickDataset(s, "article", inAnd.before); // preset to preset: still the user's
  s = { ...s, ...toArticle.changes, lr: 0.5 }; // the user changes the learning rate meanwhile
  const out = pickDataset(s, "blobs", toArticle.before);
  s = { ...s, ...out.changes };
  assert.equal(out.before, null);
  assert.deepEqual([s.layers, s.batch_size, s.loss, s.activation], [[6], 25, "auto", ["tanh"]]);
  assert.equal(s.lr, 0.5, "a setting the user changed after the preset stays");
  assert.equal(out.notice, "");
});

test("with no memory (a link of the preset) leaving gives the defaults", () => {
  const s = { ...DEFAULTS, dataset: "and_gate", ...SUGGESTED.and_gate };
  const out = pickDataset(s, "plane", null);
  assert.equal(out.changes.loss, DEFAULTS.loss);
  assert.deepEqual(out.changes.layers, DEFAULTS.layers);
});

test("a loss that cannot apply falls back to Automatic, in plain words", () => {
  const s = { ...DEFAULTS, dataset: "circle", loss: "bce" };
  const out = pickDataset(s, "blobs", null);
  assert.equal(out.changes.loss, "auto");
  const en = (/** @type {any} */ m) => say(translator("en"), m);
  assert.match(en(out.notice), /Cross-entropy \(sigmoid\) is for 2 classes, and Blobs has 3/);
  assert.match(en(pickDataset(s, "plane", null).notice), /is for classes, and Plane \(regression\) is regression/);
  assert.equal(pickDataset(s, "xor", null).notice, "");
});
