// @ts-check
// The Classroom link dialog: a checkbox for every control or panel a link can hide (TF
// Playground's names first, then ours), a goal (measure, target, at most N hidden neurons), and
// the link and the <iframe> code to give the class. A dumb widget: it says what the user changed
// (onHide, onGoal, onShowAll, onCopy) and shows what it is given (show). Non-modal and docked at
// the side, so the page beside it shows what the students will see; Escape or Close closes it.
//
//   const d = new ClassroomDialog(dialogElement, {onHide(name, on), onGoal(goal | null) -> ok,
//     onShowAll(), onCopy(kind: "link" | "embed", text) -> Promise<boolean>, onClose()});
//   d.show({hide, goal, link, embed}, t)   opens it, or brings it up to date
//   d.close()

import { CLASSROOM } from "../domain/settings.js";
import { el } from "./dom.js";

/** @typedef {import("../domain/link-classroom.js").Goal} Goal */
/** @typedef {{t: (key: string, params?: Record<string, unknown>) => string, lang: string}} Translator */
/** @typedef {{hide: string[], goal: Goal | null, link: string, embed: string}} RoomState */

const TF = /** @type {string[]} */ (CLASSROOM.tfHideable);
const OURS = /** @type {string[]} */ (CLASSROOM.hideable).filter((h) => !TF.includes(h));
const METRICS = Object.keys(CLASSROOM.goalMetrics);

