// node --test: the Python lab's page logic without a browser: its deep links
// (domain/lab-address.js), its saved record (domain/lab-record.js, app/lab-saved.js: never throws,
// never loses another tab's code, sets an unreadable record aside) and its actions (app/lab.js)
// on the real store with a fake lab runner whose replies the test hands out.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createLab } from "../../web/app/lab.js";
import { LAB_KEY, loadLab, saveLab } from "../../web/app/lab-saved.js";
import { createStore, initialState } from "../../web/app/store.js";
import { labHash, labTarget } from "../../web/domain/lab-address.js";
import { decodeLink } from "../../web/domain/link.js";
import { emptyLabRecord, labRecordText, mergeLabRecords, readLabRecord } from "../../web/domain/lab-record.js";

function memory(entries = {}) {
  const mem = new Map(Object.entries(entries));
  return {
    mem,
    getItem: (k) => (mem.has(k) ? mem.get(k) : null),
    setItem: (k, v) => mem.set(k, String(v)),
    removeItem: (k) => mem.delete(k),
  };
}
const full = { getItem: () => null, setItem: () => { throw new DOMException("full", "QuotaExceededError"); }, removeItem: () => {} };

test("#lab and #lab/<exercise> are the lab's; share links and other fragments are not", async () => {
  assert.deepEqual(labTarget("#lab"), { exercise: null });
  assert.deepEqual(labTarget("#lab/"), { exercise: null });
  assert.deepEqual(labTarget("#lab/delta_out"), { exercise: "delta_out" });
  assert.deepEqual(labTarget("lab/sigmoid"), { exercise: "sigmoid" });
  for (const h of ["", "#", "#v2.q64FABW_xTc", "#labs", "#lab/a/b", "#lab/<script>", "#xlab"]) assert.equal(labTarget(h), null, h);
  assert.equal(labHash("loss"), "#lab/loss");
  assert.equal(labHash(null), "#lab");
  // and no share link is ever a lab link: the share link decoder refuses them all the same
  const { notices } = await decodeLink("#lab/sigmoid");
  assert.ok(notices.length > 0);
});

test("a saved record reads back; bad entries are left out and counted, not the whole record", () => {
  const text = JSON.stringify({ v: 1, exercise: "loss", open: true,
    code: { sigmoid: "x = 1", loss: 5, "../evil": "y" }, progress: { sigmoid: "passed", loss: "won" }, hints: { sigmoid: 2, loss: -1 } });
  const { record, dropped, problem } = readLabRecord(text);
  assert.equal(problem, "");
  assert.equal(dropped, 4);
  assert.deepEqual(record, { exercise: "loss", open: true, code: { sigmoid: "x = 1" }, progress: { sigmoid: "passed" }, hints: { sigmoid: 2 } });
  assert.equal(readLabRecord("{").problem, "corrupt");
  assert.equal(readLabRecord(JSON.stringify({ v: 2 })).problem, "version");
  assert.equal(readLabRecord("[".repeat(50)).problem, "nested");
  assert.deepEqual(readLabRecord(labRecordText(record)).record, record);
});

test("a save keeps another tab's code for the exercises this tab did not change", () => {
  const theirs = { ...emptyLabRecord(), code: { sigmoid: "theirs", loss: "their loss" }, progress: { loss: "passed" } };
  const mine = { ...emptyLabRecord(), exercise: "sigmoid", code: { sigmoid: "mine", loss: "stale" }, progress: { sigmoid: "passed", loss: "tried" } };
  const merged = mergeLabRecords(theirs, mine, new Set(["sigmoid"]));
  assert.deepEqual(merged.code, { sigmoid: "mine", loss: "their loss" });
  assert.deepEqual(merged.progress, { sigmoid: "passed", loss: "passed" });
  // a reset in this tab (no code for it) removes it there too
  assert.deepEqual(mergeLabRecords(theirs, { ...mine, code: {} }, new Set(["sigmoid"])).code, { loss: "their loss" });
});

test("storage: a full or missing storage is a result; an unreadable record is set aside before it is replaced", () => {
  assert.deepEqual(saveLab(emptyLabRecord(), new Set(), {}, full), { ok: false, reason: "quota", detail: "QuotaExceededError: full" });
  const s = memory({ [LAB_KEY]: "not json" });
  assert.equal(loadLab(s).reason, "corrupt");
  assert.equal(saveLab({ ...emptyLabRecord(), code: { sigmoid: "a" } }, new Set(["sigmoid"]), {}, s).ok, true);
  assert.equal(s.mem.get(`${LAB_KEY}:aside`), "not json");
  assert.deepEqual(loadLab(s).value.code, { sigmoid: "a" });
});

