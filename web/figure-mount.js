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
import { downloadBlob } from "./widgets/model-files.js";

export const LIMIT_MS = 60_000; // a recording stops by itself after a minute
const PICTURE_SCALE = 2;

/** @param {{store: import("./app/store.js").Store}} deps */
export function mountFigure({ store }) {
  const { get, update } = store;
  const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
  const pictureButton = $("save-picture"), recordButton = $("record"), indicator = $("recording");

  // the painter and the recorder load at the first press: nothing of them in the first paint
  let loaded = /** @type {Promise<any> | null} */ (null);
  const load = () => (loaded ??= Promise.all([import("./widgets/figure.js"), import("./widgets/recorder.js")]).then(([figure, recording]) => {
    const paint = (/** @type {number} */ scale, /** @type {HTMLCanvasElement} */ into) => {
      const page = getComputedStyle(document.body);
      const dataset = $("dataset").selectedOptions[0]?.text ?? "";
      const title = [tr(get().lang).t("page.title"), dataset, $("epoch").textContent].join(" · ");
      const parts = [$("network-view"), document.querySelector(".map-frame"), document.querySelector(".chart")];
      return figure.paintFigure({ title, parts, background: page.backgroundColor, colour: page.color, into }, scale);
    };
    const recorder = new recording.Recorder({
      paint: (/** @type {HTMLCanvasElement} */ canvas) => paint(1, canvas),
      limitMs: LIMIT_MS,
      onTick: (/** @type {number} */ ms) => update({ recording: { ms: Math.floor(ms / 1000) * 1000 } }),
      onDone: (/** @type {Blob} */ blob, /** @type {string} */ ext) => {
        downloadBlob(blob, name(ext));
        update({ recording: null, notice: msg("figure.recorded", { seconds: Math.round((performance.now() - began) / 1000) }) });
      },
    });
    return { paint, recorder, supported: recording.Recorder.supported };
  }));
  const name = (/** @type {string} */ ext) => `bp-playground-epoch-${get().metrics?.epoch ?? 0}.${ext}`;
  let began = 0;

  pictureButton.addEventListener("click", async () => {
    const { paint } = await load();
    paint(PICTURE_SCALE, document.createElement("canvas")).toBlob((/** @type {Blob | null} */ blob) => {
      if (blob) downloadBlob(blob, name("png"));
      update({ notice: msg(blob ? "figure.saved" : "figure.failed") });
    }, "image/png");
  });
  recordButton.addEventListener("click", async () => {
    const { recorder, supported } = await load();
    if (get().recording) return recorder.stop();
    if (!supported()) return update({ notice: msg("figure.no_recording") });
    began = performance.now();
    if (recorder.start()) update({ recording: { ms: 0 } });
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
      if (r) indicator.textContent = say(t, msg("figure.recording", { seconds: r.ms / 1000, limit: LIMIT_MS / 1000 }));
    },
  };
}
