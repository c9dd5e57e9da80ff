// @ts-check
// Notices with buttons (app/notices.js has their shape): one box per notice, its text and its
// actions. A box is rebuilt only when its notice or the language changed, so a focused button
// keeps its focus while other notices come and go. Text goes in with textContent only.
//
//   showNotices(container, [{id, text, actions: [{label, run?, file?}]}], speak, lang)
//   text: a message, or a list of them (shown as a list, one a line)
//   text and labels are messages kept as data; speak(message) says one in the page's language

import { downloadText } from "./model-files.js";

/** @type {WeakMap<Element, any>} the notice each box shows */
const shown = new WeakMap();

/**
 * @param {HTMLElement} container @param {any[]} notices
 * @param {(message: any) => string} [speak] a message -> words in the page's language
 * @param {string} [lang] the page's language: a change rebuilds every box in it
 */
export function showNotices(container, notices, speak = String, lang = "") {
  const boxes = new Map([...container.children].map((b) => [/** @type {HTMLElement} */ (b).dataset.notice, /** @type {HTMLElement} */ (b)]));
  const next = notices.map((n) => {
    const box = /** @type {HTMLElement | undefined} */ (boxes.get(n.id));
    return box && shown.get(box) === n && box.lang === lang ? box : build(n, speak, lang);
  });
  for (const box of [...container.children]) if (!next.includes(/** @type {HTMLElement} */ (box))) box.remove();
  next.forEach((box, i) => {
    if (container.children[i] !== box) container.insertBefore(box, container.children[i] || null);
  });
  container.hidden = next.length === 0;
}

/** A paragraph, or a list of several messages (one a line, not run together).
 * @param {any} message @param {(message: any) => string} speak */
function textOf(message, speak) {
  const list = Array.isArray(message) ? message : [message];
  if (list.length === 1) {
    const p = document.createElement("p");
    p.textContent = speak(list[0]);
    return p;
  }
  const ul = document.createElement("ul");
  for (const m of list) {
    const li = document.createElement("li");
    li.textContent = speak(m);
    ul.append(li);
  }
  return ul;
}

/** @param {any} n @param {(message: any) => string} speak @param {string} lang */
function build(n, speak, lang) {
  const box = document.createElement("div");
  box.className = "notice-box";
  box.dataset.notice = n.id;
  box.lang = lang;
  const text = textOf(n.text, speak);
  const row = document.createElement("div");
  row.className = "notice-actions";
  for (const a of n.actions) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = speak(a.label);
    b.addEventListener("click", () => {
      if (a.file) {
        const f = a.file();
        downloadText(f.text, f.name, f.mime);
      }
      a.run?.();
    });
    row.append(b);
  }
  box.append(text, row);
  shown.set(box, n);
  return box;
}
