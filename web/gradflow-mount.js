// @ts-check
// The gradient flow (issue 23.1) in the page: its actions (app/gradflow.js), the panel in
// #gradflow-root (a <details>: the chart's modules, views/gradflow-chart.js, load when it first
// opens), and the lesson's deep networks. The numbers on the diagram are views/network.js's.
//
//   const flow = mountGradFlow({store, session, redraw});
//   flow.draw(s, prev)             a view: the panel open or closed as the state says, the chart
//   flow.load(name, chooseDataset) the lesson's "Load this example": a deep network (DEEP_RUNS)
//                                  or a data set's preset
//   flow.setOpen(open)

import { createGradFlow } from "./app/gradflow.js";
import { DEEP_RUNS } from "./domain/gradflow.js";

/**
 * @param {{store: import("./app/store.js").Store, session: {apply: (changes: Record<string, any>) => Promise<any>},
 *   redraw: () => void}} deps
 */
export function mountGradFlow({ store, session, redraw }) {
  const flow = createGradFlow({ store, session });
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const details = /** @type {HTMLDetailsElement} */ ($("gradflow-details"));
  // the <details> and the state's `open`: a click changes the element first and the state at its
  // toggle event; only a change the element has not seen (tryRun opens it) is put on it
  let shown = false;
  details.addEventListener("toggle", () => flow.setOpen((shown = details.open)));
  let chart = (/** @type {any} */ _s) => {}; // nothing until its modules are here
  /** @type {Promise<void> | null} */
  let loading = null;
  const loadChart = () => (loading ??= import("./views/gradflow-chart.js").then(({ gradFlowView }) => {
    chart = gradFlowView({ canvas: /** @type {HTMLCanvasElement} */ ($("gradflow-chart")), legend: $("gradflow-legend"),
      readout: $("gradflow-readout"), empty: $("gradflow-empty"), summary: $("gradflow-summary") });
    redraw();
  }));
  return {
    /** @param {any} s */
    draw(s) {
      if (s.gradFlow.open !== shown) details.open = shown = s.gradFlow.open;
      if (s.gradFlow.open) loadChart();
      chart(s);
    },
    /** @param {string} name @param {(dataset: string) => Promise<unknown>} chooseDataset */
    load: (name, chooseDataset) => (Object.hasOwn(DEEP_RUNS, name) ? flow.tryRun(name, chooseDataset) : chooseDataset(name)),
    setOpen: flow.setOpen,
  };
}
