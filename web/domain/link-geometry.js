// @ts-check
// The diagram's links as numbers (no DOM): the curve every link is drawn along, picking the
// link nearest to a point, the links' keyboard order, and their stroke widths. Used by
// widgets/network/link-*.js; tests in tests/js/link-geometry.test.mjs.
//
// A link runs from its source's right edge (x0, y0) to its target's left edge (x1, y1) as a cubic
// Bézier with both control points at the middle x, so with the two basis polynomials
//   x(t) = x0 + (x1 - x0) ease(t),   ease(t)  = 1.5t - 1.5t^2 + t^3
//   y(t) = y0 + (y1 - y0) rise(t),   rise(t)  = 3t^2 - 2t^3
// Anchors are a neuron's [left, right, middle y] in stage px; a link's source is s[1], s[2] and
// its target d[0], d[2].

/** @typedef {number[]} Anchor [left, right, middle y] */
/** @typedef {{nIn: number, nOut: number}} Gap the links between two columns: nOut x nIn */

export const ease = (/** @type {number} */ t) => 1.5 * t - 1.5 * t * t + t * t * t;
export const rise = (/** @type {number} */ t) => 3 * t * t - 2 * t * t * t;
/** d ease / dt and d rise / dt */
const easeSlope = (/** @type {number} */ t) => 1.5 - 3 * t + 3 * t * t;
const riseSlope = (/** @type {number} */ t) => 6 * t - 6 * t * t;

/** The point at parameter t (0..1) of the link from anchor s to anchor d. @param {Anchor} s @param {Anchor} d */
export function curvePoint(s, d, t) {
  return { x: s[1] + (d[0] - s[1]) * ease(t), y: s[2] + (d[2] - s[2]) * rise(t) };
}

/** The link from anchor s to anchor d as an SVG path. @param {Anchor} s @param {Anchor} d */
export function curvePath(s, d) {
  const mx = ((s[1] + d[0]) / 2).toFixed(1);
  const [x0, y0, x1, y1] = [s[1], s[2], d[0], d[2]].map((v) => v.toFixed(1));
  return `M${x0},${y0}C${mx},${y0} ${mx},${y1} ${x1},${y1}`;
}

/** The parameter t where a curve passes the share u (0..1) of its horizontal span: ease(t) = u. */
export function tAt(u) {
  let t = u;
  for (let n = 0; n < 6; n++) t -= (ease(t) - u) / easeSlope(t); // Newton: ease is monotone
  return Math.min(1, Math.max(0, t));
}

/**
 * The link nearest to (x, y), if nearer than `within`: {l, i, j} or null. The distance is the
 * vertical gap to the curve at x over sqrt(1 + slope^2), the distance to its tangent line.
 * @param {Gap[]} gaps
 * @param {Anchor[][]} anchors anchors[c][k], c = 0 .. gaps.length
 */
export function pickLink(gaps, anchors, x, y, within) {
  let best = null;
  let bestDist = within;
  gaps.forEach((gap, l) => {
    const src = anchors[l];
    const dst = anchors[l + 1];
    if (!src || !dst || !src.length || !dst.length) return;
    if (x < src[0][1] || x > dst[0][0]) return;
    let lastX0 = NaN;
    let lastX1 = NaN;
    let s = 0;
    let slope = 0;
    for (let j = 0; j < gap.nIn; j++) {
      const a = src[j];
      for (let i = 0; i < gap.nOut; i++) {
        const b = dst[i];
        if (a[1] !== lastX0 || b[0] !== lastX1) {
          // the same for every link of a gap whose columns line up: computed once
          lastX0 = a[1];
          lastX1 = b[0];
          const span = Math.max(1e-6, b[0] - a[1]);
          const t = tAt(Math.min(1, Math.max(0, (x - a[1]) / span)));
          s = rise(t);
          slope = riseSlope(t) / (span * easeSlope(t)); // dy/dx per unit of (y1 - y0)
        }
        const dy = b[2] - a[2];
        const dist = Math.abs(a[2] + dy * s - y) / Math.sqrt(1 + (dy * slope) ** 2);
        if (dist < bestDist) {
          bestDist = dist;
          best = { l, i, j };
        }
      }
    }
  });
  return best;
}

// -- keyboard order: per weight layer l, per target i: its bias (j = -1), then j = 0 .. nIn-1 -----

/** The keyboard index of the first link of gap l. @param {Gap[]} gaps */
export function gapStart(gaps, l) {
  let k = 0;
  for (let m = 0; m < l; m++) k += gaps[m].nOut * (gaps[m].nIn + 1);
  return k;
}

