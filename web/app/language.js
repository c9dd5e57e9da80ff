// @ts-check
// The page's language as state: negotiated once at boot (domain/i18n.js), changed by the
// switch, remembered in localStorage under its own key (the settings' storage and the share
// link never carry it: a link opens in the reader's language).

import { STORAGE_KEY, langFromQuery, msg, negotiate, supported } from "../domain/i18n.js";
import { dropNotice, showNotice } from "./notices.js";

const MAX_SHOWN = 40; // characters of the address's value quoted in the notice

/** @param {{store: import("./store.js").Store}} deps */
export function createLanguage({ store }) {
  const remembered = () => {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch {
      return null; // storage refused (private mode, a sandbox): the browser's choice decides
    }
  };
  return {
    /** The language to start in. @param {{search: string, languages: readonly string[]}} where */
    boot({ search, languages }) {
      const asked = langFromQuery(search);
      const lang = negotiate({ url: asked, remembered: remembered(), browser: languages });
      store.update({ lang });
      if (asked && !supported(asked)) { // ignored, and said: the address may be mistyped
        const value = asked.length > MAX_SHOWN ? asked.slice(0, MAX_SHOWN) + "…" : asked;
        showNotice(store, {
          id: "lang",
          text: msg("notice.lang_unknown", { value }),
          actions: [{ label: msg("notice.dismiss"), run: () => dropNotice(store, "lang") }],
        });
      }
      return lang;
    },
    /** The user chose a language: show it at once and remember it. @param {string} lang */
    choose(lang) {
      const ok = supported(lang);
      if (!ok) return;
      store.update({ lang: ok });
      try {
        localStorage.setItem(STORAGE_KEY, ok);
      } catch {
        // not remembered; the page still switches
      }
    },
  };
}
