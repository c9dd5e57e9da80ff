// @ts-check
// window.bp: the page's documented facade for tests and benchmarks (docs/ARCHITECTURE.md,
// "window.bp"). It hands out plain copies, never the live state, and the same actions the
// controls use.

import { say, translator } from "../domain/i18n.js";
import { toRows } from "../domain/points.js";
import { staleReason, viewOf } from "./store.js";

/**
 * The page as plain data.
 * @param {import("./store.js").State} s
 * @param {string} status the engine's status
 */
export function snapshotOf(s, status) {
  const sess = s.session;
  const live = Boolean(sess && !sess.preview);
  const g = s.grid;
  const { stage, percent } = s.load;
  return structuredClone({
    status,
    load: { status: s.load.status, stage, percent, message: s.load.error ? s.load.error.message : "" },
    epoch: live && s.metrics ? s.metrics.epoch : null,
    metrics: s.metrics,
    training: s.training,
    playing: s.playing,
    chunk: s.chunk,
    inFlightEpochs: s.inFlightEpochs,
    settings: s.settings,
    notice: say(translator(s.lang), s.notice), // the words shown, in the page's language
    notices: s.notices.map((n) => say(translator(s.lang), n.text)), // the ones kept until dismissed, as shown
    lang: s.lang,
    linkStatus: say(translator(s.lang), s.linkStatus), // Copy link's words, as shown
    // a link's training replaying: to epoch, epochs done, the estimated ms left (null until known)
    replay: s.replay && { epoch: s.replay.epoch, done: s.replay.done, left: s.replay.left ?? null },
    trail: s.trail, // the weight edits since epoch 0, and whether a link can replay them
    linkFit: say(translator(s.lang), s.linkFit), // what the share link cannot hold ("" when it holds it all)
    stale: say(translator(s.lang), staleReason(s)), // why the drawn points cannot train ("" if they can)
    view: viewOf(s), // the map's window [lo, hi] on both axes (the article's sets zoom in)
    drawn: s.drawn,
    session: sess && {
      problem: sess.problem, classes: sess.classes, loss: sess.loss, layerSizes: sess.layerSizes,
      pointCount: sess.trainMask.length, trainCount: sess.trainMask.reduce((a, b) => a + b, 0),
      preview: Boolean(sess.preview),
    },
    grid: g && { size: g.size, outputLength: g.output.length, neuronCount: g.neurons.length },
    hasWeights: Boolean(s.weights),
    hasNeurons: Boolean(s.neurons),
    mode: s.mode,
    focus: s.focus,
    selected: s.selected,
    canUndo: s.history.done.length > 0,
    canRedo: s.history.undone.length > 0,
  });
}

/**
 * @param {{store: import("./store.js").Store, engine: any, stats: object, actions: Record<string, unknown>}} deps
 */
export function createFacade({ store, engine, stats, actions }) {
  return Object.freeze({
    engine,
    stats,
    snapshot: () => snapshotOf(store.get(), engine.status),
    /** The session's points as rows [[x1, x2, label], ...] (a copy); [] without a session. */
    sessionPoints: () => {
      const sess = store.get().session;
      return sess ? toRows(sess.points) : [];
    },
    ...actions,
  });
}
