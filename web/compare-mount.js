// @ts-check
// Compare two runs in the page (issue 23 item 2): the section #compare, its Compare button,
// the panel (widgets/compare-panel.js) drawn by views/compare.js, the actions (app/compare.js).
//
//   const compare = mountCompare({store, engine, session, training, commitLink});
//   compare.draw(s, prev)  its view; compare.resume(x) after the session starts (a link's B);
//   compare.actions        window.bp.compare

import { createCompare } from "./app/compare.js";
import { compareView } from "./views/compare.js";
import { ComparePanel } from "./widgets/compare-panel.js";

/** @param {{store: import("./app/store.js").Store, engine: any, session: any, training: any, commitLink: () => void}} deps */
export function mountCompare({ store, engine, session, training, commitLink }) {
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const app = createCompare({ store, engine, session, training, commitLink });
  const panel = new ComparePanel($("compare-root"), {
    onChange: (name, value) => app.setB({ [name]: value }),
    onStop: () => app.stop(),
    onError: (error) => store.update({ notice: error }),
  });
  const start = $("compare-start");
  start.addEventListener("click", () => app.start());
  const draw = compareView(panel, { start });
  /** window.bp.compare: start(overrides?), setB(changes), stop() (each -> true when done);
   * state(): the comparison as plain data (null for one run), its words in the page's language. */
  const actions = Object.freeze({
    start: (/** @type {Record<string, any>} */ overrides = {}) => app.start(overrides),
    setB: app.setB,
    stop: app.stop,
    state: () => {
      const c = store.get().compare;
      if (!c || c.pending) return c ? { pending: true, overrides: { ...c.overrides } } : null;
      return structuredClone({
        overrides: c.overrides, settings: c.settings, layerSizes: c.layerSizes, loss: c.loss, shared: c.shared,
        metrics: c.metrics, history: c.history, gridEpoch: c.gridEpoch, hasGrid: Boolean(c.grid),
        words: panel.verdict.textContent,
      });
    },
  });
  return { draw, resume: app.resume, actions };
}
