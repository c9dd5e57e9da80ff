// node --test: a classroom goal (web/domain/goal.js): when it is met, and its words.
import assert from "node:assert/strict";
import { test } from "node:test";
import { goalMessage, goalMet, goalStatus, goalToWatch, hiddenNeurons, targetText, unreachable, withGoalAt } from "../../web/domain/goal.js";
import { translator, say } from "../../web/domain/i18n.js";

const m = (o) => ({ epoch: 10, lossTrain: 0.2, lossTest: 0.3, accTrain: 0.9, accTest: 0.85, diverged: false, ...o });

test("a loss goal is met at or below its target, a score at or above", () => {
  assert.equal(goalMet({ metric: "loss_test", target: 0.3 }, m(), [4, 2]), true);
  assert.equal(goalMet({ metric: "loss_test", target: 0.29 }, m(), [4, 2]), false);
  assert.equal(goalMet({ metric: "acc_test", target: 0.85 }, m(), [4, 2]), true);
  assert.equal(goalMet({ metric: "acc_test", target: 0.9 }, m(), [4, 2]), false);
  assert.equal(goalMet({ metric: "r2_test", target: 0.5 }, m({ r2Test: 0.6 }), [4, 2]), true);
});

test("no metric, a diverged run or too many neurons never meet a goal", () => {
  assert.equal(goalMet({ metric: "loss_test", target: 1 }, null, []), false);
  assert.equal(goalMet({ metric: "loss_test", target: 1 }, m({ lossTest: null }), []), false);
  assert.equal(goalMet({ metric: "loss_train", target: 1 }, m({ diverged: true }), []), false);
  assert.equal(goalMet({ metric: "loss_test", target: 1, neurons: 6 }, m(), [4, 2]), true);
  assert.equal(goalMet({ metric: "loss_test", target: 1, neurons: 5 }, m(), [4, 2]), false);
  assert.equal(hiddenNeurons([8, 6, 3]), 17);
});

test("the goal and its status in words, in both languages", async () => {
  const zh = (await import("../../web/domain/messages/zh-CN.js")).default;
  const { register } = await import("../../web/domain/i18n.js");
  register("zh-CN", zh);
  const goal = { metric: "loss_test", target: 0.1, neurons: 8 };
  assert.equal(say(translator("en"), goalMessage(goal)), "Goal: test loss at most 0.1, with at most 8 hidden neurons");
  assert.equal(say(translator("en"), goalMessage({ metric: "acc_test", target: 0.95 })), "Goal: test accuracy at least 95%");
  assert.equal(say(translator("en"), goalStatus(goal, { epoch: 412 }, [4, 2])), "Reached at epoch 412");
  assert.equal(say(translator("en"), goalStatus(goal, null, [8, 8])), "Not counted: your network has 16 hidden neurons, the goal allows 8");
  assert.match(say(translator("zh-CN"), goalMessage(goal)), /目标/);
  assert.equal(targetText({ metric: "acc_train", target: 0.875 }), "87.5%");
});

test("the engine watches the goal until it is reached, and its goalAt is the epoch kept", () => {
  const goal = { metric: "acc_test", target: 0.9 };
  assert.equal(goalToWatch({ goal: null, reached: null }), undefined);
  assert.equal(goalToWatch({ goal, reached: null }), goal);
  assert.equal(goalToWatch({ goal, reached: { epoch: 3 } }), undefined);
  const room = { hide: [], goal, reached: null };
  assert.equal(withGoalAt(room, undefined), room); // no goalAt: unchanged (the same object)
  assert.deepEqual(withGoalAt(room, 23), { hide: [], goal, reached: { epoch: 23 } });
  const done = { ...room, reached: { epoch: 20 } };
  assert.equal(withGoalAt(done, 23), done); // the first epoch stays (a chunk sent behind it)
  assert.equal(withGoalAt({ ...room, goal: null }, 23).reached, null);
});

test("a goal this run can never meet says why (its score, its test set)", () => {
  const acc = { metric: "acc_test", target: 0.9 };
  const regression = { epoch: 3, lossTrain: 0.2, lossTest: 0.3, r2Train: 0.5, r2Test: 0.4, diverged: false };
  const article = { epoch: 3, lossTrain: 0.2, lossTest: null, accTrain: 1, accTest: null, diverged: false };
  assert.equal(unreachable(acc, regression), "goal.needs_classification");
  assert.equal(unreachable({ metric: "r2_train", target: 0.9 }, m()), "goal.needs_regression");
  assert.equal(unreachable(acc, article), "goal.no_test_set");
  assert.equal(unreachable({ metric: "acc_train", target: 0.9 }, article), "");
  assert.equal(unreachable(acc, m()), "");
  assert.equal(unreachable(acc, null), ""); // no run yet: nothing to say
  const en = translator("en");
  assert.match(say(en, goalStatus(acc, null, [4, 2], regression)), /^Cannot be reached here: accuracy/);
  assert.equal(say(en, goalStatus(acc, null, [4, 2], m())), "Not reached yet");
  assert.match(say(en, goalStatus(acc, { epoch: 5 }, [4, 2], regression)), /Reached at epoch 5/);
});
