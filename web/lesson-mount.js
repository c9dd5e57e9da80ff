// @ts-check
// The lesson (the article, stage by stage): its modules load once the first picture is up; until
// then its view draws nothing. Its buttons show the article's example at a stage (then its numbers
// in the inspector, after the frame that draws them: an empty inspector is hidden), load a preset
// to train (then the controls), or open the lab.
//
//   const lesson = mountLesson({element, showArticle, choosePreset, openLab, redraw});
//   lesson.load()      after the first picture
//   lesson.draw(s)     its view

/**
 * @param {{element: HTMLElement, showArticle: (stage: any) => Promise<unknown>,
 *   choosePreset: (preset: string) => Promise<unknown>, openLab: (exercise?: any) => unknown, redraw: () => void}} deps
 */
export function mountLesson({ element, showArticle, choosePreset, openLab, redraw }) {
  const scrollTo = (/** @type {Element | null} */ e) => requestAnimationFrame(() => requestAnimationFrame(() =>
    e?.scrollIntoView({ block: "start", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" })));
  let draw = (/** @type {any} */ _s) => {};
  return {
    draw: (/** @type {any} */ s) => draw(s),
    async load() {
      const [{ lessonView }, { Lesson }] = await Promise.all([import("./views/lesson.js"), import("./widgets/lesson.js")]);
      const lesson = new Lesson(element, {
        onShowMe: (stage) => showArticle(stage).then(() => scrollTo(document.getElementById("inspector-panel"))),
        onTry: (preset) => choosePreset(preset).then(() => scrollTo(document.querySelector(".toolbar"))),
        onLab: openLab, // "Try it in the lab"
      });
      draw = lessonView(lesson);
      redraw();
    },
  };
}
