// @ts-check
// The lesson from the state: drawn again in the page's language when it changes, and the
// sections of the stage the step-through shows marked while it walks the article's example.

import { walkStage } from "../domain/walk.js";
import { FORMULAS, lessonIn, shown } from "../lesson/lessons.js";

/**
 * @param {import("../widgets/lesson.js").Lesson} widget
 * @returns {(s: any) => void}
 */
export function lessonView(widget) {
  let drawnIn = ""; // the language drawn (the first frame draws it)
  return (s) => {
    const lang = s.lang || "en";
    if (lang !== drawnIn) widget.show(lessonIn((drawnIn = lang)), FORMULAS, shown);
    const article = s.session?.settings?.dataset === "article";
    widget.mark(article ? walkStage(s)?.id ?? null : null);
  };
}
