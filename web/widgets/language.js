// @ts-check
// The language switch: the header's labelled <select id="lang"> (a native select: keyboard and
// screen readers work as they do everywhere). Each language is named in itself ("English",
// "中文（简体）"), so a reader finds theirs whatever the page's language is.
//
//   const sw = attachLanguageSwitch(select, (lang) => ...);   sw.show(lang)

/** @param {HTMLSelectElement} select @param {(lang: string) => void} onChange */
export function attachLanguageSwitch(select, onChange) {
  select.addEventListener("change", () => onChange(select.value));
  return {
    /** @param {string} lang */
    show(lang) {
      if (select.value !== lang) select.value = lang;
    },
  };
}
