// @ts-check
// The step-through: ONE training step on one sample, walked stage by stage on the diagram
// (domain/walk.js). Its numbers are the inspector's own reply (bpcore's inspect), so the diagram
// and the inspector always agree; taking the step asks the engine for exactly that step
// (sampleStep: p <- p - lr dL/dp), then the map, the weights and the metrics follow.

import { SUGGESTED } from "../domain/settings.js";
import { stageIndex, walkStages } from "../domain/walk.js";
import { engineReady, noticeOf } from "./store.js";

/**
 * @param {{store: import("./store.js").Store, engine: any, inspection: any, session: any,
 *   training: any, chooseDataset: (name: string) => Promise<void>}} deps
 */
export function createStepThrough({ store, engine, inspection, session, training, chooseDataset }) {
  const { get, update } = store;
  let taking = false; // take() changes the metrics and weights itself: the walk goes on

  /** Walk sample `index` (default: the selected point, else the first), from stage `at`.
   * @param {number} [index] @param {string | number} [at] */
  async function start(index, at = 0) {
    const s = get();
    if (!engineReady(s)) return;
    training.setPlaying(false);
    const i = index ?? (s.selected?.kind === "point" ? s.selected.index : 0);
    // walking before the reply comes: the page keeps the diagram in view (views/map.js)
    update({ walk: { index: i, stage: 0 } });
    await inspection.inspectPoint(i);
    const insp = get().inspection;
    if (!insp || insp.kind !== "sample" || insp.reply.index !== i) return stop(); // refused or replaced
    if (at) go(at);
  }

  /** To a stage: +1 / -1 (next, previous) or a stage's id ("loss", "backward-1", ...).
   * @param {number | string} to */
  function go(to) {
    const s = get();
    if (!s.walk) return;
    const stages = walkStages(s);
    const next = typeof to === "number" ? s.walk.stage + to : stageIndex(stages, to);
    if (next >= 0 && next < stages.length) update({ walk: { ...s.walk, stage: next } });
  }

  /** Leave the step-through; the inspector stays open on the sample. */
  function stop() {
    if (get().walk) update({ walk: null });
  }

  /** Take the step shown (the update stage's numbers), then walk the same sample again. */
  async function take() {
    const walk = get().walk;
    if (!walk) return;
    taking = true;
    try {
      const { metrics } = await engine.request("sampleStep", { index: walk.index });
      update({ metrics });
      session.fetchGrid(true);
      session.fetchWeights();
      await start(walk.index);
    } catch (err) {
      update({ notice: noticeOf(err) });
    } finally {
      taking = false;
    }
  }

  /** The article's worked example, from its starting weights, at a stage: what the lesson's
   * "Show me" buttons do. Picks the article preset (and its network) unless it is shown, else
   * starts it over (a step taken before has moved the weights).
   * @param {string} stage @param {number} [index] */
  async function showArticle(stage, index = 0) {
    const s = get();
    const suggested = /** @type {Record<string, any>} */ (SUGGESTED).article;
    const same = (/** @type {any} */ a, /** @type {any} */ b) => JSON.stringify(a) === JSON.stringify(b);
    const shown = s.settings.dataset === "article" && Object.entries(suggested).every(([k, v]) => same(s.settings[k], v));
    stop();
    if (shown) await session.reset();
    else {
      await chooseDataset("article");
      await until(() => engineReady(get()) && get().session?.settings?.dataset === "article");
    }
    await start(index, stage);
  }

  /** Resolves once `test()` holds after a state change (or at once). @param {() => boolean} test */
  function until(test) {
    return new Promise((resolve) => {
      if (test()) return resolve(null);
      const off = store.subscribe(() => {
        if (test()) {
          off();
          resolve(null);
        }
      });
    });
  }

  // the walk belongs to one network, its weights and one sample: a new session, other settings,
  // training (Play, Step), a weight edited, closing the inspector or showing a neuron ends it;
  // another point clicked is walked instead, at the same stage
  store.subscribe((s, prev) => {
    if (!s.walk) return;
    const insp = s.inspection;
    const closed = (prev.inspection && !insp) || (insp && insp.kind !== "sample");
    const changed = s.session !== prev.session || s.settings !== prev.settings || (!taking && s.metrics !== prev.metrics);
    if (closed || changed || s.playing) update({ walk: null });
    else if (insp && insp !== prev.inspection && insp.reply.index !== s.walk.index && !taking) {
      update({ walk: { ...s.walk, index: insp.reply.index } });
    }
  });

  return { start, go, stop, take, showArticle };
}
