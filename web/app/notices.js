// @ts-check
// Notices that stay until the user acts on them: a text and a few buttons (Restore, Download,
// Discard, ...). Any action module can show one; views/page.js draws them with
// widgets/notices.js. `notice` (one line, replaced by the next message) stays for the rest.
//
//   showNotice(store, {id, text, actions})   shows it, or replaces the one with the same id
//                                            (text and labels are messages: domain/i18n.js)
//   dropNotice(store, id)                    removes it (no-op if it is not shown)
//   sayAbout(store, topic, text)             a notice about one thing (a link, its training):
//                                            (text: a message, or a list of them, one a line)
//                                            it stays until dismissed (its one button) or
//                                            replaced by the next notice about the same topic;
//                                            text "" drops it
// An action is {label, run?(), file?() -> {text, name, mime}}: file() is downloaded first,
// then run() is called.

import { msg } from "../domain/i18n.js";

/**
 * @typedef {import("../domain/i18n.js").Message} Message
 * @typedef {{label: Message, run?: () => void, file?: () => {text: string, name: string, mime?: string}}} NoticeAction
 * @typedef {{id: string, text: Message | Message[], actions: NoticeAction[]}} Notice
 *   text: a list is said as a list (a link's several notices, one a line)
 */

const DISMISS = msg("notice.dismiss");

/** @param {import("./store.js").Store} store @param {Notice} notice */
export function showNotice(store, notice) {
  const list = store.get().notices;
  const at = list.findIndex((n) => n.id === notice.id);
  store.update({ notices: at < 0 ? [...list, notice] : list.map((n, i) => (i === at ? notice : n)) });
}

/** @param {import("./store.js").Store} store @param {string} topic @param {Message | Message[]} text */
export function sayAbout(store, topic, text) {
  if (!text || (Array.isArray(text) && !text.length)) return dropNotice(store, topic);
  showNotice(store, { id: topic, text, actions: [{ label: DISMISS, run: () => dropNotice(store, topic) }] });
}

/** @param {import("./store.js").Store} store @param {string} id */
export function dropNotice(store, id) {
  const list = store.get().notices;
  if (list.some((n) => n.id === id)) store.update({ notices: list.filter((n) => n.id !== id) });
}
