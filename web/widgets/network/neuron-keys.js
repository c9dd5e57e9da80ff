// @ts-check
// The neurons as the pointer and keyboard reach them: hovering or focusing one reports it (and
// leaving reports the one that still has focus, or none), a click, Enter or Space activates it,
// Up/Down move within its column (a wide layer is one tab stop: the stop moves along). Part of
// a NetworkView: `host.columns()` are its node records, `host.focus(ref | null)` and
// `host.click(ref)` its reactions.

/** The column index of a neuron ref among `count` columns (features, hidden layers, output). */
export function columnOf(ref, count) {
  return ref.kind === "feature" ? 0 : ref.kind === "output" ? count - 1 : ref.layer + 1;
}

export class NeuronKeys {
  /**
   * @param {HTMLElement} root the diagram's box
   * @param {{columns: () => any[][], focus: (ref: any) => void, click: (ref: any) => void}} host
   */
  constructor(root, host) {
    this.root = root;
    this.host = host;
    /** @type {any} the neuron ref under the pointer, or null */
    this.hovered = null;
  }

  /** Wire a neuron's element (`clickable`: not the feature tiles, which toggle instead). */
  wire(elem, ref, clickable) {
    elem.addEventListener("mouseenter", () => {
      this.hovered = ref;
      this.host.focus(ref);
    });
    elem.addEventListener("mouseleave", () => {
      this.hovered = null;
      const f = /** @type {any} */ (document.activeElement); // our nodes carry bpRef
      const inside = f && f !== elem && this.root.contains(f) && f.bpRef;
      this.host.focus(inside ? f.bpRef : null);
    });
    elem.addEventListener("focus", () => this.host.focus(ref));
    elem.addEventListener("blur", () => {
      if (!this.hovered) this.host.focus(null);
    });
    elem.bpRef = ref;
    if (!clickable) return;
    const activate = (e) => {
      if (e.target.classList.contains("bp-bias")) return;
      this.host.click(ref);
    };
    elem.addEventListener("click", activate);
    elem.addEventListener("keydown", (e) => {
      if (e.target !== elem) return;
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        e.stopPropagation(); // Space here is not the page's play/pause
        activate(e);
      } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        this.step(ref, e.key === "ArrowDown" ? 1 : -1, e);
      }
    });
  }

  /** Up/Down within a layer's column (its one tab stop moves along in wide layers). */
  step(ref, delta, e) {
    const cols = this.host.columns();
    const col = cols[columnOf(ref, cols.length)];
    const next = col[ref.index + delta];
    if (!next) return;
    e.preventDefault();
    if (col[ref.index].el.tabIndex < 0 || next.el.tabIndex < 0) {
      col[ref.index].el.tabIndex = -1;
      next.el.tabIndex = 0;
    }
    next.el.focus();
  }
}
