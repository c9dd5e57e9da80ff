// @ts-check
// The page's language as state: negotiated once at boot (domain/i18n.js), changed by the
// switch, remembered in localStorage under its own key (the settings' storage and the share
// link never carry it: a link opens in the reader's language). A catalogue other than English
// loads when its language is first needed: the page opening in it waits for it (ready), the
// switch shows it once it is here.

import { STORAGE_KEY, langFromQuery, msg, negotiate, register, registered, supported } from "../domain/i18n.js";
import { dropNotice, showNotice } from "./notices.js";

const MAX_SHOWN = 40; // characters of the address's value quoted in the notice

/** @type {Record<string, () => Promise<{default: Record<string, any>}>>} */
const LOAD = { "zh-CN": () => import("../domain/messages/zh-CN.js") };

/** A language's catalogue, loaded once. @param {"en" | "zh-CN"} lang @returns {Promise<unknown>} */
function catalogue(lang) {
  if (registered(lang) || !LOAD[lang]) return Promise.resolve();
  return (loading[lang] ??= LOAD[lang]().then((m) => register(lang, m.default)));
}
/** @type {Record<string, Promise<unknown>>} */
const loading = {};

/** @param {{store: import("./store.js").Store}} deps */
export function createLanguage({ store }) {
  const remembered = () => {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch {
      return null; // storage refused (private mode, a sandbox): the browser's choice decides
    }
  };
  let wanted = ""; // the last language chosen: one still loading when another is chosen is not shown
  return {
    /** The language to start in; ready: once its catalogue is here (render no words before).
     * @param {{search: string, languages: readonly string[]}} where */
    boot({ search, languages }) {
      const asked = langFromQuery(search);
      const lang = negotiate({ url: asked, remembered: remembered(), browser: languages });
      wanted = lang;
      store.update({ lang });
      if (asked && !supported(asked)) { // ignored, and said: the address may be mistyped
        const value = asked.length > MAX_SHOWN ? asked.slice(0, MAX_SHOWN) + "…" : asked;
        showNotice(store, {
          id: "lang",
          text: msg("notice.lang_unknown", { value }),
          actions: [{ label: msg("notice.dismiss"), run: () => dropNotice(store, "lang") }],
        });
      }
      return { lang, ready: catalogue(lang).catch(() => {}) }; // not loaded: English words meanwhile
    },
    /** The user chose a language: show it (at once if its catalogue is here) and remember it.
     * @param {string} lang */
    choose(lang) {
      const ok = supported(lang);
      if (!ok) return;
      wanted = ok;
      if (registered(ok)) store.update({ lang: ok });
      else catalogue(ok).then(() => ok === wanted && store.update({ lang: ok }), () => {}); // once it is here
      try {
        localStorage.setItem(STORAGE_KEY, ok);
      } catch {
        // not remembered; the page still switches
      }
    },
  };
}
