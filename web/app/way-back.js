// @ts-check
// Nothing replaced without a way back: before a preset, a lesson example or another data set
// replaces the run, the run is kept (the engine's session snapshot, bpcore/snapshot.py: points,
// split, weights, optimiser, RNG, epoch; and the page's own part: settings, drawn points and
// their undo history, the link's trail) under the browser history entry it was shown in, and a
// new entry is pushed for what replaces it. So
// - the notice "Back to your run" (only when the run had trained or had drawn points) and
// - the browser's Back (and Forward)
// bring back exactly what that entry showed, at once and without a replay. Each entry's
// address is the share link of what it shows (app/links.js writes it), so an entry whose run
// is not kept in memory (after a reload) opens its link, as a link always does.
//
//   const back = createWayBack({store, engine, session, training, links, drawing})
//   await back.chooseDataset(name)   drawing.chooseDataset, the run it replaces kept
//   await back.reset()               session.reset (the lesson's "Show on the example" over the example shown)
//   await back.around(replace, {changes})   keep the run, replace() it, offer the way back
//   back.popped(state)        the popstate event's state (wire.js)
//   back.claims(hash)         a hashchange the last popstate already handled (wire.js skips it)

import { msg } from "../domain/i18n.js";
import { dropNotice, showNotice } from "./notices.js";
import { engineReady, isCustom, noticeOf, until } from "./store.js";

const KEEP = 12; // runs kept in memory (entries further back open their link instead)
const NOTICE = "way-back";
const TEXT = {
  /** @param {number} epoch */
  replaced: (epoch) => msg("notice.run_replaced", { epoch }),
  back: msg("notice.back_to_run"),
  dismiss: msg("notice.dismiss"),
};

/**
 * A run worth offering back: it has trained, had its weights edited or loaded, or shows drawn
 * points. @param {import("./store.js").State} s
 */
export function worthKeeping(s) {
  if (!engineReady(s) || !s.metrics) return false;
  return s.metrics.epoch > 0 || s.trail.edits.length > 0 || !s.trail.replayable || (isCustom(s) && s.drawn.length > 0);
}

/**
 * @param {{store: import("./store.js").Store, engine: any, session: any, training: any,
 *   links: any, drawing: any}} deps
 */
