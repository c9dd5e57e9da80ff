// Test-only: wires web/'s widgets the way main.js would, with a fake network computed here, and
// records every event in window.harness.events for tests/browser/test_widgets.py.
// This file plays the part of the page's one owner of state: `state` below.

import { attachDrawing } from "./web/widgets/draw.js";
import { applyAction, createHistory } from "./web/domain/history.js";
import { NetworkView } from "./web/widgets/network-view.js";
import { loadPoints, savePoints } from "./web/app/storage.js";

const ALL = ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"];
const FEAT = {
  x1: (a) => a,
  x2: (a, b) => b,
  x1sq: (a) => a * a,
  x2sq: (a, b) => b * b,
  x1x2: (a, b) => a * b,
  sinx1: (a) => Math.sin(a),
  sinx2: (a, b) => Math.sin(b),
};
const GRID = 20;
const COLOURS = ["#f59322", "#0877bd"];

const state = {
  features: ["x1", "x2"],
  layers: [4, 2],
  activations: ["tanh"],
  weights: [],
  biases: [],
  points: [],
  mode: "add",
  label: 0,
  highlight: null,
};
const history = createHistory(100);
const events = [];
const $ = (id) => document.getElementById(id);

// -- a fake network: seeded weights and a real forward pass for the thumbnails ----------------------

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomWeights() {
  const rand = rng(7 + state.layers.length * 31 + state.layers.reduce((a, b) => a * 3 + b, 0));
  const sizes = [state.features.length, ...state.layers, 1];
  state.weights = [];
  state.biases = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    state.weights.push(
      Array.from({ length: sizes[l + 1] }, () => Array.from({ length: sizes[l] }, () => (rand() - 0.5) * 3)),
    );
    state.biases.push(Float64Array.from({ length: sizes[l + 1] }, () => (rand() - 0.5) * 1.5));
  }
}

function forwardGrid() {
  const n = GRID;
  const neurons = [];
  let acts = state.features.map((f) => {
    const a = new Float32Array(n * n);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        a[r * n + c] = FEAT[f](-6 + ((c + 0.5) / n) * 12, 6 - ((r + 0.5) / n) * 12) / 3;
      }
    }
    return a;
  });
  state.weights.forEach((W, l) => {
    const last = l === state.weights.length - 1;
    acts = W.map((row, i) => {
      const z = new Float32Array(n * n).fill(state.biases[l][i]);
      row.forEach((w, j) => {
        for (let k = 0; k < n * n; k++) z[k] += w * acts[j][k];
      });
      for (let k = 0; k < n * n; k++) z[k] = last ? 1 / (1 + Math.exp(-z[k])) : Math.tanh(z[k]);
      return z;
    });
    if (!last) neurons.push(...acts);
  });
  return { neurons, output: acts[0] };
}

// -- the network view ------------------------------------------------------------------------------

const view = new NetworkView($("network"), {
  onNeuronFocus: (ref) => {
    events.push({ type: "neuronFocus", ref });
    $("status").textContent = ref ? `Showing ${ref.kind} ${ref.layer}:${ref.index}` : "";
  },
  onNeuronClick: (ref) => {
    events.push({ type: "neuronClick", ref });
    state.highlight = ref;
    view.setHighlight(ref);
  },
  onLinkClick: (link) => events.push({ type: "link", link }),
  onWeightEdit: (link) => {
    events.push({ type: "weightEdit", link });
    if (link.j < 0) state.biases[link.layer][link.i] = link.value;
    else state.weights[link.layer][link.i][link.j] = link.value;
    refreshNetwork();
  },
  onArchitectureChange: (layers, activations) => {
    events.push({ type: "architecture", layers, activations });
    state.layers = layers;
    state.activations = activations;
    rebuildNetwork();
  },
  onActivationChange: (layer, name) => {
    events.push({ type: "activation", layer, name });
    const acts = state.layers.map((_, l) => state.activations[state.activations.length === 1 ? 0 : l]);
    acts[layer] = name;
    state.activations = acts;
    rebuildNetwork();
  },
  onFeaturesChange: (features) => {
    events.push({ type: "features", features });
    state.features = features;
    rebuildNetwork();
  },
});