export class ClassroomDialog {
  /**
   * @param {HTMLDialogElement} dialog
   * @param {{onHide: (name: string, on: boolean) => void, onGoal: (goal: Goal | null) => boolean,
   *   onShowAll: () => void, onCopy: (kind: "link" | "embed", text: string) => Promise<boolean>, onClose: () => void}} callbacks
   */
  constructor(dialog, callbacks) {
    this.dialog = dialog;
    this.cb = callbacks;
    this.lang = "";
    /** @type {Map<string, HTMLInputElement>} */
    this.boxes = new Map();
    this.dialog.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        this.close();
      }
    });
    this.dialog.addEventListener("close", () => this.cb.onClose());
  }

  /** @param {RoomState} state @param {Translator} t */
  show(state, t) {
    const opening = !this.dialog.open;
    if (t.lang !== this.lang) this.build(t);
    for (const [name, box] of this.boxes) box.checked = state.hide.includes(name);
    if (opening || !this.goalEdited) this.showGoal(state.goal);
    this.linkField.value = state.link;
    this.embedField.value = state.embed;
    if (opening) {
      this.dialog.show();
      this.boxes.values().next().value?.focus();
    }
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }

  /** The dialog's content in a language. @param {Translator} t */
  build(t) {
    this.lang = t.lang;
    this.boxes.clear();
    this.goalEdited = false;
    const title = el("h2", undefined, t.t("room.title"));
    title.id = "room-title";
    const names = (/** @type {string} */ legend, /** @type {string[]} */ list) => {
      const set = el("fieldset");
      set.append(el("legend", undefined, legend));
      const grid = el("div", "room-names");
      for (const name of list) {
        const box = /** @type {HTMLInputElement} */ (el("input"));
        box.type = "checkbox";
        box.dataset.hide = name;
        box.addEventListener("change", () => this.cb.onHide(name, box.checked));
        const label = el("label");
        label.append(box, el("span", undefined, t.t(`hide.${name}`)));
        grid.append(label);
        this.boxes.set(name, box);
      }
      set.append(grid);
      return set;
    };
    this.dialog.replaceChildren(title, el("p", "hint", t.t("room.intro")),
      names(t.t("room.group_tf"), TF), names(t.t("room.group_ours"), OURS), this.goalFields(t), this.outputs(t));
  }

  /** The goal's fields; any change sets the goal, or says why it cannot. @param {Translator} t */
  goalFields(t) {
    const set = el("fieldset", "room-goal");
    set.append(el("legend", undefined, t.t("room.goal")));
    const field = (/** @type {string} */ text, /** @type {HTMLElement} */ input, /** @type {string} */ id) => {
      input.id = id;
      const label = el("label", undefined, text);
      label.setAttribute("for", id);
      const box = el("div", "field");
      box.append(label, input);
      return box;
    };
    this.metric = /** @type {HTMLSelectElement} */ (el("select"));
    this.metric.append(new Option(t.t("room.goal_none"), ""), ...METRICS.map((m) => new Option(t.t(`goal.metric.${m}`), m)));
    this.target = /** @type {HTMLInputElement} */ (el("input"));
    Object.assign(this.target, { type: "text", inputMode: "decimal", autocomplete: "off" });
    this.neurons = /** @type {HTMLInputElement} */ (el("input"));
    Object.assign(this.neurons, { type: "number", min: "1", max: String(CLASSROOM.maxGoalNeurons), step: "1" });
    this.targetLabel = el("label");
    this.error = el("p", "room-error");
    this.error.setAttribute("role", "alert");
    const metricField = field(t.t("room.goal_metric"), this.metric, "room-goal-metric");
    const targetField = field(t.t("room.goal_target"), this.target, "room-goal-target");
    this.targetLabel = /** @type {HTMLElement} */ (targetField.querySelector("label"));
    this.t = t;
    set.append(metricField, targetField, field(t.t("room.goal_neurons"), this.neurons, "room-goal-neurons"), this.error);
    for (const input of [this.metric, this.target, this.neurons]) input.addEventListener("change", () => this.goalChanged());
    return set;
  }

  /** The link and the embed code, each with its Copy button and what it did. @param {Translator} t */
  outputs(t) {
    const box = el("div", "room-out");
    this.linkField = /** @type {HTMLInputElement} */ (el("input"));
    Object.assign(this.linkField, { type: "text", readOnly: true, id: "room-link" });
    this.embedField = /** @type {HTMLTextAreaElement} */ (el("textarea"));
    Object.assign(this.embedField, { readOnly: true, rows: 4, id: "room-embed" });
    const said = el("p", "hint");
    said.setAttribute("role", "status");
    const copy = (/** @type {"link" | "embed"} */ kind, /** @type {HTMLInputElement | HTMLTextAreaElement} */ field, /** @type {string} */ text) => {
      const b = el("button", undefined, text);
      b.type = "button";
      b.addEventListener("click", async () => {
        const ok = await this.cb.onCopy(kind, field.value);
        if (!ok) field.select(); // no clipboard: selected, to copy by hand
        said.textContent = t.t(ok ? "room.copied" : "room.select");
      });
      return b;
    };
    const label = (/** @type {string} */ text, /** @type {string} */ id) => {
      const l = el("label", undefined, text);
      l.setAttribute("for", id);
      return l;
    };
    const actions = el("div", "room-actions");
    const all = el("button", undefined, t.t("room.show_all"));
    all.type = "button";
    all.addEventListener("click", () => this.cb.onShowAll());
    const close = el("button", undefined, t.t("room.close"));
    close.type = "button";
    close.addEventListener("click", () => this.close());
    actions.append(all, close);
    box.append(label(t.t("room.link"), "room-link"), this.linkField, copy("link", this.linkField, t.t("room.copy_link")),
      label(t.t("room.embed"), "room-embed"), this.embedField, copy("embed", this.embedField, t.t("room.copy_embed")), said, actions);
    return box;
  }

  /** @param {Goal | null} goal */
  showGoal(goal) {
    this.metric.value = goal ? goal.metric : "";
    const acc = Boolean(goal && goal.metric.startsWith("acc"));
    this.target.value = goal ? String(acc ? Number((goal.target * 100).toFixed(4)) : goal.target) : "";
    this.neurons.value = goal && goal.neurons !== undefined ? String(goal.neurons) : "";
    this.error.textContent = "";
    this.labelTarget();
  }

  labelTarget() {
    this.targetLabel.textContent = this.t.t(this.metric.value.startsWith("acc") ? "room.goal_target_percent" : "room.goal_target");
  }

  goalChanged() {
    this.labelTarget();
    const metric = this.metric.value;
    if (!metric) {
      this.error.textContent = "";
      this.cb.onGoal(null);
      return;
    }
    if (this.target.value.trim() === "") return; // waits for its target
    const raw = Number(this.target.value.trim().replace(",", "."));
    /** @type {Goal} */
    const goal = { metric, target: metric.startsWith("acc") ? raw / 100 : raw };
    if (this.neurons.value.trim() !== "") goal.neurons = Number(this.neurons.value);
    const ok = this.cb.onGoal(goal);
    this.goalEdited = !ok;
    this.error.textContent = ok ? "" : this.t.t("room.goal_bad", { max: CLASSROOM.maxGoalNeurons });
  }
}
