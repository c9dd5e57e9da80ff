// The page: the ONE owner of app state. It wires the controls, the engine client and the
// widgets. Training is driven from here in chunks: send `step {epochs: k, gridSize}`, keep
// the reply, send the next chunk while playing; k adapts so a chunk costs ~CHUNK_MS of worker
// time (Pause then lands within one chunk). Drawing happens in requestAnimationFrame, apart
// from the worker, so the UI thread never waits for it. Widgets (heatmap, chart, network view,
// pen) are dumb; pure helpers live in points.js, controls.js, share.js, view.js.

import { Engine } from "./engine.js";
import { Heatmap } from "./heatmap.js";
import { LineChart } from "./linechart.js";
import { NetworkView } from "./network-view.js";
import { Inspector } from "./inspector.js";
import { mountModelFiles } from "./model-files.js";
import { attachDrawing } from "./draw.js";
import { applyAction, createHistory } from "./history.js";
import { loadPoints, loadSettings, savePoints, saveSettings } from "./storage.js";
import { decodeLink, quantizePoints, sanitizeSettings } from "./link.js";
import { DEFAULTS, SETTINGS, TABLE } from "./settings.js";
import { setupControls } from "./controls.js";
import { showLoad, showMetrics } from "./panels.js";
import { copyLink, createLinkSync } from "./share.js";
import { classesUsed, convertLabels, nearestPoint, pointsProblem, toFlat, toRows } from "./points.js";
import { loadPreview, previewMatches } from "./preview.js";
import { GRID, measured, newClock, nextChunkSize, planStep } from "./schedule.js";
import { SUGGESTED, featureGrid, fmt, neuronOffset, parseLayers, pointColour, sleep } from "./view.js";

const WEIGHTS_MS = 100; // ask for the weights at most 10x per second
const VIEW_ONLY = new Set(TABLE.filter((s) => s.live === "view").map((s) => s.name));

const $ = (id) => document.getElementById(id);

// ------------------------------------------------------------------------------- state
// Everything mutable lives here; handlers change it and call render().
const state = {
  settings: { ...DEFAULTS }, // what the page shows: complete; the engine's canonical values
  engineSettings: null, // what the engine's session was built with
  custom: [], // the drawn / imported points [[x1, x2, label]], quantised
  stale: "", // why the engine's session does not match the shown (custom) data, if it does not
  load: { stage: "runtime", percent: 0, status: "loading", versions: null },
  session: null, // {points, trainMask, layerSizes, classes, problem, loss}
  metrics: null,
  grid: null, // {size, output, neurons}
  neurons: null, // the last grid that carried neurons {size, neurons}
  weights: null, // {weights, biases}
  playing: false,
  pumping: false, // a training chunk is in flight
  chunk: 1, // epochs per chunk
  notice: "",
  linkStatus: "",
  preview: null, // points shown during an erase stroke
  ui: { mode: "off", label: 0, value: 0.5, speed: 0, logScale: false, focus: null, selected: null },
};
const history = createHistory(100);
let booted = null; // resolves once the link / storage has been read
const preview = loadPreview(); // fetched at once, shown by boot()

// Numbers for tests and benchmarks (window.bp.stats).
const stats = {
  t0: performance.now(), usableAt: null, readyAt: null, sessionAt: null, firstHeatmapAt: null,
  previewAt: null, maps: 0,
  chunks: 0, epochsTrained: 0, workerMs: 0, lastChunkMs: 0, frames: 0, progress: [],
};

// ------------------------------------------------------------------------------- widgets
const heatmap = new Heatmap($("heatmap"));
const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const chart = new LineChart($("loss-chart"), () => [css("--chart-train") || "#222", css("--chart-test") || "#999"]);

const engine = new Engine({
  progress({ stage, percent }) {
    stats.progress.push([stage, percent, Math.round(performance.now())]);
    Object.assign(state.load, { stage, percent });
    render();
  },
  ready(versions) {
    stats.readyAt = performance.now();
    Object.assign(state.load, { status: "ready", versions });
    render();
    startSession();
  },
  fatal({ message, detail }) {
    Object.assign(state.load, { status: "fatal", error: { message, detail } });
    state.playing = false;
    state.session = null;
    render();
  },
});
// Start loading Pyodide now: its ~3 s of compiling and importing overlap building the page.
// (Events arrive only after this module has run, so every handler's names exist by then.)
engine.start();

