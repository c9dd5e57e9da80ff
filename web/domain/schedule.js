// @ts-check
// The training pump's policy, pure (no DOM, no engine): how many epochs the next chunk trains
// and which pictures it brings back. The worker should spend most of its time training
// (>= ~80%) while the map still moves smoothly: the big map comes at most ~15 times a second
// and never takes more than MAP_SHARE of the worker; the neurons' thumbnails come on a coarse
// grid a few times a second, only while the diagram is visible. And "Stop at epoch" as typed.

import { msg } from "./i18n.js";

export const GRID = 100; // big map cells per side
export const THUMB = 25; // thumbnail cells per side (TensorFlow Playground draws 10)
export const TRAIN_MS = 50; // worker time one chunk spends training: Pause lands within ~2 chunks
export const MAX_CHUNK = 5000; // epochs
export const MAP_MIN_MS = 1000 / 15; // the big map at most ~15 times a second ...
export const MAP_SHARE = 0.15; // ... and at most this share of the worker's time
export const THUMB_MIN_MS = 250; // thumbnails at most 4 times a second ...
export const THUMB_SHARE = 0.05; // ... and at most this share
export const MAX_STOP_AT = 1_000_000; // "Stop at epoch": the most a link replays

/**
 * Epochs for the next chunk: aimed at TRAIN_MS of training, changing by at most 2x a step.
 * A chunk that trained nothing (a rule stopped the one before it; the engine was elsewhere)
 * says nothing about the speed: the size stays (it would read as very fast and double).
 * @param {number} k epochs the last chunk trained
 * @param {number} trainMs the worker's training time for them
 * @param {number} [current] the size now (kept when k is 0)
 * @returns {number}
 */
export function nextChunkSize(k, trainMs, current = 1) {
  if (k <= 0) return current;
  const f = Math.min(2, Math.max(0.5, TRAIN_MS / Math.max(trainMs, 0.1)));
  return Math.max(1, Math.min(MAX_CHUNK, Math.round(k * f)));
}

/**
 * Is a picture due? At least `minMs` since the last one, and spaced so that its cost stays
 * within `share` of the worker's time.
 * @param {number} now
 * @param {number} lastAt when the last one was asked for (-Infinity: never)
 * @param {number} costMs what the last one cost the worker (0 if unknown)
 * @param {number} minMs
 * @param {number} share
 */
export function isDue(now, lastAt, costMs, minMs, share) {
  return now - lastAt >= Math.max(minMs, costMs / share);
}

/**
 * @typedef {{mapAt: number, mapMs: number, thumbAt: number, thumbMs: number}} PictureClock
 * @typedef {{epochs: number, gridSize?: number, neurons?: boolean, thumbSize?: number, outputs?: boolean, at?: number, gradFlow?: boolean, goal?: object}} StepRequest
 *   at: a chunk sent behind another: the epoch it starts at (the engine trains nothing if the
 *   one before stopped by a rule, or ended elsewhere); gradFlow: the gradient flow's numbers too;
 *   goal: a classroom goal the engine watches epoch by epoch (the reply's goalAt)
 */

/** A clock for a fresh run: every picture is due at once. @returns {PictureClock} */
export function newClock() {
  return { mapAt: -Infinity, mapMs: 0, thumbAt: -Infinity, thumbMs: 0 };
}

/**
 * The next `step` request, and the clock after sending it.
 * @param {PictureClock} clock
 * @param {number} now
 * @param {{epochs: number, thumbs: boolean, focusHidden: boolean}} want
 *   thumbs: the diagram is visible; focusHidden: the big map shows a hidden neuron (it then
 *   needs every neuron at full size)
 * @returns {{request: StepRequest, clock: PictureClock}}
 */
export function planStep(clock, now, { epochs, thumbs, focusHidden }) {
  /** @type {StepRequest} */
  const request = { epochs };
  const next = { ...clock };
  if (isDue(now, clock.mapAt, clock.mapMs, MAP_MIN_MS, MAP_SHARE)) {
    request.gridSize = GRID;
    request.neurons = focusHidden;
    next.mapAt = now;
  }
  // thumbnails ride on chunks without the big map, so the two costs do not pile up
  // (a map with every neuron, for a focused hidden neuron, paints the thumbnails too)
  if (thumbs && !focusHidden && !request.gridSize && isDue(now, clock.thumbAt, clock.thumbMs, THUMB_MIN_MS, THUMB_SHARE)) {
    request.thumbSize = THUMB;
    next.thumbAt = now;
  }
  return { request, clock: next };
}

/**
 * The clock after a reply: remember what its pictures cost.
 * @param {PictureClock} clock
 * @param {{grid?: number, thumbs?: number}} ms the reply's `ms`
 * @param {StepRequest} request
 * @returns {PictureClock}
 */
export function measured(clock, ms, request) {
  const next = { ...clock };
  if (request.gridSize && typeof ms.grid === "number") next.mapMs = ms.grid;
  if (request.thumbSize && typeof ms.thumbs === "number") next.thumbMs = ms.thumbs;
  return next;
}

/**
 * Resolves after ms (at once if ms <= 0), or early once stop() turns true (the speed limit's
 * wait between chunks, so Pause does not wait it out).
 * @param {number} ms @param {() => boolean} [stop]
 * @returns {Promise<void>}
 */
export function sleep(ms, stop = () => false) {
  return new Promise((resolve) => {
    if (ms <= 0) return resolve();
    const end = performance.now() + ms;
    const tick = () => (stop() || performance.now() >= end ? resolve() : setTimeout(tick, Math.min(50, end - performance.now())));
    setTimeout(tick, Math.min(50, ms));
  });
}

/**
 * "Stop at epoch" as typed: empty is no stop; else a whole number 1..MAX_STOP_AT, or why not.
 * @param {string} text
 * @returns {{stopAt: number} | {error: import("./i18n.js").Message}}
 */
export function parseStopAt(text) {
  const t = String(text).trim();
  if (!t) return { stopAt: 0 };
  const n = Number(t);
  if (/^\d+$/.test(t) && n >= 1 && n <= MAX_STOP_AT) return { stopAt: n };
  return { error: msg("notice.stop_at_bad", { max: MAX_STOP_AT, got: t.slice(0, 40) }) };
}
