// @ts-check
// The store's slice `sweep` (app/store.js holds it; app/sweep.js changes it): small, so the
// store has it from the start while the sweep's own modules wait until its panel opens.

import { DEFAULTS } from "../domain/sweep.js";

/** The store slice `sweep` before anything is loaded. */
export function initialSweep() {
  return {
    open: false, // its <details> is open
    options: { ...DEFAULTS }, // the form: lo, hi (rates), count, epochs (0: automatic)
    running: false,
    stopping: false, // Cancel pressed: the request in flight lands first
    rates: /** @type {number[]} */ ([]), // the engine's rates of the last sweep
    epochs: 0, // epochs per run of the last sweep
    startLoss: /** @type {number | null} */ (null), // the training loss at the initial weights
    // the runs finished, in rate order: {lr, loss (null: overflowed), lossTest, diverged, overflow, epochs}
    results: /** @type {{lr: number, loss: number | null, lossTest: number | null, diverged: boolean, overflow: boolean, epochs: number}[]} */ ([]),
    done: 0, // epochs trained of `total`
    total: 0,
    pick: -1, // the run "Use this rate" applies (the best, or the user's choice)
    outcome: /** @type {"" | "done" | "cancelled" | "failed"} */ (""),
    error: /** @type {import("../domain/i18n.js").Message} */ (""),
    key: "", // what the results were made from (domain/sweep.js sweepKey)
    used: /** @type {number | null} */ (null), // the rate "Use this rate" set last
  };
}

/** @typedef {ReturnType<typeof initialSweep>} SweepState */