const network = new NetworkView($("network-view"), {
  onNeuronFocus(ref) {
    state.ui.focus = ref;
    if (ref && ref.kind === "hidden" && !state.neurons) fetchGrid(true);
    render();
  },
  onNeuronClick(ref) {
    if (ref.kind !== "feature") inspectNeuron({ layer: ref.layer, index: ref.index });
  },
  onLinkClick({ value, j }) {
    state.notice = `${j < 0 ? "Bias" : "Weight"}: ${fmt(value)}. Type a new value and press Enter.`;
    render();
  },
  onWeightEdit: editWeight,
  onArchitectureChange(layers, activation) {
    apply({ layers, activation });
  },
  onActivationChange(layer, name) {
    const s = state.settings;
    const acts = s.layers.map((_, l) => s.activation[s.activation.length === 1 ? 0 : l]);
    acts[layer] = name;
    apply({ activation: acts.every((a) => a === acts[0]) ? [acts[0]] : acts });
  },
  onFeaturesChange(features) {
    apply({ features });
  },
});

const controls = setupControls(document.body, (name, value) => apply({ [name]: value }), (name, message) => {
  state.notice = message;
  render();
});

const link = createLinkSync(() => linkState(), {
  delay: 300,
  onChange() {
    saveSettings(linkState().settings);
  },
});

// ------------------------------------------------------------------------------- engine calls

function noticeOf(err) {
  if (err && err.traceback) console.warn(err.traceback);
  return String((err && err.message) || err);
}

const engineReady = () => state.session && engine.status === "ready";

/** Settings for the engine: the view-only ones stay on the page. */
function engineSettings(s = state.settings) {
  return Object.fromEntries(Object.entries(s).filter(([k]) => !VIEW_ONLY.has(k)));
}

function linkState() {
  const s = state.settings;
  return { settings: s, points: s.dataset === "custom" ? state.custom : null };
}

function adopt(engineS) {
  state.engineSettings = engineS;
  const view = Object.fromEntries([...VIEW_ONLY].map((k) => [k, state.settings[k]]));
  state.settings = { ...engineS, ...view };
}

function showSession(r) {
  adopt(r.settings);
  state.stale = "";
  state.session = {
    points: r.points, trainMask: r.trainMask, layerSizes: r.layerSizes,
    classes: r.classes, problem: r.problem, loss: r.loss,
  };
  state.metrics = r.metrics;
  state.grid = null;
  state.neurons = null;
  state.weights = null;
  closeInspector(); // its numbers belong to the old network
  chart.reset();
  chart.add(r.metrics.epoch, [r.metrics.lossTrain, r.metrics.lossTest]);
  if (!stats.sessionAt) stats.sessionAt = performance.now();
  fetchGrid(true);
  fetchWeights();
  changed();
}

/** The boundary (and thumbnails) of the current weights, without training. */
function fetchGrid(neurons) {
  if (!engineReady()) return;
  engine.request("grid", { size: GRID, neurons }).then((g) => {
    if (!state.session) return;
    state.grid = g;
    if (neurons) state.neurons = g;
    render();
  }, () => {});
}

let weightsAt = 0;
function fetchWeights() {
  if (!engineReady()) return;
  weightsAt = performance.now();
  engine.request("weights", {}).then((w) => {
    state.weights = w;
    render();
  }, () => {});
}

async function startSession() {
  await booted;
  const s = state.settings;
  let settings = engineSettings();
  let points;
  if (s.dataset === "custom") {
    state.stale = pointsProblem(state.custom, s.problem);
    if (state.stale) settings = { ...settings, dataset: "circle" };
    else points = state.custom;
  }
  const stale = state.stale;
  const keep = { ...state.settings };
  try {
    showSession(await engine.request("init", { settings, points }));
  } catch (err) {
    state.notice = noticeOf(err); // settings the engine refused: start from its defaults
    showSession(await engine.request("init", {}));
  }
  if (stale) { // the engine trains a preset; the page still shows the drawn points
    state.settings = keep;
    state.stale = stale;
    state.notice = stale;
  }
  render(true);
  if (state.playing) pump();
}

