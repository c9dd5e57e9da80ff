// @ts-check
// The backprop inspector's panel from the state: the inspector's box is attached to
// #inspector-panel while it shows something (the panel hides itself when it holds only its
// heading, style.css) and removed when the inspection ends. It speaks the page's language.

import { tr } from "./i18n.js";

/**
 * @param {any} inspector the Inspector widget
 * @param {HTMLElement} box its container
 * @param {HTMLElement} panel #inspector-panel
 * @returns {(s: any, prev: any) => void}
 */
export function inspectorView(inspector, box, panel) {
  return (s, prev) => {
    inspector.setLanguage(tr(s.lang)); // a new language: the same view again in its words (else nothing)
    const insp = s.inspection;
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
