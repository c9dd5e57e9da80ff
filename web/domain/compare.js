// @ts-check
// Two runs in lockstep, as data (bpcore/compare.py trains them): the store's `compare` slice
// from the engine's replies, the two loss curves, and what the difference is in words. Pure:
// no DOM (tests/js/compare-words.test.mjs).
//
// The slice: null (one run) | {pending: true, overrides} (a link's comparison waiting for the
// engine) | {run, overrides, settings, layerSizes, loss, shared, metrics, grid, gridEpoch,
// history: [[epoch, A's loss, B's loss], ...]} (test losses; training losses when the data has
// no test set).

import { msg } from "./i18n.js";
import { LINK, SETTINGS } from "./settings.js";

/** The settings run B may change (bpcore/link/limits.py COMPARE_KEYS). @type {string[]} */
export const COMPARE_KEYS = LINK.COMPARE_KEYS;
const MAX_HISTORY = 20000; // points of the curves kept (a long run: every other one dropped)

/** B's form: the settings it shows, in order; numbers offered as lists (another value, e.g.
 * a link's, is offered too). @type {{name: string, kind: "layers" | "choice" | "number", values?: number[]}[]} */
export const FORM = [
  { name: "layers", kind: "layers" },
  { name: "activation", kind: "choice" },
  { name: "loss", kind: "choice" },
  { name: "init", kind: "choice" },
  { name: "optimizer", kind: "choice" },
  { name: "lr", kind: "number", values: [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10] },
  { name: "batch_size", kind: "number", values: [1, 2, 5, 10, 20, 50, 100, 500] },
  { name: "reg", kind: "choice" },
  { name: "reg_rate", kind: "number", values: [0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3] },
];

/** A setting's choices (the table's). @param {string} name @returns {string[]} */
export const choicesOf = (name) => [...(SETTINGS.get(name)?.choices || [])];

/** The loss the curves follow: test when the data has a test set. @param {any} m metrics */
export const usesTest = (m) => Boolean(m) && m.lossTest !== null && m.lossTest !== undefined;

/** @param {any} m @param {boolean} test */
const lossOf = (m, test) => (m ? (test ? m.lossTest : m.lossTrain) : null);

let runs = 0; // each new B (a start, a reset, a rebuild) is a run of its own: the curves start over

/** The slice from a reply that (re)built B at epoch 0 (compare, reset, a rebuilding configure).
 * @param {any} b the reply's `compare` part @param {any} aMetrics A's metrics then */
export function fresh(b, aMetrics) {
  const test = usesTest(aMetrics);
  return {
    run: ++runs, overrides: b.overrides, settings: b.settings, layerSizes: b.layerSizes, loss: b.loss,
    shared: b.shared, metrics: b.metrics, grid: null, gridEpoch: -1,
    history: [[aMetrics.epoch, lossOf(aMetrics, test), lossOf(b.metrics, test)]],
  };
}

/** The slice after a step whose reply carried B's part (null stays null: the comparison
 * ended while the step was in flight). @param {any} c @param {any} part @param {any} aMetrics */
export function stepped(c, part, aMetrics) {
  if (!c || c.pending) return c;
  const test = usesTest(aMetrics);
  let history = [...c.history, [aMetrics.epoch, lossOf(aMetrics, test), lossOf(part.metrics, test)]];
  if (history.length > MAX_HISTORY) history = history.filter((_, i) => i % 2 === 0 || i === history.length - 1);
  const grid = part.grid ? { grid: part.grid, gridEpoch: part.metrics.epoch } : {};
  return { ...c, metrics: part.metrics, history, ...grid };
}

/** A number rounded UP to two significant digits (a loss both runs got down to). @param {number} x */
export function ceil2(x) {
  if (!(x > 0)) return x;
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Number((Math.ceil(x / unit - 1e-9) * unit).toPrecision(2));
}

/** The first epoch of the history where a run's loss is at most `target`, or null.
 * @param {number[][]} h @param {1 | 2} k @param {number} target */
function firstAt(h, k, target) {
  const row = h.find((r) => Number.isFinite(r[k]) && r[k] <= target * (1 + 1e-12));
  return row ? row[0] : null;
}

/** The first epoch at which a run's loss is no longer finite, or null. @param {number[][]} h @param {1 | 2} k */
const divergedAt = (h, k) => h.find((r) => r[k] !== null && !Number.isFinite(r[k]))?.[0] ?? null;

/**
 * The difference in words, as catalogue messages: which run reached the loss both got down to
 * first ("B reached test loss 0.12 at epoch 140, A at 610"), the losses now, a divergence.
 * `format` writes a loss (the page's significant digits). Nothing trained yet: the hint.
 * @param {any} c the slice @param {any} aMetrics @param {(x: number) => string} format
 * @returns {import("./i18n.js").Message[]}
 */
export function verdict(c, aMetrics, format) {
  if (!c || c.pending || c.history.length < 2) return [msg("compare.waiting")];
  const h = c.history;
  const which = msg(usesTest(aMetrics) ? "compare.test_loss" : "compare.train_loss");
  const best = (/** @type {1 | 2} */ k) => Math.min(...h.map((r) => (Number.isFinite(r[k]) ? r[k] : Infinity)));
  const out = [];
  const worse = Math.max(best(1), best(2));
  if (Number.isFinite(worse)) {
    const target = ceil2(worse);
    const a = firstAt(h, 1, target), b = firstAt(h, 2, target);
    if (a !== null && b !== null) {
      const params = { which, target: format(target), a: String(a), b: String(b) };
      out.push(msg(a === b ? "compare.reached_same" : "compare.reached", params));
    }
  }
  const last = h[h.length - 1];
  out.push(msg("compare.now", { epoch: String(last[0]), a: format(last[1]), b: format(last[2]) }));
  for (const [run, k] of /** @type {[string, 1 | 2][]} */ ([["A", 1], ["B", 2]])) {
    const at = divergedAt(h, k) ?? ((k === 1 ? aMetrics?.diverged : c.metrics?.diverged) ? last[0] : null);
    if (at !== null) out.push(msg("compare.diverged", { run, epoch: String(at) }));
  }
  return out;
}

/** Which layers start with A's initial weights, in words. @param {boolean[]} shared */
export function sharedWords(shared) {
  if (shared.length && shared.every(Boolean)) return msg("compare.shared_all");
  if (!shared.some(Boolean)) return msg("compare.shared_none");
  const layers = shared.flatMap((s, l) => (s ? [String(l + 1)] : [])).join(", ");
  return msg("compare.shared_some", { layers });
}
