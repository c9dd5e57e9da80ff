// @ts-check
// The comparison, drawn from the store: the section's Compare button or the panel (B's form,
// both maps, both curves, the difference in words), in the page's language.

import { sharedWords, usesTest, verdict } from "../domain/compare.js";
import { chartNumber, metricWords } from "../domain/format.js";
import { msg, say } from "../domain/i18n.js";
import { pointColour } from "../widgets/palette.js";
import { chartWords } from "./charts.js";
import { tr } from "./i18n.js";

/** One map: the output grid (class-major probabilities for softmax) with the points.
 * @param {any} map a Heatmap @param {any} grid @param {string} loss @param {any} sess */
function paint(map, grid, loss, sess) {
  map.setPoints(sess.points, sess.trainMask, pointColour(sess.problem));
  if (!grid) map.clear();
  else if (loss === "softmax_ce") map.setClasses(grid.output, grid.size, sess.classes);
  else if (sess.problem === "regression") map.setValues(grid.output, grid.size, { lo: -1, hi: 1 });
  else map.setValues(grid.output, grid.size, { lo: 0, hi: 1 });
  map.resize();
  map.draw();
}

/**
 * @param {import("../widgets/compare-panel.js").ComparePanel} panel
 * @param {{start: HTMLElement}} places the section's Compare button
 * @returns {(s: any, prev: any) => void}
 */
export function compareView(panel, { start }) {
  let lang = "", run = -1, added = 0, fresh = true; // fresh: draw all (the language changed)
  let painted = /** @type {any[]} */ ([null, null, null]); // the grids (and points) the maps show
  return (s, prev) => {
    const c = s.compare && !s.compare.pending ? s.compare : null;
    start.hidden = Boolean(s.compare);
    panel.show(Boolean(c));
    const t = tr(s.lang);
    if (s.lang !== lang) {
      lang = s.lang;
      panel.setLanguage(t);
      panel.chart.setWords(chartWords(t));
      fresh = true;
    }
    if (!c || !s.session) return;
    const same = (/** @type {string[]} */ keys) => keys.every((k) => s[k] === prev[k]);
    if (same(["compare", "lang", "logScale", "grid", "metrics", "session", "plugged"]) && !fresh) return;
    fresh = false;
    if (c.settings !== prev.compare?.settings || s.lang !== prev.lang) panel.setForm(c.settings);
    if (c.run !== run) { // a new B: its curves start over
      run = c.run;
      added = 0;
      panel.chart.reset();
    }
    for (; added < c.history.length; added++) panel.chart.add(c.history[added][0], c.history[added].slice(1));
    if (c.history.length < added) { // thinned (a long run): drawn again
      panel.chart.reset();
      for (added = 0; added < c.history.length; added++) panel.chart.add(c.history[added][0], c.history[added].slice(1));
    }
    panel.chart.log = s.logScale;
    panel.chart.draw();
    // a map is painted again only when its grid (or the points) changed, not every chunk
    const pictures = [s.grid, c.grid, s.session];
    if (pictures.some((p, i) => p !== painted[i])) {
      if (s.grid !== painted[0] || s.session !== painted[2]) paint(panel.maps[0], s.grid, s.session.loss, s.session);
      if (c.grid !== painted[1] || s.session !== painted[2]) paint(panel.maps[1], c.grid, c.loss, s.session);
      painted = pictures;
    }
    const format = (/** @type {number} */ v) => chartNumber(v, metricWords(t));
    panel.setWords({
      // the lab's plugged code trains A only (bpcore/compare.py builds B with bpcore's parts)
      shared: [sharedWords(c.shared), ...(s.plugged ? [msg("compare.b_unplugged")] : [])].map((m) => say(t, m)).join(" "),
      title: t.t(usesTest(s.metrics) ? "compare.chart_test" : "compare.chart_train"),
      verdict: verdict(c, s.metrics, format).map((m) => say(t, m)),
    });
  };
}
