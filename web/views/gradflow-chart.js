// @ts-check
// The gradient flow's chart (loaded when its panel first opens: gradflow-mount.js): each weight
// layer's RMS of dL/dW per sampled epoch on a log scale, one line per layer in the layer's
// colour and dash (widgets/palette.js, the diagram's colours), a legend with the latest value
// and dead units of each layer, and one sentence on how far apart the first and last layers are.

import { layerName, rmsText, spread } from "../domain/gradflow.js";
import { say } from "../domain/i18n.js";
import { LineChart } from "../widgets/linechart.js";
import { el } from "../widgets/dom.js";
import { layerColour, layerDash } from "../widgets/palette.js";
import { chartWords } from "./charts.js";
import { tr } from "./i18n.js";

/**
 * @param {{canvas: HTMLCanvasElement, legend: HTMLElement, readout: HTMLElement, empty: HTMLElement, summary: HTMLElement}} places
 * @returns {(s: any) => void}
 */
export function gradFlowView({ canvas, legend, readout, empty, summary }) {
  const scheme = matchMedia("(prefers-color-scheme: dark)");
  let count = 0; // weight layers: the chart's series
  let t = tr("en");
  const name = (/** @type {number} */ l) => say(t, layerName(l, count));
  const series = () => Array.from({ length: count }, (_, l) => ({ name: name(l), colour: layerColour(l, count, scheme.matches), dash: layerDash(l) }));
  const chart = new LineChart(canvas, series, { readout, format: rmsText, words: chartWords(t) });
  chart.log = true;
  let shown = /** @type {any[] | null} */ (null); // the samples drawn
  let lang = "";
  const redraw = () => { if (shown) chart.draw(); };
  new ResizeObserver(redraw).observe(canvas);
  scheme.addEventListener("change", () => { shown = null; }); // the colours again at the next sample

  /** The legend: per layer its line's colour and dash, its name, latest RMS and dead units. */
  function showLegend(/** @type {any} */ last) {
    const items = [];
    for (let l = 0; l < count; l++) {
      const li = el("li", "gradflow-item");
      const key = el("span", "gradflow-key");
      key.style.borderTopColor = layerColour(l, count, scheme.matches);
      key.style.borderTopStyle = ["solid", "dashed", "dotted"][l % 3];
      const dead = l < count - 1 && last ? last.dead[l] : 0;
      const value = last ? rmsText(last.rmsW[l]) : "–";
      const text = dead ? t.t("gradflow.legend_dead", { name: name(l), value, count: dead }) : t.t("gradflow.legend", { name: name(l), value });
      li.append(key, el("span", undefined, text));
      li.dataset.layer = String(l);
      items.push(li);
    }
    legend.replaceChildren(...items);
    const d = last ? spread(last.rmsW) : null;
    const times = d === null ? "" : t.number(Number((10 ** Math.abs(d)).toPrecision(2)));
    summary.textContent = d === null || count < 2 ? "" : d >= 1 ? t.t("gradflow.vanishing", { times })
      : d <= -1 ? t.t("gradflow.exploding", { times }) : t.t("gradflow.even");
  }

  return (s) => {
    const flow = s.gradFlow;
    if (!flow.open || (flow.samples === shown && s.lang === lang)) return;
    if (s.lang !== lang) {
      t = tr((lang = s.lang));
      chart.setWords(chartWords(t));
    }
    const samples = flow.samples;
    const n = samples.length ? samples[0].rmsW.length : 0;
    const grows = shown && n === count && samples.length === shown.length + 1 && samples[0] === shown[0];
    if (grows) {
      const x = samples[samples.length - 1];
      chart.add(x.epoch, x.rmsW);
    } else {
      count = n;
      chart.reset();
      for (const x of samples) chart.add(x.epoch, x.rmsW);
    }
    shown = samples;
    empty.hidden = samples.length > 0;
    showLegend(samples.length ? flow.last : null);
    chart.draw();
  };
}
