// @ts-check
// The lab's code plugged into training (issue 21, exercise 8): plugIn(exercise, source) asks the
// engine to train with the student's activation, loss or dense layer; the engine checks the code
// again first (bpcore.lab.plug_parts), so only code that passed its checks trains. The state
// says what is plugged (`plugged`: {exercise, part} | null, from the engine's replies); the
// training since then cannot be replayed by a share link, which carries no code (app/links.js
// says so while it is plugged). Nothing is kept across a reload: a new page trains with
// bpcore's own parts.
//
//   const plugin = createPlugin({store, engine, session, inspection})
//   await plugin.plugIn("plug_activation", source)  -> {exercise, part} | null (refused: notice)
//   await plugin.unplug()                            -> true | false (refused: notice)

import { msg } from "../domain/i18n.js";
import { engineReady, noticeOf } from "./store.js";

/** Plugged before any training (epoch 0, nothing on the trail, nothing plugged before): a link
 * replays the run by plugging its code first. @param {import("./store.js").State} s */
const fromStart = (s) => !s.plugged && (!s.metrics || s.metrics.epoch === 0) && s.trail.replayable && s.trail.edits.length === 0;

/**
 * @param {{store: import("./store.js").Store, engine: any,
 *   session: {fetchGrid: (n?: boolean) => void, fetchWeights: () => void},
 *   inspection: {inspectPoint: (i: number) => Promise<void>, inspectNeuron: (r: {layer: number, index: number}) => Promise<void>}}} deps
 */
export function createPlugin({ store, engine, session, inspection }) {
  const { get, update } = store;

  /** The engine's reply: what is plugged, the metrics measured with it, the picture and the
   * inspected point or neuron again (its numbers now come from the code that trains). */
  function adopt(/** @type {{plugged: any, metrics: any}} */ r, /** @type {any} */ notice, source = /** @type {string | null} */ (null)) {
    update((now) => ({
      plugged: r.plugged ?? null, metrics: r.metrics, notice, // (None arrives as undefined)
      pluggedSource: r.plugged ? source : null,
      // the training from here on is the student code's: a link replays it (with the code) only
      // when it was plugged before any training (links.js), so a plug on the way ends the trail
      trail: fromStart(now) ? now.trail : { ...now.trail, replayable: false, why: "plugged" },
    }));
    session.fetchGrid(true);
    session.fetchWeights();
    const sel = get().selected;
    if (sel && sel.kind === "point") inspection.inspectPoint(sel.index);
    else if (sel && sel.kind === "neuron") inspection.inspectNeuron({ layer: sel.layer, index: sel.index });
  }

  /**
   * Train with the student's code of a passed plug exercise.
   * @param {string} exercise plug_activation | plug_loss | plug_dense
   * @param {string} source the student's code
   */
  async function plugIn(exercise, source) {
    if (!engineReady(get())) {
      update({ notice: msg("plug.not_ready") });
      return null;
    }
    try {
      const r = await engine.request("plug", { exercise, source });
      adopt(r, msg(`plug.plugged_${r.plugged.part}`), source);
      return r.plugged;
    } catch (err) {
      update({ notice: noticeOf(err) }); // not passed, or a network it cannot train: said why
      return null;
    }
  }

  /** bpcore's own parts again; the weights stay as they are. */
  async function unplug() {
    if (!get().plugged || !engineReady(get())) return false;
    try {
      adopt(await engine.request("unplug", {}), msg("plug.unplugged"));
      return true;
    } catch (err) {
      update({ notice: noticeOf(err) });
      return false;
    }
  }

  return { plugIn, unplug };
}