/** How many links and biases there are. @param {Gap[]} gaps */
export const linkCount = (gaps) => gapStart(gaps, gaps.length);

/** The keyboard index of link {l, i, j} (j = -1: the bias). @param {Gap[]} gaps */
export const linkIndex = (gaps, l, i, j) => gapStart(gaps, l) + i * (gaps[l].nIn + 1) + j + 1;

/** The link {l, i, j} at keyboard index k, or null. @param {Gap[]} gaps */
export function linkAt(gaps, k) {
  if (k < 0) return null;
  let l = 0;
  for (; l < gaps.length; l++) {
    const count = gaps[l].nOut * (gaps[l].nIn + 1);
    if (k < count) break;
    k -= count;
  }
  if (l >= gaps.length) return null;
  const per = gaps[l].nIn + 1;
  return { l, i: Math.floor(k / per), j: (k % per) - 1 };
}

/**
 * Where a key moves the keyboard from index k: Up/Down one link, Home/End the ends, Left/Right
 * the same place in the gap before/after (its last link if it has fewer). -1: the key does not
 * move (no such gap), null: not a moving key.
 * @param {Gap[]} gaps @param {number} k @param {string} key
 */
export function linkKeyTarget(gaps, k, key) {
  const n = linkCount(gaps);
  if (key === "ArrowDown") return Math.min(n - 1, k + 1);
  if (key === "ArrowUp") return Math.max(0, k - 1);
  if (key === "Home") return 0;
  if (key === "End") return n - 1;
  if (key !== "ArrowRight" && key !== "ArrowLeft") return null;
  const cur = linkAt(gaps, k);
  if (!cur) return -1;
  const l = cur.l + (key === "ArrowRight" ? 1 : -1);
  if (l < 0 || l >= gaps.length) return -1;
  const count = gaps[l].nOut * (gaps[l].nIn + 1);
  return gapStart(gaps, l) + Math.min(k - gapStart(gaps, cur.l), count - 1);
}

// -- stroke widths ----------------------------------------------------------------------------------

export const MAX_WIDTH_W = 4; // |w| at which a link reaches its widest
export const WIDTH_STEPS = 16; // links are stroked in batches of equal width and colour

/** Widest line (px) and the opacity factor for a gap between layers of these sizes. */
export function gapStyle(nIn, nOut) {
  const n = Math.max(nIn, nOut);
  if (n <= 8) return { min: 1, max: 8, alpha: 1 };
  if (n <= 16) return { min: 0.8, max: 4, alpha: 0.85 };
  if (n <= 32) return { min: 0.6, max: 2.2, alpha: 0.6 };
  return { min: 0.5, max: 1.4, alpha: 0.35 };
}

/**
 * Weights sorted into batches of one colour and width step (a counting sort): batch b < STEPS+1
 * is negative with step b, else positive with step b - (STEPS+1). Returns `order` (link indices
 * batch by batch) and `starts` (batch b is order[starts[b] .. starts[b+1]]).
 * @param {ArrayLike<number>} values
 */
export function widthBatches(values) {
  const n = values.length;
  const batches = 2 * (WIDTH_STEPS + 1);
  const batch = new Uint8Array(n);
  const starts = new Uint32Array(batches + 1);
  for (let k = 0; k < n; k++) {
    const w = values[k];
    const a = Math.min(Math.abs(w), MAX_WIDTH_W) || 0;
    const b = (w < 0 ? 0 : WIDTH_STEPS + 1) + Math.round((a / MAX_WIDTH_W) * WIDTH_STEPS);
    batch[k] = b;
    starts[b + 1]++;
  }
  for (let b = 0; b < batches; b++) starts[b + 1] += starts[b];
  const order = new Uint32Array(n);
  const fill = starts.slice(0, batches);
  for (let k = 0; k < n; k++) order[fill[batch[k]]++] = k;
  return { order, starts };
}

/**
 * The batches in drawing order (thin first, both colours, so strong links lie on top whatever
 * their sign), each with its look: [{b, positive, width, alpha}].
 * @param {{min: number, max: number, alpha: number}} style gapStyle's
 */
export function batchLooks(style) {
  const out = [];
  for (let o = 0; o < 2 * (WIDTH_STEPS + 1); o++) {
    const b = (o % 2) * (WIDTH_STEPS + 1) + (o >> 1);
    const step = b % (WIDTH_STEPS + 1);
    const a = (step / WIDTH_STEPS) * MAX_WIDTH_W;
    out.push({
      b,
      positive: b > WIDTH_STEPS,
      width: style.min + (step / WIDTH_STEPS) * (style.max - style.min),
      alpha: style.alpha * (0.3 + 0.7 * Math.min(1, a)),
    });
  }
  return out;
}