/** Change settings (and/or the custom points); live ones apply in place, others rebuild. */
async function apply(changes, { points = false } = {}) {
  const before = state.settings;
  state.settings = { ...state.settings, ...changes };
  changed();
  if (!state.session || engine.status !== "ready") return null;
  const s = state.settings;
  const custom = s.dataset === "custom";
  if (custom) {
    state.stale = pointsProblem(state.custom, s.problem);
    if (state.stale) {
      state.notice = state.stale;
      state.grid = null;
      render(true);
      return null;
    }
  }
  const onlyView = Object.keys(changes).every((k) => VIEW_ONLY.has(k));
  if (onlyView && !points) return null;
  const payload = { settings: engineSettings() };
  const engineCustom = state.engineSettings && state.engineSettings.dataset === "custom";
  if (custom && (points || !engineCustom)) payload.points = state.custom;
  try {
    const r = await engine.request("configure", payload);
    state.notice = "";
    if (r.rebuilt) showSession(r);
    else {
      adopt(r.settings);
      state.metrics = r.metrics;
    }
    render(true);
    return r;
  } catch (err) {
    state.notice = noticeOf(err);
    state.settings = { ...before, ...Object.fromEntries([...VIEW_ONLY].map((k) => [k, state.settings[k]])) };
    changed();
    render(true);
    return null;
  }
}

/** Train chunk after chunk while playing. Two chunks are in flight, so the worker starts the
 * next one while the page handles a reply (it never waits for the main thread); what each
 * chunk trains and brings back is decided by schedule.js. */
async function pump() {
  if (state.pumping) return;
  state.pumping = true;
  let clock = newClock();
  const send = () => {
    const speed = state.ui.speed; // epochs per second; 0: as fast as possible
    const epochs = speed ? Math.max(1, Math.min(state.chunk, Math.round(speed / 20))) : state.chunk;
    const focusHidden = Boolean(state.ui.focus && state.ui.focus.kind === "hidden");
    const plan = planStep(clock, performance.now(), { epochs, thumbs: netVisible, focusHidden });
    clock = plan.clock;
    const request = plan.request;
    return { request, sentAt: performance.now(), reply: engine.timed("step", request) };
  };
  const going = () => state.playing && engineReady() && !state.stale;
  try {
    let inFlight = going() ? [send()] : [];
    while (inFlight.length) {
      if (going() && inFlight.length < 2 && !state.ui.speed) inFlight.push(send());
      const { request, sentAt, reply } = inFlight.shift();
      const { result, ms } = await reply;
      stats.chunks += 1;
      stats.epochsTrained += result.metrics.epoch - (state.metrics ? state.metrics.epoch : 0);
      stats.workerMs += ms;
      stats.lastChunkMs = ms;
      clock = measured(clock, result.ms, request);
      applyStep(result);
      if (netVisible && performance.now() - weightsAt > WEIGHTS_MS) fetchWeights();
      state.chunk = nextChunkSize(request.epochs, result.ms.train);
      if (state.ui.speed) {
        await sleep(sentAt + (request.epochs * 1000) / state.ui.speed - performance.now(), () => !state.playing);
      }
      if (going() && !inFlight.length) inFlight.push(send());
    }
  } catch (err) {
    state.playing = false;
    state.notice = noticeOf(err);
    render();
  } finally {
    state.pumping = false;
    if (!state.playing && engineReady()) { // paused: the full picture once, visible or not
      fetchGrid(true);
      fetchWeights();
    }
  }
}

function applyStep(r) {
  state.metrics = r.metrics;
  if (r.grid) {
    stats.maps += 1;
    state.grid = r.grid;
    if (r.grid.neurons.length) state.neurons = r.grid;
  }
  if (r.thumbs) state.neurons = r.thumbs;
  chart.add(r.metrics.epoch, [r.metrics.lossTrain, r.metrics.lossTest]);
  if (r.metrics.diverged) {
    state.playing = false;
    state.notice = "Training diverged: the loss is no longer finite. Try a smaller learning " +
      "rate, then press Reset.";
  }
  render();
}

// ------------------------------------------------------------------------------- actions

function setPlaying(on) {
  if (on && state.metrics && state.metrics.diverged) {
    state.notice = "Training diverged. Try a smaller learning rate, then press Reset.";
    render();
    return;
  }
  if (on && state.stale) {
    state.notice = state.stale;
    render();
    return;
  }
  state.playing = on;
  if (on && !state.notice.startsWith("Weight")) state.notice = "";
  render();
  if (on) pump();
}

async function step() {
  setPlaying(false);
  if (!engineReady() || state.stale) return;
  try {
    applyStep(await engine.request("step", { epochs: 1, gridSize: GRID, neurons: true }));
    fetchWeights();
  } catch (err) {
    state.notice = noticeOf(err);
    render();
  }
}

