// node --test: the way back (web/app/way-back.js) with a fake engine, history and page: a run
// worth offering is kept under its history entry before it is replaced, a new entry is pushed
// for what replaces it, and Back (popstate) shows the kept run again from its snapshot; an
// untrained run on the same data set keeps nothing.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createStore, initialState } from "../../web/app/store.js";
import { createWayBack, worthKeeping } from "../../web/app/way-back.js";

/** A browser history of one document: entries with a state and a URL. */
function fakeHistory() {
  const entries = [{ state: null, url: "http://x/index.html#v2.first" }];
  let at = 0;
  const h = {
    get state() { return entries[at].state; },
    get length() { return entries.length; },
    replaceState(state, _t, url) { entries[at] = { state: structuredClone(state), url }; },
    pushState(state, _t, url) { entries.splice(at + 1); entries.push({ state: structuredClone(state), url }); at += 1; },
    back() { at -= 1; },
    at: () => at,
    entries,
  };
  globalThis.history = h;
  globalThis.location = { get href() { return entries[at].url; }, get hash() { return entries[at].url.replace(/^[^#]*/, ""); } };
  return h;
}

/** A page with an engine session at `epoch`, and the calls the way back made. */
function page(epoch, settings = {}) {
  const store = createStore(initialState());
  const live = { points: new Float64Array(6), trainMask: new Uint8Array(2), layerSizes: [2, 1], classes: 2, problem: "classification", loss: "bce", settings: {} };
  store.update({
    session: live, metrics: { epoch }, load: { ...store.get().load, status: "ready" },
    settings: { ...store.get().settings, ...settings },
  });
  const calls = [];
  let engineEpoch = epoch;
  const engine = {
    async request(type, payload) {
      calls.push([type, payload]);
      if (type === "snapshot") return { snapshot: { epoch: engineEpoch, tag: store.get().settings.dataset } };
      if (type === "restore") return { restored: payload.snapshot };
      throw new Error(type);
    },
  };
  const session = {
    show: (r) => { engineEpoch = r.restored.epoch; store.update({ metrics: { epoch: r.restored.epoch }, session: { ...live } }); },
    reset: async () => { engineEpoch = 0; store.update({ metrics: { epoch: 0 } }); },
  };
  const training = { setPlaying: (on) => store.update({ playing: on }) };
  const links = { flush: async () => "" };
  const drawing = {
    setDrawn: (rows, history) => store.update({ drawn: rows, history }),
    chooseDataset: async (name) => { engineEpoch = 0; store.update({ settings: { ...store.get().settings, dataset: name }, metrics: { epoch: 0 } }); },
  };
  const back = createWayBack({ store, engine, session, training, links, drawing });
  return { store, back, calls };
}

test("a run worth offering: trained, edited, loaded weights or drawn points shown", () => {
  fakeHistory();
  const s = page(0).store.get();
  assert.equal(worthKeeping(s), false);
  assert.equal(worthKeeping({ ...s, metrics: { epoch: 3 } }), true);
  assert.equal(worthKeeping({ ...s, trail: { edits: [[0, 0, 0, 0, 1]], replayable: true } }), true);
  assert.equal(worthKeeping({ ...s, trail: { edits: [], replayable: false } }), true);
  assert.equal(worthKeeping({ ...s, settings: { ...s.settings, dataset: "custom" }, drawn: [[0, 0, 0]] }), true);
  assert.equal(worthKeeping({ ...s, metrics: { epoch: 3 }, session: null }), false); // no engine session yet
});

test("a trained run replaced by a data set is kept, offered, and Back shows it again", async () => {
  const h = fakeHistory();
  const { store, back, calls } = page(40, { dataset: "spiral" });
  await back.chooseDataset("article");
  assert.equal(store.get().settings.dataset, "article");
  assert.equal(h.length, 2); // the example has an entry of its own
  assert.equal(store.get().notices.map((n) => n.id).join(), "way-back");
  assert.equal(store.get().notices[0].text.params.epoch, 40);
  // Back: the run left is kept first, then the kept run restored from its own snapshot
  h.back();
  await back.popped(h.state);
  const restores = calls.filter(([type]) => type === "restore");
  assert.deepEqual(restores.map(([, p]) => p.snapshot), [{ epoch: 40, tag: "spiral" }]);
  assert.equal(store.get().settings.dataset, "spiral");
  assert.equal(store.get().metrics.epoch, 40);
  assert.deepEqual(store.get().notices, []);
  assert.equal(back.claims(location.hash), true); // the hashchange that follows is not a link to open
  assert.equal(back.claims(location.hash), false); // ... once
});

test("Forward after Back shows what was left, exactly", async () => {
  const h = fakeHistory();
  const { store, back, calls } = page(12, { dataset: "xor" });
  await back.chooseDataset("circle");
  h.back();
  await back.popped(h.state);
  assert.equal(store.get().settings.dataset, "xor");
  // forward again: the circle run was kept when it was left
  const forward = h.entries[1].state;
  await back.popped(forward);
  const last = calls.filter(([type]) => type === "restore").at(-1)[1].snapshot;
  assert.deepEqual(last, { epoch: 0, tag: "circle" });
  assert.equal(store.get().settings.dataset, "circle");
});

test("an untrained run on the same data set keeps nothing: no entry, no offer", async () => {
  const h = fakeHistory();
  const { store, back, calls } = page(0, { dataset: "article" });
  await back.reset();
  assert.equal(h.length, 1);
  assert.deepEqual(calls, []);
  assert.deepEqual(store.get().notices, []);
  // a different data set still gets an entry (Back returns to it), but no offer
  await back.chooseDataset("xor");
  assert.equal(h.length, 2);
  assert.deepEqual(store.get().notices, []);
});
