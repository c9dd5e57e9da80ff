// The page: the ONE owner of app state. It wires the controls, the engine client and the
// widgets. Training is driven from here in chunks: send `step {epochs: k, gridSize}`, keep
// the reply, send the next chunk while playing; k adapts so a chunk costs ~CHUNK_MS of worker
// time (Pause then lands within one chunk). Drawing happens in requestAnimationFrame, apart
// from the worker, so the UI thread never waits for it.

import { Engine } from "./engine.js";
import { CLASS_COLOURS, Heatmap, divergingColour } from "./heatmap.js";
import { LineChart } from "./linechart.js";

const GRID = 100; // heatmap cells per side
const CHUNK_MS = 50; // target worker time of one training chunk (grid included)
const MAX_CHUNK = 5000; // epochs

const $ = (id) => document.getElementById(id);

// ------------------------------------------------------------------------------- state
// Everything mutable lives here; handlers change it and call render().
const state = {
  settings: {}, // the engine's canonical settings (filled by the first init reply)
  wanted: {}, // settings the user chose before the engine could take them
  view: { show_test: false, discretize: false },
  load: { stage: "runtime", percent: 0, status: "loading", versions: null },
  session: null, // {points, trainMask, layerSizes, classes, problem, loss}
  metrics: null,
  grid: null, // {size, output, neurons}
  playing: false,
  pumping: false, // a training chunk is in flight
  chunk: 1, // epochs per chunk
  notice: "",
};

// Numbers for tests and benchmarks (window.bp.stats).
const stats = {
  t0: performance.now(), // module start
  usableAt: null, // controls wired
  readyAt: null, // engine ready event
  sessionAt: null, // first session shown
  firstHeatmapAt: null,
  chunks: 0,
  epochsTrained: 0,
  workerMs: 0, // sum of step times in the worker
  lastChunkMs: 0,
  frames: 0, // frames this page drew
  progress: [], // [stage, percent, ms] of every progress event
};

// ------------------------------------------------------------------------------- widgets
const heatmap = new Heatmap($("heatmap"));
const chart = new LineChart($("loss-chart"), ["#222", "#999"]);

const engine = new Engine({
  progress({ stage, percent }) {
    stats.progress.push([stage, percent, Math.round(performance.now())]);
    state.load.stage = stage;
    state.load.percent = percent;
    render();
  },
  ready(versions) {
    stats.readyAt = performance.now();
    state.load.status = "ready";
    state.load.versions = versions;
    render();
    startSession();
  },
  fatal({ message, detail }) {
    state.load.status = "fatal";
    state.load.error = { message, detail };
    state.playing = false;
    state.session = null;
    render();
  },
});

// ------------------------------------------------------------------------------- engine calls

function noticeOf(err) {
  if (err && err.traceback) console.warn(err.traceback);
  return String(err && err.message || err);
}

function showSession(r) {
  state.settings = r.settings;
  state.session = {
    points: r.points, trainMask: r.trainMask, layerSizes: r.layerSizes,
    classes: r.classes, problem: r.problem, loss: r.loss,
  };
  state.metrics = r.metrics;
  state.grid = null;
  chart.reset();
  chart.add(r.metrics.epoch, [r.metrics.lossTrain, r.metrics.lossTest]);
  if (!stats.sessionAt) stats.sessionAt = performance.now();
  // a fresh network's boundary right away, without training
  engine.request("grid", { size: GRID, neurons: false }).then((g) => {
    if (state.session && !state.grid) {
      state.grid = g;
      render();
    }
  }, () => {});
  render();
}

async function startSession() {
  try {
    showSession(await engine.request("init", { settings: state.wanted }));
    state.wanted = {};
    if (state.playing) pump();
  } catch (err) {
    // settings the engine refused: start from its defaults instead
    state.notice = noticeOf(err);
    state.wanted = {};
    showSession(await engine.request("init", {}));
  }
}

/** Train chunk after chunk while playing; at most one chunk is in flight. */
async function pump() {
  if (state.pumping) return;
  state.pumping = true;
  try {
    while (state.playing && state.session && engine.status === "ready") {
      const k = state.chunk;
      const { result, ms } = await engine.timed("step", { epochs: k, gridSize: GRID, neurons: false });
      stats.chunks += 1;
      stats.epochsTrained += result.metrics.epoch - (state.metrics ? state.metrics.epoch : 0);
      stats.workerMs += ms;
      stats.lastChunkMs = ms;
      applyStep(result);
      // Aim the next chunk at CHUNK_MS of worker time. The grid and metrics cost the same
      // whatever k is, so only the training part scales; k changes by at most 2x at a time.
      const train = result.ms ? result.ms.train : ms;
      const budget = Math.max(CHUNK_MS / 2, CHUNK_MS - (ms - train));
      const f = Math.min(2, Math.max(0.5, budget / Math.max(train, 0.1)));
      state.chunk = Math.max(1, Math.min(MAX_CHUNK, Math.round(k * f)));
    }
  } catch (err) {
    state.playing = false;
    state.notice = noticeOf(err);
    render();
  } finally {
    state.pumping = false;
  }
}

