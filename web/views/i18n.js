// @ts-check
// The page's static text in its language: every element marked `data-i18n="key"` gets the
// message as its text (`data-i18n-count` fills {count}), `data-i18n-attr="aria-label:key;
// title:key"` its attributes; the setting selects' options their display names; <html lang>
// and the title follow. Runs when the language changes (and relabels the options when the
// settings add one). Text only (textContent, setAttribute), never markup.

import { translator } from "../domain/i18n.js";

/** The translator of a language (domain/i18n.js makes each once). */
export const tr = translator;

/** An option's display name: a data set's title, a choice's name, else its value (numbers).
 * @param {ReturnType<typeof translator>} t @param {string} setting @param {string} value */
export function optionLabel(t, setting, value) {
  if (setting === "dataset" && t.has(`dataset.${value}`)) return t.t(`dataset.${value}`);
  if (value === "(per layer)") return t.t("choice.per_layer");
  return t.has(`choice.${value}`) ? t.t(`choice.${value}`) : value;
}

/** Translate everything marked under `root`. @param {ParentNode} root @param {ReturnType<typeof translator>} t */
export function translateMarked(root, t) {
  for (const el of root.querySelectorAll("[data-i18n]")) {
    const h = /** @type {HTMLElement} */ (el);
    const count = h.dataset.i18nCount;
    h.textContent = t.t(h.dataset.i18n || "", count === undefined ? {} : { count: Number(count) });
  }
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of /** @type {HTMLElement} */ (el).dataset.i18nAttr?.split(";") || []) {
      const [attr, key] = pair.split(":").map((x) => x.trim());
      if (attr && key) el.setAttribute(attr, t.t(key));
    }
  }
  relabelOptions(root, t);
}

/** The setting selects' option names. @param {ParentNode} root @param {ReturnType<typeof translator>} t */
function relabelOptions(root, t) {
  for (const sel of root.querySelectorAll("select[data-setting]")) {
    const setting = /** @type {HTMLSelectElement} */ (sel).dataset.setting || "";
    for (const o of /** @type {HTMLSelectElement} */ (sel).options) {
      const text = optionLabel(t, setting, o.value);
      if (o.text !== text) o.text = text;
    }
  }
}

/**
 * The view: (state, previous) -> the document in state.lang, and the switch showing it.
 * @param {{show: (lang: string) => void}} langSwitch @returns {(s: any, prev: any) => void}
 */
export function i18nView(langSwitch) {
  return (s, prev) => {
    const t = tr(s.lang);
    if (s.lang !== prev.lang) {
      langSwitch.show(t.lang);
      document.documentElement.lang = t.lang;
      document.title = t.t("page.title");
      translateMarked(document, t);
    } else if (s.settings !== prev.settings || s.session !== prev.session) {
      relabelOptions(document, t); // a control may have gained an option ("per layer")
    }
  };
}
