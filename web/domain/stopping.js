// @ts-check
// What the page says about the stopping rules (bpcore/stopping.py): why training stopped (the
// step reply's `stopped`), and what Play does after a stop. Pure: data in, messages out.

import { msg } from "./i18n.js";

/** A loss as the notice shows it: 4 significant digits. @param {number} x */
const shown = (x) => String(Number(x.toPrecision(4)));

/**
 * Why training stopped, said in the page's language.
 * @param {{rule: string, epoch: number, watch: string, loss: number, target?: number,
 *   patience?: number, bestEpoch?: number, restored?: boolean}} st the step reply's `stopped`
 * @returns {import("./i18n.js").Message}
 */
export function stopNotice(st) {
  const epoch = String(st.epoch); // digits as the epoch shows them
  const watch = st.watch === "train" ? "train" : "test"; // no test set: the training loss
  if (st.rule === "stop_loss") return msg(`stop.loss_${watch}`, { epoch, loss: shown(st.loss), target: String(st.target) });
  if (st.rule === "patience") {
    const key = `stop.patience_${watch}${st.restored ? "_restored" : ""}`;
    return msg(key, { epoch, count: Number(st.patience), best: String(st.bestEpoch) });
  }
  return msg("notice.stopped_at", { epoch });
}

/**
 * Play pressed where a rule stopped the training: it trains on, and the page says why the rule
 * does not stop it again at once. @param {{epoch: number}} st
 * @returns {import("./i18n.js").Message}
 */
export const trainOnNotice = (st) => msg("stop.train_on", { epoch: String(st.epoch) });