function applyStep(r) {
  state.metrics = r.metrics;
  if (r.grid) state.grid = r.grid;
  chart.add(r.metrics.epoch, [r.metrics.lossTrain, r.metrics.lossTest]);
  if (r.metrics.diverged) {
    state.playing = false;
    state.notice = "Training diverged (the loss is no longer finite). Lower the learning rate " +
      "and press Reset.";
  }
  render();
}

// ------------------------------------------------------------------------------- actions

function setPlaying(on) {
  if (on && state.metrics && state.metrics.diverged) return;
  state.playing = on;
  if (on) state.notice = "";
  render();
  if (on) pump();
}

async function step() {
  setPlaying(false);
  if (!state.session || engine.status !== "ready") return;
  try {
    applyStep(await engine.request("step", { epochs: 1, gridSize: GRID, neurons: false }));
  } catch (err) {
    state.notice = noticeOf(err);
    render();
  }
}

async function reset() {
  if (!state.session || engine.status !== "ready") return;
  try {
    showSession(await engine.request("reset", {}));
    state.notice = "";
  } catch (err) {
    state.notice = noticeOf(err);
  }
  render();
}

/** One setting changed by a control: live ones apply in place, others rebuild. */
async function changeSetting(name, value) {
  if (name in state.view) {
    state.view[name] = value;
    render();
    return;
  }
  if (!state.session || engine.status !== "ready") {
    state.wanted[name] = value;
    render();
    return;
  }
  try {
    const r = await engine.request("configure", { settings: { [name]: value } });
    state.notice = "";
    if (r.rebuilt) showSession(r);
    else {
      state.settings = r.settings;
      state.metrics = r.metrics;
    }
  } catch (err) {
    state.notice = noticeOf(err);
  }
  render(true);
}

/** A chosen subset of settings at once (tests, benchmarks, later share links). */
async function configure(settings) {
  const r = await engine.request("configure", { settings });
  if (r.rebuilt) showSession(r);
  else state.settings = r.settings;
  render(true);
  return r;
}

function retry() {
  state.load = { stage: "runtime", percent: 0, status: "loading", versions: null };
  state.session = null;
  state.grid = null;
  state.metrics = null;
  render();
  engine.start();
}

// ------------------------------------------------------------------------------- rendering
// render() only marks the page dirty; the next animation frame draws the latest state once.

let frameRequested = false;
let syncControls = true;
let drawnGrid = null;
let drawnView = "";

function render(controls = false) {
  syncControls = syncControls || controls;
  if (!frameRequested) {
    frameRequested = true;
    requestAnimationFrame(draw);
  }
}

const fmtLoss = (x) => (x === undefined || x === null ? "–" : Number.isFinite(x) ? x.toFixed(3) : "NaN");

function pointColour(problem) {
  if (problem === "regression") return divergingColour;
  return (label) => {
    const c = CLASS_COLOURS[label % CLASS_COLOURS.length];
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  };
}

function drawLoad() {
  const { load } = state;
  const bar = $("load-progress");
  const pct = load.status === "ready" ? 100 : load.percent;
  const names = { runtime: "the Python runtime", numpy: "NumPy", engine: "the engine" };
  const text = load.status === "ready" ? "Engine ready" : `Loading ${names[load.stage] || load.stage}… ${pct}%`;
  bar.setAttribute("aria-valuenow", String(pct));
  bar.setAttribute("aria-valuetext", text);
  $("load-progress-bar").style.width = `${pct}%`;
  $("load-progress-text").textContent = text;
  $("engine-status").classList.toggle("done", load.status === "ready");
  $("engine-status").hidden = load.status === "fatal";
  const err = $("engine-error");
  err.hidden = load.status !== "fatal";
  if (load.status === "fatal") {
    $("engine-error-message").textContent = load.error.message;
    $("engine-error-detail").textContent = load.error.detail || "(no details)";
  }
  const v = load.versions;
  $("versions").textContent = v ? `bpcore ${v.bpcore} · NumPy ${v.numpy} · Python ${v.python} · Pyodide ${v.pyodide}` : "";
}

