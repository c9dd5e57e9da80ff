// @ts-check
// THE app state: one immutable value in one store. Actions change it with update(patch); views
// subscribe and get (state, previous state). Whatever can be computed from the state is a
// function below, never a field of its own.

import { viewFor } from "../domain/geometry.js";
import { EMPTY_FLOW } from "../domain/gradflow.js";
import { EMPTY_HISTORY } from "../domain/history.js";
import { pointsProblem, toRows } from "../domain/points.js";
import { DEFAULTS, TABLE } from "../domain/settings.js";
import { initialLab } from "./lab-state.js";
import { initialSweep } from "./sweep-state.js";
import { initialLandscape } from "./landscape-state.js";

/** Settings the page keeps to itself (the engine never sees them). */
export const VIEW_ONLY = new Set(TABLE.filter((s) => s.live === "view").map((s) => s.name));

/**
 * @typedef {{points: Float64Array, trainMask: Uint8Array, layerSizes: number[], classes: number,
 *   problem: string, loss: string, settings: object | null, preview?: boolean}} Session
 *   settings: what the engine built it with (null for the build-time preview)
 * @typedef {{size: number, output: Float32Array, neurons: Float32Array[], confusion?: any}} Grid
 *   confusion: the matrix or scatter of the map's weights (domain/confusion.js)
 * @typedef {ReturnType<typeof initialState>} State
 */

