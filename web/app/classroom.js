// @ts-check
// The classroom (issue 24): which controls the page hides and the class's goal, both kept in the
// link (app/links.js writes them), and the goal tracked while training: the first epoch the run
// meets it is kept as `reached` until the run starts over (Reset, a rebuild, a new link).
//
//   const room = createClassroom({store});
//   room.setHidden(name, on)   room.showAll()   room.setGoal(goal | null)

import { goalMet } from "../domain/goal.js";
import { HIDEABLE, goalProblem } from "../domain/link-classroom.js";

/** @param {{store: import("./store.js").Store}} deps */
export function createClassroom({ store }) {
  const { get, update } = store;
  const set = (/** @type {Partial<import("./store.js").State["classroom"]>} */ patch) => update({ classroom: { ...get().classroom, ...patch } });

  store.subscribe((s, prev) => {
    const { goal, reached } = s.classroom;
    const m = s.metrics;
    if (!goal || !m || (m === prev.metrics && s.classroom === prev.classroom && s.settings.layers === prev.settings.layers)) return;
    if (reached && m.epoch < reached.epoch) set({ reached: null }); // the run started over
    else if (!reached && s.session && !s.session.preview && goalMet(goal, m, s.settings.layers)) set({ reached: { epoch: m.epoch } });
  });

  return {
    /** @param {string} name one of HIDEABLE @param {boolean} on */
    setHidden(name, on) {
      if (!HIDEABLE.includes(name)) throw new RangeError(`hide: ${name} is not a control a link can hide`);
      const now = new Set(get().classroom.hide);
      if (on) now.add(name);
      else now.delete(name);
      set({ hide: HIDEABLE.filter((h) => now.has(h)) });
    },
    showAll: () => set({ hide: [] }),
    /** A goal the page can track, or null for none; -> false (and nothing changes) for one it cannot.
     * @param {import("../domain/link-classroom.js").Goal | null} goal */
    setGoal(goal) {
      if (goal !== null && goalProblem(goal) !== null) return false;
      set({ goal, reached: null });
      return true;
    },
  };
}
