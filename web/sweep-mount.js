// @ts-check
// The learning-rate sweep in the page (#sweep-root in "Why does it train, or not?"): its
// <details> is in index.html, collapsed; its modules (app/sweep.js, views/sweep.js,
// widgets/sweep-panel.js and its plot) load when it is first opened, or at the first use of an
// action (app/lazy.js: bp.sweep.start() loads, then runs). Its view has a frame scheduler of
// its own (views/frame.js), so main.js only mounts it.
//
//   const sweep = mountSweep({store, engine, training, session});
//   sweep.actions   bp.sweep: open(), start(options?), cancel(), choose(i), use(i?), state()

import { lazyActions } from "./app/lazy.js";
import { startRendering } from "./views/frame.js";

/**
 * @param {{store: import("./app/store.js").Store, engine: any, training: any, session: any}} deps
 */
export function mountSweep({ store, engine, training, session }) {
  const details = /** @type {HTMLDetailsElement} */ (document.getElementById("sweep-details"));
  const body = /** @type {HTMLElement} */ (document.getElementById("sweep-body"));
  // the range starts and ends at rates the learning-rate control lists
  const lr = /** @type {HTMLElement | null} */ (document.querySelector('select[data-setting="lr"]'));
  const rates = (lr?.dataset.values || "0.001 0.01 0.1 1 10").split(" ");

  const { actions, load } = lazyActions(async () => {
    const [app, view, widget] = await Promise.all([import("./app/sweep.js"), import("./views/sweep.js"), import("./widgets/sweep-panel.js")]);
    const sweep = app.createSweep({ store, engine, training, session });
    const panel = new widget.SweepPanel(body, {
      rates, onOptions: sweep.setOptions, onStart: sweep.start, onCancel: sweep.cancel, onPick: sweep.choose, onUse: sweep.use,
    });
    startRendering(store, [view.sweepView(panel)]);
    return sweep;
  }, ["setOpen", "setOptions", "start", "cancel", "choose", "use"]);

  details.addEventListener("toggle", () => actions.setOpen(details.open));

  return {
    load,
    actions: Object.freeze({
      /** Open the panel (as a click on its heading does); resolves once its modules are here. */
      open: async () => {
        details.open = true;
        await actions.setOpen(true);
      },
      /** Start a sweep, with the form's choices changed first (lo, hi, count, epochs).
       * @param {{lo?: number, hi?: number, count?: number, epochs?: number}} [options] */
      start: async (options) => {
        if (options) await actions.setOptions(options);
        return actions.start();
      },
      cancel: actions.cancel,
      /** @param {number} i */
      choose: (i) => actions.choose(i),
      /** @param {number} [i] */
      use: (i) => actions.use(i),
      /** The sweep's state as plain data (app/sweep-state.js). */
      state: () => structuredClone(store.get().sweep),
    }),
  };
}
