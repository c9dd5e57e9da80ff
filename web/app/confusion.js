// @ts-check
// The confusion box's actions: the set shown (training or test) and the cell whose points the
// map marks. The numbers themselves ride on the map's grid (domain/confusion.js); only the
// user's choice is state (`confusion`).

import { NO_CHOICE } from "../domain/confusion.js";

/** @param {{store: import("./store.js").Store}} deps */
export function createConfusion({ store }) {
  const { get, update } = store;
  const choice = () => get().confusion || NO_CHOICE;
  return {
    /** Show the training or the test set's matrix; a marked cell is cleared (it was the other
     * set's). @param {"train" | "test"} set */
    chooseSet(set) {
      if (set !== "train" && set !== "test") return;
      if (choice().set !== set) update({ confusion: { set, cell: null } });
    },
    /** Mark the points of cell [true class, predicted class] on the map; the same cell again
     * clears it. @param {number} r @param {number} c */
    pick(r, c) {
      const { set, cell } = choice();
      const same = Boolean(cell && cell[0] === r && cell[1] === c);
      update({ confusion: { set, cell: same ? null : [r, c] } });
    },
    /** No cell marked (Escape). */
    clear() {
      if (choice().cell) update({ confusion: { ...choice(), cell: null } });
    },
  };
}
