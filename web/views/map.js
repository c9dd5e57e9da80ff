// @ts-check
// The data map: the network's output (or the focused neuron's or feature's picture) with the
// points on top, the inspected point ringed.

import { featureGrid } from "../domain/features.js";
import { neuronOffset } from "../domain/layout.js";
import { toFlat } from "../domain/points.js";
import { isCustom, problemOf, staleReason } from "../app/store.js";
import { pointColour } from "../widgets/palette.js";

const FEATURE_CELLS = 60;

/**
 * @param {any} heatmap the Heatmap widget
 * @param {{onFirstMap?: () => void}} [opts]
 * @returns {(s: any, prev: any) => void}
 */
export function mapView(heatmap, { onFirstMap = () => {} } = {}) {
  return (s) => {
    const sess = s.session;
    const stale = staleReason(s);
    const colour = pointColour(problemOf(s));
    const rows = s.erasing || (isCustom(s) ? s.drawn : null);
    if (rows) {
      const n = rows.length;
      // until the engine answers, the points it has split keep their flags (a stroke appends)
      const known = !s.erasing && !stale && sess && sess.trainMask.length <= n ? sess.trainMask : null;
      const mask = new Uint8Array(n).fill(1);
      if (known) mask.set(known);
      heatmap.setPoints(toFlat(rows), mask, colour);
    } else if (sess) heatmap.setPoints(sess.points, sess.trainMask, colour);
    else heatmap.setPoints(null);
    const g = s.grid;
    const focus = s.focus;
    const discrete = s.settings.discretize;
    heatmap.showTest = s.settings.show_test;
    if (!sess || !g || stale) heatmap.clear();
    else if (focus && focus.kind === "hidden" && s.neurons) {
      const values = s.neurons.neurons[neuronOffset(sess.layerSizes, focus.layer) + focus.index];
      heatmap.setValues(values, s.neurons.size, { discrete });
    } else if (focus && focus.kind === "feature") {
      heatmap.setValues(featureGrid(focus.feature, FEATURE_CELLS), FEATURE_CELLS, { discrete });
    } else if (sess.classes > 2) heatmap.setClasses(g.output, g.size, sess.classes, { discrete });
    else if (sess.problem === "regression") heatmap.setValues(g.output, g.size, { lo: -1, hi: 1, discrete });
    else heatmap.setValues(g.output, g.size, { lo: 0, hi: 1, discrete });
    if (g) onFirstMap();
    heatmap.resize();
    heatmap.draw();
    if (s.selected && s.selected.kind === "point" && sess) heatmap.mark(s.selected.index);
  };
}
