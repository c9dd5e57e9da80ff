// @ts-check
// The loss landscape's panel inside its <details>: Compute / Other directions / Cancel, the
// progress bar and the status, then two figures, each with its title, axis labels, legend and
// a readout: the line from the initial to the current weights (LandscapeLine) and the 2-D
// slice with the training path (LandscapeContour). Its words come from `t(key, params)`
// (catalogue keys landscape.*); it knows nothing of the app.

import { significant } from "../domain/format.js";
import { LandscapeContour, paintBar } from "./landscape-contour.js";
import { LandscapeLine } from "./landscape-line.js";

/** @typedef {(key: string, params?: Record<string, unknown>) => string} T */

/** @typedef {{computing: boolean, progress: number, status: string, line: any, slice: any,
 *   scale: {lo: number, hi: number, log: boolean} | null}} Shown */

/** An element with properties (attributes where a name has a dash, and role) and children.
 * @param {string} tag @param {Record<string, any>} [props] @param {(Node | string)[]} [children] */
function el(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k.includes("-") || k === "role") e.setAttribute(k, String(v));
    else /** @type {any} */ (e)[k] = v;
  }
  e.append(...children);
  return e;
}

export class LandscapePanel {
  /**
   * @param {HTMLElement} root
   * @param {{onCompute: () => void, onOther: () => void, onCancel: () => void}} on
   */
  constructor(root, { onCompute, onOther, onCancel }) {
    /** @type {T} */
    this.t = (key) => key;
    const w = (/** @type {string} */ key) => { const e = el("span"); e.dataset.word = key; return e; };
    this.compute = /** @type {HTMLButtonElement} */ (el("button", { type: "button", className: "ls-compute" }));
    this.other = /** @type {HTMLButtonElement} */ (el("button", { type: "button", className: "ls-other" }));
    this.cancel = el("button", { type: "button", className: "ls-cancel", hidden: true });
    this.compute.addEventListener("click", onCompute);
    this.other.addEventListener("click", onOther);
    this.cancel.addEventListener("click", onCancel);
    this.progress = /** @type {HTMLProgressElement} */ (el("progress", { className: "ls-progress", max: 1, value: 0, hidden: true }));
    this.status = el("p", { className: "ls-status hint", role: "status" });
    const lineReadout = el("p", { className: "ls-readout", "aria-live": "polite" });
    const sliceReadout = el("p", { className: "ls-readout", "aria-live": "polite" });
    this.lineCanvas = /** @type {HTMLCanvasElement} */ (el("canvas", { className: "ls-canvas ls-line-canvas", role: "img", tabIndex: 0 }));
    this.sliceCanvas = /** @type {HTMLCanvasElement} */ (el("canvas", { className: "ls-canvas ls-slice-canvas", role: "img", tabIndex: 0 }));
    this.line = new LandscapeLine(this.lineCanvas, {
      readout: lineReadout,
      say: (t, train, test) => this.t(test === null ? "landscape.read_line" : "landscape.read_line_test",
        { t: significant(t, 3), train: significant(train, 4), test: significant(test, 4) }),
      marks: () => [this.t("landscape.initial_short"), this.t("landscape.current_short")],
    });
    this.slice = new LandscapeContour(this.sliceCanvas, {
      readout: sliceReadout,
      say: (a, b, loss) => this.t("landscape.read_slice", { alpha: significant(a, 3), beta: significant(b, 3), loss: significant(loss, 4) }),
    });
    this.bar = /** @type {HTMLCanvasElement} */ (el("canvas", { className: "ls-bar", "aria-hidden": "true" }));
    paintBar(this.bar);
    this.lo = el("span", { className: "ls-lo" });
    this.hi = el("span", { className: "ls-hi" });
    this.scaleWord = w("landscape.scale_linear");
    this.testItem = el("li", {}, [el("span", { className: "ls-swatch ls-swatch-test" }), w("landscape.legend_test")]);
    const figure = (/** @type {string} */ cls, /** @type {string} */ title, /** @type {HTMLElement} */ canvas,
      /** @type {string} */ x, /** @type {string} */ y, /** @type {HTMLElement} */ legend, /** @type {HTMLElement} */ readout) =>
      el("figure", { className: `ls-figure ${cls}` }, [
        el("figcaption", { className: "ls-title" }, [w(title)]),
        el("div", { className: "ls-plot" }, [el("span", { className: "ls-y" }, [w(y)]), canvas]),
        el("div", { className: "ls-x" }, [w(x)]),
        legend, readout,
      ]);
    this.figures = el("div", { className: "ls-figures", hidden: true }, [
      figure("ls-line", "landscape.line_title", this.lineCanvas, "landscape.line_x", "landscape.loss", el("ul", { className: "ls-legend" }, [
        el("li", {}, [el("span", { className: "ls-swatch ls-swatch-train" }), w("landscape.legend_train")]), this.testItem,
      ]), lineReadout),
      figure("ls-slice", "landscape.slice_title", this.sliceCanvas, "landscape.alpha", "landscape.beta", el("div", { className: "ls-legend" }, [
        el("div", { className: "ls-scale" }, [w("landscape.colour"), this.lo, this.bar, this.hi, this.scaleWord]),
        el("ul", {}, [
          el("li", {}, [el("span", { className: "ls-swatch ls-swatch-path" }), w("landscape.legend_path")]),
          el("li", {}, [el("span", { className: "ls-mark ls-mark-start" }), w("landscape.legend_start")]),
          el("li", {}, [el("span", { className: "ls-mark ls-mark-now" }), w("landscape.legend_now")]),
        ]),
      ]), sliceReadout),
    ]);
    root.replaceChildren(
      el("p", { className: "hint ls-intro" }, [w("landscape.intro")]),
      el("div", { className: "ls-controls" }, [this.compute, this.other, this.cancel, this.progress]),
      this.status,
      this.figures,
    );
    this.root = root;
    /** @type {Shown | null} */
    this.shown = null;
  }

