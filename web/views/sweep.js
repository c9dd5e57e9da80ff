// @ts-check
// The learning-rate sweep's panel from the state (the `sweep` slice, the learning rate, the
// page's language): what it says (running, done, cancelled, failed, out of date), its progress,
// the plot's data and the runs to pick from, every word from the catalogue (sweep.*).

import { metric } from "../domain/format.js";
import { say } from "../domain/i18n.js";
import { formProblem, sweepKey } from "../domain/sweep.js";
import { engineReady, engineSettings, isCustom } from "../app/store.js";
import { tr } from "./i18n.js";

/** @typedef {ReturnType<typeof tr>} Translator */

const rate = (/** @type {number} */ lr) => String(lr); // as the learning-rate control writes it

/** @param {any} sw the sweep slice @param {Translator} t */
function statusOf(sw, t) {
  const n = sw.rates.length;
  if (sw.running) {
    if (sw.stopping) return t.t("sweep.stopping");
    if (!n) return t.t("sweep.starting");
    const i = Math.min(sw.results.length, n - 1);
    return t.t("sweep.running", { run: i + 1, count: n, lr: rate(sw.rates[i]) });
  }
  if (sw.used !== null) return t.t("sweep.used", { lr: rate(sw.used) });
  if (sw.outcome === "failed") return say(t, sw.error);
  if (sw.outcome === "cancelled") return t.t("sweep.cancelled", { done: sw.results.length, count: n });
  if (sw.outcome === "done") {
    const best = sw.results[sw.pick];
    return best && !best.diverged
      ? t.t("sweep.done", { count: n, epochs: sw.epochs, lr: rate(best.lr) })
      : t.t("sweep.done_diverged", { count: n });
  }
  return "";
}

/** @param {any} s the state @param {Translator} t */
export function sweepModel(s, t) {
  const sw = s.sweep;
  const problem = formProblem(sw.options);
  const stale = sw.results.length > 0 && !sw.running && sweepKey(engineSettings(s.settings), isCustom(s) ? s.drawn : null) !== sw.key;
  const note = problem ? t.t(problem) : sw.running ? t.t("sweep.paused") : stale ? t.t("sweep.stale") : "";
  return {
    words: {
      from: t.t("sweep.from"), to: t.t("sweep.to"), count: t.t("sweep.count"), epochs: t.t("sweep.epochs"),
      auto: t.t("sweep.epochs_auto"), start: t.t("sweep.start"), cancel: t.t("sweep.cancel"),
      pick: t.t("sweep.pick"), use: t.t("sweep.use"), progress: t.t("sweep.progress"),
      plot: t.t("sweep.plot"), axisX: t.t("sweep.axis_x"), axisY: t.t("sweep.axis_y", { count: sw.epochs }),
      band: t.t("sweep.band"),
      legend: {
        loss: t.t("sweep.legend_loss"), diverged: t.t("sweep.legend_diverged"), start: t.t("sweep.legend_start"),
        current: t.t("sweep.legend_current"), chosen: t.t("sweep.legend_chosen"),
      },
    },
    options: sw.options,
    running: sw.running,
    stopping: sw.stopping,
    canStart: engineReady(s) && !problem,
    status: statusOf(sw, t),
    note,
    progress: sw.running ? { value: sw.done, max: sw.total || 1 } : null,
    plot: sw.rates.length ? { rates: sw.rates, results: sw.results, startLoss: sw.startLoss, pick: sw.pick, currentLr: s.settings.lr } : null,
    picks: sw.results.map((/** @type {any} */ r, /** @type {number} */ i) => ({
      value: i,
      text: r.diverged ? t.t("sweep.pick_diverged", { lr: rate(r.lr) }) : t.t("sweep.pick_option", { lr: rate(r.lr), loss: metric(r.loss) }),
    })),
    pick: sw.pick,
  };
}

/**
 * @param {import("../widgets/sweep-panel.js").SweepPanel} panel
 * @returns {(s: any, prev: any) => void}
 */
export function sweepView(panel) {
  return (s, prev) => {
    const same = s.sweep === prev.sweep && s.lang === prev.lang && s.settings === prev.settings && s.drawn === prev.drawn
      && s.load === prev.load && s.session === prev.session;
    if (same || !s.sweep.open) return;
    panel.render(sweepModel(s, tr(s.lang)));
  };
}
