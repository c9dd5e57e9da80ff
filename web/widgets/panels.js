// @ts-check
// Text panels filled from state handed in (never kept): the engine's loading status and the
// metrics (epoch, losses, accuracy or R², the chart). DOM writes only, with textContent.

import { metric, percent } from "../domain/format.js";

const $ = (id) => document.getElementById(id);

export function showLoad(load) {
  const pct = load.status === "ready" ? 100 : load.percent;
  const names = { runtime: "the Python runtime", numpy: "NumPy", engine: "the engine" };
  const text = load.status === "ready" ? "Engine ready" : `Loading ${names[load.stage] || load.stage}… ${pct}%`;
  const bar = $("load-progress");
  bar.setAttribute("aria-valuenow", String(pct));
  bar.setAttribute("aria-valuetext", text);
  $("load-progress-bar").style.width = `${pct}%`;
  $("load-progress-text").textContent = text;
  $("engine-status").classList.toggle("done", load.status === "ready");
  $("engine-status").hidden = load.status === "fatal";
  $("engine-error").hidden = load.status !== "fatal";
  if (load.status === "fatal") {
    $("engine-error-message").textContent = load.error.message;
    $("engine-error-detail").textContent = load.error.detail || "(no details)";
  }
  const v = load.versions;
  $("versions").textContent = v ? `bpcore ${v.bpcore} · NumPy ${v.numpy} · Python ${v.python} · Pyodide ${v.pyodide}` : "";
}

export function showMetrics(m, chart, logScale, scoreChart = null) {
  $("epoch").textContent = `Epoch ${m ? m.epoch : 0}`;
  $("loss-train").textContent = metric(m && m.lossTrain);
  $("loss-test").textContent = metric(m && m.lossTest);
  const r2 = m && "r2Train" in m;
  $("score-label-train").textContent = r2 ? "Training R²" : "Training accuracy";
  $("score-label-test").textContent = r2 ? "Test R²" : "Test accuracy";
  const pct = r2 ? metric : percent;
  $("score-train").textContent = pct(m && (r2 ? m.r2Train : m.accTrain));
  $("score-test").textContent = pct(m && (r2 ? m.r2Test : m.accTest));
  chart.log = logScale;
  chart.draw();
  if (scoreChart) {
    // accuracy lives in [0, 1]; R² is at most 1 and may fall far below 0 early on
    scoreChart.yRange = r2 ? [null, 1] : [0, 1];
    $("score-chart-title").textContent = r2 ? "R²" : "Accuracy";
    scoreChart.draw();
  }
}
