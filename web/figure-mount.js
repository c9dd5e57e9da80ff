// @ts-check
// The figure for slides (issue 24): "Save picture" writes a PNG of the diagram, the map and the
// loss chart as the user sees them, at twice their size; "Record" records the same figure while
// training runs into a video (widgets/recorder.js), with a visible indicator, a time limit and
// Stop. Everything stays in the browser: the files are downloads, nothing is uploaded.
//
//   const figure = mountFigure({store});
//   figure.draw(s, prev)   the buttons' state and the indicator

import { msg, say } from "./domain/i18n.js";
import { tr } from "./views/i18n.js";
import { paintFigure } from "./widgets/figure.js";
import { downloadBlob } from "./widgets/model-files.js";
import { Recorder } from "./widgets/recorder.js";

export const LIMIT_MS = 60_000; // a recording stops by itself after a minute
const PICTURE_SCALE = 2;

/** @param {{store: import("./app/store.js").Store}} deps */
export function mountFigure({ store }) {
  const { get, update } = store;
  const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
  const pictureButton = $("save-picture"), recordButton = $("record"), indicator = $("recording");

  const figure = (/** @type {number} */ scale, /** @type {HTMLCanvasElement} */ into) => {
    const page = getComputedStyle(document.body);
    const dataset = $("dataset").selectedOptions[0]?.text ?? "";
    const title = [tr(get().lang).t("page.title"), dataset, $("epoch").textContent].join(" · ");
    const parts = [$("network-view"), document.querySelector(".map-frame"), document.querySelector(".chart")];
    return paintFigure({ title, parts, background: page.backgroundColor, colour: page.color, into }, scale);
  };
  const name = (/** @type {string} */ ext) => `bp-playground-epoch-${get().metrics?.epoch ?? 0}.${ext}`;

  pictureButton.addEventListener("click", () => {
    figure(PICTURE_SCALE, document.createElement("canvas")).toBlob((blob) => {
      if (blob) downloadBlob(blob, name("png"));
      update({ notice: msg(blob ? "figure.saved" : "figure.failed") });
    }, "image/png");
  });

  const recorder = new Recorder({
    paint: (canvas) => figure(1, canvas),
    limitMs: LIMIT_MS,
    onTick: (ms) => update({ recording: { ms: Math.floor(ms / 1000) * 1000, limit: LIMIT_MS } }),
    onDone: (blob, ext) => {
      downloadBlob(blob, name(ext));
      update({ recording: null, notice: msg("figure.recorded", { seconds: Math.round(elapsed() / 1000) }) });
    },
  });
  let began = 0;
  const elapsed = () => performance.now() - began;
  recordButton.addEventListener("click", () => {
    if (get().recording) return recorder.stop();
    if (!Recorder.supported()) return update({ notice: msg("figure.no_recording") });
    began = performance.now();
    if (recorder.start()) update({ recording: { ms: 0, limit: LIMIT_MS } });
  });

  let lang = "";
  return {
    /** @param {any} s @param {any} prev */
    draw(s, prev) {
      if (s.recording === prev.recording && s.lang === lang) return;
      lang = s.lang;
      const t = tr(s.lang), r = s.recording;
      recordButton.textContent = t.t(r ? "figure.stop" : "figure.record");
      recordButton.setAttribute("aria-pressed", String(Boolean(r)));
      indicator.hidden = !r;
      if (r) indicator.textContent = say(t, msg("figure.recording", { seconds: r.ms / 1000, limit: r.limit / 1000 }));
    },
  };
}