/** A fake runner: each run/check waits until the test answers it. */
function fakeRunner() {
  const sent = [];
  const runner = {
    status: "booting",
    onStatus: null,
    sent,
    run: (source) => new Promise((resolve, reject) => sent.push({ type: "run", source, resolve, reject })),
    check: (exercise, source) => new Promise((resolve, reject) => sent.push({ type: "check", exercise, source, resolve, reject })),
    stop: async () => {
      const r = sent.find((x) => !x.done);
      if (r) { r.done = true; r.reject(Object.assign(new Error("stopped"), { code: "lab_stopped" })); }
    },
    answer(value) {
      const r = sent.find((x) => !x.done);
      r.done = true;
      r.resolve(value);
    },
  };
  return runner;
}

const IDS = ["sigmoid", "forward", "plug_activation"];
const starter = (id, lang) => `# ${id} ${lang}\n`;
const tick = () => new Promise((r) => setTimeout(r, 0));
function makeLab(storage = memory(), plugIn) {
  const store = createStore(initialState());
  const runner = fakeRunner();
  const lab = createLab({ store, ids: IDS, starter, plugs: { plug_activation: true }, runner, plugIn, storage });
  return { store, runner, lab, storage };
}

test("actions: open, edit, check; progress and code are saved and come back in a new page", async () => {
  const { store, runner, lab, storage } = makeLab();
  assert.equal(store.get().lab.status, "booting");
  runner.onStatus("ready");
  assert.equal(store.get().lab.status, "ready");
  lab.open("nope");
  assert.equal(store.get().lab.exercise, "sigmoid"); // an unknown id: the first
  assert.equal(lab.code(), "# sigmoid en\n"); // the starter in the page's language
  store.update({ lang: "zh-CN" });
  assert.equal(lab.code(), "# sigmoid zh-CN\n");
  lab.setCode("def sigmoid(z): ...");
  const checking = lab.check();
  assert.equal(store.get().lab.running, "check");
  assert.equal(await lab.run(), null); // ignored while code runs: no second request
  assert.equal(runner.sent.length, 1);
  assert.deepEqual(runner.sent[0], { ...runner.sent[0], type: "check", exercise: "sigmoid", source: "def sigmoid(z): ..." });
  runner.answer({ passed: true, checks: [], output: "", error: null, ms: 3 });
  await checking;
  const s = store.get().lab;
  assert.equal(s.running, null);
  assert.equal(s.progress.sigmoid, "passed");
  assert.equal(s.result.kind, "check");
  lab.flush();
  const again = makeLab(storage);
  assert.deepEqual(again.store.get().lab.code, { sigmoid: "def sigmoid(z): ..." });
  assert.deepEqual(again.store.get().lab.progress, { sigmoid: "passed" });
  again.lab.open();
  assert.equal(again.store.get().lab.exercise, "sigmoid"); // where the student was
});

test("actions: Stop ends a run with a result that says so; a failed check after a pass keeps the tick", async () => {
  const { store, runner, lab } = makeLab();
  lab.open("sigmoid");
  const running = lab.run();
  await lab.stop();
  await running;
  assert.equal(store.get().lab.running, null);
  assert.equal(store.get().lab.result.error.code, "lab_stopped");
  store.update({ lab: { ...store.get().lab, progress: { sigmoid: "passed" } } });
  const checking = lab.check();
  runner.answer({ passed: false, checks: [{ passed: false }], output: "", error: null });
  await checking;
  assert.equal(store.get().lab.progress.sigmoid, "passed");
});

test("actions: a failed save says so and keeps the code in the page; Reset goes back to the starter", async () => {
  const { store, lab } = makeLab(full);
  lab.open("forward");
  lab.setCode("a1 = 1");
  assert.equal(lab.flush().ok, false);
  assert.equal(store.get().notices.find((n) => n.id === "lab-save").text.key, "lab.ui.save_failed");
  assert.equal(lab.code(), "a1 = 1");
  lab.reset();
  assert.equal(lab.code(), "# forward en\n");
  lab.hint();
  lab.hint();
  assert.equal(store.get().lab.hints.forward, 2);
});

test("actions: only a passed plug exercise goes to the playground, with its code", async () => {
  const plugged = [];
  const { store, lab } = makeLab(memory(), async (exercise, source) => plugged.push([exercise, source]));
  lab.open("plug_activation");
  lab.setCode("def f(z): return z");
  assert.equal(await lab.use(), null); // not passed yet
  store.update({ lab: { ...store.get().lab, progress: { plug_activation: "passed" } } });
  await lab.use();
  assert.deepEqual(plugged, [["plug_activation", "def f(z): return z"]]);
  lab.choose("sigmoid");
  store.update({ lab: { ...store.get().lab, progress: { ...store.get().lab.progress, sigmoid: "passed" } } });
  assert.equal(await lab.use(), null); // no plug part
  await tick();
});

