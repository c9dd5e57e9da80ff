// @ts-check
// Notices with buttons (app/notices.js has their shape): one box per notice, its text and its
// actions. A box is rebuilt only when its notice changed, so a focused button keeps its focus
// while other notices come and go. Text goes in with textContent only.
//
//   showNotices(container, [{id, text, actions: [{label, run?, file?}]}])

import { downloadText } from "./model-files.js";

/** @type {WeakMap<Element, any>} the notice each box shows */
const shown = new WeakMap();

/** @param {HTMLElement} container @param {any[]} notices */
export function showNotices(container, notices) {
  const boxes = new Map([...container.children].map((b) => [/** @type {HTMLElement} */ (b).dataset.notice, b]));
  const next = notices.map((n) => {
    const box = boxes.get(n.id);
    return box && shown.get(box) === n ? box : build(n);
  });
  for (const box of [...container.children]) if (!next.includes(box)) box.remove();
  next.forEach((box, i) => {
    if (container.children[i] !== box) container.insertBefore(box, container.children[i] || null);
  });
  container.hidden = next.length === 0;
}

function build(n) {
  const box = document.createElement("div");
  box.className = "notice-box";
  box.dataset.notice = n.id;
  const text = document.createElement("p");
  text.textContent = n.text;
  const row = document.createElement("div");
  row.className = "notice-actions";
  for (const a of n.actions) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = a.label;
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
