// @ts-check
// The classroom in the page: what a classroom link hides (the root's `data-hide`, a list of
// names web/classroom.css turns into `display: none`, so a hidden control keeps its value and
// leaves no gap), and its goal with where the run stands (#goal: reached at epoch N, not yet,
// not counted with too many neurons, or out of reach for this data set).

import { goalMessage, goalStatus } from "../domain/goal.js";
import { say } from "../domain/i18n.js";
import { tr } from "./i18n.js";

export function classroomView() {
  const box = /** @type {HTMLElement} */ (document.getElementById("goal"));
  const text = /** @type {HTMLElement} */ (box.querySelector(".goal-text"));
  const status = /** @type {HTMLElement} */ (box.querySelector(".goal-status"));
  /** @param {any} s @param {any} prev */
  return (s, prev) => {
    const room = s.classroom, was = prev.classroom || {}; // (the first frame: no previous state)
    if (room.hide !== was.hide) document.documentElement.dataset.hide = room.hide.join(" ");
    // (which scores the run measures changes with the session, not with each chunk's metrics)
    const measured = s.session === prev.session && !s.metrics === !prev.metrics;
    if (room === prev.classroom && s.lang === prev.lang && s.settings.layers === prev.settings?.layers && measured) return;
    box.hidden = !room.goal;
    if (!room.goal) return;
    const t = tr(s.lang);
    text.textContent = say(t, goalMessage(room.goal));
    status.textContent = say(t, goalStatus(room.goal, room.reached, s.settings.layers, s.metrics));
    box.classList.toggle("reached", Boolean(room.reached));
  };
}
