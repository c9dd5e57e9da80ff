// node --test: what the page says about a stop (web/domain/stopping.js), in both languages.
import "./catalogues.mjs"; // zh-CN registered, as the page does once it has loaded
import assert from "node:assert/strict";
import { test } from "node:test";
import { say, translator } from "../../web/domain/i18n.js";
import { stopNotice, trainOnNotice } from "../../web/domain/stopping.js";

const EN = translator("en"), ZH = translator("zh-CN");
const PATIENCE = { rule: "patience", epoch: 812, watch: "test", loss: 0.31, patience: 100, bestEpoch: 712, bestLoss: 0.3, restored: true };

test("early stopping says where, why and where the weights came from", () => {
  assert.equal(say(EN, stopNotice(PATIENCE)),
    "Stopped at epoch 812: the test loss has not improved for 100 epochs; restored the best weights, from epoch 712. Press Play to train on.");
  assert.equal(say(ZH, stopNotice(PATIENCE)), "已在第 812 轮停下：测试损失已经 100 轮没有降低；已恢复最好的权重，来自第 712 轮。按“运行”继续训练。");
  const kept = say(EN, stopNotice({ ...PATIENCE, restored: false, patience: 1 }));
  assert.match(kept, /not improved for 1 epoch\. Press Play/);
  assert.doesNotMatch(kept, /restored/);
});

test("a target loss, and the training loss when there is no test set", () => {
  const st = { rule: "stop_loss", epoch: 87, watch: "train", loss: 0.0953472, target: 0.1 };
  assert.equal(say(EN, stopNotice(st)),
    "Stopped at epoch 87: the training loss (there is no test set) is 0.09535, at or below the target 0.1. Press Play to train on.");
  assert.match(say(ZH, stopNotice({ ...st, watch: "test" })), /^已在第 87 轮停下：测试损失为 0\.09535，不高于目标 0\.1。/);
});

test("the stop at an epoch keeps the lesson's words; Play after a stop says it trains on", () => {
  assert.equal(say(EN, stopNotice({ rule: "stop_at", epoch: 4000, watch: "train", loss: 0.01 })), "Paused at epoch 4000 (Stop at epoch). Press Play to train on.");
  assert.match(say(EN, trainOnNotice(PATIENCE)), /^Training on past the stop at epoch 812: /);
  assert.match(say(ZH, trainOnNotice(PATIENCE)), /^越过第 812 轮的停止点继续训练/);
});
