// @ts-check
// A link's training, replayed once its session has started: `step` chunks up to each weight
// edit's epoch, the edit (`setWeight`), and on to the link's epoch; the same requests the page
// sent while training, so the numbers are the same bit for bit (bpcore/replay.py does the same
// natively). The state's `replay` drives the progress bar; Play and Step wait for it (training.js
// canTrain); a rebuilt session or a changed setting stops it with a notice.

import { GRID, nextChunkSize } from "../domain/schedule.js";
import { msg } from "../domain/i18n.js";
import { engineReady, noticeOf, staleReason } from "./store.js";

// catalogue messages (domain/messages): the page says them in its language
const TEXT = {
  /** @param {number} epoch */
  done: (epoch) => msg("notice.replayed", { epoch }),
  stopped: msg("notice.replay_stopped"),
  /** @param {import("../domain/i18n.js").Message} why the engine's error, said in turn */
  failed: (why) => msg("notice.replay_failed", { why }),
};

/**
 * @param {{store: import("./store.js").Store, engine: any,
 *   session: ReturnType<typeof import("./session.js").createSessionActions>}} deps
 */
export function createReplay({ store, engine, session }) {
  const { get, update } = store;

  /** Replay the pending link training, if any (call after session.start()). */
  async function run() {
    const target = get().replay;
    if (!target) return;
    const s0 = get();
    if (!engineReady(s0) || staleReason(s0) || !s0.session) {
      update({ replay: null });
      return;
    }
    const sess = s0.session, trail = s0.trail;
    // a rebuilt or reset session, a changed setting or a weight edited meanwhile: stop
    const same = () => get().session === sess && get().trail === trail;
    let epoch = s0.metrics ? s0.metrics.epoch : 0;
    let chunk = 1;
    try {
      edits: for (let k = 0; k <= target.edits.length; k++) {
        const stop = k < target.edits.length ? target.edits[k][0] : target.epoch;
        while (epoch < stop) {
          const n = Math.min(chunk, stop - epoch);
          const r = await engine.request("step", { epochs: n });
          if (!same()) throw new Error("stopped");
          epoch = r.metrics.epoch;
          chunk = nextChunkSize(n, r.ms.train);
          update({ metrics: r.metrics, replay: { ...target, done: epoch } });
          if (r.metrics.diverged) break edits; // as the page it was copied from stopped
        }
        if (k < target.edits.length) {
          const [, layer, i, j, value] = target.edits[k];
          const r = await engine.request("setWeight", { layer, i, j, value });
          if (!same()) throw new Error("stopped");
          update({ metrics: r.metrics });
        }
      }
      update({
        replay: null, notice: TEXT.done(epoch),
        trail: { edits: target.edits, replayable: true },
      });
    } catch (err) {
      const stopped = err instanceof Error && err.message === "stopped";
      update({ replay: null, notice: stopped ? TEXT.stopped : TEXT.failed(noticeOf(err)) });
    }
    if (engineReady(get())) {
      // the picture once, as a paused page shows it
      const g = await engine.request("grid", { size: GRID, neurons: true }).catch(() => null);
      if (g && get().session) update({ grid: g, neurons: g });
      session.fetchWeights();
    }
  }

  return { run };
}