export function initialState() {
  return {
    settings: /** @type {Record<string, any>} */ ({ ...DEFAULTS }), // what the page shows
    drawn: /** @type {number[][]} */ ([]), // the drawn / imported points [[x1, x2, label]], quantised
    history: EMPTY_HISTORY, // undo/redo of the drawn points (domain/history.js)
    load: { stage: "runtime", percent: 0, status: "loading", versions: null, error: null },
    session: /** @type {Session | null} */ (null),
    metrics: /** @type {Record<string, any> | null} */ (null),
    grid: /** @type {Grid | null} */ (null), // the big map
    neurons: /** @type {Grid | null} */ (null), // the last grid that carried the neurons' pictures
    weights: /** @type {{weights: any[], biases: any[]} | null} */ (null),
    playing: false,
    training: false, // a training chunk is in flight
    chunk: 1, // epochs per chunk
    inFlightEpochs: 0, // epochs of the step requests sent and not answered yet
    queuedSteps: 0, // Step presses during loading, run once the engine is ready
    notice: /** @type {import("../domain/i18n.js").Message} */ (""), // text, or data said in the page's language
    notices: /** @type {import("./notices.js").Notice[]} */ ([]), // the ones with buttons, kept until acted on
    linkStatus: /** @type {import("../domain/i18n.js").Message} */ (""), // Copy link's words (app/links.js)
    erasing: /** @type {number[][] | null} */ (null), // the points during an erase stroke
    inspection: /** @type {{kind: string, reply: any, extra: any} | null} */ (null),
    mode: "off", // drawing: off | add | erase
    label: 0, // the class new points get
    value: 0.5, // the value new regression points get
    speed: 0, // epochs per second; 0: as fast as possible
    // the pace a lesson example's preset replaced (domain/presets.js pickPace), given back when left
    paceBefore: /** @type {import("../domain/presets.js").Pace | null} */ (null),
    // why a stopping rule last stopped the training (the step reply's `stopped`, bpcore/stopping.py)
    stopped: /** @type {{rule: string, epoch: number, watch: string, loss: number} | null} */ (null),
    sampleSteps: 0, // single-sample steps taken (the step-through's "Take the step") this session
    logScale: false,
    focus: /** @type {Record<string, any> | null} */ (null), // the neuron or feature the map shows
    selected: /** @type {Record<string, any> | null} */ (null), // the inspected point or neuron
    diagramVisible: true,
    // the step-through (app/step-through.js): the walked sample and the stage shown
    walk: /** @type {{index: number, stage: number} | null} */ (null),
    // the training since epoch 0 of this session, for the link: the changes on the way, weight
    // edits [epoch, layer, i, j, value] and setting changes [epoch, name, value]; start: the
    // live settings the run started with (null: the settings shown); replayable false once it
    // cannot be replayed, `why`: "loaded" (weights from a file) or "full" (more changes than a
    // link holds)
    trail: { edits: /** @type {any[][]} */ ([]), replayable: true, start: /** @type {Record<string, any> | null} */ (null), why: /** @type {"" | "loaded" | "full" | "plugged"} */ ("") },
    // a link's training being replayed (app/replay.js): to epoch, the edits, epochs done, the
    // estimated ms left (null until known), whether opening the link changed its settings
    // (changed), whether it is the page's own run come back (a reload: own)
    replay: /** @type {{epoch: number, edits: any[][], done: number, left?: number | null, changed?: boolean, own?: boolean} | null} */ (null),
    linkFit: /** @type {import("../domain/i18n.js").Message} */ (""), // what the share link cannot hold of the page ("" when it holds it all)
    lang: "en", // the page's language (domain/i18n.js); main.js sets the negotiated one at boot
    // the settings an article preset replaced, given back when the user leaves it (domain/presets.js)
    presetBefore: /** @type {import("../domain/presets.js").Before | null} */ (null),
    // "What the hidden layer sees": the panel, the chosen layer and axes, the engine's picture
    // the lab's code the engine trains with (app/plugin.js): {exercise, part} | null
    plugged: /** @type {{exercise: string, part: "activation" | "loss" | "dense"} | null} */ (null),
    pluggedSource: /** @type {string | null} */ (null), // its code, for the share link (links.js)
    // a link's lab part (app/link-lab.js): {exercise, code, plugged, epoch, edits}; a plugged
    // run's waits here for consent ("Check and plug this code, then replay")
    linkLab: /** @type {{exercise: string, code: string, plugged: boolean, epoch: number, edits: any[][], n: number, own?: boolean} | null} */ (null),
    // the confusion box (app/confusion.js): the set shown, the cell [true, predicted] the map marks
    confusion: /** @type {import("../domain/confusion.js").Choice} */ ({ set: "train", cell: null }),
    plane: { open: false, layer: 0, axes: /** @type {"pca" | [number, number]} */ ("pca"), view: /** @type {any} */ (null), error: /** @type {import("../domain/i18n.js").Message} */ ("") },
    // the Python lab (app/lab.js): open, the exercise, code and progress per exercise, the last result
    lab: initialLab(),
    sweep: initialSweep(), // the learning-rate sweep (app/sweep.js)
    landscape: initialLandscape(), // the loss landscape (app/landscape.js)
    // the gradient flow (domain/gradflow.js): each layer's gradient RMS per chunk, the last sample
    gradFlow: EMPTY_FLOW,
    // two runs in lockstep (app/compare.js, domain/compare.js): run B, or null for one run
    compare: /** @type {any} */ (null),
    // a recording of the figure for slides (figure-mount.js): its time so far, or null
    recording: /** @type {{ms: number} | null} */ (null),
    // a classroom link's part (app/classroom.js): the controls hidden, the goal and the epoch it
    // was reached at in this run (null: not yet)
    classroom: { hide: /** @type {string[]} */ ([]), goal: /** @type {import("../domain/link-classroom.js").Goal | null} */ (null), reached: /** @type {{epoch: number} | null} */ (null) },
  };
}

/**
 * A store: get(), update(patch | (state) => patch), subscribe(fn(state, previous)) -> unsubscribe.
 * An update() made while subscribers are being told (a subscriber's own) changes the state at
 * once, but its notification waits until the current one has reached every subscriber: each
 * subscriber sees every (state, prev) pair once, in order, each prev the state it saw last.
 * @param {State} state
 */