function drawControls() {
  const s = { ...state.settings, ...state.wanted };
  if (s.dataset) $("dataset").value = s.dataset;
  if (s.lr !== undefined) {
    const lr = $("lr");
    const txt = String(s.lr);
    if (![...lr.options].some((o) => o.value === txt)) lr.add(new Option(txt, txt));
    lr.value = txt;
  }
  if (s.activation) $("activation").value = Array.isArray(s.activation) ? s.activation[0] : s.activation;
  if (s.batch_size !== undefined) $("batch_size").value = String(s.batch_size);
  for (const name of ["noise", "train_ratio"]) {
    if (s[name] !== undefined) {
      $(name).value = String(s[name]);
      $(`${name}-value`).textContent = String(s[name]);
    }
  }
  if (s.layers && document.activeElement !== $("layers")) {
    $("layers").value = Array.isArray(s.layers) ? s.layers.join(", ") : String(s.layers);
  }
}

function draw() {
  frameRequested = false;
  stats.frames += 1;
  drawLoad();
  if (syncControls) {
    drawControls();
    syncControls = false;
  }
  const playBtn = $("play");
  playBtn.classList.toggle("playing", state.playing);
  $("play-label").textContent = state.playing ? "Pause" : "Play";
  const m = state.metrics;
  $("epoch").textContent = `Epoch ${m ? m.epoch : 0}`;
  $("loss-train").textContent = fmtLoss(m && m.lossTrain);
  $("loss-test").textContent = fmtLoss(m && m.lossTest);
  $("notice").textContent = state.notice;

  const sess = state.session;
  if (sess) {
    const s = state.settings;
    const sizes = sess.layerSizes;
    $("network-shape").textContent =
      `inputs ${s.features.join(", ")} → ${sizes.slice(1, -1).join(" → ") || "(no hidden layer)"} → output`;
  }
  const view = JSON.stringify(state.view);
  if (state.grid !== drawnGrid || view !== drawnView) {
    heatmap.showTest = state.view.show_test;
    if (!sess) {
      heatmap.clear();
      heatmap.setPoints(null);
    } else {
      heatmap.setPoints(sess.points, sess.trainMask, pointColour(sess.problem));
      const g = state.grid;
      if (g) {
        const discrete = state.view.discretize;
        if (sess.classes > 2) heatmap.setClasses(g.output, g.size, sess.classes, { discrete });
        else if (sess.problem === "regression") heatmap.setValues(g.output, g.size, { lo: -1, hi: 1, discrete });
        else heatmap.setValues(g.output, g.size, { lo: 0, hi: 1, discrete });
        if (!stats.firstHeatmapAt) stats.firstHeatmapAt = performance.now();
      }
    }
    heatmap.resize();
    heatmap.draw();
    chart.draw();
    drawnGrid = state.grid;
    drawnView = view;
  }
}

// ------------------------------------------------------------------------------- wiring

function wire() {
  $("play").addEventListener("click", () => setPlaying(!state.playing));
  $("step").addEventListener("click", step);
  $("reset").addEventListener("click", reset);
  $("retry").addEventListener("click", retry);
  $("dataset").addEventListener("change", (e) => changeSetting("dataset", e.target.value));
  $("lr").addEventListener("change", (e) => changeSetting("lr", Number(e.target.value)));
  $("activation").addEventListener("change", (e) => changeSetting("activation", [e.target.value]));
  $("batch_size").addEventListener("change", (e) => changeSetting("batch_size", e.target.value));
  $("layers").addEventListener("change", (e) => changeSetting("layers", e.target.value));
  for (const name of ["noise", "train_ratio"]) {
    $(name).addEventListener("input", (e) => { $(`${name}-value`).textContent = e.target.value; });
    $(name).addEventListener("change", (e) => changeSetting(name, Number(e.target.value)));
  }
  for (const name of ["show_test", "discretize"]) {
    $(name).addEventListener("change", (e) => changeSetting(name, e.target.checked));
  }
  // Space plays/pauses, except where Space already means something (buttons, fields).
  document.addEventListener("keydown", (e) => {
    if (e.key !== " " || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target.closest && e.target.closest("button, input, select, textarea, a, summary, [contenteditable]")) return;
    e.preventDefault();
    setPlaying(!state.playing);
  });
  let resizeFrame = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => { drawnGrid = undefined; render(); });
  });
}

wire();
stats.usableAt = performance.now();
render(true);
engine.start();

// The hook for tests and benchmarks: read-only views of the state plus the same actions the
// controls use. Not an API for anything else.
window.bp = {
  engine,
  stats,
  get state() { return state; },
  play: () => setPlaying(true),
  pause: () => setPlaying(false),
  step,
  reset,
  configure,
};
