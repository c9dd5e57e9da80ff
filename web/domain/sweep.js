// @ts-check
// The learning-rate sweep's arithmetic, pure: the form's choices, the pace of its requests, the
// rate to offer, and the plot's scales (a log rate axis, a linear loss axis whose range leaves
// out the runs that diverged: they are marked in a band above it, not drawn as huge numbers).
// The rates and the runs themselves are bpcore's (bpcore/sweep.py).

import { niceTicks } from "./format.js";

/** The form's choices: how many rates, epochs per run (0: bpcore's automatic choice). */
export const COUNTS = [5, 9, 13, 17, 25];
export const EPOCHS = [0, 5, 10, 20, 50, 100, 200, 500];
/** @type {Readonly<{lo: number, hi: number, count: number, epochs: number}>} */
export const DEFAULTS = Object.freeze({ lo: 0.001, hi: 10, count: 9, epochs: 0 });

/** Worker time a sweepStep request aims at: the page stays responsive, Cancel lands fast. */
export const TARGET_MS = 100;

/** Epochs for the next request, from the last one's `epochs` and worker `ms` (it doubles at
 * most, and never falls below 1). @param {number} epochs @param {number} ms */
export function nextChunk(epochs, ms) {
  const fit = ms > 0 ? Math.floor((epochs * TARGET_MS) / ms) : 2 * epochs;
  return Math.max(1, Math.min(2 * epochs, fit, 10_000));
}

/** What the form's choice can start: "" or a message key saying why not.
 * @param {{lo: number, hi: number}} o */
export const formProblem = (o) => (o.lo < o.hi ? "" : "sweep.error_range");

/** The index of the run to offer: the lowest final loss of those that did not diverge; -1 if
 * every run diverged (or there is none). @param {{loss: number | null, diverged: boolean}[]} results */
export function bestIndex(results) {
  let best = -1;
  results.forEach((r, i) => {
    if (!r.diverged && r.loss !== null && (best < 0 || r.loss < /** @type {number} */ (results[best].loss))) best = i;
  });
  return best;
}

/**
 * The plot's geometry in pixels: x by log10(rate) over the swept range, y by loss from 0 to a
 * little above the largest loss shown (the starting loss included), the diverged band above.
 * @param {{rates: number[], results: {lr: number, loss: number | null, diverged: boolean}[],
 *   startLoss: number | null}} data
 * @param {{width: number, height: number, left: number, right: number, top: number, bottom: number, band: number}} box
 *   margins in px; band: the height of the diverged runs' strip above the loss axis
 */
export function plotScales(data, box) {
  const { rates, results, startLoss } = data;
  const lo = Math.log10(rates[0] ?? 0.001), hi = Math.log10(rates.at(-1) ?? 10);
  const span = hi - lo || 1;
  const x0 = box.left, x1 = box.width - box.right;
  const x = (/** @type {number} */ lr) => x0 + ((Math.log10(lr) - lo) / span) * (x1 - x0);
  const shown = results.filter((r) => !r.diverged && r.loss !== null).map((r) => /** @type {number} */ (r.loss));
  if (startLoss !== null && Number.isFinite(startLoss)) shown.push(startLoss);
  const top = shown.length ? Math.max(...shown) : 1;
  const yTicks = niceTicks(0, top > 0 ? top : 1, 4);
  const yMax = yTicks.at(-1) || 1;
  const y0 = box.height - box.bottom, y1 = box.top + box.band;
  const y = (/** @type {number} */ loss) => y0 - (loss / yMax) * (y0 - y1);
  return { x, y, xTicks: rateTicks(rates), yTicks, band: box.top + box.band / 2, plot: { x0, x1, y0, y1 } };
}

/** The rate axis's ticks: each power of ten in the swept range, else its two ends.
 * @param {number[]} rates */
export function rateTicks(rates) {
  if (!rates.length) return [];
  const lo = rates[0], hi = /** @type {number} */ (rates.at(-1));
  const out = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); 10 ** k <= hi * (1 + 1e-9); k += 1) out.push(Number((10 ** k).toPrecision(12)));
  return out.length >= 2 ? out : [lo, hi];
}

/** What a sweep's results were made from: the settings except the learning rate, and the
 * drawn points when they are the data (null for a preset's).
 * @param {Record<string, any>} settings @param {number[][] | null} drawn */
export function sweepKey(settings, drawn) {
  const rest = Object.entries(settings).filter(([k]) => k !== "lr").sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([rest, drawn]);
}
