// @ts-check
// The points table under the map, for a data set of few points (store.js TABLE_MAX): every
// point, its target and the network's output for it (bpcore's: the grid's `outputs`, so the
// table follows training at the map's pace), in the page's language.

import { chartNumber, metric, metricWords } from "../domain/format.js";
import { TABLE_MAX, problemOf, shownRows, staleReason } from "../app/store.js";
import { PointsTable } from "../widgets/points-table.js";
import { tr } from "./i18n.js";

/** A coordinate or value with a true minus sign. @param {number} v */
const signed = (v) => chartNumber(v).replace("-", "−");

/**
 * @param {HTMLElement} box where the table goes
 * @param {(index: number) => void} onInspect a row's button: inspect that point
 * @returns {(s: any, prev: any) => void}
 */
export function pointsTableView(box, onInspect) {
  const table = new PointsTable(box, { onInspect });
  return (s, prev) => {
    if (s.grid === prev.grid && s.session === prev.session && s.drawn === prev.drawn && s.lang === prev.lang
      && s.selected === prev.selected && s.erasing === prev.erasing && s.settings === prev.settings) return;
    const rows = s.erasing || shownRows(s);
    if (!rows.length || rows.length > TABLE_MAX) return table.show(null, []);
    const t = tr(s.lang);
    const words = metricWords(t);
    const problem = problemOf(s);
    const sess = s.session;
    const k = sess && sess.problem === "classification" && sess.classes > 2 ? sess.classes : 1;
    // the engine's outputs, only when they belong to the points shown
    const out = !staleReason(s) && !s.erasing && s.grid && s.grid.outputs && sess && sess.trainMask.length === rows.length
      && s.grid.outputs.length === rows.length * k ? s.grid.outputs : null;
    const mask = sess && sess.trainMask.length === rows.length ? sess.trainMask : null;
    const shown = rows.map((p, i) => {
      const target = problem === "regression" ? signed(p[2]) : String(p[2]);
      let output = "–";
      if (out && k === 1) output = metric(out[i], words);
      else if (out) {
        let best = 0;
        for (let c = 1; c < k; c++) if (out[i * k + c] > out[i * k + best]) best = c;
        output = t.t("points.class", { k: best, p: metric(out[i * k + best], words) });
      }
      const set = mask ? t.t(mask[i] ? "points.train" : "points.test") : "–";
      const selected = Boolean(s.selected && s.selected.kind === "point" && s.selected.index === i);
      return { index: i, cells: [signed(p[0]), signed(p[1]), target, output, set], label: t.t("points.inspect", { index: i + 1 }), selected };
    });
    table.show({
      caption: t.t("points.caption"),
      heads: [t.t("points.index"), "x₁", "x₂", t.t("points.target"), t.t("points.output"), t.t("points.set")],
    }, shown);
  };
}
