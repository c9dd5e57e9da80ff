// @ts-check
// The gradient flow's actions (the store's `gradFlow` slice, domain/gradflow.js): its panel
// opened or closed, its history forgotten when a new session starts (new points: init, a
// rebuild, Reset, a link), and the lesson's deep networks loaded.
//
//   const flow = createGradFlow({store, session});
//   flow.setOpen(open)                   the chart's panel
//   await flow.tryRun(name, chooseDataset)   the lesson's deep network `name` (DEEP_RUNS)

import { DEEP_DATASET, DEEP_RUNS, EMPTY_FLOW } from "../domain/gradflow.js";

/**
 * @param {{store: import("./store.js").Store, session: {apply: (changes: Record<string, any>) => Promise<any>}}} deps
 */
export function createGradFlow({ store, session }) {
  const { get, update } = store;
  // a sample of another session never joins this one's history (addSample also starts anew when
  // the epoch goes back)
  store.subscribe((s, prev) => {
    if (s.session?.points !== prev.session?.points && s.gradFlow.last) update({ gradFlow: { ...EMPTY_FLOW, open: s.gradFlow.open } });
  });

  /** @param {boolean} open */
  const setOpen = (open) => {
    if (get().gradFlow.open !== open) update({ gradFlow: { ...get().gradFlow, open } });
  };

  /**
   * The lesson's deep network `name`: the AND gate's preset (its settings and pace, through the
   * page's data-set picker, which keeps the run it replaces), then its layers and activation;
   * the gradient flow's panel opens.
   * @param {string} name @param {(dataset: string) => Promise<unknown>} chooseDataset
   */
  async function tryRun(name, chooseDataset) {
    const run = DEEP_RUNS[name];
    if (!run) return;
    await chooseDataset(DEEP_DATASET);
    await session.apply({ layers: run.layers.slice(), activation: run.activation.slice() });
    setOpen(true);
  }

  return { setOpen, tryRun, runs: () => Object.keys(DEEP_RUNS) };
}
