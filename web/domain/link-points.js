// @ts-check
// A link's points: the quantisation grid, the packed points block, and the rules that make a
// custom data set of the points a link holds; as bpcore/link/points.py, with its numbers from
// the generated table (LINK). Part of web/domain/link.js. Pure: no DOM.

import { DEFAULTS, LINK } from "./settings.js";

/** The notices collector of link-notices.js (no type import: tests/browser/test_link_js.py
 * keeps every dynamic-looking import out of the link modules).
 * @typedef {{add: (code: string, params?: Record<string, any>) => void,
 *   then: (then: string, params?: Record<string, any>) => void}} Notes */

const { X_LO, X_HI, X_BITS, Y_LO, Y_HI, Y_BITS, CLASS_BITS, KIND_CLASSIFICATION, KIND_REGRESSION } = LINK;
const { MIN_POINTS, MIN_CLASSES, MAX_CLASSES, MAX_POINTS } = LINK;

// ---------------------------------------------------------------- quantisation

/** @param {number} v @param {number} lo @param {number} hi @param {number} bits */
function code(v, lo, hi, bits) {
  const max = 2 ** bits - 1;
  const step = (hi - lo) / max;
  return Math.min(Math.max(Math.floor((v - lo) / step + 0.5), 0), max);
}

/** @param {number} q @param {number} lo @param {number} hi @param {number} bits */
function value(q, lo, hi, bits) {
  const step = (hi - lo) / (2 ** bits - 1);
  return Math.min(Math.max(lo + q * step, lo), hi);
}

/** Points [[x1, x2, label], ...] -> new array with the values a link carries: x1, x2 on a
 * 12-bit grid over [-6, 6], regression values on an 8-bit grid over [-1, 1]; class labels
 * pass through. Idempotent; decode(encode(p)) equals it exactly, as in bpcore.
 * @param {ArrayLike<ArrayLike<number>>} points @param {string} [problem] */
export function quantizePoints(points, problem = "classification") {
  return Array.from(points, (p) => [
    value(code(+p[0], X_LO, X_HI, X_BITS), X_LO, X_HI, X_BITS),
    value(code(+p[1], X_LO, X_HI, X_BITS), X_LO, X_HI, X_BITS),
    problem === "regression" ? value(code(+p[2], Y_LO, Y_HI, Y_BITS), Y_LO, Y_HI, Y_BITS) : +p[2],
  ]);
}

const labelBits = (/** @type {number} */ kind) => (kind === KIND_REGRESSION ? Y_BITS : CLASS_BITS);

/** Points, already checked -> the points block bytes. @param {number[][]} points @param {number} kind */
export function packPoints(points, kind) {
  const n = points.length, lb = labelBits(kind);
  const out = new Uint8Array(3 + Math.ceil((n * (2 * X_BITS + lb)) / 8));
  out[0] = kind; out[1] = n >> 8; out[2] = n & 255;
  let at = 24; // bit position, most significant bit first
  const put = (/** @type {number} */ q, /** @type {number} */ bits) => {
    for (let b = bits - 1; b >= 0; b--, at++) if ((q >> b) & 1) out[at >> 3] |= 128 >> (at & 7);
  };
  for (const p of points) put(code(p[0], X_LO, X_HI, X_BITS), X_BITS);
  for (const p of points) put(code(p[1], X_LO, X_HI, X_BITS), X_BITS);
  for (const p of points) put(kind === KIND_REGRESSION ? code(p[2], Y_LO, Y_HI, Y_BITS) : p[2], lb);
  return out;
}

/** @param {Uint8Array} body @param {number} n @param {number} lb */
function unpackColumns(body, n, lb) {
  let at = 0;
  const take = (/** @type {number} */ bits) => {
    let q = 0;
    for (let b = 0; b < bits; b++, at++) q = (q << 1) | ((body[at >> 3] >> (7 - (at & 7))) & 1);
    return q;
  };
  return [X_BITS, X_BITS, lb].map((bits) => Int32Array.from({ length: n }, () => take(bits)));
}

// ---------------------------------------------------------------- reading a points block

/** Points block bytes -> {kind, cols: code columns x1, x2, label} or null.
 * @param {Uint8Array} block @param {Notes} note */
export function parsePoints(block, note) {
  if (block.length < 3) { note.add("points_truncated"); return null; }
  const kind = block[0], n = (block[1] << 8) | block[2];
  if (kind !== KIND_CLASSIFICATION && kind !== KIND_REGRESSION) { note.add("points_kind", { kind }); return null; }
  const lb = labelBits(kind);
  const need = Math.floor((n * (2 * X_BITS + lb) + 7) / 8);
  const body = block.subarray(3);
  if (body.length < need) { note.add("points_short", { count: n }); return null; }
  if (body.length > need) note.add("points_extra", { count: body.length - need });
  let cols = unpackColumns(body, n, lb);
  if (n > MAX_POINTS) {
    note.add("points_too_many", { count: n, max: MAX_POINTS });
    cols = cols.map((c) => c.subarray(0, MAX_POINTS));
  }
  return { kind, cols };
}

/** @param {Record<string, any>} out @param {Set<string>} given
 * @param {{kind: number, cols: Int32Array[]} | null} parsed @param {Notes} note */
function usePoints(out, given, parsed, note) {
  if (parsed === null) return null;
  const { kind } = parsed;
  let [q1, q2, ql] = parsed.cols;
  if (kind === KIND_CLASSIFICATION) {
    const keep = Array.from(ql, (q) => q < MAX_CLASSES);
    const bad = keep.filter((k) => !k).length;
    if (bad) {
      note.add("points_bad_class", { count: bad, max: MAX_CLASSES - 1 });
      [q1, q2, ql] = [q1, q2, ql].map((c) => c.filter((_, i) => keep[i]));
    }
  }
  const problem = kind === KIND_REGRESSION ? "regression" : "classification";
  if (kind === KIND_CLASSIFICATION) {
    if (ql.length < MIN_POINTS || new Set(ql).size < MIN_CLASSES) {
      note.add("points_few_classes", { count: ql.length, classes: MIN_CLASSES });
      return null;
    }
  } else if (ql.length < MIN_POINTS) {
    note.add("points_too_few", { count: ql.length });
    return null;
  }
  if (out.problem !== problem) {
    if (given.has("problem")) note.add("points_problem", { problem });
    out.problem = problem;
  }
  if (kind === KIND_CLASSIFICATION) {
    const k = Math.max(...ql) + 1;
    if (k > out.classes) {
      note.add("points_classes", { count: k });
      out.classes = k;
    }
  }
  return Array.from(ql, (q, i) => [
    value(q1[i], X_LO, X_HI, X_BITS),
    value(q2[i], X_LO, X_HI, X_BITS),
    kind === KIND_REGRESSION ? value(q, Y_LO, Y_HI, Y_BITS) : q,
  ]);
}

/** Custom data: the decoded points (fixing problem/classes to fit them), or the default
 * data set when there are none usable. -> points or null.
 * @param {Record<string, any>} out @param {Set<string>} given
 * @param {{kind: number, cols: Int32Array[]} | null} parsed @param {boolean} hasPoints @param {Notes} note */
export function pointRules(out, given, parsed, hasPoints, note) {
  let points = null;
  if (out.dataset === "custom") {
    points = usePoints(out, given, parsed, note);
    if (points === null) {
      note.add("custom_needs_points", { dataset: DEFAULTS.dataset });
      out.dataset = DEFAULTS.dataset;
    }
  } else if (hasPoints) {
    note.add("points_ignored", { dataset: out.dataset });
  }
  return points;
}
