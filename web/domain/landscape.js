// @ts-check
// The loss landscape's arithmetic, no DOM: how many points the next request computes, the
// colour scale of the losses (a log scale when they span a factor of 4 or more), its contour
// levels, and the contour lines themselves (marching squares). The losses come from bpcore
// (landscape_messages.py): the page computes no loss here, it only draws them.

export const TARGET_MS = 150; // a band of points takes about this long: progress moves, cancel is prompt
export const FIRST_BAND = 4; // points of the first bands, before anything is measured

/**
 * Points of the next band: about TARGET_MS of work at the measured ms per point, at least one,
 * at most the points left.
 * @param {number} left points not computed yet @param {number | null} msPerPoint null: not measured
 */
export function nextBand(left, msPerPoint) {
  const n = msPerPoint === null || !(msPerPoint > 0) ? FIRST_BAND : Math.floor(TARGET_MS / msPerPoint);
  return Math.max(1, Math.min(left, n));
}

/**
 * The colour scale of a set of losses: [lo, hi] of the finite ones, log when lo > 0 and hi / lo
 * is 4 or more (losses near a minimum and far from it then both show). null: no finite value.
 * @param {ArrayLike<number>} values
 * @returns {{lo: number, hi: number, log: boolean} | null}
 */
export function scaleOf(values) {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return null;
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(lo))) hi = lo + Math.max(1e-9, Math.abs(lo) * 1e-6);
  return { lo, hi, log: lo > 0 && hi / lo >= 4 };
}

/**
 * Where v sits on the scale, 0 (lo) .. 1 (hi), clipped; NaN for a value that is not finite.
 * @param {{lo: number, hi: number, log: boolean}} scale @param {number} v
 */
export function position({ lo, hi, log }, v) {
  if (!Number.isFinite(v)) return v === Infinity ? 1 : NaN;
  const t = log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
  return Math.max(0, Math.min(1, t));
}

/**
 * The value at position t of the scale (the inverse of position).
 * @param {{lo: number, hi: number, log: boolean}} scale @param {number} t
 */
export function valueAt({ lo, hi, log }, t) {
  return log ? lo * (hi / lo) ** t : lo + (hi - lo) * t;
}

/**
 * `count` contour levels evenly spaced on the scale, strictly inside it.
 * @param {{lo: number, hi: number, log: boolean}} scale @param {number} [count]
 */
export function levelsOf(scale, count = 9) {
  return Array.from({ length: count }, (_, k) => valueAt(scale, (k + 1) / (count + 1)));
}

/**
 * Marching squares: the line segments where the interpolated losses cross `level`, in lattice
 * units (x = column, y = row). A cell with a value that is not finite draws nothing.
 * @param {ArrayLike<number>} values row-major, `cols` per row
 * @param {number} rows @param {number} cols @param {number} level
 * @returns {number[]} x0, y0, x1, y1 of each segment, one after the other
 */
export function contourSegments(values, rows, cols, level) {
  const out = [];
  /** where the edge from a to b crosses the level, 0..1 */
  const cut = (/** @type {number} */ a, /** @type {number} */ b) => (a === b ? 0.5 : (level - a) / (b - a));
  for (let i = 0; i + 1 < rows; i++) {
    for (let j = 0; j + 1 < cols; j++) {
      const a = values[i * cols + j], b = values[i * cols + j + 1];
      const c = values[(i + 1) * cols + j + 1], d = values[(i + 1) * cols + j];
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d))) continue;
      // corners a (i, j), b (i, j+1), c (i+1, j+1), d (i+1, j); an edge is crossed when its
      // ends lie on different sides of the level
      const pts = [];
      if ((a < level) !== (b < level)) pts.push(j + cut(a, b), i);
      if ((b < level) !== (c < level)) pts.push(j + 1, i + cut(b, c));
      if ((c < level) !== (d < level)) pts.push(j + 1 - cut(c, d), i + 1);
      if ((d < level) !== (a < level)) pts.push(j, i + 1 - cut(d, a));
      if (pts.length === 4) out.push(...pts);
      else if (pts.length === 8) {
        // a saddle: the centre's side decides which corners the lines cut off
        const centre = (a + b + c + d) / 4;
        if ((centre < level) === (a < level)) out.push(pts[0], pts[1], pts[2], pts[3], pts[4], pts[5], pts[6], pts[7]);
        else out.push(pts[0], pts[1], pts[6], pts[7], pts[2], pts[3], pts[4], pts[5]);
      }
    }
  }
  return out;
}

/**
 * The lattice's coordinate of index k: -span .. span in `size` points.
 * @param {number} span @param {number} size @param {number} k
 */
export function coordinate(span, size, k) {
  const half = (size - 1) / 2;
  return half > 0 ? ((k - half) * span) / half : 0;
}
