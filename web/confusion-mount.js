// @ts-check
// The confusion box under the charts (issue 22.5): the confusion matrix of a classification, or
// the predicted-vs-true scatter of a regression, from the numbers that ride on the map; a cell
// chosen marks its points on the map (views/map.js). Its actions, widget and view, wired.
//
//   const confusion = mountConfusion({store, element});
//   confusion.draw(s, prev)   its view (in the page's frame); confusion.actions

import { createConfusion } from "./app/confusion.js";
import { confusionView } from "./views/confusion.js";
import { ConfusionBox } from "./widgets/confusion.js";

/** @param {{store: import("./app/store.js").Store, element: HTMLElement}} deps */
export function mountConfusion({ store, element }) {
  const actions = createConfusion({ store });
  const box = new ConfusionBox(element, { onSet: actions.chooseSet, onPick: actions.pick, onClear: actions.clear });
  return { actions, draw: confusionView(box) };
}
