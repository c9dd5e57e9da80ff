// @ts-check
// The classroom in the page (issue 24): its actions and view from the start (a link may hide
// controls or set a goal before anything is drawn), the Classroom link dialog, whose modules load
// when it opens, and embedding: with `?embed` in the address (early.js marks the root) the page
// drops its header and shows a link to the full playground instead.
//
//   const room = mountClassroom({store, links});
//   room.draw(s, prev)   its view;  room.actions: setHidden, showAll, setGoal (app/classroom.js)

import { createClassroom } from "./app/classroom.js";
import { classroomView } from "./views/classroom.js";
import { tr } from "./views/i18n.js";

const EMBED_SIZE = { width: 800, height: 600 }; // the <iframe>'s; the page fits 600 x 400 and up

/** This page's address without `?embed`, with the link `text` as its fragment. @param {string} text */
export function fullAddress(text) {
  const url = new URL(location.href);
  url.searchParams.delete("embed");
  url.hash = text;
  return url.href;
}

/** The <iframe> code that embeds the page with the link `text`. @param {string} text @param {string} title */
export function embedCode(text, title) {
  const url = new URL(fullAddress(text));
  url.searchParams.set("embed", "");
  const src = url.href.replace("?embed=&", "?embed&").replace("?embed=#", "?embed#").replace(/\?embed=$/, "?embed");
  const attr = (/** @type {string} */ v) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<iframe src="${attr(src)}" width="${EMBED_SIZE.width}" height="${EMBED_SIZE.height}" title="${attr(title)}" style="border: 0" loading="lazy"></iframe>`;
}

/** @param {{store: import("./app/store.js").Store, links: {flush: () => Promise<string>}}} deps */
export function mountClassroom({ store, links }) {
  const actions = createClassroom({ store });
  const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));
  const opener = $("room-open"), dialog = $("room-dialog"), full = $("full-link");
  let widget = /** @type {any} */ (null);

  async function refresh() {
    const text = await links.flush(); // the page's link, with what the dialog just changed
    const s = store.get(), t = tr(s.lang);
    widget.show({ hide: s.classroom.hide, goal: s.classroom.goal, link: fullAddress(text), embed: embedCode(text, t.t("room.iframe_title")) }, t);
  }

  opener.addEventListener("click", async () => {
    if (!widget) {
      const { ClassroomDialog } = await import("./widgets/classroom-dialog.js");
      widget = new ClassroomDialog(dialog, {
        onHide: actions.setHidden,
        onGoal: actions.setGoal,
        onShowAll: actions.showAll,
        onCopy: async (_kind, text) => navigator.clipboard?.writeText(text).then(() => true, () => false) ?? false,
        onClose: () => opener.focus(),
      });
    }
    await refresh();
  });
  store.subscribe((s, prev) => {
    if (widget && dialog.open && (s.classroom.hide !== prev.classroom.hide || s.classroom.goal !== prev.classroom.goal || s.lang !== prev.lang)) refresh();
  });
  // embedded: "Open the full playground" opens what the frame shows, at its address
  const point = () => { full.href = fullAddress(location.hash.slice(1)); };
  for (const type of ["pointerenter", "focus", "click"]) full.addEventListener(type, point);
  point();

  return { actions, draw: classroomView() };
}