export function createStore(state) {
  /** @type {Set<(s: State, prev: State) => void>} */
  const subscribers = new Set();
  /** @type {[State, State][]} the changes not yet told, oldest first */
  const queue = [];
  let telling = false;
  return {
    get: () => state,
    /** @param {Partial<State> | ((s: State) => Partial<State>)} patch */
    update(patch) {
      const prev = state;
      state = Object.freeze({ ...state, ...(typeof patch === "function" ? patch(state) : patch) });
      queue.push([state, prev]);
      if (telling) return;
      telling = true;
      let failure = /** @type {{err: unknown} | null} */ (null); // a subscriber that throws stops neither the others nor later changes
      try {
        for (let change = queue.shift(); change; change = queue.shift()) {
          for (const fn of subscribers) {
            try {
              fn(...change);
            } catch (err) {
              failure ??= { err };
            }
          }
        }
      } finally {
        telling = false;
      }
      if (failure) throw failure.err;
    },
    /** @param {(s: State, prev: State) => void} fn */
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}

/** @typedef {ReturnType<typeof createStore>} Store */

// ------------------------------------------------------------------ derived values

/** @param {State} s */
export const isCustom = (s) => s.settings.dataset === "custom";

/** The window [lo, hi] the map shows (both axes): the data set's. @param {State} s */
export const viewOf = (s) => viewFor(s.settings.dataset);

/** Why the shown drawn points cannot train ("" if they can, or a preset is shown). @param {State} s */
export const staleReason = (s) => (isCustom(s) ? pointsProblem(s.drawn, s.settings.problem) : "");

/** The engine's own session exists and the engine can take requests. @param {State} s */
export const engineReady = (s) => Boolean(s.session && !s.session.preview && s.load.status === "ready");

/** The problem of what is shown. @param {State} s */
export function problemOf(s) {
  if (isCustom(s)) return s.settings.problem;
  return s.session ? s.session.problem : "classification";
}

/** The points shown: the drawn ones, else the session's. @param {State} s */
export function shownRows(s) {
  if (isCustom(s)) return s.drawn;
  return s.session ? toRows(s.session.points) : [];
}

/** Settings for the engine: the view-only ones stay on the page. @param {Record<string, any>} settings */
export function engineSettings(settings) {
  return Object.fromEntries(Object.entries(settings).filter(([k]) => !VIEW_ONLY.has(k)));
}

/** What the share link holds: during a replay the link's own training, else the epoch shown
 * and the changes up to it (epoch 0 if the training cannot be replayed). A link with a training
 * holds the live settings the run started with (trail.start); its changes lead to those shown.
 * @param {State} s */
export function linkState(s) {
  const points = isCustom(s) ? s.drawn : null;
  const started = { ...s.settings, ...(s.trail.start || {}) };
  if (s.replay) return { settings: started, points, epoch: s.replay.epoch, edits: s.replay.edits };
  const live = Boolean(s.session && !s.session.preview && s.metrics);
  const epoch = live && s.trail.replayable ? s.metrics.epoch : 0;
  const edits = live && s.trail.replayable ? s.trail.edits.filter((e) => e[0] <= epoch) : [];
  return { settings: epoch || edits.length ? started : s.settings, points, epoch, edits };
}

/** At most this many points: the page lists them with their outputs (views/points-table.js). */
export const TABLE_MAX = 12;

/** The data set is small enough for the points table: grids then carry every point's output.
 * @param {State} s */
export const fewPoints = (s) => Boolean(s.session && s.session.trainMask.length <= TABLE_MAX);

/** A neuron ref for the diagram from the selection, if a neuron is selected. @param {State} s */
export function selectedNeuron(s) {
  const sel = s.selected;
  if (!sel || sel.kind !== "neuron") return null;
  const out = sel.layer === s.settings.layers.length;
  return { kind: out ? "output" : "hidden", layer: sel.layer, index: sel.index };
}

/** A rejected request as the notice (the traceback goes to the console): an error with a code
 * stays data {code, message, ...params}, said in the page's language (domain/i18n.js say);
 * any other is its text. @param {any} err @returns {import("../domain/i18n.js").Message} */
export function noticeOf(err) {
  if (err && err.traceback) console.warn(err.traceback);
  if (err && err.code) return { ...err.params, code: err.code, message: String(err.message) };
  return String((err && err.message) || err);
}

/** Resolves once `test()` holds after a state change of `store` (or at once): an action that
 * must wait for the state (training stopped, the engine ready) awaits this.
 * @param {ReturnType<typeof createStore>} store @param {() => boolean} test */
export function until(store, test) {
  return new Promise((resolve) => {
    if (test()) return resolve(null);
    const off = store.subscribe(() => {
      if (test()) {
        off();
        resolve(null);
      }
    });
  });
}