  /** The words again, in another language. @param {T} t */
  setWords(t) {
    this.t = t;
    for (const e of this.root.querySelectorAll("[data-word]")) e.textContent = t(/** @type {HTMLElement} */ (e).dataset.word || "");
    this.compute.textContent = t("landscape.compute");
    this.other.textContent = t("landscape.other");
    this.cancel.textContent = t("landscape.cancel");
    this.lineCanvas.setAttribute("aria-label", t("landscape.line_label"));
    this.sliceCanvas.setAttribute("aria-label", t("landscape.slice_label"));
    if (this.shown) this.show(this.shown);
  }

  /** @param {Shown} s */
  show(s) {
    this.shown = s;
    this.compute.disabled = s.computing;
    this.other.disabled = s.computing || !s.slice;
    this.cancel.hidden = !s.computing;
    this.progress.hidden = !s.computing;
    this.progress.value = s.progress;
    this.progress.setAttribute("aria-label", this.t("landscape.progress"));
    if (this.status.textContent !== s.status) this.status.textContent = s.status;
    this.figures.hidden = !s.line;
    if (!s.line) return;
    this.testItem.hidden = !s.line.test;
    this.lo.textContent = s.scale ? significant(s.scale.lo, 3) : "";
    this.hi.textContent = s.scale ? significant(s.scale.hi, 3) : "";
    this.scaleWord.dataset.word = s.scale && s.scale.log ? "landscape.scale_log" : "landscape.scale_linear";
    this.scaleWord.textContent = this.t(this.scaleWord.dataset.word);
    this.line.draw(s.line);
    this.slice.draw(s.slice);
  }

  /** Draw again at the current size (a resize, the colour scheme). */
  redraw() {
    if (this.shown) this.show(this.shown);
  }
}
