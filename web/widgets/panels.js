// @ts-check
// Text panels filled from state handed in (never kept): the engine's loading status and the
// metrics (epoch, losses, accuracy or R², the chart). DOM writes only, with textContent.

import { metric, metricWords, percent } from "../domain/format.js";
import { say, translator } from "../domain/i18n.js";

const ENGLISH = translator("en");

const $ = (id) => document.getElementById(id);

/** @param {any} load @param {ReturnType<typeof translator>} [t] the page's language */
export function showLoad(load, t = ENGLISH) {
  const pct = load.status === "ready" ? 100 : load.percent;
  // one whole message per stage (load.runtime, load.numpy, load.engine)
  const stage = t.has(`load.${load.stage}`) ? `load.${load.stage}` : "load.engine";
  const text = load.status === "ready" ? t.t("load.ready") : t.t(stage, { percent: pct });
  const bar = $("load-progress");
  bar.setAttribute("aria-valuenow", String(pct));
  bar.setAttribute("aria-valuetext", text);
  $("load-progress-bar").style.width = `${pct}%`;
  $("load-progress-text").textContent = text;
  $("engine-status").classList.toggle("done", load.status === "ready");
  $("engine-status").hidden = load.status === "fatal";
  $("engine-error").hidden = load.status !== "fatal";
  if (load.status === "fatal") {
    $("engine-error-message").textContent = say(t, load.error); // {code, message, ...params}
    $("engine-error-detail").textContent = load.error.detail || t.t("load.no_details");
  }
  const v = load.versions;
  $("versions").textContent = v ? t.t("page.versions", { ...v }) : "";
}

/** @param {ReturnType<typeof translator>} [t] the page's language
 * @param {boolean} [noTest] every point trains: there is no test set to measure
 * @param {number} [steps] single-sample steps taken (counted beside the epoch) */
export function showMetrics(m, chart, logScale, scoreChart = null, t = ENGLISH, noTest = false, steps = 0) {
  // the epoch ticks fast: its digits without grouping, so they do not jump about
  $("epoch").textContent = t.t("ctl.epoch", { epoch: String(m ? m.epoch : 0) });
  const counter = /** @type {HTMLElement} */ ($("sample-steps")); // "+ 1 sample step", under it
  counter.hidden = !steps;
  counter.textContent = steps ? t.t("ctl.sample_steps", { count: steps }) : "";
  const words = metricWords(t); // a loss that blew up, in words of the page's language
  $("loss-train").textContent = metric(m && m.lossTrain, words);
  $("loss-test").textContent = metric(m && m.lossTest, words);
  const r2 = m && "r2Train" in m;
  $("score-label-train").textContent = t.t(r2 ? "out.r2_train" : "out.acc_train");
  $("score-label-test").textContent = t.t(r2 ? "out.r2_test" : "out.acc_test");
  const pct = r2 ? metric : percent;
  $("score-train").textContent = pct(m && (r2 ? m.r2Train : m.accTrain), words);
  $("score-test").textContent = pct(m && (r2 ? m.r2Test : m.accTest), words);
  // every point trains (the article's sets): the test rows say so, not "–"
  if (noTest) for (const id of ["loss-test", "score-test"]) $(id).textContent = t.t("out.no_test");
  // values in words ("∞ (diverged)", "no test set") get a whole row each, so they stay on one line
  const values = m ? [m.lossTrain, m.lossTest, r2 ? m.r2Train : m.accTrain, r2 ? m.r2Test : m.accTest] : [];
  $("loss-train").closest(".losses")?.classList.toggle("in-words", noTest || values.some((v) => v != null && !Number.isFinite(v)));
  chart.log = logScale;
  chart.draw();
  if (scoreChart) {
    // accuracy lives in [0, 1]; R² is at most 1 and may fall far below 0 early on
    scoreChart.yRange = r2 ? [null, 1] : [0, 1];
    $("score-chart-title").textContent = t.t(r2 ? "out.chart_r2" : "out.chart_acc");
    scoreChart.draw();
  }
}