function refreshNetwork() {
  view.setWeights(state.weights, state.biases);
  const { neurons, output } = forwardGrid();
  view.setThumbnails(GRID, neurons, { output, outputRange: [0, 1] });
  drawMap(output);
}

function rebuildNetwork() {
  view.setArchitecture({
    features: state.features,
    allFeatures: ALL,
    layers: state.layers,
    activations: state.activations,
    outputs: 1,
  });
  randomWeights();
  refreshNetwork();
}

// -- the data map and drawing --------------------------------------------------------------------

let lastOutput = null;
let preview = null; // points shown during a stroke (erase previews by redrawing)

function drawMap(output = lastOutput) {
  lastOutput = output;
  const canvas = $("map");
  const ctx = canvas.getContext("2d");
  const n = GRID;
  const img = ctx.createImageData(n, n);
  for (let k = 0; k < n * n; k++) {
    const t = output ? output[k] * 2 - 1 : 0;
    const [a, b] = t < 0 ? [[232, 234, 235], [245, 147, 34]] : [[232, 234, 235], [8, 119, 189]];
    const u = Math.abs(t) * 0.6;
    for (let c = 0; c < 3; c++) img.data[4 * k + c] = 255 + (a[c] + (b[c] - a[c]) * u - 255) * 0.7;
    img.data[4 * k + 3] = 255;
  }
  const tmp = new OffscreenCanvas(n, n);
  tmp.getContext("2d").putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(tmp, 0, 0, canvas.width, canvas.height);
  for (const [x1, x2, label] of preview || state.points) {
    ctx.beginPath();
    ctx.arc(((x1 + 6) / 12) * canvas.width, ((6 - x2) / 12) * canvas.height, 4, 0, 2 * Math.PI);
    ctx.fillStyle = COLOURS[label] || "#888";
    ctx.fill();
    ctx.strokeStyle = "#fff";
    ctx.lineWidth = 1;
    ctx.stroke();
  }
  $("count").textContent = String(state.points.length);
  $("undo").disabled = !history.canUndo();
  $("redo").disabled = !history.canRedo();
}

function commit(points) {
  state.points = points;
  const saved = savePoints(points);
  if (!saved.ok) $("status").textContent = `Points not saved: ${saved.reason}`;
  drawMap();
}

let strokeBase = null;
const pen = attachDrawing($("overlay"), {
  mode: () => state.mode,
  label: () => state.label,
  points: () => state.points,
  colour: (l) => COLOURS[l] || "#888",
  onStroke: (stroke, delta) => {
    events.push({ type: "stroke", kind: stroke.type, delta: delta.length });
    if (stroke.type === "erase") {
      strokeBase = strokeBase || state.points;
      preview = applyAction(strokeBase, stroke);
      drawMap();
    }
  },
  onStrokeEnd: (stroke) => {
    events.push({ type: "strokeEnd", stroke });
    preview = null;
    strokeBase = null;
    history.push(stroke);
    commit(applyAction(state.points, stroke));
  },
});

$("overlay").addEventListener("pointerdown", (e) => events.push({ type: "pointer", pointerType: e.pointerType }));

function setMode(m) {
  state.mode = m;
  for (const k of ["add", "erase", "off"]) $(`mode-${k}`).setAttribute("aria-pressed", String(k === m));
  pen.update();
}

for (const k of ["add", "erase", "off"]) $(`mode-${k}`).addEventListener("click", () => setMode(k));
$("label").addEventListener("change", (e) => {
  state.label = Number(e.target.value);
});
$("undo").addEventListener("click", () => {
  const p = history.undo(state.points);
  if (p) commit(p);
});
$("redo").addEventListener("click", () => {
  const p = history.redo(state.points);
  if (p) commit(p);
});
$("clear").addEventListener("click", () => {
  const action = { type: "clear", before: state.points, after: [] };
  history.push(action);
  commit(applyAction(state.points, action));
});

// -- start: restore drawn points from storage ------------------------------------------------------

const restored = loadPoints();
if (restored.value) state.points = restored.value;
rebuildNetwork();
window.harness = {
  events,
  state,
  history,
  view,
  pen,
  setMode,
  restoredReason: restored.reason,
  ready: true,
};
