// @ts-check
// The diagram's weight editor: a small dialog at the middle of a link (or next to a bias) with
// a number field; Enter reports the value through the view's onWeightEdit, Escape cancels.
// A part of widgets/network-view.js (its editWeight; the link from its LinkLayer).

import { el } from "./dom.js";

export class WeightEditor {
  /** @param {import("./network-view.js").NetworkView} view the diagram it edits */
  constructor(view) {
    this.view = view;
    /** @type {{form: HTMLElement, anchor: any, ref: any} | null} the open dialog, its link's element and ref */
    this.open = null;
  }

  /** Open the editor on `ref` {layer, i, j, value}. */
  show(ref) {
    const view = this.view;
    this.close(false);
    const anchor = /** @type {any} */ (view.links.element({ l: ref.layer, i: ref.i, j: ref.j }));
    if (!anchor) return;
    const form = el("div", "bp-weight-editor");
    form.setAttribute("role", "dialog");
    form.setAttribute("aria-label", view.t(ref.j < 0 ? "net.edit_bias" : "net.edit_weight"));
    const label = el("label", "bp-weight-label");
    const name = el("span", undefined, view.t(ref.j < 0 ? "net.bias_word" : "net.weight_word"));
    const input = el("input", "bp-weight-input");
    input.type = "number";
    input.step = "any";
    input.value = String(Math.round(ref.value * 1000) / 1000);
    label.append(name, input);
    const hint = el("div", "bp-weight-hint", view.t("net.editor_hint"));
    form.append(label, hint);
    view.stage.append(form);
    this.open = { form, anchor, ref };

    // place it at the middle of the link (or next to the bias), inside the stage
    const box = view.stage.getBoundingClientRect();
    let x;
    let y;
    if (ref.j < 0 || typeof anchor.getTotalLength !== "function") {
      const r = anchor.getBoundingClientRect();
      x = r.left - box.left + r.width / 2;
      y = r.bottom - box.top;
    } else {
      const p = anchor.getPointAtLength(anchor.getTotalLength() / 2);
      x = p.x;
      y = p.y;
    }
    const fw = form.offsetWidth;
    form.style.left = `${Math.max(4, Math.min(x - fw / 2, view.stage.scrollWidth - fw - 4))}px`;
    form.style.top = `${Math.max(4, y + 8)}px`;

    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        const v = Number(input.value);
        if (input.value.trim() === "" || !Number.isFinite(v)) {
          input.setAttribute("aria-invalid", "true");
          return;
        }
        this.close(true);
        if (view.on.onWeightEdit) view.on.onWeightEdit({ layer: ref.layer, i: ref.i, j: ref.j, value: v });
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        this.close(true);
      }
    });
    form.addEventListener("focusout", (e) => {
      if (!form.contains(/** @type {Node | null} */ (e.relatedTarget))) this.close(false);
    });
    input.focus();
    input.select();
  }

  /** Close the editor, if open; returnFocus: back to its link. */
  close(returnFocus) {
    const ed = this.open;
    if (!ed) return;
    this.open = null;
    ed.form.remove();
    if (returnFocus && ed.anchor.isConnected) ed.anchor.focus();
  }
}
