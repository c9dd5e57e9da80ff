// @ts-check
// The boot file: create the store, the engine and the widgets, subscribe the views, wire the
// events, expose window.bp. Nothing here decides anything: actions live in app/, drawing in
// views/ and widgets/, facts in domain/ (docs/ARCHITECTURE.md, "web/").

import { createDrawing } from "./app/drawing.js";
import { createEngineEvents } from "./app/engine-events.js";
import { createFacade } from "./app/facade.js";
import { createInspection } from "./app/inspection.js";
import { createLanguage } from "./app/language.js";
import { createLinkOpening } from "./app/link-open.js";
import { lazyActions } from "./app/lazy.js";
import { createLinks } from "./app/links.js";
import { createPlugin } from "./app/plugin.js";
import { createReplay } from "./app/replay.js";
import { createSaved } from "./app/saved.js";
import { createSessionActions } from "./app/session.js";
import { createStats } from "./app/stats.js";
import { createStore, initialState, problemOf, selectedNeuron, shownRows, viewOf } from "./app/store.js";
import { createTraining } from "./app/training.js";
import { createWayBack } from "./app/way-back.js";
import { metric } from "./domain/format.js";
import { msg } from "./domain/i18n.js";
import { withActivation, withRate } from "./domain/layout.js";
import { loadPreview } from "./domain/preview.js";
import { engine } from "./early.js";
import { chartWords, mountCharts } from "./views/charts.js";
import { startRendering } from "./views/frame.js";
import { i18nView, tr } from "./views/i18n.js";
import { inspectorView } from "./views/inspector.js";
import { mapView } from "./views/map.js";
import { networkView } from "./views/network.js";
import { pageView } from "./views/page.js";
import { linkView } from "./views/link.js";
import { mountClassroom } from "./classroom-mount.js";
import { mountFigure } from "./figure-mount.js";
import { mountGradFlow } from "./gradflow-mount.js";
import { mountLab } from "./lab-mount.js";
import { mountLesson } from "./lesson-mount.js";
import { mountCompare } from "./compare-mount.js";
import { mountFiles } from "./model-files-mount.js";
import { mountSweep } from "./sweep-mount.js";
import { mountLandscape } from "./landscape-mount.js";
import { mountConfusion } from "./confusion-mount.js";
import { setupControls } from "./widgets/controls.js";
import { attachDrawing } from "./widgets/draw.js";
import { Heatmap } from "./widgets/heatmap.js";
import { Inspector } from "./widgets/inspector.js";
import { attachLanguageSwitch } from "./widgets/language.js";
import { NetworkView } from "./widgets/network-view.js";
import { pointColour } from "./widgets/palette.js";
import { wire } from "./wire.js";

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

const stats = createStats(); // numbers for tests and benchmarks (window.bp.stats)
document.getElementById("no-server")?.remove(); // the scripts run: served as they should be
const store = createStore(initialState());
const { get, update } = store;
// the page's language: ?lang=, else the remembered choice, else the browser's (domain/i18n.js)
const language = createLanguage({ store });
const { ready: wordsReady } = language.boot({ search: location.search, languages: navigator.languages || [navigator.language] });
const preview = loadPreview(); // fetched at once, shown once the link / storage is read
// the page's words in its language from the first frame: a catalogue other than English (a
// chunk of its own) has arrived before anything is drawn (at once for English)
await wordsReady;
// told to offline.js, which installs the service worker only then (its ~20 MB pre-cache would
// otherwise compete with Pyodide's start on the same cores and disk)
const ENGINE_SETTLED = "bp-engine-settled";

