// @ts-check
// The lesson from the state: drawn again in the page's language when it changes, and the
// sections of the stage the step-through shows marked while it walks the article's example.

import { walkStage } from "../domain/walk.js";
import { EXERCISES } from "../lab/exercises.js";
import { FORMULAS, lessonIn, shown } from "../lesson/lessons.js";
import { tr } from "./i18n.js";

/** Each lesson section's first exercise in the Python lab (web/lab/exercises.js). */
const LAB_EXERCISES = /** @type {Record<string, string>} */ ({});
for (const e of EXERCISES) LAB_EXERCISES[e.section] ??= e.id;

/**
 * @param {import("../widgets/lesson.js").Lesson} widget
 * @returns {(s: any) => void}
 */
export function lessonView(widget) {
  let drawnIn = ""; // the language drawn (the first frame draws it)
  return (s) => {
    const lang = s.lang || "en";
    if (lang !== drawnIn) {
      const t = tr((drawnIn = lang));
      const labs = { exercises: LAB_EXERCISES, label: t.t("lab.ui.try"), labelFor: (/** @type {string} */ title) => t.t("lab.ui.try_label", { title }) };
      widget.show(lessonIn(lang), FORMULAS, shown, labs, (/** @type {string} */ key) => t.t(key));
    }
    const article = s.session?.settings?.dataset === "article";
    widget.mark(article ? walkStage(s)?.id ?? null : null);
  };
}
