// @ts-check
// Session actions: start the engine's session, apply settings (live ones in place, others
// rebuild), reset, retry a failed engine, edit one weight, fetch the map and the weights. The
// link and storage are written only once the engine has accepted the settings (links.commit).

import { fresh } from "../domain/compare.js";
import { metric } from "../domain/format.js";
import { msg } from "../domain/i18n.js";
import { liveSettings, MAX_EDITS, STEP } from "../domain/link.js";
import { previewMatches } from "../domain/preview.js";
import { GRID } from "../domain/schedule.js";
import { activationFor } from "../domain/layout.js";
import { SETTINGS } from "../domain/settings.js";
import { engineReady, engineSettings, fewPoints, isCustom, noticeOf, staleReason, VIEW_ONLY } from "./store.js";

const WEIGHTS_MS = 100; // ask for the weights at most 10x per second

/** @typedef {import("./store.js").State["trail"]} Trail */
/** The trail with its changes now `edits`: past the most a link holds, it cannot be replayed.
 * @param {Trail} t @param {any[][]} edits @returns {Trail} */
function grown(t, edits) {
  const full = edits.length > MAX_EDITS;
  return { ...t, edits, replayable: t.replayable && !full, why: t.why || (full ? "full" : "") };
}

/**
 * @param {{store: import("./store.js").Store, engine: any, stats: any, commitLink: () => void,
 *   ready: Promise<unknown>}} deps
 *   commitLink: the settings are accepted: write the address bar and storage (debounced);
 *   ready: resolves once the link / storage has been read
 */