async function reset() {
  if (!engineReady()) return;
  try {
    showSession(await engine.request("reset", {}));
    state.notice = "";
  } catch (err) {
    state.notice = noticeOf(err);
  }
  render();
}

const randomSeed = () => Math.floor(Math.random() * 2 ** 31);

async function editWeight({ layer, i, j, value }) {
  if (!engineReady()) return;
  try {
    const r = await engine.request("setWeight", { layer, i, j, value });
    state.notice = `${j < 0 ? "Bias" : "Weight"} set to ${fmt(r.value)}.`;
    fetchWeights();
    fetchGrid(true);
  } catch (err) {
    state.notice = noticeOf(err);
  }
  render();
}

/** A configure from code (tests, benchmarks): the same path as the controls. */
async function configure(settings) {
  return apply(settings);
}

function retry() {
  state.load = { stage: "runtime", percent: 0, status: "loading", versions: null };
  state.session = null;
  state.grid = null;
  state.metrics = null;
  render();
  engine.start(); // the ready event re-sends the settings and the points (startSession)
}

// -- the backprop inspector and the model files (web/inspector.js, web/model-files.js) ---------
// A click near a data point (not drawing) calls inspectPoint; a click on a neuron calls
// inspectNeuron. The panel (#inspector-panel) hides itself while it holds only its <h2>
// (style.css), so the inspector's box is attached when something is shown, removed on close.

const inspectorBox = document.createElement("div");
const inspector = new Inspector(inspectorBox, {
  // a hovered row/column/value names a neuron: mark it in the diagram, then back to the selection
  onHighlight: (ref) => network.setHighlight(ref || selectedNeuronRef()),
  onClose: closeInspector,
});
let inspectSeq = 0; // only the latest request's reply is shown

function selectedNeuronRef() {
  const sel = state.ui.selected;
  if (!sel || sel.kind !== "neuron") return null;
  const out = sel.layer === state.settings.layers.length;
  return { kind: out ? "output" : "hidden", layer: sel.layer, index: sel.index };
}

function openInspector() {
  if (!inspectorBox.isConnected) $("inspector-panel").appendChild(inspectorBox);
}

function closeInspector() {
  inspectSeq += 1;
  inspectorBox.remove();
  state.ui.selected = null;
  network.setHighlight(null);
}

/** The neuron's output over the plane from the last grid, if the page has it. */
function neuronThumb(ref) {
  const g = ref.kind === "output" ? state.grid : state.neurons;
  if (!g || !state.session) return null;
  const nn = g.size * g.size;
  if (ref.kind === "output") {
    const values = g.output && g.output.subarray(ref.index * nn, (ref.index + 1) * nn);
    return values && values.length === nn ? { size: g.size, values } : null;
  }
  const offset = neuronOffset(state.session.layerSizes, ref.layer) + ref.index;
  const values = g.neurons && g.neurons[offset];
  return values ? { size: g.size, values } : null;
}

async function inspectPoint(index) {
  state.ui.selected = { kind: "point", index };
  network.setHighlight(null);
  render();
  const seq = ++inspectSeq;
  try {
    // sent back to back: no training step can land between the two
    const [r, weights] = await Promise.all([
      engine.request("inspect", { index }),
      engine.request("weights", {}),
    ]);
    if (seq !== inspectSeq) return;
    inspector.showSample(r, {
      article: state.settings.dataset === "article", weights, settings: state.settings,
    });
    openInspector();
  } catch (err) {
    state.notice = noticeOf(err);
    render();
  }
}

async function inspectNeuron({ layer, index }) {
  state.ui.selected = { kind: "neuron", layer, index };
  const ref = selectedNeuronRef();
  network.setHighlight(ref);
  render();
  const seq = ++inspectSeq;
  try {
    const r = await engine.request("inspectNeuron", { layer, i: index });
    if (seq !== inspectSeq) return;
    inspector.showNeuron(r, neuronThumb(ref), {
      features: state.settings.features, output: ref.kind === "output",
    });
    openInspector();
  } catch (err) {
    state.notice = noticeOf(err);
    render();
  }
}

mountModelFiles($("model-files"), {
  request: (type, payload) => engine.request(type, payload),
  epochs: () => (state.metrics && state.metrics.epoch) || 100,
  notify: (text) => {
    state.notice = text;
    render();
  },
  onWeightsLoaded: (r) => {
    state.weights = { weights: r.weights, biases: r.biases };
    state.metrics = r.metrics;
    fetchGrid(true);
    render();
  },
});

