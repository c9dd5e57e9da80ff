// @ts-check
// How wide the diagram's hidden-layer columns are (no DOM): they share the width left over by
// the fixed columns (the input features, the output) and the gaps, between MIN_COL and MAX_COL;
// below NARROW_COL their headers stack and shorten (narrower fixed columns too). Used by
// widgets/network/columns.js; tests in tests/js/column-width.test.mjs.

export const MAX_COL = 88; // px: a hidden layer's column at its widest ...
export const MIN_COL = 30; // ... and narrowest (below it the diagram scrolls sideways)
export const NARROW_COL = 60; // below this the layer headers stack their buttons and shorten
export const MIN_GAP = 4; // px between columns at the least
// typical widths of the fixed columns with the stage's padding, before they are measured
const FIXED_GUESS = { wide: 180, narrow: 140 };

/** A width kept within MIN_COL..MAX_COL. */
export const clampColumn = (/** @type {number} */ w) => Math.max(MIN_COL, Math.min(MAX_COL, w));

/** Each of L hidden columns' share of `avail` px once `fixed` px (the fixed columns) are taken. */
export function columnShare(avail, fixed, L) {
  return Math.floor((avail - fixed - (L + 1) * MIN_GAP) / L);
}

/**
 * Before the DOM is built: the width of L hidden columns in `avail` px, from typical fixed
 * columns, and whether they are narrow (compact headers). Null: nothing to fit.
 * @returns {{width: number, narrow: boolean} | null}
 */
export function guessColumns(avail, L) {
  if (!L || !avail) return null;
  const narrow = columnShare(avail, FIXED_GUESS.wide, L) < NARROW_COL;
  return { width: clampColumn(columnShare(avail, narrow ? FIXED_GUESS.narrow : FIXED_GUESS.wide, L)), narrow };
}

/** The next, narrower width when the stage overflows by `overflow` px (spread over L columns). */
export function shrinkColumns(w, overflow, L) {
  return Math.max(MIN_COL, w - Math.ceil(overflow / L));
}
