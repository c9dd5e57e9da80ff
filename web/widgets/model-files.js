// @ts-check
// Keep the model: buttons that download a Python script replaying the run and the weights, and
// a file input that loads weights back (the data's CSV is the Data panel's "Export CSV", once).
// A dumb widget: every file comes from the engine (exportScript, exportWeights, loadWeights);
// the page reacts through onWeightsLoaded. Downloads use a Blob, an object URL and a temporary <a download> (CSP-safe).
// Styles: model-files.css (linked here if the page has not).
//
//   mountModelFiles(container, {
//     request(type, payload) -> Promise<result>,   // the engine (window.bp.engine.request)
//     epochs() -> number,                          // epochs the script should train
//     notify(text, kind),                          // kind: "info" | "error"
//     onWeightsLoaded(result),                     // the loadWeights reply {weights, biases, metrics}
//   }) -> {destroy()}

const FILES = [
  { label: "Download Python script", type: "exportScript", file: "bp_playground_run.py",
    mime: "text/x-python", payload: (o) => ({ epochs: Math.max(0, Math.round(o.epochs?.() ?? 100)) }) },
  { label: "Download weights", type: "exportWeights", file: "weights.json", mime: "application/json" },
];

/** Save text as a file through a temporary link. */
export function downloadText(text, filename, mime = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
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
  const notify = opts.notify ?? (() => {});
  const box = document.createElement("div");
  box.className = "bp-model-files";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "Model files");

  for (const f of FILES) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = f.label;
    b.dataset.file = f.file;
    b.addEventListener("click", async () => {
      b.disabled = true;
      try {
        const r = await opts.request(f.type, f.payload ? f.payload(opts) : {});
        downloadText(r.text, f.file, f.mime);
        notify(`Saved ${f.file}`, "info");
      } catch (err) {
        notify(`${f.label} failed: ${message(err)}`, "error");
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
  label.append("Load weights");
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
      notify(`Loaded weights from ${file.name}`, "info");
      opts.onWeightsLoaded?.(result);
    } catch (err) {
      notify(`Could not load ${file.name}: ${message(err)}`, "error");
    } finally {
      input.disabled = false;
      input.value = ""; // the same file again fires change again
    }
  });
  box.appendChild(label);

  container.appendChild(box);
  return { destroy: () => box.remove() };
}
