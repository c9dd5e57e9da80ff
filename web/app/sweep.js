// @ts-check
// The learning-rate sweep's actions (its modules load when its panel first opens): start it
// (the main training pauses first and goes on afterwards, its epoch and weights untouched: the
// runs are the engine's own Sessions, bpcore/sweep.py), pace its requests, cancel it between
// two of them, offer the best rate and apply the one chosen as the learning rate.

import { msg } from "../domain/i18n.js";
import { bestIndex, formProblem, nextChunk, sweepKey } from "../domain/sweep.js";
import { engineReady, engineSettings, isCustom, noticeOf, staleReason, until } from "./store.js";

/** What a sweep is made from, now (its results are out of date once this changes).
 * @param {import("./store.js").State} s */
export const sweepSource = (s) => sweepKey(engineSettings(s.settings), isCustom(s) ? s.drawn : null);

/**
 * @param {{store: import("./store.js").Store, engine: any,
 *   training: {setPlaying: (on: boolean) => void}, session: {apply: (changes: object) => Promise<unknown>}}} deps
 */
export function createSweep({ store, engine, training, session }) {
  const { get, update } = store;
  /** @param {Partial<import("./sweep-state.js").SweepState>} p */
  const patch = (p) => update({ sweep: { ...get().sweep, ...p } });
  let cancelled = false;
  let resume = false; // Play was on when the sweep began: it goes on afterwards

  function cancel() {
    if (!get().sweep.running || cancelled) return;
    cancelled = true;
    patch({ stopping: true });
  }

  // Play pressed during a sweep: the user's run comes first (the sweep stops); settings or
  // points changed: the sweep's runs no longer answer the question, it stops too
  store.subscribe((s, prev) => {
    if (!s.sweep.running) return;
    if (s.playing && !prev.playing) {
      resume = false;
      cancel();
    } else if ((s.settings !== prev.settings || s.drawn !== prev.drawn) && sweepSource(s) !== s.sweep.key) cancel();
  });

  async function start() {
    const s = get();
    if (s.sweep.running) return;
    if (!engineReady(s)) return patch({ outcome: "failed", error: msg("sweep.not_ready") });
    if (s.replay) return patch({ outcome: "failed", error: msg("sweep.replaying") }); // a link's run first
    const stale = staleReason(s); // drawn points that cannot train: the engine still has the last ones
    if (stale) return patch({ outcome: "failed", error: stale });
    const o = s.sweep.options;
    const problem = formProblem(o);
    if (problem) return patch({ outcome: "failed", error: msg(problem) });
    resume = s.playing;
    cancelled = false;
    training.setPlaying(false);
    patch({
      running: true, stopping: false, results: [], rates: [], epochs: 0, startLoss: null, done: 0, total: 0,
      pick: -1, outcome: "", error: "", key: sweepSource(get()), used: null,
    });
    await until(store, () => !get().training); // the chunks in flight land: the run stands still
    /** @type {"done" | "cancelled" | "failed"} */
    let outcome = "done";
    try {
      if (!cancelled) {
        const info = await engine.request("sweepStart", { lo: o.lo, hi: o.hi, count: o.count, ...(o.epochs ? { epochs: o.epochs } : {}) });
        patch({ rates: info.rates, epochs: info.epochs, startLoss: info.startLoss, total: info.total });
        let k = Math.min(info.epochs, 5); // a small first request: its time sizes the next
        while (!cancelled) {
          const r = await engine.request("sweepStep", { epochs: k });
          patch({ results: [...get().sweep.results, ...r.results], done: r.done });
          if (r.finished) break;
          k = nextChunk(k, r.ms);
        }
      }
      if (cancelled) outcome = "cancelled";
    } catch (err) {
      outcome = "failed";
      patch({ error: noticeOf(err) });
    }
    engine.request("sweepEnd", {}).catch(() => {}); // the engine drops its runs
    patch({ running: false, stopping: false, outcome, pick: bestIndex(get().sweep.results) });
    if (resume && !get().playing) training.setPlaying(true);
  }

  return {
    start,
    cancel,
    /** @param {boolean} open */
    setOpen: (open) => patch({ open }),
    /** The form's choices. @param {Partial<import("./sweep-state.js").SweepState["options"]>} options */
    setOptions: (options) => patch({ options: { ...get().sweep.options, ...options }, error: get().sweep.running ? get().sweep.error : "" }),
    /** The run "Use this rate" applies. @param {number} i */
    choose: (i) => patch({ pick: i }),
    /** Apply run i's rate (default: the one chosen) as the learning rate: the same path as the
     * learning-rate control, so the link carries it. @param {number} [i] */
    async use(i = get().sweep.pick) {
      const r = get().sweep.results[i];
      if (!r) return null;
      patch({ pick: i, used: r.lr });
      await session.apply({ lr: r.lr });
      return get().settings.lr;
    },
  };
}
