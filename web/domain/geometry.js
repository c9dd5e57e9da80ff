// @ts-check
// The view window and the mapping between data coordinates and grid cells or pixels. The window
// comes from bpcore (datasets.LO/HI, via the generated settings.js); row 0 of every grid is the
// top of the view (x2 = hi), column 0 its left (x1 = lo).

import { DATASETS, VIEW } from "./settings.js";

export { VIEW };

/** The window a data set is shown in (the article's few points zoom in; drawn points: VIEW).
 * @param {string} dataset @returns {number[]} */
export function viewFor(dataset) {
  return DATASETS[dataset]?.view || VIEW;
}

/**
 * The data point at the centre of cell (row r, column c) of an n x n grid over the view.
 * @param {number} r @param {number} c @param {number} n @param {number[]} [view]
 * @returns {[number, number]}
 */
export function cellCentre(r, c, n, view = VIEW) {
  const [lo, hi] = view;
  return [lo + ((c + 0.5) / n) * (hi - lo), hi - ((r + 0.5) / n) * (hi - lo)];
}

/**
 * A position given as fractions of a box's width and height (0..1 from its top left) -> data.
 * @param {number} fx @param {number} fy @param {number[]} [view] @returns {[number, number]}
 */
export function fractionToData(fx, fy, view = VIEW) {
  const [lo, hi] = view;
  return [lo + fx * (hi - lo), hi - fy * (hi - lo)];
}

/** Data units per pixel of a box `width` px wide showing the whole window.
 * @param {number} width @param {number[]} [view] */
export function unitsPerPixel(width, view = VIEW) {
  return (view[1] - view[0]) / width;
}