export function createWayBack({ store, engine, session, training, links, drawing }) {
  const { get, update } = store;
  /** @type {Map<string, any>} an entry's id -> the run it showed */
  const kept = new Map();
  const origin = `${Math.round(performance.timeOrigin)}`; // ids unique across reloads of the tab
  let count = 0;
  const newId = () => `${origin}.${++count}`;
  let busy = false; // a replacement is on its way: a second one meanwhile keeps nothing more
  /** @type {{hash: string, until: number} | null} */
  let claim = null;
  const idOf = (/** @type {any} */ st) => (st && typeof st.bpEntry === "string" ? st.bpEntry : null);
  let shown = idOf(history.state); // the entry shown now: its run is kept when it is left

  /** This history entry's id (given to it now if it has none). */
  function entryId() {
    const st = history.state;
    if (idOf(st)) return /** @type {string} */ (idOf(st));
    const id = newId();
    history.replaceState({ ...(st && typeof st === "object" ? st : {}), bpEntry: id }, "", location.href);
    return id;
  }

  /** Training stopped and its last chunk landed. */
  async function halt() {
    training.setPlaying(false);
    await until(store, () => !get().training);
  }

  /** The run shown now: the engine's snapshot and the page's part, or null (no engine yet). */
  async function take() {
    if (!engineReady(get()) || get().replay) return null; // a link's replay on its way is its link
    const { snapshot } = await engine.request("snapshot", {});
    const s = get();
    return {
      snapshot, worth: worthKeeping(s), epoch: snapshot.epoch, after: "", // the engine's epoch (the page's may lag a chunk)
      page: { settings: s.settings, drawn: s.drawn, history: s.history, presetBefore: s.presetBefore, trail: s.trail,
        sampleSteps: s.sampleSteps, speed: s.speed, paceBefore: s.paceBefore }, // its counter and pace too
    };
  }

  /** @param {string} id @param {any} run */
  function keep(id, run) {
    kept.delete(id);
    kept.set(id, run);
    while (kept.size > KEEP) kept.delete(/** @type {string} */ (kept.keys().next().value));
  }

  /**
   * Keep the run, then `replace()` it, then offer the way back. Nothing is kept (replace() just
   * runs) while the page has no run of its own yet, or when nothing is lost: the same data set
   * (`changes` false) and a run that has not trained.
   * @param {() => Promise<unknown>} replace @param {{changes?: boolean}} [opts]
   */
  async function around(replace, { changes = true } = {}) {
    if (busy || !engineReady(get()) || (!changes && !worthKeeping(get()))) return replace();
    busy = true;
    let run = null;
    try {
      run = await take().catch(() => null);
      if (run) {
        await links.flush(); // this entry's address: the link of the run kept
        keep(entryId(), run);
        run.after = shown = newId();
        history.pushState({ bpEntry: run.after }, "", location.href); // the new state's own entry
      }
      return await replace();
    } finally {
      busy = false;
      if (run && run.worth) {
        showNotice(store, {
          id: NOTICE, text: TEXT.replaced(run.epoch),
          actions: [{ label: TEXT.back, run: () => goBack(run) }, { label: TEXT.dismiss, run: () => dropNotice(store, NOTICE) }],
        });
      }
    }
  }

  /** The notice's button: the browser's Back while the entry pushed for the replacement is
   * shown (so Forward returns to it), else the run at once. @param {any} run */
  function goBack(run) {
    dropNotice(store, NOTICE);
    if (idOf(history.state) === run.after) history.back();
    else restore(run);
  }

  /** Show a kept run again: the page's part, then the engine's session from its snapshot. @param {any} run */
  async function restore(run) {
    await halt();
    let r;
    try {
      r = await engine.request("restore", { snapshot: run.snapshot });
    } catch (err) {
      update({ notice: noticeOf(err) }); // the page keeps what it shows
      return;
    }
    const { page } = run;
    // the page's part first: show() keeps the page's view-only settings (show_test, ...)
    update({ settings: page.settings, presetBefore: page.presetBefore, walk: null, speed: page.speed, paceBefore: page.paceBefore });
    drawing.setDrawn(page.drawn, page.history); // saved, as a drawing is
    session.show(r);
    update({ trail: page.trail, sampleSteps: page.sampleSteps, notice: "" });
  }

  /** Back or Forward to another entry (the popstate event's state): the run it showed, if it
   * is kept; the run left is kept first, so the way forward is exact too. Not kept: its
   * address is its link, and the hashchange that follows opens it. @param {any} state */
  async function popped(state) {
    const to = idOf(state);
    const left = shown;
    shown = to;
    const run = to === null ? undefined : kept.get(to);
    if (!run) return;
    claim = { hash: location.hash, until: performance.now() + 2000 };
    dropNotice(store, NOTICE);
    if (left !== null && left !== to && engineReady(get())) {
      await halt();
      const now = await take().catch(() => null);
      if (now) keep(left, now);
    }
    await restore(run);
  }

  /** A hashchange right after a popstate this module handled: not a link to open. Any other
   * is a link opened in an entry of its own. @param {string} hash */
  function claims(hash) {
    const c = claim;
    claim = null;
    if (c && c.hash === hash && performance.now() <= c.until) return true;
    shown = idOf(history.state);
    return false;
  }


  return {
    around, popped, claims,
    /** A data set picked (the menu, the lesson): the run it replaces is kept. @param {string} name */
    chooseDataset: (name) => around(() => drawing.chooseDataset(name), { changes: name !== get().settings.dataset }),
    /** Back to epoch 0 of the same run (the lesson's "Show on the example" over the example shown): a run
     * that has trained is kept. */
    reset: () => around(session.reset, { changes: false }),
  };
}
