// @ts-check
// The step-through from the state: the stage's numbers on the diagram (domain/walk.js
// walkScene: the inspector's own reply), the walk bar's words and formula, the inspector's
// section of the stage marked, and the toolbar's "Step through" button usable once the engine is.

import { engineReady } from "../app/store.js";
import { walkScene } from "../domain/walk.js";
import { tr } from "./i18n.js";

const SUB = "₀₁₂₃₄₅₆₇₈₉";
/** Layer numbers as subscripts in the formulas: 12 -> "₁₂". @param {number} n */
const sub = (n) => String(n).replace(/\d/g, (d) => SUB[Number(d)]);

/**
 * @param {{network: any, bar: import("../widgets/walk-bar.js").WalkBar, inspector: any, startButton: HTMLButtonElement}} parts
 * @returns {(s: any, prev: any) => void}
 */
export function walkView({ network, bar, inspector, startButton }) {
  return (s, prev) => {
    startButton.disabled = !engineReady(s) || !s.session?.points?.length;
    const same = s.walk === prev.walk && s.inspection === prev.inspection && s.lang === prev.lang && s.session === prev.session;
    if (same) return;
    const scene = walkScene(s);
    network.setWalk(scene);
    inspector.highlightStage(scene ? scene.stage : null);
    bar.show(scene && words(scene, s), tr(s.lang).t);
  };
}

/** The bar's words for a scene. @param {any} scene @param {any} s */
function words(scene, s) {
  const { t } = tr(s.lang);
  const { stage, L } = scene;
  const r = s.inspection.reply;
  const k = stage.layer === null ? L : stage.layer + 1;
  const params = { k: sub(k), l: sub(k - 1), next: sub(k + 1) };
  const num = (/** @type {number} */ v) => String(Number(v.toPrecision(5)));
  let text;
  let formula;
  if (stage.phase === "forward") {
    text = t(k === L ? "walk.stage_forward_out" : "walk.stage_forward", { k });
    formula = t("walk.f_forward", params);
  } else if (stage.phase === "loss") {
    text = t("walk.stage_loss");
    formula = t(`walk.f_loss_${scene.lossName}`, { loss: num(scene.loss) });
  } else if (stage.phase === "backward") {
    text = t(k === L ? "walk.stage_backward_out" : "walk.stage_backward", { k, next: k + 1 });
    formula = t(k < L ? "walk.f_back" : scene.lossName === "mse" ? "walk.f_back_out_mse" : "walk.f_back_out", params);
  } else {
    text = t("walk.stage_update");
    formula = t("walk.f_update", { lr: String(scene.lr), before: num(scene.loss), after: num(Number(r.sgd?.loss_after)) });
  }
  const walkStages = 2 * L + 2;
  return {
    point: t("walk.point", { index: s.walk.index + 1 }),
    progress: t("walk.progress", { at: s.walk.stage + 1, count: walkStages }),
    stage: text, formula, first: s.walk.stage === 0, last: s.walk.stage === walkStages - 1,
  };
}
