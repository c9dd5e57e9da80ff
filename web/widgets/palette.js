// @ts-check
// THE palette and grid painter of every widget (heatmap, network view, inspector, pen): orange
// for negative / class 0, blue for positive / class 1, grey for zero, as TensorFlow Playground;
// more classes add Okabe-Ito's bluish green, reddish purple and yellow (told apart with any
// colour vision). Pure maths on pixel arrays: no DOM, unit-tested under Node.

/** @typedef {[number, number, number]} RGB */

/** @type {RGB} */ export const ORANGE = [245, 147, 34];
/** @type {RGB} */ export const GREY = [232, 234, 235];
/** @type {RGB} */ export const BLUE = [8, 119, 189];
/** @type {RGB[]} */
export const CLASS_COLOURS = [ORANGE, BLUE, [0, 158, 115], [204, 121, 167], [230, 200, 20]];
export const STEPS = 256; // entries of a colour table
export const MAP_ALPHA = 0.63; // the data map is a tint over white, so the points stand out

/** @param {RGB} a @param {RGB} b @param {number} t @returns {RGB} */
function mix(a, b, t) {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** A colour seen at `alpha` over white. @param {RGB} rgb @param {number} alpha @returns {RGB} */
export function tint(rgb, alpha) {
  const [r, g, b] = rgb.map((c) => Math.round(255 + (c - 255) * alpha));
  return [r, g, b];
}

/**
 * STEPS colours over [-1, 1]: `low` at -1, `mid` at 0, `high` at +1, seen at `alpha` over white.
 * @param {{low?: RGB, mid?: RGB, high?: RGB, alpha?: number}} [opts]
 * @returns {Uint8ClampedArray} r, g, b of each entry
 */
export function colourTable({ low = ORANGE, mid = GREY, high = BLUE, alpha = 1 } = {}) {
  const table = new Uint8ClampedArray(STEPS * 3);
  for (let k = 0; k < STEPS; k++) {
    const t = (k / (STEPS - 1)) * 2 - 1;
    table.set(tint(t < 0 ? mix(mid, low, -t) : mix(mid, high, t), alpha), k * 3);
  }
  return table;
}

export const DIVERGING = colourTable(); // orange .. grey .. blue, solid
export const MAP_TABLE = colourTable({ alpha: MAP_ALPHA }); // the same as a tint
/** Per class: grey (probability 0) .. the class colour (1). */
export const CLASS_TABLES = CLASS_COLOURS.map((c) => colourTable({ low: GREY, high: c }));

/** @param {RGB | Uint8ClampedArray} c */
const css = (c) => `rgb(${Math.round(c[0])},${Math.round(c[1])},${Math.round(c[2])})`;

/** The solid colour of a value in [-1, 1] (clipped) as "rgb(...)". @param {number} v */
export function divergingColour(v) {
  const k = Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * (STEPS - 1));
  return css(DIVERGING.subarray(k * 3, k * 3 + 3));
}

/** A class's colour as "rgb(...)". @param {number} label */
export function classColour(label) {
  return css(CLASS_COLOURS[label % CLASS_COLOURS.length] || CLASS_COLOURS[0]);
}

/** Points' colours: by class, or diverging by value for regression. @param {string} problem */
export function pointColour(problem) {
  return problem === "regression" ? divergingColour : classColour;
}

/**
 * Paint n*n values into RGBA pixels through a table: lo -> its first entry, hi -> its last,
 * NaN -> its middle (grey); discrete: the two ends only (the sign around the middle).
 * @param {Uint8ClampedArray} px RGBA, at least n*n*4
 * @param {ArrayLike<number>} values
 * @param {{offset?: number, lo?: number, hi?: number, table?: Uint8ClampedArray, discrete?: boolean}} [opts]
 */
export function paintValues(px, values, { offset = 0, lo = -1, hi = 1, table = DIVERGING, discrete = false } = {}) {
  const n = px.length >> 2;
  const top = STEPS - 1;
  const scale = top / (hi - lo || 1);
  const mid = top / 2;
  for (let i = 0; i < n; i++) {
    let k = (values[offset + i] - lo) * scale;
    k = k !== k ? mid : k < 0 ? 0 : k > top ? top : k;
    if (discrete) k = k < mid ? 0 : top;
    const c = Math.round(k) * 3;
    const p = i * 4;
    px[p] = table[c];
    px[p + 1] = table[c + 1];
    px[p + 2] = table[c + 2];
    px[p + 3] = 255;
  }
}

/**
 * Paint class probabilities (classes * n*n, class-major): each cell the classes' colours blended
 * by probability and pulled towards grey as the likeliest one falls to 1/K; discrete: the
 * likeliest class's colour only.
 * @param {Uint8ClampedArray} px RGBA, n*n*4
 * @param {ArrayLike<number>} probs
 * @param {number} classes
 * @param {{alpha?: number, discrete?: boolean}} [opts]
 */
export function paintClasses(px, probs, classes, { alpha = MAP_ALPHA, discrete = false } = {}) {
  const n = px.length >> 2;
  const cols = CLASS_COLOURS.slice(0, classes).map((c) => tint(c, alpha));
  const grey = tint(GREY, alpha);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let r = 0, g = 0, b = 0;
    for (let c = 0; c < classes; c++) {
      const p = probs[c * n + i];
      if (p > probs[best * n + i]) best = c;
      r += p * cols[c][0];
      g += p * cols[c][1];
      b += p * cols[c][2];
    }
    const q = i * 4;
    if (discrete) {
      px[q] = cols[best][0]; px[q + 1] = cols[best][1]; px[q + 2] = cols[best][2];
    } else {
      const sure = Math.max(0, (probs[best * n + i] - 1 / classes) / (1 - 1 / classes));
      const u = 0.35 + 0.65 * sure;
      px[q] = grey[0] + (r - grey[0]) * u;
      px[q + 1] = grey[1] + (g - grey[1]) * u;
      px[q + 2] = grey[2] + (b - grey[2]) * u;
    }
    px[q + 3] = 255;
  }
}

/**
 * Paint values into a canvas of n x n pixels (resized if needed): the one place a grid becomes
 * an image. `paint(px)` fills the pixels (paintValues / paintClasses).
 * @param {HTMLCanvasElement | OffscreenCanvas} canvas
 * @param {number} n
 * @param {(px: Uint8ClampedArray) => void} paint
 */
export function paintCanvas(canvas, n, paint) {
  if (canvas.width !== n || canvas.height !== n) {
    canvas.width = n;
    canvas.height = n;
  }
  const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  const img = ctx.createImageData(n, n);
  paint(img.data);
  ctx.putImageData(img, 0, 0);
}

/**
 * THE colour of weight layer l of `count` (the gradient flow's chart and its numbers on the
 * diagram): a ramp of hues from violet (into the first hidden layer) through blue and teal to
 * green (into the output), away from the orange and blue that mean a sign; darker on a light
 * background, lighter on a dark one (3:1 against either). The chart's dashes and the names
 * tell the layers apart without colour.
 * @param {number} l @param {number} count weight layers @param {boolean} [dark]
 */
export function layerColour(l, count, dark = false) {
  const t = count > 1 ? Math.min(1, Math.max(0, l / (count - 1))) : 1;
  return `hsl(${Math.round(285 - 170 * t)} 60% ${dark ? 62 : 38}%)`;
}

/** The chart's dash pattern of weight layer l (solid, dashed, dotted, in turn). @param {number} l */
export const layerDash = (l) => [[], [6, 3], [2, 2]][l % 3];
