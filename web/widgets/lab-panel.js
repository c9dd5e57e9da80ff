// @ts-check
// The Python lab's panel: the exercises with their progress (a tick once passed), the chosen
// one's statement and its hints (one more at a time), the code editor (widgets/code-editor.js)
// with Run (Ctrl/Cmd+Enter), Check, Stop while code runs, Reset to starter, and beside it what
// the code gave (widgets/lab-results.js); on a passed plug exercise, "Use in the playground".
// A dumb widget: the view hands it a model with every word already said; the buttons call back.
//
//   const panel = new LabPanel(root, callbacks);   // callbacks: see the constructor
//   panel.show(model)                              // LabPanelModel below
//   panel.editor                                   // the CodeEditor (focus(), value)

import { CodeEditor } from "./code-editor.js";
import { el } from "./dom.js";
import { LabResults } from "./lab-results.js";

/**
 * @typedef {{id: string, title: string, passed: boolean, current: boolean}} ExerciseItem
 * @typedef {{
 *   words: {exercises: string, passed: string, hint: string, hintsHead: string, noHintsLeft: string,
 *     run: string, check: string, stop: string, reset: string, usePlayground: string, editorHelp: string,
 *     editorLabel: string, code: string},
 *   exercises: ExerciseItem[],
 *   exercise: {key: string, id: string, title: string, statement: string[], hints: string[], hintsLeft: number},
 *   code: string, running: boolean, busy: boolean, status: string,
 *   plug: {shown: boolean, note: string},
 *   results: import("./lab-results.js").LabResultsModel
 * }} LabPanelModel
 *   busy: the lab cannot take code now (it is starting up or restarting): Run and Check wait
 *   exercise.key: changes when its words do (language, hints shown): then they are drawn again
 */

/** A paragraph with `code` spans: text between backticks is code. @param {string} text */
function prose(text) {
  const p = el("p", "lab-p");
  text.split("`").forEach((part, i) => {
    if (!part) return;
    p.append(i % 2 ? el("code", "", part) : part);
  });
  return p;
}

/** @param {string} cls @param {string} id */
function action(cls, id) {
  const b = el("button", cls);
  b.type = "button";
  b.id = id;
  return b;
}

export class LabPanel {
  /**
   * @param {HTMLElement} root
   * @param {{onChoose: (id: string) => void, onCode: (text: string) => void, onRun: () => void,
   *   onCheck: () => void, onStop: () => void, onReset: () => void, onHint: () => void,
   *   onUse: () => void}} cb
   */
  constructor(root, cb) {
    this.root = root;
    this.cb = cb;
    root.classList.add("lab-panel");
    // the exercises
    this.nav = el("nav", "lab-nav");
    this.navHead = el("h3", "lab-nav-head");
    this.navHead.id = "lab-nav-head";
    this.nav.setAttribute("aria-labelledby", "lab-nav-head");
    this.list = el("ol", "lab-list");
    this.nav.append(this.navHead, this.list);
    /** @type {Map<string, HTMLButtonElement>} */
    this.items = new Map();
    // the exercise
    this.main = el("div", "lab-main");
    this.title = el("h3", "lab-title");
    this.title.id = "lab-exercise-title";
    this.title.tabIndex = -1; // focused when the lab opens: a screen reader hears where it is
    this.statement = el("div", "lab-statement");
    this.hintsHead = el("h4", "lab-sub");
    this.hints = el("ol", "lab-hints");
    this.hints.setAttribute("aria-live", "polite");
    this.hintButton = action("lab-hint", "lab-hint");
    this.hintButton.addEventListener("click", cb.onHint);
    // the editor and the output, side by side (stacked on a phone)
    this.work = el("div", "lab-work");
    this.codeBox = el("div", "lab-code");
    this.codeHead = el("h4", "lab-sub");
    this.help = el("p", "hint lab-editor-help");
    this.help.id = "lab-editor-help";
    this.host = el("div", "lab-editor");
    this.host.setAttribute("aria-describedby", "lab-editor-help");
    this.editor = new CodeEditor(this.host, { onChange: (t) => this.cb.onCode(t), onRun: () => this.cb.onRun() });
    this.bar = el("div", "lab-bar");
    this.bar.setAttribute("role", "toolbar");
    this.bar.setAttribute("aria-controls", "lab-results");
    this.run = action("lab-run primary", "lab-run");
    this.run.setAttribute("aria-keyshortcuts", "Control+Enter Meta+Enter");
    this.check = action("lab-check-button", "lab-check");
    this.stop = action("lab-stop", "lab-stop");
    this.reset = action("lab-reset", "lab-reset");
    this.use = action("lab-use", "lab-use");
    this.run.addEventListener("click", () => this.cb.onRun());
    this.check.addEventListener("click", () => this.cb.onCheck());
    this.stop.addEventListener("click", () => this.cb.onStop());
    this.reset.addEventListener("click", () => this.cb.onReset());
    this.use.addEventListener("click", () => this.cb.onUse());
    this.status = el("span", "hint lab-status");
    this.status.setAttribute("role", "status");
    this.bar.append(this.run, this.check, this.stop, this.reset, this.status);
    this.useNote = el("p", "lab-use-note");
    this.useRow = el("div", "lab-use-row");
    this.useRow.append(this.use, this.useNote);
    this.codeBox.append(this.codeHead, this.help, this.host, this.bar, this.useRow);
    this.resultsBox = el("div", "lab-results");
    this.resultsBox.id = "lab-results";
    this.results = new LabResults(this.resultsBox);
    this.work.append(this.codeBox, this.resultsBox);
    this.main.append(this.title, this.statement, this.hintsHead, this.hints, this.hintButton);
    root.replaceChildren(this.nav, this.main, this.work);
    /** @type {LabPanelModel | null} */
    this.model = null;
  }