test("two tabs: each takes the other's saved code; the same exercise changed in both keeps both", () => {
  const storage = memory();
  const a = makeLab(storage);
  const b = makeLab(storage);
  a.lab.open("sigmoid");
  b.lab.open("sigmoid");
  a.lab.setCode("from a");
  a.lab.flush();
  b.lab.adopt(); // the storage event
  assert.equal(b.lab.code(), "from a");
  b.lab.setCode("from b, after a");
  assert.deepEqual(b.lab.flush().conflicts, []); // b started from a's: no conflict
  a.lab.adopt();
  assert.equal(a.lab.code(), "from b, after a");
  // both change it before either hears of the other (even if the first save's event arrives
  // before the second tab saves): the later save keeps the earlier aside
  a.lab.setCode("a again");
  b.lab.setCode("b again");
  assert.deepEqual(a.lab.flush().conflicts, []);
  b.lab.adopt();
  assert.equal(b.lab.code(), "b again");
  assert.deepEqual(b.lab.flush().conflicts, ["sigmoid"]);
  assert.equal(JSON.parse(storage.mem.get(`${LAB_KEY}:other`)).sigmoid, "a again");
  const n = b.store.get().notices.find((x) => x.id === "lab-other-tab");
  assert.equal(n.text.key, "lab.ui.other_tab");
  assert.equal(JSON.parse(n.actions[0].file().text).sigmoid, "a again");
  assert.equal(loadLab(storage).value.code.sigmoid, "b again");
  // a tab keeps what it changed and has not saved yet when another tab's save arrives
  a.lab.choose("forward");
  a.lab.setCode("a's forward");
  b.lab.choose("forward");
  b.lab.setCode("b's forward");
  b.lab.flush();
  a.lab.adopt();
  assert.equal(a.lab.code(), "a's forward");
});

test("an unreadable saved record is set aside at once and said, with a way to download it", () => {
  const storage = memory({ [LAB_KEY]: "{broken" });
  const { store } = makeLab(storage);
  assert.equal(storage.mem.get(`${LAB_KEY}:aside`), "{broken");
  assert.equal(storage.mem.has(LAB_KEY), false);
  const n = store.get().notices.find((x) => x.id === "lab-unreadable");
  assert.equal(n.text.key, "lab.ui.unreadable");
  assert.equal(n.actions[0].file().text, "{broken");
});

test("the panel's words for a result: the checker's sentences, numbers in the language, general words for a key without one", async () => {
  await import("./catalogues.mjs"); // zh-CN registered, as the page does once it has loaded
  const { resultsModel } = await import("../../web/views/lab.js");
  const { translator } = await import("../../web/domain/i18n.js");
  const content = {
    title: (id) => id, statement: () => [], hints: () => [], starter: () => "",
    say: (key, params = {}) => (key === "lab.check.known" ? `known ${params.got}` : ""),
  };
  const en = translator("en");
  const check = { kind: "check", exercise: "sigmoid", n: 3, value: {
    passed: false, output: "x", clipped: true, ms: 12.4, mistake: null,
    error: null, curve: [0.5, 0.25],
    checks: [{ key: "lab.check.known", params: { got: 2 }, passed: true, rel_error: 1.234e-9 },
      { key: "lab.check.unknown", params: {}, passed: false, rel_error: null }] } };
  const m = resultsModel(en, content, check);
  assert.equal(m.key, "3");
  assert.equal(m.verdict, "Not yet: 1 of 2 checks failed.");
  assert.equal(m.verdictPassed, false);
  assert.deepEqual(m.checks.map((c) => [c.passed, c.text, c.relError]),
    [[true, "known 2", "relative error 1.2E-9"], [false, "This check fails.", ""]]);
  assert.equal(m.pythonClipped, true);
  assert.deepEqual(m.curve, [0.5, 0.25]);
  const stopped = resultsModel(translator("zh-CN"), content, { kind: "failed", exercise: "sigmoid", n: 4, error: { code: "lab_stopped", message: "", params: {} } });
  assert.equal(stopped.verdict, "已停止。你的代码都还在。");
  const error = resultsModel(en, content, { kind: "run", exercise: "x", n: 5, value: { output: "", clipped: false, ms: 1,
    error: { key: "lab.error.nothing_known", params: {}, line: 7, code_line: "b = a @ a", traceback: "tb" } } });
  assert.equal(error.error.message, "Your code raised an error: the traceback below says where.");
  assert.equal(error.error.where, "Line 7 of your code:");
  assert.equal(error.verdict, "Your code stopped with an error.");
  assert.equal(resultsModel(en, content, null).verdict, "");
});
