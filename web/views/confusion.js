// @ts-check
// The confusion box's view: the map's own numbers (grid.confusion, bpcore/confusion.py) arranged
// by domain/confusion.js for the set and cell the user chose, in the page's language. Hidden
// while there is no map (loading, drawn points that cannot train, a stroke being drawn).

import { chartNumber, metric, metricWords } from "../domain/format.js";
import { shownOnPage } from "../domain/confusion.js";
import { staleReason } from "../app/store.js";
import { tr } from "./i18n.js";

/** A value with a true minus sign. @param {number} v */
const signed = (v) => chartNumber(v).replace("-", "−");

/** The box's words in a language. @param {ReturnType<typeof tr>} t @returns {import("../widgets/confusion.js").Words} */
export function confusionWords(t) {
  const words = metricWords(t);
  return {
    title: t.t("confusion.title"),
    scatterTitle: t.t("confusion.scatter_title"),
    sets: t.t("confusion.sets"),
    train: t.t("confusion.train"),
    test: t.t("confusion.test"),
    noTest: t.t("confusion.no_test"),
    corner: t.t("confusion.truth"),
    predicted: t.t("confusion.predicted"),
    truth: t.t("confusion.truth"),
    className: (k) => t.t("confusion.class", { k: String(k) }),
    cell: (count, r, c, percent) => t.t("confusion.cell", { count, true: String(r), predicted: String(c), percent }),
    percent: (p) => t.t("confusion.percent", { percent: p }),
    count: (n) => t.number(n),
    marked: (count) => t.t("confusion.marked", { count }),
    hint: t.t("confusion.hint"),
    r2: (v) => t.t("confusion.r2", { value: v === null ? "–" : metric(v, words).replace("-", "−") }),
    scatterLabel: (count, r2) => t.t("confusion.scatter_label", { count, r2 }),
    axisTrue: t.t("confusion.axis_true"),
    axisPredicted: t.t("confusion.axis_predicted"),
    tick: signed,
  };
}

/**
 * @param {import("../widgets/confusion.js").ConfusionBox} box
 * @returns {(s: any, prev: any) => void}
 */
export function confusionView(box) {
  return (s, prev) => {
    if (s.grid === prev.grid && s.session === prev.session && s.confusion === prev.confusion && s.lang === prev.lang
      && s.erasing === prev.erasing && s.drawn === prev.drawn && s.settings === prev.settings) return;
    box.show(shownOnPage(s, Boolean(staleReason(s))), confusionWords(tr(s.lang)));
  };
}
