// @ts-check
// What the page says about its link: the progress bar of a link's training being replayed
// (app/replay.js; a labelled <progress>: role progressbar, its label its accessible name, and the
// epochs done with the estimated time left once known, shown only then, with its Cancel buttons), and what the link cannot hold, for as long as that is true.

import { duration } from "../domain/duration.js";
import { say } from "../domain/i18n.js";
import { tr } from "./i18n.js";

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

export function linkView() {
  /** @param {any} s @param {any} prev */
  return (s, prev) => {
    const t = tr(s.lang);
    if (s.linkFit !== prev.linkFit || s.lang !== prev.lang) {
      $("link-fit").hidden = !s.linkFit;
      $("link-fit").textContent = say(t, s.linkFit); // a message kept as data
    }
    if (s.replay === prev.replay && s.lang === prev.lang) return;
    const r = s.replay;
    $("replay-progress").hidden = !r;
    if (!r) return;
    const bar = $("replay-bar");
    bar.max = Math.max(r.epoch, 1);
    bar.value = r.done;
    const count = r.left == null ? t.t("link.replay_count", { done: r.done, total: r.epoch })
      : t.t("link.replay_eta", { done: r.done, total: r.epoch, time: say(t, duration(r.left)) });
    bar.setAttribute("aria-valuetext", count);
    $("replay-count").textContent = count;
  };
}
