// @ts-check
// Keep the model: buttons that download a Python script replaying the run and the weights, and
// a file input that loads weights back (the data's CSV is the Data panel's "Export CSV", once).
// A dumb widget: every file comes from the engine (exportScript, exportWeights, loadWeights);
// the page reacts through onWeightsLoaded. Downloads use a Blob, an object URL and a temporary <a download> (CSP-safe).
// Styles: model-files.css (linked here if the page has not).
//
//   mountModelFiles(container, {
//     request(type, payload) -> Promise<result>,   // the engine (window.bp.engine.request)
//     epochs() -> number,                          // the page's epoch (the script's default stops there at most)
//     trail() -> {start?, edits?},                 // the run's changes on the way (exportScript's start, edits)
//     notify(text, kind, message),                 // kind: "info" | "error"; message: the same as
//                                                  // data {key, params} (said again in another language)
//     onWeightsLoaded(result),                     // the loadWeights reply {weights, biases, metrics}
//   }) -> {destroy(), setLanguage(translator)}     // words from the catalogue (files.*), English first

import { translator } from "../domain/i18n.js";

const FILES = [
  { label: "files.script", failed: "files.script_failed", type: "exportScript", file: "bp_playground_run.py",
    // the page's epoch (the script trains a few seconds' worth by default, at most that) and language
    mime: "text/x-python", payload: (o, t) => ({ epochs: Math.max(0, Math.round(o.epochs?.() ?? 0)), lang: t.lang, ...(o.trail?.() ?? {}) }) },
  { label: "files.weights", failed: "files.weights_failed", type: "exportWeights", file: "weights.json", mime: "application/json" },
];

/** Save text as a file through a temporary link. */
export function downloadText(text, filename, mime = "text/plain") {
  downloadBlob(new Blob([text], { type: `${mime};charset=utf-8` }), filename);
}

/** Save a Blob as a file through a temporary link (an object URL: CSP-safe, nothing uploaded). */
export function downloadBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000); // after the browser has started the download
}

function ensureStyles() {
  const href = new URL("../model-files.css", import.meta.url).href;
  const links = document.querySelectorAll('link[rel="stylesheet"]');
  if ([...links].some((l) => /** @type {HTMLLinkElement} */ (l).href === href)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
}

function message(err) {
  return (err && err.message) || String(err);
}

export function mountModelFiles(container, opts) {
  ensureStyles();
  let t = translator("en");
  const say = opts.notify ?? (() => {});
  /** A notice in words now, and as data for a page that says it again in another language. */
  const notify = (/** @type {string} */ key, /** @type {Record<string, unknown>} */ params, /** @type {string} */ kind) =>
    say(t.t(key, params), kind, { key, params });
  /** @type {[HTMLElement, string][]} what shows words: element, catalogue key */
  const labelled = [];
  const box = document.createElement("div");
  box.className = "bp-model-files";
  box.setAttribute("role", "group");

  for (const f of FILES) {
    const b = document.createElement("button");
    b.type = "button";
    labelled.push([b, f.label]);
    b.dataset.file = f.file;
    b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        const r = await opts.request(f.type, f.payload ? f.payload(opts, t) : {});
        downloadText(r.text, f.file, f.mime);
        notify("files.saved", { file: f.file }, "info");
      } catch (err) {
        notify(f.failed, { reason: message(err) }, "error");
      } finally {
        b.disabled = false;
      }
    });
    box.appendChild(b);
  }

  // "Load weights": a label that looks like a button, around a visually hidden file input
  // (still focusable; the label shows the focus ring). "file-button" / "visually-hidden" are
  // the page's own classes (style.css); model-files.css has the same for other pages.
  const label = document.createElement("label");
  label.className = "file-button bp-model-load";
  const words = document.createElement("span");
  labelled.push([words, "files.load"]);
  label.append(words);
  const input = document.createElement("input");
  input.type = "file";
  input.className = "visually-hidden bp-visually-hidden";
  input.accept = ".json,application/json";
  label.appendChild(input);
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    input.disabled = true;
    try {
      const result = await opts.request("loadWeights", { text: await file.text() });
      notify("files.loaded", { file: file.name }, "info");
      opts.onWeightsLoaded?.(result);
    } catch (err) {
      notify("files.load_failed", { file: file.name, reason: message(err) }, "error");
    } finally {
      input.disabled = false;
      input.value = ""; // the same file again fires change again
    }
  });
  box.appendChild(label);

  /** The words in a language (domain/i18n.js translator). @param {ReturnType<typeof translator>} tr */
  function setLanguage(tr) {
    t = tr;
    box.setAttribute("aria-label", t.t("files.group"));
    for (const [e, key] of labelled) e.textContent = t.t(key);
  }
  setLanguage(t);
  container.appendChild(box);
  return { destroy: () => box.remove(), setLanguage };
}
