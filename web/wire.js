// @ts-check
// DOM events -> actions: the page's buttons, fields, keyboard shortcuts, the map's drop and
// click, the address bar, resizing and the colour scheme. (Setting controls are wired by
// widgets/controls.js, the diagram and the pen by their widgets.)

import { activationFor, parseLayers } from "./domain/layout.js";
import { parseStopAt } from "./domain/schedule.js";
import { fractionToData, unitsPerPixel } from "./domain/geometry.js";
import { nearestPoint } from "./domain/points.js";
import { downloadText } from "./widgets/model-files.js";
import { copyLink } from "./widgets/copy-link.js";
import { viewOf } from "./app/store.js";

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
const randomSeed = () => Math.floor(Math.random() * 2 ** 31);
/** @param {any} t */
const isTyping = (t) => t.closest && t.closest("input, select, textarea, [contenteditable]");

/** @param {any} app the store, the action groups, openLink(text) and redraw() (main.js) */
export function wire({ store, session, training, drawing, inspection, links, plane, walk, replay, plugin, wayBack, openLink, redraw }) {
  const { get, update } = store;
  const click = (/** @type {string} */ id, /** @type {() => void} */ fn) => $(id).addEventListener("click", fn);
  click("play", () => training.setPlaying(!get().playing));
  click("step", training.step);
  click("step-through", () => walk.start());
  click("reset", session.reset);
  click("new-weights", () => session.newWeights());
  click("regenerate", () => session.apply({ data_seed: randomSeed() }));
  click("retry", session.retry);
  click("unplug", plugin.unplug); // the lab's code out of training (app/plugin.js)
  click("replay-stay", () => replay.cancel("stay")); // a link's replay: stay at the epoch reached
  click("replay-zero", () => replay.cancel("zero")); // ... or open at epoch 0
  click("copy-link", async () => {
    const text = await links.flush();
    const how = await copyLink(location.href.split("#")[0] + "#" + text, $("link-field"));
    update({ linkStatus: links.copiedText(how) }); // what the link holds (links.js)
  });
  click("draw-mode", () => drawing.setMode("add"));
  // What the hidden layer sees: pictures only while the panel is open
  $("plane-details").addEventListener("toggle", () => plane.setOpen($("plane-details").open));
  $("plane-layer").addEventListener("change", () => plane.choose({ layer: Number($("plane-layer").value) }));
  $("plane-axes").addEventListener("change", () => plane.choose({ axes: $("plane-axes").value === "pca" ? "pca" : [0, 1] }));
  for (const id of ["plane-x", "plane-y"]) {
    $(id).addEventListener("change", () => plane.choose({ axes: [Number($("plane-x").value), Number($("plane-y").value)] }));
  }
  click("erase-mode", () => drawing.setMode("erase"));
  click("undo", () => drawing.undoRedo(false));
  click("redo", () => drawing.undoRedo(true));
  click("clear", drawing.clear);
  click("export-csv", async () => {
    const text = await drawing.exportCsv();
    if (text !== null) downloadText(text, "points.csv", "text/csv");
  });
  $("layers").addEventListener("change", (/** @type {any} */ e) => {
    const r = parseLayers(e.target.value);
    if ("error" in r) update({ notice: r.error });
    else session.apply({ layers: r.layers, activation: activationFor(get().settings.activation, r.layers.length) });
  });
  $("speed").addEventListener("change", (/** @type {any} */ e) => update({ speed: Number(e.target.value) }));
  $("stop-at").addEventListener("change", (/** @type {any} */ e) => { // empty: no stop
    const r = parseStopAt(e.target.value);
    if ("error" in r) {
      update({ notice: r.error });
      e.target.value = get().settings.stop_at ? String(get().settings.stop_at) : "";
    } else session.apply({ stop_at: r.stopAt }); // a setting: in the link, replayed (bpcore/stopping.py)
  });
  $("log-scale").addEventListener("change", (/** @type {any} */ e) => update({ logScale: e.target.checked }));
  $("import-csv").addEventListener("change", (/** @type {any} */ e) => {
    drawing.importCsv(e.target.files[0]);
    e.target.value = "";
  });
  $("class-picker").addEventListener("change", (/** @type {any} */ e) => update({ label: Number(e.target.value) }));
  $("draw-value").addEventListener("input", (/** @type {any} */ e) => {
    update({ value: Number(e.target.value) });
    $("draw-value-out").textContent = Number(e.target.value).toFixed(2);
  });
  const map = $("map");
  map.addEventListener("dragover", (/** @type {DragEvent} */ e) => { e.preventDefault(); map.classList.add("dropping"); });
  map.addEventListener("dragleave", () => map.classList.remove("dropping"));
  map.addEventListener("drop", (/** @type {any} */ e) => {
    e.preventDefault();
    map.classList.remove("dropping");
    drawing.importCsv(e.dataTransfer.files[0]);
  });
  // a click near a data point when not drawing: the inspector
  map.addEventListener("click", (/** @type {any} */ e) => {
    const s = get();
    if (s.mode !== "off" || !s.session) return;
    const r = e.currentTarget.getBoundingClientRect();
    const view = viewOf(s);
    const [x1, x2] = fractionToData((e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height, view);
    const reach = matchMedia("(pointer: coarse)").matches ? 16 : 8; // a finger is wider than a mouse
    const i = nearestPoint(s.session.points, x1, x2, reach * unitsPerPixel(r.width, view));
    if (i >= 0) inspection.inspectPoint(i); // the map stays in view: #to-inspector leads there
  });
  click("to-inspector", () => $("inspector-panel").scrollIntoView({ block: "start", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" }));
  // the step-through: arrows or N/P move, Escape stops (not while typing, nor where a widget
  // already used the key: the diagram's links, a chart's readout, a slider)
  document.addEventListener("keydown", (e) => {
    if (!get().walk || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    const t = /** @type {any} */ (e.target);
    if (t.closest && t.closest("[role=slider], [role=listbox], [role=menu], [role=grid]")) return;
    const to = { ArrowRight: +1, n: +1, N: +1, ArrowLeft: -1, p: -1, P: -1 }[e.key];
    if (to) walk.go(to);
    else if (e.key === "Escape") walk.stop();
    else return;
    e.preventDefault();
  });
  document.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "z" || e.key === "Z" || e.key === "y")) {
      if (isTyping(e.target)) return;
      e.preventDefault();
      drawing.undoRedo(e.key === "y" || e.shiftKey);
      return;
    }
    // Space plays/pauses, except where Space already means something (buttons, fields).
    if (e.key !== " " || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = /** @type {any} */ (e.target);
    if (t.closest && t.closest("button, input, select, textarea, a, summary, [contenteditable], [role=button], svg, canvas")) return;
    e.preventDefault();
    training.setPlaying(!get().playing);
  });
  // Back / Forward to a run the page kept (app/way-back.js) shows it again; any other new
  // fragment is a link to open
  window.addEventListener("popstate", (e) => wayBack.popped(e.state));
  window.addEventListener("hashchange", () => wayBack.claims(location.hash) || openLink(location.hash));
  let resizeFrame = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(redraw);
  });
  if (typeof IntersectionObserver === "function") {
    new IntersectionObserver((entries) => {
      const visible = entries[entries.length - 1].isIntersecting;
      update({ diagramVisible: visible });
      if (visible && !get().playing) {
        session.fetchGrid(true);
        session.fetchWeights();
      }
    }).observe($("network-view"));
  }
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redraw);
}