// ------------------------------------------------------------------------------- drawn data

function currentRows() {
  if (state.settings.dataset === "custom") return state.custom;
  return state.session ? toRows(state.session.points) : [];
}

function problemNow() {
  return state.settings.dataset === "custom" ? state.settings.problem : state.session ? state.session.problem : "classification";
}

/** Replace the custom points (one undoable step unless `action` says otherwise). */
function setCustom(rows, { record = true } = {}) {
  if (record) history.push({ type: "replace", before: state.custom, after: rows });
  state.custom = rows;
  savePoints(rows);
}

/** Make the shown preset the custom set, so strokes edit what the user sees. */
function customFromPreset() {
  const sess = state.session;
  const problem = sess ? sess.problem : "classification";
  setCustom(quantizePoints(currentRows(), problem));
  return { dataset: "custom", problem, classes: Math.max(2, sess && sess.classes ? sess.classes : 2) };
}

function commitStroke(action) {
  let changes = {};
  if (state.settings.dataset !== "custom") changes = customFromPreset();
  const problem = changes.problem || state.settings.problem;
  if (action.type === "add") action = { ...action, points: quantizePoints(action.points, problem) };
  history.push(action);
  state.custom = applyAction(state.custom, action);
  savePoints(state.custom);
  state.preview = null;
  if (problem === "classification") {
    changes.classes = Math.max(changes.classes || state.settings.classes, classesUsed(state.custom));
  }
  apply(changes, { points: true });
}

function undoRedo(redo) {
  const rows = redo ? history.redo(state.custom) : history.undo(state.custom);
  if (!rows) return;
  state.custom = rows;
  savePoints(rows);
  apply({ dataset: "custom" }, { points: true });
}

function clearPoints() {
  setCustom([]);
  apply({ dataset: "custom" }, { points: true });
}

function setMode(mode) {
  state.ui.mode = state.ui.mode === mode ? "off" : mode;
  pen.update();
  render();
}

const pen = attachDrawing($("draw-layer"), {
  mode: () => state.ui.mode,
  label: () => (problemNow() === "regression" ? state.ui.value : state.ui.label),
  points: () => currentRows(),
  colour: (l) => pointColour(problemNow())(l),
  onStroke(stroke) {
    if (stroke.type === "erase") {
      state.preview = applyAction(currentRows(), stroke);
      render();
    }
  },
  onStrokeEnd: commitStroke,
});

async function importCsv(file) {
  if (!file || !engineReady()) return;
  const problem = problemNow();
  const classes = Math.max(state.settings.classes, 2);
  try {
    const text = await file.text();
    const r = await engine.request("parseCsv", { text, problem, classes: problem === "regression" ? undefined : 5 });
    const rows = quantizePoints(toRows(r.points), problem);
    setCustom(rows);
    const k = problem === "regression" ? classes : Math.max(2, classesUsed(rows));
    await apply({ dataset: "custom", problem, classes: k }, { points: true });
    state.notice = `Imported ${r.count} points from ${file.name}.`;
  } catch (err) {
    state.notice = `${file.name}: ${noticeOf(err)} Your points are unchanged.`;
  }
  render(true);
}

async function exportCsv() {
  if (!engineReady()) return;
  try {
    const { text } = await engine.request("exportCsv", {});
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
    a.download = "points.csv";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  } catch (err) {
    state.notice = noticeOf(err);
    render();
  }
}

// ------------------------------------------------------------------------------- links

/** Settings and points from a link (or, with no link, from localStorage). */
async function boot() {
  const stored = loadPoints();
  if (stored.value) state.custom = stored.value; // quantised when drawn
  if (location.hash.length > 1) {
    await openLink(location.hash, false);
  } else {
    const saved = loadSettings();
    if (saved.value) state.settings = sanitizeSettings(saved.value).settings;
    if (state.settings.dataset === "custom" && pointsProblem(state.custom, state.settings.problem)) {
      state.settings = { ...state.settings, dataset: DEFAULTS.dataset };
    }
    changed();
  }
  showPreview(await preview);
}

/** Until the engine is ready: the data and boundary that build.py computed, if they are what
 * the page is about to train (drawn points show anyway). Controls stay with the engine. */
