// @ts-check
// A drawing stroke as numbers (no DOM): CSS px <-> data coordinates, the points an add-stroke
// lays every `spacing` px along the pointer's path, the eraser swept along a fast drag, the
// keyboard cursor's moves, and the finished stroke as a history.js action. Used by
// widgets/draw.js; tests in tests/js/stroke.test.mjs.

/** @typedef {[number, number]} Pair */

export const KEY_STEP = 0.25; // data units per arrow key ...
export const KEY_STEP_BIG = 1; // ... and with Shift

/** CSS px (px, py) in a w x h box -> data [x1, x2] over `domain` [lo, hi] (x2 points up). @param {number[]} domain */
export function pixelToData([lo, hi], w, h, px, py) {
  return [lo + (px / w) * (hi - lo), hi - (py / h) * (hi - lo)];
}

/** Data (x1, x2) -> CSS px [px, py] in a w x h box over `domain` [lo, hi]. @param {number[]} domain */
export function dataToPixel([lo, hi], w, h, x1, x2) {
  return [((x1 - lo) / (hi - lo)) * w, ((hi - x2) / (hi - lo)) * h];
}

/** v kept inside `domain` [lo, hi]. */
export const clampTo = (/** @type {number[]} */ [lo, hi], /** @type {number} */ v) => Math.min(hi, Math.max(lo, v));

/**
 * The points an add-stroke lays on its way from `last` (the last point laid) towards `to`: one
 * every `spacing` px along the straight line, none if `to` is nearer than that. The last of them
 * is where the next move starts from (or `last` itself if none).
 * @param {Pair} last @param {Pair} to @returns {Pair[]}
 */
export function spacedPoints(last, to, spacing) {
  const out = [];
  let [x, y] = last;
  let dx = to[0] - x;
  let dy = to[1] - y;
  let dist = Math.hypot(dx, dy);
  while (dist >= spacing) {
    x += (dx / dist) * spacing;
    y += (dy / dist) * spacing;
    out.push(/** @type {Pair} */ ([x, y]));
    dx = to[0] - x;
    dy = to[1] - y;
    dist = Math.hypot(dx, dy);
  }
  return out;
}

/**
 * Where an eraser of `radius` px erases on a move from `from` to `to`: every radius/2 px along
 * the way (so a fast drag skips no point), then at `to`. `from` null: at `to` only.
 * @param {Pair | null} from @param {Pair} to @returns {Pair[]}
 */
export function sweepPoints(from, to, radius) {
  const out = [];
  const steps = from ? Math.floor(Math.hypot(to[0] - from[0], to[1] - from[1]) / (radius / 2)) : 0;
  for (let s = 1; s <= steps && from; s++) {
    const t = s / (steps + 1);
    out.push(/** @type {Pair} */ ([from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t]));
  }
  out.push(to);
  return out;
}

/**
 * An eraser over the points at a stroke's start: at(px, py) removes (once) every point within
 * `radius` px and returns them as [index, x1, x2, label] rows.
 * @param {number[][]} points [[x1, x2, label], ...]
 * @param {(x1: number, x2: number) => number[]} toPixel
 */
export function eraser(points, toPixel, radius) {
  const at = new Float64Array(points.length * 2);
  for (let k = 0; k < points.length; k++) {
    const [px, py] = toPixel(points[k][0], points[k][1]);
    at[2 * k] = px;
    at[2 * k + 1] = py;
  }
  const removed = new Uint8Array(points.length);
  const r2 = radius * radius;
  return {
    /** @returns {number[][]} */
    at(px, py) {
      const rows = [];
      for (let k = 0; k < points.length; k++) {
        if (removed[k]) continue;
        const dx = at[2 * k] - px;
        const dy = at[2 * k + 1] - py;
        if (dx * dx + dy * dy <= r2) {
          removed[k] = 1;
          const p = points[k];
          rows.push([k, p[0], p[1], p[2]]);
        }
      }
      return rows;
    },
  };
}

/**
 * The keyboard cursor after an arrow key (by KEY_STEP, with Shift KEY_STEP_BIG), kept in the
 * domain; null if the key is not an arrow.
 * @param {{x1: number, x2: number}} cursor @param {string} key @param {boolean} big @param {number[]} domain
 */
export function movedCursor(cursor, key, big, domain) {
  const step = big ? KEY_STEP_BIG : KEY_STEP;
  const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
  if (!(key in moves)) return null;
  return { x1: clampTo(domain, cursor.x1 + moves[key][0]), x2: clampTo(domain, cursor.x2 + moves[key][1]) };
}

/**
 * A finished stroke as the action to report: an erase's rows in ascending index order; null
 * if it added or removed nothing.
 * @param {{type: "add", points: number[][]} | {type: "erase", removed: number[][]}} stroke
 */
export function finishedStroke(stroke) {
  if (stroke.type === "erase") {
    stroke.removed.sort((a, b) => a[0] - b[0]);
    return stroke.removed.length ? stroke : null;
  }
  return stroke.points.length ? stroke : null;
}
