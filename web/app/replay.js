// @ts-check
// A link's training, replayed once its session has started: `step` chunks up to each change's
// epoch, the change (`setWeight`, `configure` for a setting, `sampleStep` for a step taken on
// one point), and on to the link's epoch; the same requests the page
// sent while training, so the numbers are the same bit for bit (bpcore/replay.py does the same
// natively). The state's `replay` drives the progress bar (with the time left once it is known);
// Play and Step wait for it (training.js canTrain).
//
// A setting change on the way (the learning rate, the optimiser...) is a `configure`, as the
// control sends it; the controls follow.
//
// Whatever the page shows, its link reproduces: the trail (app/store.js linkState) holds the
// changes applied so far, so a replay that stops part-way (an edit the network has no neuron for,
// Cancel) leaves a link to exactly the epoch and edits shown. A replay ends for good when another
// link opens (its `replay` replaces this one's: this run goes without a word), when the session
// is rebuilt or reset, a setting changes or a weight is edited meanwhile (said), or on Cancel:
// stay at the epoch reached, or open at epoch 0 (said which). Its outcome is a notice about the
// link (app/notices.js sayAbout, topic "link-training"): it stays until dismissed or replaced.

import { stepped } from "../domain/compare.js";
import { goalToWatch, withGoalAt } from "../domain/goal.js";
import { GRID, measured, newClock, nextChunkSize, planStep } from "../domain/schedule.js";
import { msg } from "../domain/i18n.js";
import { sayAbout } from "./notices.js";
import { isSettingChange, STEP } from "../domain/link.js";
import { engineReady, engineSettings, fewPoints, noticeOf, staleReason } from "./store.js";

export const TOPIC = "link-training"; // the notices about the link's training

// catalogue messages (domain/messages): the page says them in its language
const TEXT = {
  /** @param {number} epoch @param {boolean} changed the link's settings were changed on opening
   * @param {boolean} own the page's own link (a reload): not "as it was shared" */
  done: (epoch, changed, own) => msg(changed ? "notice.replayed_changed" : own ? "notice.replayed_own" : "notice.replayed", { epoch }),
  stopped: (/** @type {number} */ epoch) => msg("notice.replay_stopped", { epoch }),
  /** @param {number} epoch @param {import("../domain/i18n.js").Message} why the engine's error */
  failed: (epoch, why) => msg("notice.replay_failed", { epoch, why }),
  stayed: (/** @type {number} */ epoch) => msg("notice.replay_cancelled_stay", { epoch }),
  zero: msg("notice.replay_cancelled_zero"),
};
const ETA_AFTER_MS = 1500; // the time left is said once the replay has run this long

/**
 * @param {{store: import("./store.js").Store, engine: any, stats?: {maps: number},
 *   session: ReturnType<typeof import("./session.js").createSessionActions>}} deps
 *   stats: bp.stats (its `maps` counts the maps the replay brings too)
 */