function showPreview(p) {
  if (!p || state.session || state.settings.dataset === "custom") return;
  if (!previewMatches(p.described.settings, state.settings)) return;
  const d = p.described;
  state.session = {
    points: d.points, trainMask: d.trainMask, layerSizes: d.layerSizes,
    classes: d.classes, problem: d.problem, loss: d.loss, preview: true,
  };
  state.metrics = d.metrics;
  state.grid = p.grid;
  chart.add(d.metrics.epoch, [d.metrics.lossTrain, d.metrics.lossTest]);
  stats.previewAt = performance.now();
  render(true);
}

async function openLink(text, restart = true) {
  const { settings, points, notices } = await decodeLink(text);
  state.settings = settings;
  if (points) setCustom(points, { record: state.custom.length > 0 });
  link.adopt(String(text).replace(/^#/, ""));
  state.notice = notices.join(" ");
  render(true);
  if (restart && engine.status === "ready") startSession();
}

/** Something the link shows changed: update the address bar (debounced) and redraw. */
function changed() {
  link.schedule();
  render(true);
}

async function copy() {
  const text = await link.flush();
  const how = await copyLink(location.href.split("#")[0] + "#" + text, $("link-field"));
  state.linkStatus = how === "copied" ? "Link copied to the clipboard." : "Press Ctrl+C (or ⌘C) to copy the selected link.";
  render();
}

// ------------------------------------------------------------------------------- rendering
// render() only marks the page dirty; the next animation frame draws the latest state once.

let frameRequested = false;
let syncControls = true;
let drawn = {};
let netVisible = true;

function render(controlsToo = false) {
  syncControls = syncControls || controlsToo;
  if (!frameRequested) {
    frameRequested = true;
    requestAnimationFrame(draw);
  }
}

function drawControls() {
  const s = state.settings;
  controls.sync(s);
  if (document.activeElement !== $("layers") && Array.isArray(s.layers)) $("layers").value = s.layers.join(", ");
  const custom = s.dataset === "custom";
  const regression = custom ? s.problem === "regression" : ["plane", "multigauss"].includes(s.dataset);
  $("problem").disabled = !custom;
  $("classes").disabled = !(custom || s.dataset === "blobs") || regression;
  $("noise").disabled = custom || ["article", "and_gate"].includes(s.dataset);
  $("field-momentum").hidden = s.optimizer !== "momentum";
  $("field-betas").hidden = s.optimizer !== "adam";
  $("reg_rate").disabled = s.reg === "none";
  // the class swatches (2..5) or the value slider
  const k = Math.max(2, s.classes);
  document.querySelectorAll("#class-picker input").forEach((r, i) => {
    r.closest("label").hidden = regression || i >= (custom || s.dataset === "blobs" ? k : 2);
    r.checked = i === state.ui.label;
  });
  $("class-picker").hidden = regression;
  $("field-value").hidden = !regression;
  const arch = JSON.stringify([s.features, s.layers, s.activation, state.session && state.session.layerSizes.at(-1)]);
  if (arch !== drawn.arch && state.session) {
    network.setArchitecture({
      features: s.features, allFeatures: SETTINGS.get("features").choices, layers: s.layers,
      activations: s.activation, outputs: state.session.layerSizes.at(-1),
    });
    drawn.arch = arch;
    drawn.weights = drawn.thumbs = null;
  }
}

function drawMap() {
  const sess = state.session;
  const s = state.settings;
  const custom = s.dataset === "custom";
  const rows = state.preview || (custom ? state.custom : null);
  const problem = problemNow();
  if (rows) {
    const n = rows.length;
    const mask = !state.preview && !state.stale && sess && sess.trainMask.length === n
      ? sess.trainMask : new Uint8Array(n).fill(1);
    heatmap.setPoints(toFlat(rows), mask, pointColour(problem));
  } else if (sess) heatmap.setPoints(sess.points, sess.trainMask, pointColour(problem));
  else heatmap.setPoints(null);
  const g = state.grid;
  const focus = state.ui.focus;
  const discrete = s.discretize;
  heatmap.showTest = s.show_test;
  if (!sess || !g || state.stale) heatmap.clear();
  else if (focus && focus.kind === "hidden" && state.neurons) {
    const n = state.neurons;
    heatmap.setValues(n.neurons[neuronOffset(sess.layerSizes, focus.layer) + focus.index], n.size, { discrete });
  } else if (focus && focus.kind === "feature") {
    heatmap.setValues(featureGrid(focus.feature, 60), 60, { discrete });
  } else if (sess.classes > 2) heatmap.setClasses(g.output, g.size, sess.classes, { discrete });
  else if (sess.problem === "regression") heatmap.setValues(g.output, g.size, { lo: -1, hi: 1, discrete });
  else heatmap.setValues(g.output, g.size, { lo: 0, hi: 1, discrete });
  if (g && !stats.firstHeatmapAt) stats.firstHeatmapAt = performance.now();
  heatmap.resize();
  heatmap.draw();
  const sel = state.ui.selected;
  if (sel && sel.kind === "point" && sess) heatmap.mark(sel.index);
}

function draw() {
  frameRequested = false;
  stats.frames += 1;
  showLoad(state.load);
  if (syncControls) {
    drawControls();
    syncControls = false;
  }
  $("play").classList.toggle("playing", state.playing);
  $("play-label").textContent = state.playing ? "Pause" : "Play";
  $("notice").textContent = state.notice;
  $("link-status").textContent = state.linkStatus;
  $("draw-mode").setAttribute("aria-pressed", String(state.ui.mode === "add"));
  $("erase-mode").setAttribute("aria-pressed", String(state.ui.mode === "erase"));
  $("undo").disabled = !history.canUndo();
  $("redo").disabled = !history.canRedo();
  $("point-count").textContent = state.settings.dataset === "custom"
    ? `${state.custom.length} drawn point${state.custom.length === 1 ? "" : "s"}`
    : state.session ? `${state.session.trainMask.length} points` : "";
  showMetrics(state.metrics, chart, state.ui.logScale);
  drawMap();
  if (state.weights && netVisible && state.weights !== drawn.weights) {
    if (network.setWeights(state.weights.weights, state.weights.biases)) drawn.weights = state.weights;
  }
  const n = state.neurons;
  // repainted only when new neuron images arrive (not on every map): 49 canvases cost
  if (n && netVisible && n !== drawn.thumbs && state.session) {
    network.setThumbnails(n.size, n.neurons, {
      output: n.output, outputRange: state.session.problem === "regression" ? [-1, 1] : [0, 1],
    });
    drawn.thumbs = n;
  }
}

// ------------------------------------------------------------------------------- wiring

function isTyping(t) {
  return t.closest && t.closest("input, select, textarea, [contenteditable]");
}

function wire() {
  $("play").addEventListener("click", () => setPlaying(!state.playing));
  $("step").addEventListener("click", step);
  $("reset").addEventListener("click", reset);
  $("new-seed").addEventListener("click", () => apply({ seed: randomSeed() }));
  $("regenerate").addEventListener("click", () => apply({ data_seed: randomSeed() }));
  $("retry").addEventListener("click", retry);
  $("copy-link").addEventListener("click", copy);
  $("layers").addEventListener("change", (e) => {
    const r = parseLayers(e.target.value);
    if (r.error) {
      state.notice = r.error;
      $("notice").textContent = r.error; // at once: nothing else changes
      return;
    }
    const acts = state.settings.activation;
    apply({ layers: r.layers, activation: acts.length === 1 || acts.length === r.layers.length ? acts : [acts[0]] });
  });
  $("speed").addEventListener("change", (e) => { state.ui.speed = Number(e.target.value); });
  $("log-scale").addEventListener("change", (e) => { state.ui.logScale = e.target.checked; render(); });
  $("dataset").addEventListener("change", (e) => {
    const name = e.target.value;
    e.stopImmediatePropagation(); // apply below, with what the choice implies
    if (name === "custom") {
      const k = Math.max(2, classesUsed(state.custom), state.settings.classes);
      apply({ dataset: name, classes: state.settings.problem === "regression" ? state.settings.classes : Math.min(5, k) });
      if (state.ui.mode === "off") setMode("add");
    } else apply({ dataset: name, ...(SUGGESTED[name] || {}) });
  }, { capture: true });
  $("problem").addEventListener("change", (e) => {
    e.stopImmediatePropagation();
    const to = e.target.value;
    setCustom(convertLabels(state.custom, to, state.settings.classes));
    apply({ problem: to, loss: "auto" }, { points: true });
  }, { capture: true });
  $("draw-mode").addEventListener("click", () => setMode("add"));
  $("erase-mode").addEventListener("click", () => setMode("erase"));
  $("undo").addEventListener("click", () => undoRedo(false));
  $("redo").addEventListener("click", () => undoRedo(true));
  $("clear").addEventListener("click", clearPoints);
  $("export-csv").addEventListener("click", exportCsv);
  $("import-csv").addEventListener("change", (e) => {
    importCsv(e.target.files[0]);
    e.target.value = "";
  });
  $("class-picker").addEventListener("change", (e) => { state.ui.label = Number(e.target.value); });
  $("draw-value").addEventListener("input", (e) => {
    state.ui.value = Number(e.target.value);
    $("draw-value-out").textContent = Number(e.target.value).toFixed(2);
  });
  const map = $("map");
  map.addEventListener("dragover", (e) => { e.preventDefault(); map.classList.add("dropping"); });
  map.addEventListener("dragleave", () => map.classList.remove("dropping"));
  map.addEventListener("drop", (e) => {
    e.preventDefault();
    map.classList.remove("dropping");
    importCsv(e.dataTransfer.files[0]);
  });
  // a click near a data point when not drawing: the inspector
  map.addEventListener("click", (e) => {
    if (state.ui.mode !== "off" || !state.session) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x1 = -6 + ((e.clientX - r.left) / r.width) * 12;
    const x2 = 6 - ((e.clientY - r.top) / r.height) * 12;
    const i = nearestPoint(state.session.points, x1, x2, (8 * 12) / r.width);
    if (i >= 0) inspectPoint(i);
  });
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "z" || e.key === "Z" || e.key === "y")) {
      if (isTyping(e.target)) return;
      e.preventDefault();
      undoRedo(e.key === "y" || e.shiftKey);
      return;
    }
    // Space plays/pauses, except where Space already means something (buttons, fields).
    if (e.key !== " " || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest && e.target.closest("button, input, select, textarea, a, summary, [contenteditable], [role=button], svg, canvas")) return;
    e.preventDefault();
    setPlaying(!state.playing);
  });
  window.addEventListener("hashchange", () => openLink(location.hash));
  let resizeFrame = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => render());
  });
  if (typeof IntersectionObserver === "function") {
    new IntersectionObserver((entries) => {
      netVisible = entries[entries.length - 1].isIntersecting;
      if (netVisible && !state.playing) {
        fetchGrid(true);
        fetchWeights();
      }
    }).observe($("network-view"));
  }
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => render());
}