// ------------------------------------------------------------------------- actions
let booted = (/** @type {unknown} */ _value) => {};
const links = createLinks({ store });
const session = createSessionActions({ store, engine, stats, commitLink: links.commit, ready: new Promise((r) => { booted = r; }) });
const training = createTraining({ store, engine, stats, session });
const replay = createReplay({ store, engine, session, stats }); // a link's training, on open
const drawing = createDrawing({ store, engine, session });
const saved = createSaved({ store, drawing, session }); // what happens to the drawing kept in storage
const inspection = createInspection({ store, engine }), plugin = createPlugin({ store, engine, session, inspection });
const wayBack = createWayBack({ store, engine, session, training, links, drawing }); // keeps a run replaced
// the step-through and the hidden layer's picture load after the first picture, or at first use
const { actions: plane, load: loadPlane } = lazyActions(async () => {
  const [app, view, widget] = await Promise.all([import("./app/hidden-plane.js"), import("./views/hidden-plane.js"), import("./widgets/hidden-plane.js")]);
  planeDraw = view.hiddenPlaneView(new widget.HiddenPlane($("plane-canvas")));
  rendering.redraw();
  return app.createHiddenPlane({ store, engine });
}, ["setOpen", "choose"]);
let planeDraw = (/** @type {any} */ _s, /** @type {any} */ _prev) => {};
const { actions: walk, load: loadWalk } = lazyActions(async () => {
  const [app, view, widget, overlay] = await Promise.all([import("./app/step-through.js"), import("./views/walk.js"),
    import("./widgets/walk-bar.js"), import("./widgets/network-walk.js")]);
  network.attachWalk(new overlay.WalkOverlay(network)); // its labels and dimming on the diagram
  const steps = app.createStepThrough({ store, engine, inspection, session, training, chooseDataset: wayBack.chooseDataset, reset: wayBack.reset });
  // the step-through's bar above the diagram
  const bar = new widget.WalkBar($("walk-bar"), { onPrev: () => steps.go(-1), onNext: () => steps.go(+1), onTake: steps.take, onStop: steps.stop });
  bar.show(null, tr(get().lang).t); // hidden, its buttons named from the start
  walkDraw = view.walkView({ network, bar, inspector, startButton: $("step-through") });
  rendering.redraw();
  return steps;
}, ["start", "go", "stop", "take", "showArticle", "stage"], { stage: () => null }); // no walk before it loads
let walkDraw = (/** @type {any} */ _s, /** @type {any} */ _prev) => {};
const classroom = mountClassroom({ store, links }); // hidden controls, a goal, the Classroom link dialog, embedding
const figure = mountFigure({ store }); // Save picture, Record
const lab = mountLab({ store, redraw: () => rendering.redraw(), plugIn: plugin.plugIn }); // the Python lab: a lazy chunk, loaded when it opens
const gradFlow = mountGradFlow({ store, session, redraw: () => rendering.redraw() }); // its chart loads when its panel opens
// a link's training is replayed first; then queued Play / Step presses run
const compare = mountCompare({ store, engine, session, training, commitLink: links.commit }); // two runs in lockstep
const restart = () => session.start().then(compare.resume).then(replay.run).then(training.resume);
const linkOpening = createLinkOpening({ store, engine, links, saved, drawing, restart, lab, plugin, replay });

