// @ts-check
// What the lab's last run or check gave, beside the editor: the printed output (long output
// clipped, "Show all" shows the rest), an error with the student's own line and what it means,
// the checks one by one (pass/fail, relative error, where it differs), a known slip's tailored
// message, and the `classes` exercise's loss curve. Words arrive already said (views/lab.js);
// all text goes in as textContent. The verdict is announced (aria-live) once per result.
//
//   const results = new LabResults(root);
//   results.show(model)   model: see LabResultsModel below; the same model again draws nothing

import { el } from "./dom.js";
import { LineChart } from "./linechart.js";

/** Output longer than this shows its first lines only, until "Show all". */
export const CLIP_LINES = 40;
export const CLIP_CHARS = 4000;

/**
 * @typedef {{passed: boolean, text: string, relError: string}} CheckRow
 * @typedef {{message: string, where: string, codeLine: string, traceback: string}} ErrorBox
 * @typedef {{
 *   words: {output: string, noOutput: string, showAll: string, showLess: string, clipped: string,
 *     checks: string, traceback: string, curve: string, curveName: string, epochLoss: (x: number, values: string) => string},
 *   key: string,
 *   output: string | null, pythonClipped: boolean,
 *   error: ErrorBox | null, verdict: string, verdictPassed: boolean | null,
 *   checks: CheckRow[], mistake: string, curve: number[] | null, format: (y: number) => string
 * }} LabResultsModel
 *   key: changes with each new result (the output's "Show all" folds again)
 */

/** The first lines of a long text, or null if it is short. @param {string} text */
export function clipText(text) {
  const lines = text.split("\n");
  if (lines.length <= CLIP_LINES && text.length <= CLIP_CHARS) return null;
  let out = lines.slice(0, CLIP_LINES).join("\n");
  if (out.length > CLIP_CHARS) out = out.slice(0, CLIP_CHARS);
  return out;
}

export class LabResults {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.verdict = el("p", "lab-verdict");
    this.verdict.setAttribute("role", "status");
    this.verdict.setAttribute("aria-live", "polite");
    this.outHead = el("h4", "lab-sub");
    this.out = el("pre", "lab-output");
    this.out.tabIndex = 0; // long output scrolls: reachable by keyboard
    this.more = el("button", "lab-more");
    this.more.type = "button";
    this.more.addEventListener("click", () => {
      this.expanded = !this.expanded;
      this._drawOutput();
    });
    this.clippedNote = el("p", "hint lab-clipped");
    this.error = el("div", "lab-error");
    this.checksHead = el("h4", "lab-sub");
    this.checks = el("ul", "lab-checks");
    this.mistake = el("p", "lab-mistake");
    this.curveBox = el("figure", "lab-curve");
    this.curveCaption = el("figcaption", "");
    this.curveCaption.id = "lab-curve-title";
    this.canvas = /** @type {HTMLCanvasElement} */ (el("canvas", "lab-curve-canvas"));
    this.canvas.width = 320;
    this.canvas.height = 110;
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute("aria-labelledby", "lab-curve-title");
    this.readout = el("p", "hint lab-curve-readout");
    this.readout.setAttribute("aria-live", "polite");
    this.curveBox.append(this.curveCaption, this.canvas, this.readout);
    /** @type {LabResultsModel | null} */
    this.model = null;
    this.expanded = false;
    /** @type {LineChart | null} */
    this.chart = null;
    root.append(this.verdict, this.error, this.outHead, this.out, this.more, this.clippedNote, this.mistake,
      this.checksHead, this.checks, this.curveBox);
  }

  /** @param {LabResultsModel} m */
  show(m) {
    const prev = this.model;
    this.model = m;
    if (!prev || prev.key !== m.key) this.expanded = false;
    const w = m.words;
    if (this.verdict.textContent !== m.verdict) this.verdict.textContent = m.verdict;
    this.verdict.classList.toggle("is-pass", m.verdictPassed === true);
    this.verdict.classList.toggle("is-fail", m.verdictPassed === false);
    this.outHead.textContent = w.output;
    this._drawOutput();
    this.clippedNote.textContent = m.pythonClipped ? w.clipped : "";
    this.clippedNote.hidden = !m.pythonClipped;
    this._drawError(m.error, w.traceback);
    this.mistake.textContent = m.mistake;
    this.mistake.hidden = !m.mistake;
    this._drawChecks(m.checks, w.checks);
    this._drawCurve(m);
  }

  _drawOutput() {
    const m = /** @type {LabResultsModel} */ (this.model);
    const text = m.output ?? "";
    const clip = clipText(text);
    this.out.textContent = text ? (clip !== null && !this.expanded ? clip + "\n…" : text) : m.words.noOutput;
    this.out.classList.toggle("is-empty", !text);
    this.more.hidden = clip === null;
    this.more.textContent = this.expanded ? m.words.showLess : m.words.showAll;
    this.more.setAttribute("aria-expanded", String(this.expanded));
  }

  /** @param {ErrorBox | null} e @param {string} tracebackWord */
  _drawError(e, tracebackWord) {
    this.error.hidden = !e;
    if (!e) {
      this.error.replaceChildren();
      return;
    }
    const parts = [el("p", "lab-error-message", e.message)];
    if (e.where) parts.push(el("p", "lab-error-where", e.where));
    if (e.codeLine) parts.push(el("pre", "lab-error-line", e.codeLine));
    if (e.traceback) {
      const d = el("details", "lab-traceback");
      d.append(el("summary", "", tracebackWord), el("pre", "", e.traceback));
      parts.push(d);
    }
    this.error.replaceChildren(...parts);
  }

  /** @param {CheckRow[]} rows @param {string} head */
  _drawChecks(rows, head) {
    this.checksHead.textContent = head;
    this.checksHead.hidden = rows.length === 0;
    this.checks.hidden = rows.length === 0;
    this.checks.replaceChildren(...rows.map((r) => {
      const li = el("li", r.passed ? "lab-check is-pass" : "lab-check is-fail");
      li.append(el("span", "lab-check-mark", r.passed ? "✓" : "✗"), el("span", "lab-check-text", r.text));
      if (r.relError) li.append(el("span", "lab-check-err", r.relError));
      return li;
    }));
  }

  /** The loss per epoch of the student's own training (the `classes` exercise). @param {LabResultsModel} m */
  _drawCurve(m) {
    this.curveBox.hidden = !m.curve;
    if (!m.curve) return;
    this.curveCaption.textContent = m.words.curve;
    const w = m.words;
    const words = { readout: w.epochLoss, value: (/** @type {string} */ _n, /** @type {string} */ v) => v, separator: ", ", none: "–" };
    if (!this.chart) {
      const colour = getComputedStyle(document.documentElement).getPropertyValue("--chart-train").trim() || "#0072b2";
      this.chart = new LineChart(this.canvas, () => [{ colour, name: this.model?.words.curveName || "" }], { readout: this.readout, format: m.format, words });
    }
    this.chart.setWords(words);
    this.chart.reset();
    m.curve.forEach((y, i) => /** @type {LineChart} */ (this.chart).add(i + 1, [y]));
    this.chart.draw();
  }
}
