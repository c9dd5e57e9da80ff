// @ts-check
// The sweep's plot as SVG, in CSS pixels of its box (text stays legible on a phone): final
// training loss against learning rate on a log axis, the loss at the start as a dashed line,
// the current rate as a vertical line, runs that diverged as crosses in a band above the loss
// axis (never as huge numbers), the chosen run ringed, the rates still to come as ticks.
// Knows nothing of the app: drawSweepPlot(svg, data, words, size).

import { chartNumber } from "../domain/format.js";
import { plotScales } from "../domain/sweep.js";
import { svg } from "./dom.js";

/**
 * @typedef {{rates: number[], results: {lr: number, loss: number | null, diverged: boolean}[],
 *   startLoss: number | null, pick: number, currentLr: number}} PlotData
 * @typedef {{axisX: string, axisY: string, band: string}} PlotWords
 */

/** @param {string} tag @param {string} cls @param {Record<string, string | number>} attrs */
function node(tag, cls, attrs) {
  const e = svg(tag, cls);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** @param {string} cls @param {number} x @param {number} y @param {string} text @param {string} [anchor] */
function label(cls, x, y, text, anchor = "middle") {
  const e = node("text", cls, { x, y, "text-anchor": anchor });
  e.textContent = text;
  return e;
}

/**
 * Draw `data` into `root` (an <svg>), `width` x `height` CSS pixels.
 * @param {SVGSVGElement} root @param {PlotData} data @param {PlotWords} words
 * @param {{width: number, height: number}} size
 * @param {(i: number) => void} onPick a run's mark clicked
 */
export function drawSweepPlot(root, data, words, { width, height }, onPick) {
  root.replaceChildren();
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  const box = { width, height, left: 58, right: 14, top: 4, band: 26, bottom: 40 };
  const sc = plotScales(data, box);
  const { x0, x1, y0, y1 } = sc.plot;
  const grid = node("g", "sweep-grid", {});
  for (const t of sc.yTicks) {
    grid.append(node("line", "", { x1: x0, x2: x1, y1: sc.y(t), y2: sc.y(t) }));
    grid.append(label("sweep-tick", x0 - 6, sc.y(t) + 4, chartNumber(t), "end"));
  }
  for (const r of sc.xTicks) {
    grid.append(node("line", "", { x1: sc.x(r), x2: sc.x(r), y1: y0, y2: y1 }));
    grid.append(label("sweep-tick", sc.x(r), y0 + 16, chartNumber(r)));
  }
  root.append(grid);
  root.append(node("path", "sweep-axis", { d: `M${x0},${y1 - box.band / 2 - 8}V${y0}H${x1}` }));
  // the diverged runs' band: above the loss axis, apart from it
  root.append(node("line", "sweep-band-edge", { x1: x0, x2: x1, y1: y1 - 4, y2: y1 - 4 }));
  root.append(label("sweep-band-label", x0 - 6, sc.band + 4, words.band, "end"));
  root.append(label("sweep-axis-title", (x0 + x1) / 2, height - 6, words.axisX));
  const yTitle = label("sweep-axis-title", 0, 0, words.axisY);
  yTitle.setAttribute("transform", `translate(12 ${(y0 + y1) / 2}) rotate(-90)`);
  root.append(yTitle);
  if (data.startLoss !== null) {
    root.append(node("line", "sweep-start", { x1: x0, x2: x1, y1: sc.y(data.startLoss), y2: sc.y(data.startLoss) }));
  }
  const lr = data.currentLr;
  if (data.rates.length && lr >= data.rates[0] && lr <= /** @type {number} */ (data.rates.at(-1))) {
    root.append(node("line", "sweep-current", { x1: sc.x(lr), x2: sc.x(lr), y1: y1 - box.band, y2: y0 }));
  }
  // the rates still to come: ticks on the rate axis
  for (const r of data.rates.slice(data.results.length)) {
    root.append(node("line", "sweep-pending", { x1: sc.x(r), x2: sc.x(r), y1: y0 - 6, y2: y0 }));
  }
  // the losses joined where neighbouring runs both kept theirs
  let d = "";
  let joined = false;
  for (const r of data.results) {
    if (r.diverged || r.loss === null) {
      joined = false;
      continue;
    }
    d += `${joined ? "L" : "M"}${sc.x(r.lr).toFixed(1)},${sc.y(r.loss).toFixed(1)}`;
    joined = true;
  }
  if (d) root.append(node("path", "sweep-line", { d }));
  data.results.forEach((r, i) => {
    const cx = sc.x(r.lr);
    const mark = r.diverged || r.loss === null
      ? node("path", "sweep-diverged", { d: `M${cx - 5},${sc.band - 5}l10,10m0,-10l-10,10` })
      : node("circle", "sweep-point", { cx, cy: sc.y(r.loss), r: 4.5 });
    mark.dataset.index = String(i);
    mark.addEventListener("click", () => onPick(i));
    root.append(mark);
    if (i === data.pick) {
      const cy = r.diverged || r.loss === null ? sc.band : sc.y(r.loss);
      root.append(node("circle", "sweep-pick", { cx, cy, r: 9 }));
    }
  });
}
