// @ts-check
// The training pump: chunk after chunk while playing, two `step` requests in flight so the
// worker starts the next chunk while the page handles a reply. What each chunk trains and
// brings back is domain/schedule.js's pure policy.

import { goalToWatch, withGoalAt } from "../domain/goal.js";
import { addSample } from "../domain/gradflow.js";
import { stepped } from "../domain/compare.js";
import { GRID, measured, newClock, nextChunkSize, planStep, sleep } from "../domain/schedule.js";
import { msg } from "../domain/i18n.js";
import { stopNotice, trainOnNotice } from "../domain/stopping.js";
import { engineReady, fewPoints, noticeOf, staleReason } from "./store.js";

// catalogue messages (domain/messages): the page says them in its language
const TEXT = {
  diverged: msg("notice.diverged"),
  divergedAgain: msg("notice.diverged_again"),
  playQueued: msg("notice.play_queued"),
  /** @param {number} n */
  stepQueued: (n) => msg("notice.step_queued", { count: n }),
};
/** A notice as text ("" for a catalogue message). @param {unknown} n */
const said = (n) => (typeof n === "string" ? n : "");
/** @param {any} n */
const keyOf = (n) => (n && typeof n.key === "string" ? n.key : "");
/** A notice of Play or Step pressed during loading. @param {unknown} n */
const isQueued = (n) => keyOf(n) === "notice.play_queued" || keyOf(n) === "notice.step_queued";
/** A notice about one weight (the diagram's editor; a catalogue message, notice.weight*,
 * notice.bias*): it stays when training starts. @param {any} n */
const aboutWeight = (n) => /^(Weight|Bias)\b/.test(said(n)) || /^notice\.(weight|bias)/.test((n && n.key) || "");

/**
 * @param {{store: import("./store.js").Store, engine: any, stats: any,
 *   session: ReturnType<typeof import("./session.js").createSessionActions>}} deps
 */
