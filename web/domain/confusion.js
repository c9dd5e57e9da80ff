// @ts-check
// The confusion matrix and the predicted-vs-true scatter as plain data (no DOM): what the Output
// panel's box shows, which points a chosen cell stands for (the map marks them), and the facade's
// copy. The numbers are bpcore's (bpcore/confusion.py), riding on the map's grid (`grid.confusion`),
// so the box and the map always show the same weights; here they are only read and arranged.

/**
 * @typedef {{kind: "matrix", classes: number, epoch: number, predicted: ArrayLike<number>,
 *   train: number[], test: number[] | null | undefined}} Matrix bpcore's counts: row-major K*K,
 *   row the true class, column the predicted one; predicted: each point's class, points' order
 * @typedef {{kind: "scatter", epoch: number, predicted: ArrayLike<number>, r2Train: number,
 *   r2Test: number | null | undefined}} Scatter each point's output, in the points' order
 * @typedef {{set: "train" | "test", cell: number[] | null}} Choice the user's: the set shown,
 *   the cell [true, predicted] whose points the map marks
 * @typedef {{points: ArrayLike<number>, trainMask: ArrayLike<number>}} Points the session's
 *   points [x1, x2, label] flat, and 1 for a training point
 */

/** The user's choice before any: the training set, no cell. @type {Choice} */
export const NO_CHOICE = Object.freeze({ set: "train", cell: null });

/** The set shown: the chosen one, the training set when there is no test set.
 * @param {Matrix | Scatter} conf @param {Choice} choice @returns {"train" | "test"} */
export function shownSet(conf, choice) {
  const hasTest = conf.kind === "matrix" ? Boolean(conf.test) : conf.r2Test !== null && conf.r2Test !== undefined;
  return choice.set === "test" && hasTest ? "test" : "train";
}

/** Shares of each row's total, row-major (an empty row: zeros). @param {number[]} counts @param {number} k */
export function rowShares(counts, k) {
  const out = new Array(k * k).fill(0);
  for (let r = 0; r < k; r++) {
    let total = 0;
    for (let c = 0; c < k; c++) total += counts[r * k + c];
    if (total) for (let c = 0; c < k; c++) out[r * k + c] = counts[r * k + c] / total;
  }
  return out;
}

/** A share as a whole percentage for the cell ("40"): rounded, never 0 or 100 for a share
 * that is neither. @param {number} share */
export function percent(share) {
  const p = Math.round(share * 100);
  if (p === 0 && share > 0) return 1;
  if (p === 100 && share < 1) return 99;
  return p;
}

/** Is the cell [r, c] one of a K x K matrix? @param {unknown} cell @param {number} k */
const validCell = (cell, k) => Array.isArray(cell) && cell.length === 2
  && cell.every((v) => Number.isInteger(v) && v >= 0 && v < k);

/**
 * The points of cell [r, c] of a set: true class r, predicted c, in that set (indices into the
 * session's points, ascending). [] when the numbers and the points do not belong together.
 * @param {Matrix} conf @param {Points} pts @param {"train" | "test"} set @param {number[]} cell
 */
export function cellPoints(conf, pts, set, cell) {
  const n = pts.trainMask.length;
  if (conf.predicted.length !== n || pts.points.length !== n * 3 || !validCell(cell, conf.classes)) return [];
  const [r, c] = cell, inSet = set === "train" ? 1 : 0;
  const out = [];
  for (let i = 0; i < n; i++) {
    if (pts.trainMask[i] === inSet && pts.points[i * 3 + 2] === r && conf.predicted[i] === c) out.push(i);
  }
  return out;
}

/**
 * The points the map marks: those of the chosen cell of the set shown ([] for none).
 * @param {Matrix | Scatter | null | undefined} conf @param {Points | null} pts @param {Choice} choice
 * @returns {number[]}
 */
export function highlighted(conf, pts, choice) {
  if (!conf || conf.kind !== "matrix" || !pts || !choice.cell) return [];
  return cellPoints(conf, pts, shownSet(conf, choice), choice.cell);
}

/**
 * What the box shows, as plain data (the view draws it; the facade copies it), or null.
 * matrix: {kind, epoch, set, hasTest, classes, counts, shares, percents (whole, for the
 * cells), total, cell, highlight};
 * scatter: {kind, epoch, set, hasTest, r2, truth, predicted} (the set's points, true value and
 * output each).
 * @param {Matrix | Scatter | null | undefined} conf @param {Points | null} pts @param {Choice} choice
 */
export function shown(conf, pts, choice) {
  if (!conf || !pts || conf.predicted.length !== pts.trainMask.length) return null;
  const set = shownSet(conf, choice);
  if (conf.kind === "matrix") {
    const k = conf.classes;
    const counts = /** @type {number[]} */ ((set === "test" ? conf.test : conf.train) || []);
    const shares = rowShares(counts, k);
    const cell = validCell(choice.cell, k) ? /** @type {number[]} */ (choice.cell) : null;
    return {
      kind: "matrix", epoch: conf.epoch, set, hasTest: Boolean(conf.test), classes: k,
      counts: [...counts], shares, percents: shares.map(percent), total: counts.reduce((a, b) => a + b, 0),
      cell, highlight: cell ? cellPoints(conf, pts, set, cell) : [],
    };
  }
  const inSet = set === "train" ? 1 : 0;
  const truth = [], predicted = [];
  for (let i = 0; i < pts.trainMask.length; i++) {
    if (pts.trainMask[i] !== inSet) continue;
    truth.push(pts.points[i * 3 + 2]);
    predicted.push(conf.predicted[i]);
  }
  const r2 = set === "test" ? conf.r2Test : conf.r2Train;
  return { kind: "scatter", epoch: conf.epoch, set, hasTest: conf.r2Test !== null && conf.r2Test !== undefined, r2: r2 ?? null, truth, predicted };
}

/** What the page's box shows (the facade copies it too), or null while there is no map of the
 * session's own points: loading, the preview, a stroke being drawn, drawn points that cannot
 * train (`stale`). @param {{grid: any, session: any, erasing: unknown, confusion?: Choice}} s
 * @param {boolean} stale */
export function shownOnPage(s, stale) {
  const sess = s.session;
  if (!s.grid || !sess || sess.preview || s.erasing || stale) return null;
  return shown(s.grid.confusion, sess, s.confusion || NO_CHOICE);
}

/** The square window [lo, hi] the scatter shows: both axes alike, so the diagonal is y = x;
 * holds every true value and at least [-1, 1] (outputs beyond it sit on the edge).
 * @param {number[]} truth */
export function scatterWindow(truth) {
  let m = 1;
  for (const t of truth) if (Number.isFinite(t) && Math.abs(t) > m) m = Math.abs(t);
  return [-m, m];
}
