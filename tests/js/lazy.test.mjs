// node --test: what loads later. app/lazy.js (actions called before their module has loaded)
// and domain/i18n.js's catalogues handed in once loaded (this file registers none up front:
// each test file runs in its own process).
import assert from "node:assert/strict";
import { test } from "node:test";
import { lazyActions } from "../../web/app/lazy.js";
import { register, registered, translator } from "../../web/domain/i18n.js";
import ZH from "../../web/domain/messages/zh-CN.js";

test("actions called before their module loads it once, then run in call order", async () => {
  const calls = [];
  let loads = 0;
  const { actions, load } = lazyActions(async () => {
    loads += 1;
    return {
      start: (/** @type {number} */ i) => { calls.push(`start ${i}`); return i; },
      stop: () => { calls.push("stop"); },
      stage: () => "loss",
    };
  }, ["start", "stop", "stage"], { stage: () => null });
  assert.equal(actions.stage(), null); // reading: answers at once, loads nothing
  assert.equal(loads, 0);
  const first = actions.start(1);
  actions.stop();
  const second = actions.start(2);
  assert.deepEqual(calls, []); // nothing runs before the module is here
  assert.equal(await first, 1);
  await second;
  assert.deepEqual(calls, ["start 1", "stop", "start 2"]);
  assert.equal(loads, 1);
  assert.equal(actions.start(3), 3); // loaded: called at once, its own return value
  assert.equal(actions.stage(), "loss");
  await load();
  assert.equal(loads, 1);
});

test("a catalogue not yet loaded speaks English, and is Chinese once registered", () => {
  assert.equal(registered("zh-CN"), false);
  assert.equal(registered("en"), true);
  assert.equal(translator("zh-CN").t("notice.dismiss"), translator("en").t("notice.dismiss"));
  register("zh-CN", ZH);
  assert.equal(registered("zh"), true);
  // not the English translator made before: that one was never kept
  assert.equal(translator("zh-CN").t("notice.dismiss"), ZH["notice.dismiss"]);
  assert.notEqual(ZH["notice.dismiss"], translator("en").t("notice.dismiss"));
});