export function createTraining({ store, engine, stats, session }) {
  const { get, update } = store;
  // a link's training being replayed (app/replay.js) goes first: Play waits for it
  const canTrain = () => engineReady(get()) && !staleReason(get()) && !get().replay;
  const going = () => get().playing && canTrain();

  /** A step reply: metrics, the map and thumbnails it carries; divergence or a stopping rule
   * (bpcore/stopping.py: the reply's `stopped`) stops the play, and the page says why. */
  function applyStep(r) {
    const patch = { metrics: r.metrics };
    if (r.stopped) Object.assign(patch, { playing: false, stopped: r.stopped, notice: stopNotice(r.stopped) });
    if (r.grid) {
      stats.maps += 1;
      patch.grid = r.grid;
      if (r.grid.neurons.length) patch.neurons = r.grid;
    }
    if (r.thumbs) patch.neurons = r.thumbs;
    if (r.gradFlow) patch.gradFlow = addSample(get().gradFlow, r.gradFlow); // (asked for by every step)
    if (r.compare) patch.compare = stepped(get().compare, r.compare, r.metrics); // run B, in lockstep
    const room = withGoalAt(get().classroom, r.goalAt); // the classroom's goal: its exact epoch
    if (room !== get().classroom) patch.classroom = room;
    if (r.metrics.diverged) Object.assign(patch, { playing: false, notice: TEXT.diverged });
    update(patch);
  }

  /** Epochs for the next chunk: the adaptive size, capped by the speed limit and by the stop
   * (0: the stop is reached once the chunks in flight land). @param {number} stop */
  function chunkEpochs(stop) {
    const { speed, chunk, metrics, inFlightEpochs } = get();
    const k = speed ? Math.max(1, Math.min(chunk, Math.round(speed / 20))) : chunk;
    return Math.max(0, Math.min(k, stop - ((metrics ? metrics.epoch : 0) + inFlightEpochs)));
  }

  /** The epoch this play pauses at: "Stop at epoch" (the setting stop_at) once it is ahead of
   * where Play was pressed (a stop already passed lets training go on). No chunk crosses it; the
   * engine stops there and says so (as for the other rules). @param {number} from */
  const stopOf = (from) => (get().settings.stop_at > from ? get().settings.stop_at : Infinity);

  async function pump() {
    if (get().training) return;
    update({ training: true });
    let clock = newClock();
    const from = get().metrics ? get().metrics.epoch : 0;
    // nothing to send while the stop's epochs are all in flight
    const canSend = () => going() && chunkEpochs(stopOf(from)) > 0;
    const send = () => {
      const s = get();
      const focusHidden = Boolean(s.focus && s.focus.kind === "hidden");
      const plan = planStep(clock, performance.now(), { epochs: chunkEpochs(stopOf(from)), thumbs: s.diagramVisible, focusHidden });
      // a small data set's points table: every point's output rides on the map
      if (plan.request.gridSize && fewPoints(s)) plan.request.outputs = true;
      plan.request.gradFlow = true; // each layer's gradient, for the gradient flow (cheap: bench_gradflow.py)
      const goal = goalToWatch(s.classroom); // a classroom goal: the engine finds its exact epoch
      if (goal) plan.request.goal = goal;
      clock = plan.clock;
      const k = plan.request.epochs;
      // behind a chunk in flight: the epoch it starts at (if a stopping rule ended the one
      // before it, the engine trains nothing)
      if (s.inFlightEpochs) plan.request.at = (s.metrics ? s.metrics.epoch : 0) + s.inFlightEpochs;
      update({ inFlightEpochs: get().inFlightEpochs + k });
      const reply = engine.timed("step", plan.request).finally(() => update({ inFlightEpochs: get().inFlightEpochs - k }));
      return { request: plan.request, sentAt: performance.now(), reply };
    };
    const inFlight = canSend() ? [send()] : [];
    try {
      while (inFlight.length) {
        if (canSend() && inFlight.length < 2 && !get().speed) inFlight.push(send());
        const { request, sentAt, reply } = /** @type {any} */ (inFlight.shift());
        const { result, ms } = await reply;
        const before = get().metrics;
        const trained = result.metrics.epoch - (before ? before.epoch : 0);
        stats.chunks += 1;
        stats.epochsTrained += trained;
        stats.workerMs += ms;
        stats.trainMs += result.ms.train;
        stats.lastChunkMs = ms;
        clock = measured(clock, result.ms, request);
        applyStep(result);
        if (get().diagramVisible) session.fetchWeightsSoon();
        update({ chunk: nextChunkSize(trained, result.ms.train, get().chunk) }); // by what it trained
        const speed = get().speed;
        if (speed) await sleep(sentAt + (request.epochs * 1000) / speed - performance.now(), () => !get().playing);
        if (canSend() && !inFlight.length) inFlight.push(send());
      }
    } catch (err) {
      for (const f of inFlight) f.reply.catch(() => {}); // the chunk sent after it fails alike: said once
      update({ playing: false, notice: noticeOf(err) });
    } finally {
      update({ training: false });
      if (!get().playing && engineReady(get())) { // paused: the full picture once
        session.fetchGrid(true);
        session.fetchWeights();
      }
    }
  }

  /** @param {boolean} on */
  function setPlaying(on) {
    const s = get();
    if (on && s.metrics && s.metrics.diverged) {
      update({ notice: TEXT.divergedAgain });
      return;
    }
    const stale = staleReason(s);
    if (on && stale) {
      update({ notice: stale });
      return;
    }
    if (on && !engineReady(s)) { // loading: Play is queued (the button says "Starts when ready")
      update({ playing: true, queuedSteps: 0, notice: TEXT.playQueued });
      return;
    }
    // a weight's or bias's new value stays said while training starts
    const keep = on ? aboutWeight(s.notice) : !isQueued(s.notice);
    // Play where a rule stopped: it trains on, and the page says why the rule does not stop it again
    const past = on && s.stopped && s.metrics && s.metrics.epoch === s.stopped.epoch;
    update({ playing: on, notice: past ? trainOnNotice(/** @type {any} */ (s.stopped)) : keep ? s.notice : "", ...(on ? { stopped: null } : {}) });
    if (on) pump();
  }

  /** One epoch, with the full picture (Step; its click event is no argument). During loading
   * the presses are queued (the notice says how many) and run once the engine is ready. */
  const step = () => train(1);

  /** @param {number} epochs */
  async function train(epochs) {
    setPlaying(false);
    if (!engineReady(get()) && get().load.status !== "failed" && !staleReason(get())) {
      const n = get().queuedSteps + 1;
      update({ queuedSteps: n, notice: TEXT.stepQueued(n) });
      return;
    }
    if (!canTrain()) return;
    try {
      const goal = goalToWatch(get().classroom);
      applyStep(await engine.request("step", { epochs, gridSize: GRID, neurons: true, gradFlow: true, ...(fewPoints(get()) ? { outputs: true } : {}), ...(goal ? { goal } : {}) }));
      session.fetchWeights();
    } catch (err) {
      update({ notice: noticeOf(err) });
    }
  }

  /** The engine's session has started: what the user asked for during loading happens now. */
  async function resume() {
    const n = get().queuedSteps;
    if (n) {
      update({ queuedSteps: 0, notice: isQueued(get().notice) ? "" : get().notice });
      await train(n);
    } else if (get().playing) {
      if (isQueued(get().notice)) update({ notice: "" });
      pump();
    }
  }

  return { pump, setPlaying, step, resume };
}