// ------------------------------------------------------------------------- widgets
const heatmap = new Heatmap($("heatmap"));
const { chart, scoreChart } = mountCharts(store, { loss: $("loss-chart"), score: $("score-chart"), readout: $("chart-readout") });
const network = new NetworkView($("network-view"), {
  onNeuronFocus(ref) {
    update({ focus: ref });
    if (ref && ref.kind === "hidden" && !get().neurons) session.fetchGrid(true);
  },
  onNeuronClick: (ref) => ref.kind !== "feature" && inspection.inspectNeuron({ layer: ref.layer, index: ref.index }),
  onLinkClick: ({ value, j }) => update({ notice: msg(j < 0 ? "notice.bias" : "notice.weight", { value: metric(value) }) }),
  onWeightEdit: session.editWeight,
  onArchitectureChange: (layers, activation, dropout) => session.apply({ layers, activation, dropout }),
  onDropoutChange: (layer, rate) => session.apply({ dropout: withRate(get().settings, layer, rate) }),
  onActivationChange: (layer, name) => {
    const { activation, layers } = get().settings;
    session.apply({ activation: withActivation(activation, layers.length, layer, name) });
  },
  onFeaturesChange: (features) => session.apply({ features }),
});
const controls = setupControls(document.body, (name, value) => {
  if (name === "dataset") wayBack.chooseDataset(value);
  else if (name === "problem") drawing.setProblem(value);
  else session.apply({ [name]: value });
}, (name, message) => update({ notice: message }));
const inspectorBox = document.createElement("div");
const inspector = new Inspector(inspectorBox, {
  // a hovered row/column/value names a neuron: mark it in the diagram, then back to the selection
  onHighlight: (ref) => network.setHighlight(ref || selectedNeuron(get())),
  onClose: inspection.close,
});
const pen = attachDrawing($("draw-layer"), {
  mode: () => get().mode,
  label: () => (problemOf(get()) === "regression" ? get().value : get().label),
  points: () => shownRows(get()),
  colour: (l) => pointColour(problemOf(get()))(l),
  domain: () => viewOf(get()),
  onStroke: drawing.previewStroke,
  onStrokeEnd: drawing.commitStroke,
});
store.subscribe((s, prev) => s.mode !== prev.mode && pen.update());
const lesson = mountLesson({ element: $("lesson"), showArticle: walk.showArticle, choosePreset: (preset) => gradFlow.load(preset, wayBack.chooseDataset), openLab: lab.openHere, redraw: () => rendering.redraw() });
let widgetsLang = ""; // the language the charts' readout and the model files speak
const confusion = mountConfusion({ store, element: $("confusion") }); // the matrix / scatter under the charts
const modelFiles = mountFiles({ store, engine, session, element: $("model-files") });
const sweep = mountSweep({ store, engine, training, session }); // the learning-rate sweep, loaded when opened
const landscape = mountLandscape({ store, engine, training, redraw: () => rendering.redraw() }); // the loss landscape: loads when opened

// ------------------------------------------------------------------------- views, events
const rendering = startRendering(store, [
  pageView({ controls, chart, scoreChart }),
  mapView(heatmap, { onFirstMap: () => { stats.firstHeatmapAt ??= performance.now(); }, onInspect: inspection.inspectPoint }),
  networkView(network),
  confusion.draw,
  inspectorView(inspector, inspectorBox, $("inspector-panel"), $("to-inspector")),
  (s, prev) => planeDraw(s, prev),
  lesson.draw,
  (s, prev) => walkDraw(s, prev), // the step-through's: after the inspector's view
  lab.draw, gradFlow.draw, compare.draw, classroom.draw, figure.draw,
  linkView(), // the replay's progress, what the link cannot hold
  landscape.draw,
  (s) => { // the words of the widgets that keep no state of the page: the charts' readout, the model files
    if (s.lang === widgetsLang) return;
    widgetsLang = s.lang;
    for (const c of [chart, scoreChart]) c.setWords(chartWords(tr(s.lang)));
    modelFiles.setLanguage(tr(s.lang));
  },
  i18nView(attachLanguageSwitch($("lang"), language.choose)), // last: after the views that fill options
], { onFrame: () => { stats.frames += 1; } });
wire({ store, session, training, drawing, inspection, links, plane, walk, replay, plugin, wayBack, openLink: (/** @type {string} */ h) => { const link = lab.take(h); if (link !== null) linkOpening.open(link); }, redraw: rendering.redraw });
stats.usableAt = performance.now();

window.addEventListener("storage", (e) => saved.storageChanged(e.key)); // another tab saved
linkOpening.boot(lab.take(location.hash) ?? "").then(async () => { // the link (a lab link opens the lab), else storage; then the preview
  if (session.showPreview(await preview)) stats.previewAt = performance.now();
  booted(null);
  // the picture is drawn in the next frame; the lesson's, the step-through's, the hidden layer's modules (and a lab left open) arrive after
  lesson.load(); loadWalk(); loadPlane(); lab.resume();
});

/** @type {any} */ (window).bp = createFacade({ store, engine, stats, training, session, links, inspection, walk, plugin, lab: lab.actions, sweep: sweep.actions,
  landscape: landscape.facade, gradFlow, compare: compare.actions, classroom: classroom.actions });
// The engine started loading Pyodide in early.js, before these modules arrived; its events,
// kept until now, are handed over once every name they use exists.
engine.listen(createEngineEvents({ store, stats, start: restart, onSettled: () => window.dispatchEvent(new Event(ENGINE_SETTLED)) }));
