// @ts-check
// window.bp: the page's documented facade for tests and benchmarks (docs/ARCHITECTURE.md,
// "window.bp"). It hands out plain copies, never the live state, and the same actions the
// controls use.

import { shownOnPage } from "../domain/confusion.js";
import { say, translator } from "../domain/i18n.js";
import { toRows } from "../domain/points.js";
import { labFacade } from "./lab-runtime.js";
import { KEYS, asideKey, previousKey, readRaw } from "./storage.js";
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
    speed: s.speed, // epochs per second (0: as fast as possible)
    stopAt: s.settings.stop_at, // the epoch Play pauses at (0: none; the setting stop_at)
    stopped: s.stopped, // why a stopping rule last stopped the training (null: none yet)
    sampleSteps: s.sampleSteps, // single-sample steps taken this session (counted beside the epoch)
    chunk: s.chunk,
    inFlightEpochs: s.inFlightEpochs,
    settings: s.settings,
    notice: say(translator(s.lang), s.notice), // the words shown, in the page's language
    // the ones kept until dismissed, as shown (a list: one a line)
    notices: s.notices.map((n) => [n.text].flat().map((m) => say(translator(s.lang), m)).join("\n")),
    lang: s.lang,
    linkStatus: say(translator(s.lang), s.linkStatus), // Copy link's words, as shown
    // a link's training replaying: to epoch, epochs done, the estimated ms left (null until known)
    replay: s.replay && { epoch: s.replay.epoch, done: s.replay.done, left: s.replay.left ?? null },
    trail: s.trail, // the weight edits since epoch 0, and whether a link can replay them
    plugged: s.plugged, // the lab's code the engine trains with: {exercise, part} | null
    classroom: s.classroom, // a classroom link's hidden controls, goal and the epoch it was reached at
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
    // the confusion box as shown (domain/confusion.js shownOnPage): matrix or scatter, null without a map
    confusion: shownOnPage(s, Boolean(staleReason(s))),
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
 * The actions the facade hands out: the same paths as the controls.
 * @param {{training: any, session: any, links: any, inspection: any, walk: any, plugin: any, lab: any, store: import("./store.js").Store}} app
 */
function actionsOf({ training, session, links, inspection, walk, plugin }) {
  return {
    play: () => training.setPlaying(true),
    pause: () => training.setPlaying(false),
    step: training.step,
    reset: session.reset,
    /** New weights (the button): a new seed, by chance or the given one. @param {number} [seed] */
    newWeights: (seed) => session.newWeights(seed),
    /** A configure from code (tests, benchmarks): the same path as the controls. @param {object} settings */
    configure: (settings) => session.apply(settings),
    linkText: links.text,
    flushLink: links.flush,
    /** Set one weight (j = -1: the bias), as the diagram's weight editor does. */
    editWeight: session.editWeight,
    inspectPoint: inspection.inspectPoint,
    inspectNeuron: inspection.inspectNeuron,
    /** The step-through: start(index?, stage?), go(+1 | -1 | stage id), take(), stop(),
     * showArticle(stage id): what the lesson's "Show on the example" buttons do; stage(): the stage shown. */
    stepThrough: Object.freeze({ ...walk }),
    /** Train with the lab's code of a passed plug exercise (app/plugin.js): plugIn(exercise,
     * source) -> {exercise, part} | null (refused: the notice says why); unplug() -> bool. */
    plugIn: plugin.plugIn,
    unplug: plugin.unplug,
  };
}

/**
 * window.bp.lab: the lab's panel (app/lab.js, loaded with the lab) and its runner
 * (app/lab-runtime.js, labFacade). open(exercise?) opens the panel (on that exercise) and
 * resolves once Python can run code; run() / check() without arguments do what the panel's
 * buttons do with the panel's code, run(source) / check(exercise, source) send that source
 * straight to the runner (rejecting with its code: lab_stopped, lab_time_limit, ...); stop();
 * status(), info(): the runner's; choose(id), close(), code(), setCode(text), reset(), hint(),
 * use(), flush() (save now), state() (the panel's state as plain data).
 * @param {any} panel the lab's actions (lab-mount.js)
 */
function labOf(panel) {
  const runner = labFacade();
  return Object.freeze({
    ...runner,
    ...panel,
    /** @param {string} [exercise] */
    open: (exercise) => Promise.resolve(panel.open(exercise)).then(() => runner.open()),
    /** @param {string} [source] */
    run: (source) => (source === undefined ? panel.run() : runner.run(source)),
    /** @param {string} [exercise] @param {string} [source] */
    check: (exercise, source) => (exercise === undefined ? panel.check() : runner.check(exercise, /** @type {string} */ (source))),
    stop: runner.stop,
  });
}

/**
 * @param {{store: import("./store.js").Store, engine: any, stats: object, training: any,
 *   session: any, links: any, inspection: any, walk: any, plugin: any, lab: any, sweep: any, landscape?: any,
 *   gradFlow: {setOpen: (open: boolean) => void}, compare?: any, classroom: any}} app
 */
export function createFacade(app) {
  const { store, engine, stats } = app;
  return Object.freeze({
    engine,
    stats,
    snapshot: () => snapshotOf(store.get(), engine.status),
    /** The session's points as rows [[x1, x2, label], ...] (a copy); [] without a session. */
    sessionPoints: () => {
      const sess = store.get().session;
      return sess ? toRows(sess.points) : [];
    },
    /** What localStorage keeps for the page, as stored (text, or null): the drawn points and
     * the settings, the unreadable records set aside, the ones a link replaced. */
    stored: () => {
      const both = (/** @type {(key: string) => string} */ k) => ({ points: readRaw(k(KEYS.points)), settings: readRaw(k(KEYS.settings)) });
      return { ...both((k) => k), aside: both(asideKey), previous: both(previousKey) };
    },
    /** The Python lab: its panel and its runner (labOf above). */
    lab: labOf(app.lab),
    /** The learning-rate sweep (sweep-mount.js): open(), start(options?), cancel(), choose(i), use(i?), state(). */
    sweep: app.sweep,
    /** The loss landscape (landscape-mount.js): open(), compute({draw}), cancel(), state(). */
    landscape: app.landscape,
    /** The gradient flow (domain/gradflow.js): state() its slice as plain data ({samples:
     * [{epoch, rmsW}], last: {epoch, rmsW, rmsB, dead, deadUnits} | null, open}); setOpen(open). */
    gradFlow: Object.freeze({ state: () => structuredClone(store.get().gradFlow), setOpen: app.gradFlow.setOpen }),
    /** Two runs in lockstep (compare-mount.js): start(overrides?), setB(changes), stop(), state(). */
    compare: app.compare,
    /** The classroom (app/classroom.js): setHidden(name, on), showAll(), setGoal(goal | null) -> ok. */
    classroom: Object.freeze({ ...app.classroom }),
    ...actionsOf(app),
  });
}