wire();
stats.usableAt = performance.now();
booted = boot();
render(true);

/** The page as plain data, a copy (see docs/ARCHITECTURE.md, "window.bp"). */
function snapshot() {
  const sess = state.session;
  const live = Boolean(sess && !sess.preview);
  const g = state.grid;
  const { status, stage, percent } = state.load;
  return structuredClone({
    status: engine.status,
    load: { status, stage, percent, message: state.load.error ? state.load.error.message : "" },
    epoch: live && state.metrics ? state.metrics.epoch : null,
    metrics: state.metrics,
    training: state.pumping,
    playing: state.playing,
    chunk: state.chunk,
    settings: state.settings,
    notice: state.notice,
    linkStatus: state.linkStatus,
    stale: state.stale,
    drawn: state.custom,
    session: sess && {
      problem: sess.problem, classes: sess.classes, loss: sess.loss, layerSizes: sess.layerSizes,
      pointCount: sess.trainMask.length, trainCount: sess.trainMask.reduce((a, b) => a + b, 0),
      preview: Boolean(sess.preview),
    },
    grid: g && { size: g.size, outputLength: g.output.length, neuronCount: g.neurons.length },
    hasWeights: Boolean(state.weights),
    hasNeurons: Boolean(state.neurons),
    mode: state.ui.mode,
    focus: state.ui.focus,
    selected: state.ui.selected,
    canUndo: history.canUndo(),
    canRedo: history.canRedo(),
  });
}

// The hook for tests and benchmarks, documented in docs/ARCHITECTURE.md: plain-data reads
// (snapshot, sessionPoints, stats) plus the same actions the controls use. Never the live state.
window.bp = {
  engine,
  stats,
  snapshot,
  /** The session's points as rows [[x1, x2, label], ...] (a copy); [] without a session. */
  sessionPoints: () => (state.session ? toRows(state.session.points) : []),
  play: () => setPlaying(true),
  pause: () => setPlaying(false),
  step,
  reset,
  configure,
  linkText: () => link.text(),
  flushLink: () => link.flush(),
  inspectPoint,
  inspectNeuron,
};
