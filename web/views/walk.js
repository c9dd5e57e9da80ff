// @ts-check
// The step-through from the state: the stage's numbers on the diagram (domain/walk.js
// walkScene: the inspector's own reply), the walk bar's words and formula, the inspector's
// section of the stage marked, and the toolbar's "Step through" button usable once the engine is.
// While the notice "Back to your run" (app/way-back.js, id "way-back") is up, the walk bar
// carries its button too: the lesson's example has scrolled the notices out of view.

import { engineReady } from "../app/store.js";
import { say } from "../domain/i18n.js";
import { STAGE, formulaText, joined } from "../domain/stage-formulas.js";
import { stagesOf, walkScene } from "../domain/walk.js";
import { tr } from "./i18n.js";

/**
 * @param {{network: any, bar: import("../widgets/walk-bar.js").WalkBar, inspector: any, startButton: HTMLButtonElement}} parts
 * @returns {(s: any, prev: any) => void}
 */
export function walkView({ network, bar, inspector, startButton }) {
  return (s, prev) => {
    startButton.disabled = !engineReady(s) || !s.session?.points?.length;
    const same = s.walk === prev.walk && s.inspection === prev.inspection && s.lang === prev.lang && s.session === prev.session && s.notices === prev.notices;
    if (same) return;
    const scene = walkScene(s);
    network.setWalk(scene);
    inspector.highlightStage(scene ? scene.stage : null);
    bar.show(scene && words(scene, s), tr(s.lang).t);
  };
}

/** The bar's words for a scene; its formula is the one table's (domain/stage-formulas.js),
 * as the inspector and the lesson write it. @param {any} scene @param {any} s */
function words(scene, s) {
  const { t } = tr(s.lang);
  const { stage, L } = scene;
  const r = s.inspection.reply;
  const k = stage.layer === null ? L : stage.layer + 1;
  const K = scene.columns[L].n;
  const num = (/** @type {number} */ v) => String(Number(v.toPrecision(5)));
  const text = (/** @type {any} */ f) => formulaText(f, { word: t });
  let said;
  let formula;
  if (stage.phase === "forward") {
    said = t(k === L ? "walk.stage_forward_out" : "walk.stage_forward", { k });
    formula = text(joined(STAGE.forward(k), STAGE.activation(k, r.layers[k - 1].activation, k === L)));
  } else if (stage.phase === "loss") {
    said = t("walk.stage_loss");
    formula = text(["row", ...STAGE.loss(scene.lossName, K).slice(1), "=", num(scene.loss)]);
  } else if (stage.phase === "backward") {
    said = t(k === L ? "walk.stage_backward_out" : "walk.stage_backward", { k, next: k + 1 });
    formula = text(joined(k < L ? STAGE.deltaHidden(k) : STAGE.deltaOutput(k, scene.lossName, K), STAGE.grads(k)));
  } else {
    said = t("walk.stage_update");
    formula = t("walk.f_update", { formula: text(STAGE.update()), lr: String(scene.lr), before: num(scene.loss), after: num(scene.lossAfter) });
  }
  // dropout: how many hidden neurons this training step drops (crossed out on the diagram)
  const dropped = scene.columns.reduce((n, /** @type {any} */ c) => n + (c.dropped ? c.dropped.filter(Boolean).length : 0), 0);
  if (dropped) said += " " + t("dropout.walk", { count: dropped });
  const count = stagesOf(L).length;
  // the run the example replaced can be brought back from here too (the notice's first button)
  const kept = s.notices.find((/** @type {any} */ n) => n.id === "way-back");
  const back = kept && { label: say(tr(s.lang), kept.actions[0].label), run: kept.actions[0].run };
  return {
    back,
    point: t("walk.point", { index: s.walk.index + 1 }),
    progress: t("walk.progress", { at: s.walk.stage + 1, count }),
    stage: said, formula, first: s.walk.stage === 0, last: s.walk.stage === count - 1,
  };
}
