// @ts-check
// The loss landscape's slice of the store (app/landscape.js changes it): the panel open, the
// computation's status and progress, its result and how long it took.

/** @typedef {{t: Float64Array, train: Float64Array, test: Float64Array | null}} Line  NaN: not computed yet */
/** @typedef {{alpha: Float64Array, beta: Float64Array, epochs: number[]}} Path */
/** @typedef {{size: number, span: number, draw: number, epoch: number, params: number, line: Line,
 *   path: Path, loss: Float64Array, rows: number}} Result  loss: size x size (row-major, row 0 at
 *   β = −span), rows: the rows computed so far */

export function initialLandscape() {
  return {
    open: false,
    status: /** @type {"idle" | "computing" | "done" | "cancelled" | "error"} */ ("idle"),
    progress: 0, // 0..1 of the slice's rows
    result: /** @type {Result | null} */ (null),
    error: /** @type {import("../domain/i18n.js").Message} */ (""),
    ms: /** @type {number | null} */ (null), // the last computation, from the click to the picture
    bands: 0, // band requests (line and slice) the last computation took
    resumed: false, // training was paused for it and went on afterwards
  };
}
