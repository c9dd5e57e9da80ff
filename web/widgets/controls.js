// @ts-check
// Setting controls driven by the settings table (settings.js): the page's markup has one form
// element per setting, marked `data-setting="<name>"`; this module fills a select's options
// from the table (choices, or `data-values` for numbers), reads a control as a typed, checked
// value and writes a value back. It holds no state: main.js calls it.
//
//   const controls = setupControls(root, (name, value) => ..., (name, message) => ...)
//   controls.sync(settings)   show these values (skips the control that has focus while typing)
//   controls.element(name)

import { title } from "../domain/format.js";
import { SETTINGS } from "../domain/settings.js";

const MIXED = "(per layer)";

/**
 * Check a number against a table row: "" if it fits, else the error as data, with the same
 * codes and parameters as the engine's (bpcore/errors.py): the page says it in its language,
 * naming the control by its visible label; `message` is the English text for the console.
 * @param {any} spec @param {number} v @param {string} [typed] what the user typed
 */
export function checkNumber(spec, v, typed = String(v)) {
  const field = spec.name;
  if (!Number.isFinite(v)) return { code: typed.trim() ? "number" : "empty", field, got: typed, message: `${field}: expected a number` };
  if (spec.kind === "int" && !Number.isInteger(v)) {
    return { code: "whole", field, got: v, message: `${field}: expected a whole number, got ${v}` };
  }
  const lo = spec.lo, hi = spec.hi;
  const below = lo !== null && (spec.lo_open ? v <= lo : v < lo);
  const above = hi !== null && (spec.hi_open ? v >= hi : v > hi);
  if (below || above) {
    const range = `${spec.lo_open ? "(" : "["}${lo}, ${hi}${spec.hi_open ? ")" : "]"}`;
    return {
      code: "range", field, lo, hi, lo_open: spec.lo_open, hi_open: spec.hi_open, got: v,
      message: `${field}: must be in ${range}, got ${v}`,
    };
  }
  return "";
}

function fillSelect(el, spec) {
  if (el.options.length) return;
  const values = el.dataset.values ? el.dataset.values.split(" ") : spec.choices;
  for (const v of values) el.add(new Option(title(v), v));
}

/** The control's value as the table's type; {value} or {error}. */
export function readControl(el) {
  const spec = SETTINGS.get(el.dataset.setting);
  if (spec.kind === "bool") return { value: el.checked };
  if (spec.kind === "choice") return { value: el.value };
  if (spec.kind === "choices") return el.value === MIXED ? { error: "" } : { value: [el.value] };
  if (spec.kind === "floats") return el.value === MIXED ? { error: "" } : { value: [Number(el.value)] };
  const v = Number(el.value);
  const error = checkNumber(spec, el.value.trim() === "" ? NaN : v, el.value);
  return error ? { error } : { value: v };
}

export function writeControl(el, value) {
  const spec = SETTINGS.get(el.dataset.setting);
  if (spec.kind === "bool") {
    el.checked = Boolean(value);
    return;
  }
  let text;
  if (spec.kind === "choices" || spec.kind === "floats") {
    const list = Array.isArray(value) ? value : [value];
    text = list.every((v) => v === list[0]) ? String(list[0]) : MIXED;
  } else text = String(value);
  if (el.tagName === "SELECT" && ![...el.options].some((o) => o.value === text)) {
    el.add(new Option(text === MIXED ? "Per layer" : title(text), text));
  }
  el.value = text;
  if (el.type === "range") el.setAttribute("aria-valuetext", el.dataset.unit ? text + el.dataset.unit : text);
}

export function setupControls(root, onChange, onError) {
  const els = new Map();
  for (const el of root.querySelectorAll("[data-setting]")) {
    const spec = SETTINGS.get(el.dataset.setting);
    if (!spec) continue;
    els.set(spec.name, el);
    if (el.tagName === "SELECT") fillSelect(el, spec);
    if (el.type === "number" || el.type === "range") {
      if (spec.lo !== null && !el.hasAttribute("min")) el.min = String(spec.lo);
      if (spec.hi !== null && !el.hasAttribute("max")) el.max = String(spec.hi);
    }
    const fire = () => {
      const r = readControl(el);
      if (r.error !== undefined) {
        el.setAttribute("aria-invalid", "true");
        if (r.error) onError(spec.name, r.error);
        return;
      }
      el.removeAttribute("aria-invalid");
      onChange(spec.name, r.value);
    };
    el.addEventListener("change", fire);
    if (el.type === "range") {
      el.addEventListener("input", () => {
        const out = root.querySelector(`output[for="${el.id}"]`);
        if (out) out.textContent = el.value + (el.dataset.unit || "");
      });
    }
  }
  return {
    element: (name) => els.get(name),
    sync(settings) {
      for (const [name, el] of els) {
        if (!(name in settings)) continue;
        if (document.activeElement === el && el.tagName === "INPUT" && el.type !== "checkbox") continue;
        writeControl(el, settings[name]);
        el.removeAttribute("aria-invalid");
        const out = root.querySelector(`output[for="${el.id}"]`);
        if (out) out.textContent = String(settings[name]) + (el.dataset.unit || "");
      }
    },
  };
}
