// @ts-check
// The lesson below the playground, built from its content (web/lesson/*): a heading, an intro,
// sections of paragraphs and MathML formulas, and one button per section (and "Try it in the
// lab" where the Python lab has an exercise for it). Knows nothing of the app: the buttons call
// back with the section's stage (or preset, or exercise). Text goes in as textContent,
// formulas through widgets/mathml.js: no markup is ever parsed from a string.
//
//   const lesson = new Lesson(root, {onShowMe(stage) {...}, onTry(preset) {...}, onLab(exercise) {...}});
//   lesson.show(content, formulas, number, labs, word);   // again on every language change
//   lesson.mark(stage);                       // the sections showing that stage, or null

import { el } from "./dom.js";
import { formulaNode, pieces } from "./formula.js";
import { math } from "./mathml.js";

/**
 * @typedef {{p: string} | {math: string} | {runs: {preset: string, label: string}[]}} Block
 *   runs: presets the section's text compares, each a button with its words (onTry(preset))
 * @typedef {{id: string, title: string, blocks: Block[], showMe?: string, tryPreset?: string}} Section
 * @typedef {{title: string, intro: string, showMe: string, showMeLabel: string, tryMe: string,
 *   tryMeLabel: string, current: string, sections: Section[]}} Content
 * @typedef {{exercises: Record<string, string>, label: string, labelFor: (title: string) => string}} LabLinks
 *   exercises: section id -> the lab's exercise for it; the button's words
 */

/** A ["table", ["row", ["text", key], formula, ...], ...] as a table: a row's words head it,
 * its formulas are stacked, one per line, beside them.
 * @param {any[]} f @param {{number?: (name: string) => string, word?: (key: string) => string}} how */
function formulaTable(f, how) {
  const body = el("tbody");
  for (const [, head, ...cells] of f.slice(1)) {
    const th = el("th", null, how.word ? how.word(head[1]) : head[1]);
    th.setAttribute("scope", "row");
    const td = el("td");
    for (const piece of cells.flatMap(pieces)) { // (a long one's pieces: a line each)
      const line = el("div");
      line.append(math(formulaNode(piece.f, how), { display: "inline" }));
      td.append(line);
    }
    const tr = el("tr");
    tr.append(th, td);
    body.append(tr);
  }
  const table = el("table");
  table.append(body);
  return table;
}

/** A paragraph's text with its {places} filled by numbers (each a span naming its number).
 * @param {string} text @param {(name: string) => string} number */
function paragraph(text, number) {
  const p = el("p", "lesson-p");
  text.split(/\{(\w+)\}/).forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) p.append(part);
    } else {
      const n = el("span", "lesson-num", number(part));
      n.dataset.number = part;
      p.append(n);
    }
  });
  return p;
}

/** A message with named places ("Show on the example: {title}"). @param {string} text @param {Record<string, string>} params */
const fill = (text, params) => text.replace(/\{(\w+)\}/g, (m, k) => params[k] ?? m);

export class Lesson {
  /**
   * @param {HTMLElement} root
   * @param {{onShowMe: (stage: string) => void, onTry: (preset: string) => void, onLab?: (exercise: string) => void}} callbacks
   */
  constructor(root, { onShowMe, onTry, onLab = () => {} }) {
    this.root = root;
    this.onShowMe = onShowMe;
    this.onTry = onTry;
    this.onLab = onLab;
    /** @type {string | null} */
    this.marked = null;
  }

