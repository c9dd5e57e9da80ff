// @ts-check
// The backprop inspector's panel from the state: the inspector's box is attached to
// #inspector-panel while it shows something (the panel hides itself when it holds only its
// heading, style.css) and removed when the inspection ends. It speaks the page's language. A
// point clicked on the map leaves the map in view: the button under the map (#to-inspector)
// names the point and leads to its numbers.

import { tr } from "./i18n.js";

/**
 * @param {any} inspector the Inspector widget
 * @param {HTMLElement} box its container
 * @param {HTMLElement} panel #inspector-panel
 * @param {HTMLElement} [toPanel] #to-inspector
 * @returns {(s: any, prev: any) => void}
 */
export function inspectorView(inspector, box, panel, toPanel) {
  return (s, prev) => {
    inspector.setLanguage(tr(s.lang)); // a new language: the same view again in its words (else nothing)
    const insp = s.inspection;
    if (toPanel && (insp !== prev.inspection || s.lang !== prev.lang)) {
      toPanel.hidden = !insp || insp.kind !== "sample";
      if (!toPanel.hidden) toPanel.textContent = tr(s.lang).t("inspector.go", { index: insp.reply.index + 1 });
    }
    if (insp === prev.inspection) return;
    if (!insp) {
      box.remove();
      return;
    }
    if (insp.kind === "sample") inspector.showSample(insp.reply, insp.extra);
    else inspector.showNeuron(insp.reply, insp.extra.thumbnail, { features: insp.extra.features, output: insp.extra.output });
    if (!box.isConnected) panel.appendChild(box);
  };
}
