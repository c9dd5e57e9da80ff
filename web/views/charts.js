// @ts-check
// The loss chart and the accuracy/R² chart: both LineCharts, fed every reply's metrics (not only
// the ones a frame happens to see), and their words in the page's language.

import { chartNumber, metricWords } from "../domain/format.js";
import { LineChart } from "../widgets/linechart.js";
import { tr } from "./i18n.js";

/** The charts' readout in a language: "Epoch 12: training 0.31, test 0.35" (the epoch's digits
 * ungrouped, as the toolbar's). @param {ReturnType<typeof tr>} t */
export const chartWords = (t) => ({
  // a point after single-sample steps says them: "Epoch 0 + 1 sample step: ..."
  readout: (/** @type {number} */ x, /** @type {string} */ values, steps = 0) => steps
    ? t.t("chart.readout_steps", { epoch: String(x), count: steps, values }) : t.t("chart.readout", { epoch: String(x), values }),
  value: (/** @type {string} */ name, /** @type {string} */ value) => t.t("chart.value", { name, value }),
  separator: t.t("chart.separator"),
  none: "–",
});

/**
 * @param {import("../app/store.js").Store} store
 * @param {{loss: HTMLCanvasElement, score: HTMLCanvasElement, readout: HTMLElement}} places
 */
export function mountCharts(store, { loss, score, readout }) {
  const { get } = store;
  const css = (/** @type {string} */ name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  // training solid, test dashed: told apart without colour too (the key above the charts says so)
  const curves = () => [
    { name: tr(get().lang).t("chart.training"), colour: css("--chart-train") || "#0072b2" },
    { name: tr(get().lang).t("chart.test"), colour: css("--chart-test") || "#d55e00", dash: [5, 3] },
  ];
  // a blown-up value in the readout is said in the page's language, whichever it is by then
  const format = (/** @type {number} */ v) => chartNumber(v, metricWords(tr(get().lang)));
  const opts = () => ({ readout, format, words: chartWords(tr(get().lang)) });
  const chart = new LineChart(loss, curves, opts());
  const scoreChart = new LineChart(score, curves, { ...opts(), yRange: [0, 1] });

  store.subscribe((s, prev) => {
    if (s.session?.points !== prev.session?.points) { chart.reset(); scoreChart.reset(); }
    else if (!s.metrics || s.metrics === prev.metrics || (s.metrics.epoch === prev.metrics?.epoch && s.sampleSteps === prev.sampleSteps)) return;
    const m = s.metrics;
    if (m && s.session) { // a single-sample step is a point of its own at its epoch (note: the steps)
      chart.add(m.epoch, [m.lossTrain, m.lossTest], s.sampleSteps);
      scoreChart.add(m.epoch, "r2Train" in m ? [m.r2Train, m.r2Test] : [m.accTrain, m.accTest], s.sampleSteps);
    }
  });
  return { chart, scoreChart };
}
