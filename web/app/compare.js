// @ts-check
// Compare two runs (bpcore/compare.py): start a comparison (this run becomes A, B its copy
// with the settings the user changes), change B, stop; B's map when training pauses. Play,
// Step and Reset act on both without anything here: the engine steps B with A (a step reply's
// `compare`, training.js) and rebuilds it on a reset or a rebuilding configure (session.js show).

import { msg } from "../domain/i18n.js";
import { GRID } from "../domain/schedule.js";
import { engineReady, noticeOf } from "./store.js";

/**
 * @param {{store: import("./store.js").Store, engine: any, session: any, training: any,
 *   commitLink: () => void}} deps
 */
export function createCompare({ store, engine, session, training, commitLink }) {
  const { get, update } = store;
  let gridFor = ""; // the run and epoch whose map is asked for (one request at a time)

  /** Both runs from epoch 0: A back to its initial weights (as Reset), B built from A with
   * `overrides` (B's own settings). Refused settings change nothing (the notice says why).
   * @param {Record<string, any>} [overrides] @param {{pause?: boolean}} [opts] */
  async function start(overrides = {}, { pause = true } = {}) {
    if (!engineReady(get())) {
      update({ notice: msg("compare.not_ready") });
      return false;
    }
    if (pause) training.setPlaying(false);
    try {
      const r = await engine.request("compare", { settings: overrides });
      session.show({ ...r.a, compare: r.compare });
      update({ notice: "" });
      return true;
    } catch (err) {
      update({ notice: noticeOf(err) });
      return false;
    }
  }

  /** Change B's settings (both start again at epoch 0). @param {Record<string, any>} changes */
  const setB = (changes) => start({ ...(get().compare?.overrides || {}), ...changes });

  /** Back to one run: A as it is. */
  async function stop() {
    if (!get().compare) return false;
    update({ compare: null });
    commitLink();
    if (engineReady(get())) await engine.request("compareStop", {}).catch(() => {});
    return true;
  }

  /** After the session started: a link's comparison (pending) starts now, before its training
   * is replayed (B follows the replay's steps). Passes `x` on. @param {unknown} x */
  async function resume(x) {
    const c = get().compare;
    // refused (the notice says why): one run, and the link without B
    if (c && c.pending && !(await start(c.overrides, { pause: false })) && get().compare === c) update({ compare: null });
    return x;
  }

  // B's map once training pauses (a chunk carries it only now and then; a reset has none)
  store.subscribe((s) => {
    const c = s.compare;
    if (!c || c.pending || s.training || c.gridEpoch === c.metrics.epoch || !engineReady(s)) return;
    const key = `${c.run}:${c.metrics.epoch}`;
    if (gridFor === key) return;
    gridFor = key;
    engine.request("compareGrid", { size: GRID }).then((g) => {
      const now = get().compare;
      if (now && now.run === c.run && now.metrics.epoch === c.metrics.epoch) update({ compare: { ...now, grid: g, gridEpoch: c.metrics.epoch } });
    }, () => {}).finally(() => { if (gridFor === key) gridFor = ""; });
  });

  return { start, setB, stop, resume };
}
