// @ts-check
// The gradient flow on the diagram (NetworkView.setGradFlow): under each column a weight layer
// feeds (hidden layer l + 1's, the output's), the RMS of dL/dW of that layer in the layer's
// colour (widgets/palette.js layerColour, the chart's), with the count of its dead units; each
// dead unit (output 0 on every training point) marked `.is-dead` and said in its name.
// Node records as columns.js makes them ({el, ref}); words from the translator `tr`.

import { el } from "../dom.js";
import { layerColour } from "../palette.js";
import { rmsText } from "../../domain/gradflow.js";

/**
 * @param {any[][]} cols the diagram's columns of node records (0: features, 1..L: hidden, L+1: output)
 * @param {import("../../domain/gradflow.js").Sample | null} flow null: no marks
 * @param {any} tr the translator
 * @param {boolean} dark the page's colour scheme
 */
export function showGradFlow(cols, flow, tr, dark) {
  const count = cols.length - 1; // weight layers
  for (let c = 1; c < cols.length; c++) {
    const col = cols[c][0]?.el.closest(".bp-net-col");
    if (!col) continue;
    let box = /** @type {HTMLElement | null} */ (col.querySelector(":scope > .bp-net-grad"));
    const l = c - 1;
    if (!flow) {
      box?.remove();
    } else {
      if (!box) {
        box = el("div", "bp-net-grad");
        box.append(el("span", "bp-net-grad-chip"), el("span", "bp-net-grad-value"), el("span", "bp-net-grad-dead"));
        col.append(box);
      }
      const [chip, value, dead] = /** @type {HTMLElement[]} */ ([...box.children]);
      chip.style.background = layerColour(l, count, dark);
      value.textContent = tr.t("gradflow.diagram", { value: rmsText(flow.rmsW[l]) });
      const k = c < cols.length - 1 ? flow.dead[l] : 0;
      dead.textContent = k ? tr.t("gradflow.diagram_dead", { count: k }) : "";
      box.title = tr.t("gradflow.diagram_title", { value: rmsText(flow.rmsW[l]) });
      box.dataset.layer = String(l);
    }
    if (c === cols.length - 1) continue;
    const deadUnits = new Set(flow ? flow.deadUnits[l] : []);
    cols[c].forEach((node, i) => {
      const on = deadUnits.has(i);
      if (on === node.el.classList.contains("is-dead")) return;
      node.el.dataset.name ??= node.el.getAttribute("aria-label") || "";
      node.el.classList.toggle("is-dead", on);
      const name = node.el.dataset.name;
      node.el.setAttribute("aria-label", on ? tr.t("gradflow.dead_name", { name }) : name);
    });
  }
}