  /** @param {LabPanelModel} m */
  show(m) {
    const prev = this.model;
    this.model = m;
    const w = m.words;
    this.navHead.textContent = w.exercises;
    this._drawList(m.exercises, w.passed);
    const ex = m.exercise;
    if (!prev || prev.exercise.key !== ex.key) {
      this.title.textContent = ex.title;
      this.statement.replaceChildren(...ex.statement.map(prose));
      this.hintsHead.textContent = w.hintsHead;
      this.hintsHead.hidden = ex.hints.length === 0;
      this.hints.replaceChildren(...ex.hints.map((h) => {
        const li = el("li", "lab-hint-item");
        li.append(prose(h));
        return li;
      }));
    }
    this.hintButton.textContent = ex.hintsLeft > 0 ? w.hint : w.noHintsLeft;
    this.hintButton.disabled = ex.hintsLeft === 0;
    this.codeHead.textContent = w.code;
    this.bar.setAttribute("aria-label", w.code);
    this.help.textContent = w.editorHelp;
    this.editor.setLabel(w.editorLabel);
    this.editor.show(ex.id, m.code);
    this.run.textContent = w.run;
    this.check.textContent = w.check;
    this.stop.textContent = w.stop;
    this.reset.textContent = w.reset;
    this.run.disabled = m.running;
    this.check.disabled = m.running;
    this.stop.disabled = !m.running;
    this.reset.disabled = m.running;
    this.run.setAttribute("aria-busy", String(m.running || m.busy));
    if (this.status.textContent !== m.status) this.status.textContent = m.status;
    this.useRow.hidden = !m.plug.shown;
    this.use.textContent = w.usePlayground;
    this.useNote.textContent = m.plug.note;
    this.results.show(m.results);
  }

  /** The exercises' buttons, made once, then updated in place (focus stays where it is).
   * @param {ExerciseItem[]} items @param {string} passedWord */
  _drawList(items, passedWord) {
    if (this.items.size !== items.length || items.some((it) => !this.items.has(it.id))) {
      this.items.clear();
      this.list.replaceChildren(...items.map((it) => {
        const b = /** @type {HTMLButtonElement} */ (el("button", "lab-item"));
        b.type = "button";
        b.dataset.exercise = it.id;
        b.addEventListener("click", () => this.cb.onChoose(it.id));
        this.items.set(it.id, b);
        const li = el("li", "");
        li.append(b);
        return li;
      }));
    }
    for (const it of items) {
      const b = /** @type {HTMLButtonElement} */ (this.items.get(it.id));
      const tick = el("span", "lab-tick", it.passed ? "✓" : "");
      tick.setAttribute("aria-hidden", "true");
      const parts = [tick, el("span", "lab-item-title", it.title)];
      if (it.passed) parts.push(el("span", "visually-hidden", passedWord));
      b.replaceChildren(...parts);
      b.classList.toggle("is-passed", it.passed);
      const was = b.hasAttribute("aria-current");
      if (it.current) b.setAttribute("aria-current", "step");
      else b.removeAttribute("aria-current");
      // a phone's list scrolls sideways: the current one in view (no page scroll)
      if (it.current && !was && this.list.scrollWidth > this.list.clientWidth) {
        this.list.scrollLeft = Math.max(0, /** @type {HTMLElement} */ (b.parentElement).offsetLeft - this.list.offsetLeft - 8);
      }
    }
  }
}