export function createSessionActions({ store, engine, stats, commitLink, ready }) {
  const { get, update } = store;
  let weightsAt = 0;

  /** Keep the page's view-only settings over the engine's canonical ones. */
  const adopt = (engineS) => ({ ...engineS, ...Object.fromEntries([...VIEW_ONLY].map((k) => [k, get().settings[k]])) });

  /** A session reply (init, reset, restore, a rebuilding configure) replaces everything shown. */
  function show(r) {
    update({
      settings: adopt(r.settings),
      session: {
        points: r.points, trainMask: r.trainMask, layerSizes: r.layerSizes,
        classes: r.classes, problem: r.problem, loss: r.loss, settings: r.settings,
      },
      metrics: r.metrics, grid: null, neurons: null, weights: null,
      inspection: null, selected: null, // their numbers belong to the old network
      // a new session: its link replays from epoch 0, with the live settings it starts with,
      // unless the lab's code trains it (app/plugin.js)
      // (a session the lab's code trains from its start: its link carries the code, links.js)
      trail: /** @type {Trail} */ ({ edits: [], replayable: true, start: liveSettings(r.settings), why: "" }),
      plugged: r.plugged ?? null,
      ...(r.unplugged ? { notice: msg("plug.dropped", { why: r.unplugged }) } : {}), // the new network cannot take it
      sampleSteps: 0,
      // run B of a comparison: rebuilt with A (reset, rebuild); gone with a new session, unless a link's waits
      compare: r.compare ? fresh(r.compare, r.metrics) : get().compare?.pending ? get().compare : null,
    });
    if (!stats.sessionAt) stats.sessionAt = performance.now();
    fetchGrid(true);
    fetchWeights();
    commitLink();
  }

  /** The boundary (and the neurons' pictures) of the current weights, without training. */
  function fetchGrid(neurons = true) {
    if (!engineReady(get())) return;
    // a small data set's points table shows every point's output (bpcore's)
    engine.request("grid", { size: GRID, neurons, ...(fewPoints(get()) ? { outputs: true } : {}) }).then((g) => {
      if (!get().session) return;
      update(neurons ? { grid: g, neurons: g } : { grid: g });
    }, () => {});
  }

  function fetchWeights() {
    if (!engineReady(get())) return;
    weightsAt = performance.now();
    engine.request("weights", {}).then((w) => update({ weights: w }), () => {});
  }

  /** The weights, unless they were asked for less than WEIGHTS_MS ago. */
  function fetchWeightsSoon() {
    if (performance.now() - weightsAt > WEIGHTS_MS) fetchWeights();
  }

  /** A new engine session from what the page shows (the engine just became ready). While the
   * drawn points cannot train, the engine trains the default preset and the page keeps showing
   * the drawn points with the reason. */
  async function start() {
    await ready;
    const s = get();
    const stale = staleReason(s);
    const keep = s.settings;
    let settings = engineSettings(s.settings);
    if (stale) settings = { ...settings, dataset: "circle" };
    const points = isCustom(s) && !stale ? s.drawn : undefined;
    try {
      show(await engine.request("init", { settings, points }));
    } catch (err) {
      update({ notice: noticeOf(err) }); // settings the engine refused: start from its defaults
      show(await engine.request("init", {}));
    }
    if (stale) update({ settings: keep, notice: stale });
    if (get().playing) return "play";
    return null;
  }

  /**
   * Change settings (and/or send the drawn points): view-only ones apply at once; live ones in
   * place; others rebuild the session. Refused settings roll back, with the engine's message.
   * @param {Record<string, any>} changes
   * @param {{points?: boolean}} [opts] points: the drawn points changed (send them)
   */
  async function apply(changes, { points = false } = {}) {
    const before = get().settings;
    // new layers keep the dropout rates when they still fit, else the first for all
    const fit = changes.layers && !changes.dropout ? { dropout: activationFor(before.dropout, changes.layers.length) } : {};
    update({ settings: { ...before, ...changes, ...fit } });
    const s = get();
    if (Object.keys(changes).every((k) => VIEW_ONLY.has(k)) && !points) {
      commitLink();
      return null;
    }
    if (!engineReady(s)) return null; // start() sends what is shown once the engine is up
    const stale = staleReason(s);
    if (stale) {
      update({ notice: stale, grid: null });
      commitLink();
      return null;
    }
    const payload = { settings: engineSettings(s.settings) };
    const trained = s.session && s.session.settings;
    if (isCustom(s) && (points || !trained || trained.dataset !== "custom")) payload.points = s.drawn;
    try {
      const r = await engine.request("configure", payload);
      update({ notice: "" });
      if (r.rebuilt) show(r);
      else adoptLive(r);
      return r;
    } catch (err) {
      update({ notice: noticeOf(err), settings: adopt(before) });
      return null;
    }
  }

  /** A configure the engine applied in place (live settings): shown, and each changed setting
   * joins the trail at the engine's epoch, so a link replays it there (before any training or
   * change, the run simply starts with it). A value changed again at the same epoch replaces
   * the last change (a select stepped through with the arrow keys is one change), except the
   * optimiser's: each change of it starts a fresh one. @param {any} r the configure reply */
  function adoptLive(r) {
    update((now) => {
      const t = now.trail, epoch = r.metrics.epoch;
      const was = (now.session && now.session.settings) || {};
      const changed = Object.entries(liveSettings(r.settings)).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k]));
      const fresh = epoch === 0 && !t.edits.length;
      let edits = t.edits;
      for (const [k, v] of fresh ? [] : changed) {
        const last = edits[edits.length - 1];
        const again = last && last.length === 3 && last[0] === epoch && last[1] === k && k !== "optimizer";
        edits = [...(again ? edits.slice(0, -1) : edits), [epoch, k, v]];
      }
      return {
        settings: adopt(r.settings), metrics: r.metrics,
        session: now.session && { ...now.session, settings: r.settings },
        trail: fresh ? { ...t, start: liveSettings(r.settings) } : grown(t, edits),
      };
    });
    commitLink();
  }

  /** A step taken on one point (the step-through's "Take the step", p <- p - lr dL/dp): in
   * the trail at the engine's epoch, so a link takes it too. @param {number} epoch @param {number} index */
  function noteStep(epoch, index) {
    update((now) => ({ trail: grown(now.trail, [...now.trail.edits, [epoch, STEP, index]]) }));
    commitLink();
  }

  async function reset() {
    if (!engineReady(get())) return;
    try {
      show(await engine.request("reset", {}));
      update({ notice: "" });
    } catch (err) {
      update({ notice: noticeOf(err) });
    }
  }

  /** New weights: a new seed (by chance, or the given one), so the run rebuilds at epoch 0
   * from new initial weights; the link carries the seed, and a notice says so (the article's
   * own net keeps its printed weights: the notice says that instead). Reset, by contrast,
   * keeps the seed and its weights. @param {number} [seed] */
  async function newWeights(seed = Math.floor(Math.random() * (SETTINGS.get("seed").hi + 1))) {
    const r = await apply({ seed });
    if (r) update({ notice: msg(r.presetWeights ? "init.preset_weights_notice" : "init.new_weights_notice", { seed: String(seed) }) });
    return r;
  }

  /** Start a new worker after a failure; its ready event starts a new session. */
  function retry() {
    update({
      load: { stage: "runtime", percent: 0, status: "loading", versions: null, error: null },
      session: null, grid: null, metrics: null,
    });
    engine.start();
  }

  /** @param {{layer: number, i: number, j: number, value: number}} w j = -1: the bias */
  async function editWeight({ layer, i, j, value }) {
    if (!engineReady(get())) return;
    try {
      const r = await engine.request("setWeight", { layer, i, j, value });
      // the link replays the edit at the engine's epoch (the page's may lag behind a chunk)
      const t = get().trail, edits = [...t.edits, [r.metrics.epoch, layer, i, j, r.value]];
      update({
        notice: msg(j < 0 ? "notice.bias_set" : "notice.weight_set", { value: metric(r.value) }), metrics: r.metrics,
        trail: grown(t, edits),
      });
      fetchWeights();
      fetchGrid(true);
    } catch (err) {
      update({ notice: noticeOf(err) });
    }
  }

  /** Until the engine is ready: the data and boundary that build.py computed (dist/preview.json),
   * if they are what the page is about to train. Controls stay with the engine.
   * @param {any} p the decoded preview or null @returns {boolean} shown */
  function showPreview(p) {
    const s = get();
    if (!p || s.session || isCustom(s) || !previewMatches(p.described.settings, s.settings)) return false;
    const d = p.described;
    update({
      session: {
        points: d.points, trainMask: d.trainMask, layerSizes: d.layerSizes, classes: d.classes,
        problem: d.problem, loss: d.loss, settings: null, preview: true,
      },
      metrics: d.metrics, grid: p.grid,
    });
    return true;
  }

  return { show, start, showPreview, apply, adoptLive, noteStep, reset, newWeights, retry, editWeight, fetchGrid, fetchWeights, fetchWeightsSoon };
}