export function createReplay({ store, engine, session, stats = { maps: 0 } }) {
  const { get, update } = store;
  /** @type {"" | "stay" | "zero"} */
  let cancelled = ""; // Cancel pressed: the running replay ends after its request in flight

  /** Replay the pending link training, if any (call after session.start()). */
  async function run() {
    const target = get().replay;
    if (!target) return;
    cancelled = "";
    const s0 = get();
    if (!engineReady(s0) || staleReason(s0) || !s0.session) {
      update({ replay: null });
      return;
    }
    let sess = s0.session;
    let trail = s0.trail, shown = target; // what this run last wrote
    // another link opened: its replay (or none) replaced this one's
    const superseded = () => get().replay !== shown;
    // a rebuilt or reset session, a changed setting or a weight edited meanwhile
    const same = () => get().session === sess && get().trail === trail;
    let epoch = s0.metrics ? s0.metrics.epoch : 0;
    const from = epoch, t0 = performance.now();
    let chunk = 1, clock = newClock();
    let outcome = null;
    try {
      edits: for (let k = 0; k <= target.edits.length; k++) {
        const stop = k < target.edits.length ? target.edits[k][0] : target.epoch;
        while (epoch < stop) {
          const n = Math.min(chunk, stop - epoch);
          // the map follows the replay at the pump's pace (schedule.js): no pale map meanwhile
          const plan = planStep(clock, performance.now(), { epochs: n, thumbs: false, focusHidden: false });
          clock = plan.clock;
          if (plan.request.gridSize && fewPoints(get())) plan.request.outputs = true;
          const goal = goalToWatch(get().classroom); // its exact epoch, as a live run's
          if (goal) plan.request.goal = goal;
          const r = await engine.request("step", plan.request);
          if (superseded()) return;
          if (!same()) throw new Error("stopped");
          chunk = nextChunkSize(r.metrics.epoch - epoch, r.ms.train, chunk);
          epoch = r.metrics.epoch;
          clock = measured(clock, r.ms, plan.request);
          const spent = performance.now() - t0;
          const left = spent > ETA_AFTER_MS ? ((target.epoch - epoch) * spent) / Math.max(1, epoch - from) : null;
          shown = { ...target, done: epoch, left };
          if (r.grid) stats.maps += 1;
          const b = r.compare ? { compare: stepped(get().compare, r.compare, r.metrics) } : {}; // run B, in lockstep
          const room = withGoalAt(get().classroom, r.goalAt);
          update({ metrics: r.metrics, replay: shown, ...(r.grid ? { grid: r.grid } : {}), ...b, ...(room !== get().classroom ? { classroom: room } : {}) });
          if (r.metrics.diverged) break edits; // as the page it was copied from stopped
          if (cancelled) break edits;
        }
        if (k < target.edits.length && target.edits[k][1] === STEP) {
          // a step taken on one point ("Take the step"), as the step-through takes it
          const r = await engine.request("sampleStep", { index: target.edits[k][2] });
          if (superseded()) return;
          if (!same()) throw new Error("stopped");
          update({ metrics: r.metrics });
          session.noteStep(r.metrics.epoch, target.edits[k][2]);
          trail = get().trail;
        } else if (k < target.edits.length && isSettingChange(target.edits[k])) {
          // a setting changed on the way (the learning rate...): configure, as the control does
          const [, name, value] = target.edits[k];
          const r = await engine.request("configure", { settings: { ...engineSettings(get().settings), [name]: value } });
          if (superseded()) return;
          if (!same() || r.rebuilt) throw new Error("stopped"); // a live setting never rebuilds
          session.adoptLive(r); // shown, and in the trail: the link holds it from now
          sess = get().session;
          trail = get().trail;
        } else if (k < target.edits.length) {
          const [, layer, i, j, value] = target.edits[k];
          const r = await engine.request("setWeight", { layer, i, j, value });
          if (superseded()) return;
          if (!same()) throw new Error("stopped");
          trail = { ...trail, edits: [...trail.edits, target.edits[k]] }; // the link holds it from now
          update({ metrics: r.metrics, trail });
        }
      }
      const how = /** @type {"" | "stay" | "zero"} */ (cancelled); // set by cancel() meanwhile
      if (how === "zero") {
        update({ replay: null });
        await session.reset(); // epoch 0: the link's settings, untrained
        outcome = TEXT.zero;
      } else {
        update({ replay: null });
        outcome = how === "stay" ? TEXT.stayed(epoch) : TEXT.done(epoch, Boolean(target.changed), Boolean(target.own));
      }
    } catch (err) {
      if (superseded()) return;
      const stopped = err instanceof Error && err.message === "stopped";
      update({ replay: null }); // the trail holds the edits applied: the link shows what the page does
      outcome = stopped ? TEXT.stopped(epoch) : TEXT.failed(epoch, noticeOf(err));
    }
    sayAbout(store, TOPIC, outcome);
    if (engineReady(get())) {
      // the picture once, as a paused page shows it
      const g = await engine.request("grid", { size: GRID, neurons: true, ...(fewPoints(get()) ? { outputs: true } : {}) }).catch(() => null);
      if (g && get().session) update({ grid: g, neurons: g });
      session.fetchWeights();
    }
  }

  /** Cancel the replay: "stay" at the epoch reached, or open at epoch "zero" (the notice says
   * which; the address bar follows). @param {"stay" | "zero"} how */
  function cancel(how) {
    if (get().replay) cancelled = how;
  }

  return { run, cancel };
}