  /**
   * Draw the lesson in one language (replaces what was there; keeps focus on the same button).
   * @param {Content} content @param {Record<string, any>} formulas @param {(name: string) => string} number
   * @param {LabLinks} [labs] the sections the Python lab has an exercise for
   * @param {(key: string) => string} [word] a formula's words (["text", key]) in the lesson's language
   */
  show(content, formulas, number, labs, word) {
    const focused = /** @type {HTMLElement | null} */ (this.root.querySelector(".lesson-show:focus"));
    const refocus = focused?.closest("section")?.id;
    const head = el("h2", "lesson-title", content.title);
    head.id = "lesson-title";
    const parts = [head, el("p", "lesson-intro", content.intro)];
    for (const s of content.sections) {
      const box = el("section", "lesson-section");
      box.id = `lesson-${s.id}`;
      box.setAttribute("aria-labelledby", `lesson-${s.id}-title`);
      const title = el("h3", "lesson-h", s.title);
      title.id = `lesson-${s.id}-title`;
      box.append(title);
      for (const b of s.blocks) {
        if ("p" in b) box.append(paragraph(b.p, number));
        else if ("runs" in b) box.append(this._runs(b.runs));
        else {
          const f = formulas[b.math];
          const wrap = el("div", f[0] === "table" ? "lesson-math lesson-table" : "lesson-math");
          if (f[0] === "table") wrap.append(formulaTable(f, { number, word }));
          else for (const piece of pieces(f)) {
            const m = math(formulaNode(piece.f, { number, word }));
            if (piece.afterGap) m.setAttribute("class", "lesson-next");
            wrap.append(m);
          }
          wrap.dataset.formula = b.math;
          box.append(wrap);
        }
      }
      box.append(this._actions(content, s, labs));
      parts.push(box);
    }
    this.root.replaceChildren(...parts);
    this.root.setAttribute("aria-labelledby", "lesson-title");
    const marked = this.marked;
    this.marked = null;
    this.mark(marked);
    if (refocus) /** @type {HTMLElement | null} */ (this.root.querySelector(`#${refocus} .lesson-show`))?.focus();
  }

  /** The section's button, its "shown above" note, and "Try it in the lab".
   * @param {Content} content @param {Section} s @param {LabLinks} [labs] */
  _actions(content, s, labs) {
    const row = el("p", "lesson-actions");
    const b = el("button", "lesson-show", s.showMe ? content.showMe : content.tryMe);
    b.type = "button";
    b.setAttribute("aria-label", fill(s.showMe ? content.showMeLabel : content.tryMeLabel, { title: s.title }));
    if (s.showMe) {
      b.dataset.stage = s.showMe;
      b.addEventListener("click", () => this.onShowMe(/** @type {string} */ (s.showMe)));
    } else if (s.tryPreset) {
      b.dataset.preset = s.tryPreset;
      b.addEventListener("click", () => this.onTry(/** @type {string} */ (s.tryPreset)));
    }
    const note = el("span", "lesson-current", content.current);
    note.hidden = true;
    row.append(b, note);
    const exercise = labs?.exercises[s.id];
    if (labs && exercise) {
      const lab = el("button", "lesson-lab", labs.label);
      lab.type = "button";
      lab.dataset.exercise = exercise;
      lab.setAttribute("aria-label", labs.labelFor(s.title));
      lab.addEventListener("click", () => this.onLab(exercise));
      row.append(lab);
    }
    return row;
  }

  /** A row of buttons, each loading a preset the text compares (the hidden δ's deep networks).
   * @param {{preset: string, label: string}[]} runs */
  _runs(runs) {
    const row = el("p", "lesson-actions lesson-runs");
    for (const { preset, label } of runs) {
      const b = el("button", "lesson-run", label);
      b.type = "button";
      b.dataset.preset = preset;
      b.addEventListener("click", () => this.onTry(preset));
      row.append(b);
    }
    return row;
  }

  /** Mark the sections whose button shows `stage` (the step-through's current one), or none.
   * @param {string | null} stage */
  mark(stage) {
    if (stage === this.marked) return;
    this.marked = stage;
    for (const box of this.root.querySelectorAll(".lesson-section")) {
      const on = stage !== null && box.querySelector(".lesson-show")?.getAttribute("data-stage") === stage;
      box.classList.toggle("is-current", on);
      const note = /** @type {HTMLElement | null} */ (box.querySelector(".lesson-current"));
      if (note) note.hidden = !on;
    }
  }
}
