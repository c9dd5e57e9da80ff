// @ts-check
// The loss landscape in the page (the `#insight` section's `#landscape-root`): its actions exist
// from the start (app/lazy.js), its modules (actions, view, the panel and its plots) load the
// first time its <details> opens, or bp.landscape is used. Nothing of it is in the first paint.
//
//   const landscape = mountLandscape({store, engine, training, redraw});
//   landscape.draw(s, prev)   its view (draws nothing until the chunk is here)
//   landscape.facade          window.bp.landscape: open(), compute({draw}), cancel(), state()

import { lazyActions } from "./app/lazy.js";

/**
 * @param {{store: import("./app/store.js").Store, engine: any, training: {setPlaying: (on: boolean) => void},
 *   redraw: () => void}} deps
 */
export function mountLandscape({ store, engine, training, redraw }) {
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const details = /** @type {HTMLDetailsElement} */ ($("landscape-details"));
  let draw = (/** @type {any} */ _s, /** @type {any} */ _prev) => {};
  let panel = /** @type {any} */ (null);
  let draws = 0; // the picture's computations started, for "Other directions"

  const { actions, load } = lazyActions(async () => {
    const [app, view, widget] = await Promise.all([import("./app/landscape.js"), import("./views/landscape.js"),
      import("./widgets/landscape-panel.js")]);
    const landscape = app.createLandscape({ store, engine, training });
    panel = new widget.LandscapePanel($("landscape-body"), {
      onCompute: () => landscape.compute({ draw: draws }),
      onOther: () => landscape.compute({ draw: ++draws }),
      onCancel: landscape.cancel,
    });
    draw = view.landscapeView(panel);
    redraw();
    return landscape;
  }, ["setOpen", "compute", "cancel"]);

  details.addEventListener("toggle", () => actions.setOpen(details.open));
  window.addEventListener("resize", () => panel && panel.redraw());

  /** The state as plain data (tests, benchmarks): the result's numbers as arrays, what was drawn. */
  function state() {
    const ls = store.get().landscape;
    const r = ls.result;
    const canvas = (/** @type {string} */ cls) => /** @type {HTMLElement | null} */ (document.querySelector(`#landscape-body .${cls}`));
    const slice = canvas("ls-slice-canvas");
    return structuredClone({
      open: ls.open, status: ls.status, progress: ls.progress, ms: ls.ms, bands: ls.bands, resumed: ls.resumed,
      error: ls.error,
      result: r && {
        size: r.size, span: r.span, epoch: r.epoch, params: r.params, draw: r.draw, rows: r.rows,
        centre: r.loss[((r.size * r.size) / 2) | 0],
        line: { t: Array.from(r.line.t), train: Array.from(r.line.train), test: r.line.test && Array.from(r.line.test) },
        path: { alpha: Array.from(r.path.alpha), beta: Array.from(r.path.beta), epochs: Array.from(r.path.epochs) },
      },
      drawn: { contours: Number(slice?.dataset.contours || 0), path: Number(slice?.dataset.path || 0) },
    });
  }

  return {
    actions,
    draw: (/** @type {any} */ s, /** @type {any} */ prev) => draw(s, prev),
    facade: Object.freeze({
      /** Open the panel (as a click on its summary) once its modules are here. */
      open: async () => {
        details.open = true;
        await load();
        actions.setOpen(true);
      },
      /** @param {{draw?: number}} [opts] */
      compute: (opts) => actions.compute(opts),
      cancel: () => actions.cancel(),
      state,
    }),
  };
}
