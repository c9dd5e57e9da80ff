// @ts-check
// The lab's code editor: CodeMirror 6 (npm, pinned in package.json, bundled into the lab's lazy
// chunk) with Python highlighting, line numbers, auto-indentation, undo/redo and bracket
// matching; long lines wrap. Knows nothing of the app: text in, text out, Ctrl/Cmd+Enter calls onRun.
//
// CSP: CodeMirror writes its styles through style-mod, which makes a <style> element when the
// editor lives in the document, and the page's CSP (style-src 'self') refuses those. The editor
// lives in a shadow root instead: there style-mod uses a constructed stylesheet
// (adoptedStyleSheets, CSSOM), which the CSP allows as it allows element.style; its colours are
// the page's custom properties (they inherit into the shadow root). No nonce, no 'unsafe-inline'.
//
// Keyboard: Tab indents (indentWithTab), so Esc then Tab (within 2 s, CodeMirror's tab focus
// mode) leaves the editor; Shift+Tab after Esc goes back. Keys typed in the editor stay in it
// (the page's shortcuts, Space plays, never see them).
//
//   const ed = new CodeEditor(host, {onChange(text), onRun()});
//   ed.show(doc, text)     the document `doc` (one undo history each) holding text
//   ed.value               the text shown
//   ed.setLabel(text)      the editor's accessible name
//   ed.focus()

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { bracketMatching, HighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState, Prec } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { tags } from "@lezer/highlight";

/** Python's colours: the page's custom properties (web/lab.css sets them for light and dark). */
const HIGHLIGHT = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword], color: "var(--code-keyword)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--code-string)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--code-number)" },
  { tag: [tags.comment, tags.lineComment], color: "var(--code-comment)", fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.definition(tags.variableName))], color: "var(--code-function)" },
  { tag: [tags.definition(tags.className), tags.className], color: "var(--code-class)" },
  { tag: [tags.operator, tags.self], color: "var(--code-operator)" },
]);

const THEME = EditorView.theme({
  "&": { color: "var(--ink)", backgroundColor: "var(--field)", border: "1px solid var(--field-line)", borderRadius: "6px", height: "100%" },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Noto Sans Mono CJK SC', monospace", fontSize: "0.9rem", lineHeight: "1.45" },
  ".cm-content": { caretColor: "var(--ink)", padding: "6px 0" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--ink)" },
  ".cm-gutters": { backgroundColor: "var(--bg)", color: "var(--muted)", borderRight: "1px solid var(--line)", borderRadius: "6px 0 0 6px" },
  ".cm-activeLine": { backgroundColor: "var(--code-active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--code-active-line)", color: "var(--ink)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--code-selection)" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "var(--code-selection)", outline: "1px solid var(--muted)" },
});

export class CodeEditor {
  /**
   * @param {HTMLElement} host the editor's box (its shadow root holds the editor)
   * @param {{onChange: (text: string) => void, onRun: () => void}} callbacks
   */
  constructor(host, { onChange, onRun }) {
    this.host = host;
    this.onChange = onChange;
    this.onRun = onRun;
    this.label = new Compartment();
    /** @type {Map<string, EditorState>} each document's state: its own text and undo history */
    this.states = new Map();
    this.doc = "";
    this.labelText = "";
    this.quiet = false; // a change made by show(): not the user's, not told
    const root = host.shadowRoot || host.attachShadow({ mode: "open" });
    this.view = new EditorView({ state: this._state(""), parent: root, root });
    // the page's own shortcuts (Space plays, Ctrl+Z undoes a drawing step, arrows walk) never
    // see a key typed in the editor: seen from the document, its target is this host
    host.addEventListener("keydown", (e) => e.stopPropagation());
  }

  /** @param {string} text */
  _state(text) {
    return EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        EditorView.lineWrapping, // a long line wraps (a phone shows it whole; no sideways scrolling)
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        python(),
        syntaxHighlighting(HIGHLIGHT),
        THEME,
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => (this.onRun(), true) }])),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        this.label.of(EditorView.contentAttributes.of({ "aria-label": this.labelText })),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !this.quiet) this.onChange(u.state.doc.toString());
        }),
      ],
    });
  }

  /** The text shown. */
  get value() {
    return this.view.state.doc.toString();
  }

  /**
   * Show document `doc` holding `text`: another document swaps in its own state (text, undo
   * history, cursor); a different text replaces the whole text as one undoable change (Reset
   * to starter, a language's starter code), so Ctrl+Z brings the user's code back.
   * @param {string} doc @param {string} text
   */
  show(doc, text) {
    if (doc !== this.doc) {
      this.states.set(this.doc, this.view.state);
      const kept = this.states.get(doc);
      this.doc = doc;
      this.view.setState(kept || this._state(text));
      this._applyLabel();
    }
    if (this.value === text) return;
    this.quiet = true;
    try {
      this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
    } finally {
      this.quiet = false;
    }
  }

  /** The editor's accessible name (the exercise's). @param {string} text */
  setLabel(text) {
    if (text === this.labelText) return;
    this.labelText = text;
    this._applyLabel();
  }

  _applyLabel() {
    this.view.dispatch({ effects: this.label.reconfigure(EditorView.contentAttributes.of({ "aria-label": this.labelText })) });
  }

  focus() {
    this.view.focus();
  }
}
