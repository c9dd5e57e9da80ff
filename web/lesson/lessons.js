// @ts-check
// The lesson in each of the page's languages (same keys as domain/i18n.js's CATALOGUES).

import EN from "./en.js";
import ZH_CN from "./zh-CN.js";

export { FORMULAS } from "./formulas.js";
export { NUMBERS, shown } from "./numbers.js";

export const LESSONS = Object.freeze({ en: EN, "zh-CN": ZH_CN });

/** The lesson in `lang`, English when it has none. @param {string} lang */
export function lessonIn(lang) {
  return /** @type {Record<string, typeof EN>} */ (LESSONS)[lang] || EN;
}
