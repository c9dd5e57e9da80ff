// @ts-check
// The step-through's bar above the network diagram: which point, which stage (its words and its
// formula with this point's numbers), Previous / Next / Take the step / Stop. A dumb widget: it
// shows what it is given and reports the buttons. Its controls stay where the user is: when its
// place above the diagram is scrolled out of the window (the lesson's "Show on the example" brings the
// inspector into view), it docks at the window's bottom edge, and goes back once its place is in
// view again; its place keeps its height meanwhile, so nothing moves. The keys it names are said
// only where there is a keyboard (widgets.css). Styles: widgets.css (.bp-walkbar).
//
//   const bar = new WalkBar(container, {onPrev, onNext, onTake, onStop});
//   bar.show({point, progress, stage, formula, first, last, back?} | null, t)   null hides it;
//       t(key) the translator's t (the buttons' words); back: {label, run} a button that
//       brings back the run the walk's example replaced (app/way-back.js's offer), or none

import { el } from "./dom.js";

export class WalkBar {
  /** @param {HTMLElement} container @param {{onPrev: () => void, onNext: () => void, onTake: () => void, onStop: () => void}} on */
  constructor(container, on) {
    this.root = container;
    container.classList.add("bp-walkbar");
    container.setAttribute("role", "region");
    container.hidden = true;
    this.head = el("div", "bp-walkbar-head");
    this.point = el("strong", "bp-walkbar-point");
    this.progress = el("span", "bp-walkbar-progress");
    this.head.append(this.point, this.progress);
    // the stage's words are announced as they change
    this.stage = el("p", "bp-walkbar-stage");
    this.stage.setAttribute("aria-live", "polite");
    this.formula = el("p", "bp-walkbar-formula");
    const make = (/** @type {string} */ key, /** @type {string} */ shortcut, /** @type {() => void} */ fn) => {
      const b = el("button", `bp-walkbar-${key}`);
      b.type = "button";
      if (shortcut) b.setAttribute("aria-keyshortcuts", shortcut);
      b.addEventListener("click", fn);
      return b;
    };
    this.prev = make("prev", "ArrowLeft P", on.onPrev);
    this.next = make("next", "ArrowRight N", on.onNext);
    this.take = make("take", "", on.onTake);
    this.stop = make("stop", "Escape", on.onStop);
    /** @type {(() => void) | null} */
    this.onBack = null;
    this.back = make("back", "", () => this.onBack?.());
    this.back.hidden = true;
    this.keys = el("span", "bp-walkbar-keys");
    const buttons = el("div", "bp-walkbar-buttons");
    buttons.append(this.prev, this.next, this.take, this.stop, this.back, this.keys);
    container.append(this.head, this.stage, this.formula, buttons);
    // where the bar sits when it is not docked (its height kept while it is)
    this.home = el("div", "bp-walkbar-home");
    container.before(this.home);
    this.docked = false;
    let frame = 0;
    const soon = () => { frame ||= requestAnimationFrame(() => { frame = 0; this.place(); }); };
    addEventListener("scroll", soon, { passive: true });
    addEventListener("resize", soon);
  }

  /** Dock the bar at the window's bottom edge while its place is out of the window (less than
   * half of it showing), else keep it in its place. */
  place() {
    const shown = !this.root.hidden && this.root.isConnected;
    let dock = false;
    if (shown) {
      const r = (this.docked ? this.home : this.root).getBoundingClientRect();
      const h = r.height || 1;
      const seen = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
      dock = seen < h / 2;
    }
    if (dock === this.docked) return;
    this.home.style.height = dock ? `${this.root.getBoundingClientRect().height}px` : "";
    this.docked = dock;
    this.root.classList.toggle("is-docked", dock);
    // the page's end can still be scrolled into view above the docked bar
    document.body.style.paddingBottom = dock ? `${this.root.getBoundingClientRect().height + 16}px` : "";
  }

  /**
   * @param {{point: string, progress: string, stage: string, formula: string, first: boolean, last: boolean,
   *   back?: {label: string, run: () => void} | null} | null} info
   * @param {(key: string) => string} t
   */
  show(info, t) {
    this.root.hidden = !info;
    // the buttons have their words even while hidden: a control is never without a name
    this.root.setAttribute("aria-label", t("walk.bar"));
    this.prev.textContent = t("walk.prev");
    this.next.textContent = t("walk.next");
    this.take.textContent = t("walk.take");
    this.stop.textContent = t("walk.stop");
    this.keys.textContent = t("walk.keys");
    if (!info) return this.place();
    this.point.textContent = info.point;
    this.progress.textContent = info.progress;
    if (this.stage.textContent !== info.stage) this.stage.textContent = info.stage;
    this.formula.textContent = info.formula;
    this.prev.disabled = info.first;
    this.next.disabled = info.last;
    this.back.hidden = !info.back;
    this.back.textContent = info.back ? info.back.label : "";
    this.onBack = info.back ? info.back.run : null;
    this.place();
  }
}
