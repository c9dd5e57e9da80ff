// @ts-check
// The step-through: ONE training step on one sample, walked stage by stage on the diagram
// (domain/walk.js). Its numbers are the inspector's own reply (bpcore's inspect), so the diagram
// and the inspector always agree; taking the step asks the engine for exactly that step
// (sampleStep: p <- p - lr dL/dp), then the map, the weights and the metrics follow; the step is
// counted (state.sampleSteps) and kept in the link's trail (session.noteStep).

import { SUGGESTED } from "../domain/settings.js";
import { stageIndex, walkStage, walkStages } from "../domain/walk.js";
import { engineReady, noticeOf, until } from "./store.js";

/**
 * @param {{store: import("./store.js").Store, engine: any, inspection: any, session: any,
 *   training: any, chooseDataset: (name: string) => Promise<unknown>, reset?: () => Promise<unknown>}} deps
 *   chooseDataset, reset: the article's example replaces the run (app/way-back.js keeps it)
 */
export function createStepThrough({ store, engine, inspection, session, training, chooseDataset, reset = session.reset }) {
  const { get, update } = store;
  let taking = false; // take() changes the metrics and weights itself: the walk goes on
  // Each action (start, take, stop, Show me) takes a turn; Play and a walk ended by a change
  // take one too. An action that awaits gives up when another has taken a turn meanwhile: the
  // last action wins, whatever the timing.
  let turn = 0;

  /** Walk sample `index` (default: the selected point, else the first), from stage `at`.
   * Training stops first, and its chunk in flight lands before the walk starts.
   * @param {number} [index] @param {string | number} [at] @param {number} [mine] the action's turn */
  async function start(index, at = 0, mine = ++turn) {
    if (!engineReady(get())) return;
    await halt();
    if (mine !== turn || !engineReady(get())) return; // a later action won
    const s = get();
    const i = index ?? (s.selected?.kind === "point" ? s.selected.index : 0);
    // walking before the reply comes: the page keeps the diagram in view (views/map.js)
    update({ walk: { index: i, stage: 0 } });
    await inspection.inspectPoint(i);
    if (mine !== turn) return;
    const insp = get().inspection;
    if (!insp || insp.kind !== "sample" || insp.reply.index !== i) return end(); // refused or replaced
    if (at) go(at);
  }

  /** Stop training and wait until its last chunk has landed. */
  async function halt() {
    training.setPlaying(false);
    await until(store, () => !get().training);
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
    turn += 1; // a walk still on its way is not shown
    end();
  }

  function end() {
    if (get().walk) update({ walk: null });
  }

  /** Take the step shown (the update stage's numbers), then walk the same sample again,
   * unless another action came meanwhile (Play pressed in the same tick plays). */
  async function take() {
    const walk = get().walk;
    if (!walk) return;
    const mine = ++turn;
    taking = true;
    try {
      const { metrics } = await engine.request("sampleStep", { index: walk.index });
      // counted beside the epoch and drawn on the charts (views/charts.js)
      update({ metrics, sampleSteps: get().sampleSteps + 1 });
      session.noteStep(metrics.epoch, walk.index); // in the trail: the page's link takes it too
      session.fetchGrid(true);
      session.fetchWeights();
      if (mine === turn) await start(walk.index, 0, mine);
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
    const mine = ++turn; // a second Show me, Play or Stop meanwhile wins
    end();
    await halt(); // the article opens untrained: no chunk of the old training lands on it
    if (mine !== turn) return;
    const s = get();
    const suggested = /** @type {Record<string, any>} */ (SUGGESTED).article;
    const same = (/** @type {any} */ a, /** @type {any} */ b) => JSON.stringify(a) === JSON.stringify(b);
    const shown = s.settings.dataset === "article" && Object.entries(suggested).every(([k, v]) => same(s.settings[k], v));
    if (shown) await reset();
    else {
      await chooseDataset("article");
      await until(store, () => mine !== turn || (engineReady(get()) && get().session?.settings?.dataset === "article"));
    }
    if (mine === turn) await start(index, stage, mine);
  }


  // the walk belongs to one network, its weights and one sample: a new session, other settings,
  // training (Play, Step), a weight edited, closing the inspector or showing a neuron ends it;
  // another point clicked is walked instead, at the same stage
  store.subscribe((s, prev) => {
    if (s.playing && !prev.playing) turn += 1; // Play wins over a walk on its way
    if (!s.walk) return;
    const insp = s.inspection;
    const closed = (prev.inspection && !insp) || (insp && insp.kind !== "sample");
    const changed = s.session !== prev.session || s.settings !== prev.settings || (!taking && s.metrics !== prev.metrics);
    if (closed || changed || s.playing) {
      turn += 1;
      update({ walk: null });
    }
    else if (insp && insp !== prev.inspection && insp.reply.index !== s.walk.index && !taking) {
      update({ walk: { ...s.walk, index: insp.reply.index } });
    }
  });

  /** The stage shown: its id ("forward-1", "loss", ...), or null when not walking. */
  const stage = () => walkStage(get())?.id ?? null;

  return { start, go, stop, take, showArticle, stage };
}
