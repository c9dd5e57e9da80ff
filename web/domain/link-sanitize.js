// @ts-check
// Lenient repair: settings as JSON gives them -> the nearest valid settings, one notice
// ({code, params}) per change, as bpcore/link/repair.py (the rules in docs/ARCHITECTURE.md,
// "Reading a bad link"; bounds, lengths and choices from the generated table). Part of
// web/domain/link.js. Pure: no DOM.

import { lossMisfit, classCount, problemOf } from "./loss-fit.js";
import { numberText, show } from "./link-notices.js";
import { SETTINGS, TABLE } from "./settings.js";

/** The notices collector of link-notices.js (no type import: tests/browser/test_link_js.py
 * keeps every dynamic-looking import out of the link modules).
 * @typedef {{add: (code: string, params?: Record<string, any>) => void,
 *   then: (then: string, params?: Record<string, any>) => void}} Notes */

const where = (t, index) => (index === undefined ? { field: t.name } : { field: t.name, index });

/** A JSON number for an int/float setting (or one list entry) -> nearest valid, or null when
 * it cannot be used (with its notice). @param {any} t @param {unknown} v @param {Notes} note
 * @param {number} [index] */
function number(t, v, note, index) {
  const who = where(t, index);
  if (typeof v !== "number") { note.add("expected_number", { ...who, got: show(v) }); return null; }
  let x = v;
  if (!Number.isFinite(x)) { note.add("not_finite", { ...who, got: show(v) }); return null; }
  const integer = t.kind === "int" || t.kind === "ints";
  if (integer && x !== Math.floor(x)) {
    const r = Math.floor(x + 0.5);
    note.add("not_whole", { ...who, got: numberText(x), value: numberText(r) });
    x = r;
  }
  if (x < t.lo || (t.lo_open && x === t.lo)) {
    if (t.lo_open) { note.add("must_be_above", { ...who, got: numberText(x), lo: numberText(t.lo) }); return null; }
    note.add("below_minimum", { ...who, got: numberText(x), lo: numberText(t.lo) });
    x = t.lo;
  } else if (x > t.hi || (t.hi_open && x === t.hi)) {
    if (t.hi_open) { note.add("must_be_below", { ...who, got: numberText(x), hi: numberText(t.hi) }); return null; }
    note.add("above_maximum", { ...who, got: numberText(x), hi: numberText(t.hi) });
    x = t.hi;
  }
  return x + 0; // never -0
}

/** @param {any} t @param {unknown} v @param {Notes} note */
function list(t, v, note) {
  if (!Array.isArray(v)) { note.add("expected_list", { field: t.name, got: show(v) }); return null; }
  if (v.length > t.max_len) {
    note.add(t.name === "layers" ? "too_many_layers" : "too_many_entries", { field: t.name, count: v.length, max: t.max_len });
    v = v.slice(0, t.max_len);
  }
  const items = /** @type {unknown[]} */ (v);
  /** @type {unknown[]} */
  const out = [];
  items.forEach((item, i) => {
    if (t.kind === "ints" || t.kind === "floats") {
      const x = number(t, item, note, i);
      if (x === null) note.then("dropped");
      else out.push(x);
    } else if (typeof item !== "string" || !t.choices.includes(item)) {
      note.add("not_a_choice", { field: t.name, index: i, got: show(item), choices: [...t.choices], then: "dropped" });
    } else if (t.unique && out.includes(item)) {
      note.add("appears_twice", { field: t.name, index: i, got: show(item), then: "dropped" });
    } else {
      out.push(item);
    }
  });
  if (out.length < t.min_len || (items.length && !out.length)) {
    note.add("no_entries", { field: t.name });
    return null;
  }
  return out;
}

/** Nearest valid value of setting t for the JSON value v, or null (use the default).
 * @param {any} t @param {unknown} v @param {Notes} note */
function one(t, v, note) {
  if (t.kind === "choice") {
    if (typeof v === "string" && t.choices.includes(v)) return v;
    note.add("not_a_choice", { field: t.name, got: show(v), choices: [...t.choices] });
    return null;
  }
  if (t.kind === "bool") {
    if (typeof v === "boolean") return v;
    note.add("expected_bool", { field: t.name, got: show(v) });
    return null;
  }
  if (t.kind === "int" || t.kind === "float") return number(t, v, note);
  return list(t, v, note);
}

/** A parsed JSON object -> {out: complete settings, given: the names it gave}; every value
 * in range. @param {Record<string, unknown>} raw @param {Notes} note */
export function fields(raw, note) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const t of TABLE) out[t.name] = Array.isArray(t.default) ? [...t.default] : t.default;
  const given = new Set();
  for (const key of Object.keys(raw)) {
    const t = SETTINGS.get(key);
    if (t === undefined) { note.add("unknown_setting", { got: show(key) }); continue; }
    const x = one(t, raw[key], note);
    if (x === null) note.then("default", { default: structuredClone(t.default) });
    else { out[key] = x; given.add(key); }
  }
  return { out, given };
}

// field, its notice when it has more entries than layers, when it has another wrong count, and
// the name under which that notice says the first entry (as bpcore/link/repair.py PER_LAYER)
const PER_LAYER = /** @type {const} */ ([
  ["activation", "activations_kept", "activations_one", "activation"],
  ["dropout", "dropout_kept", "dropout_one", "rate"],
]);

/** The rules between settings that settings.validate checks, fixed to the nearest.
 * @param {Record<string, any>} out @param {Set<string>} given @param {Notes} note */
export function between(out, given, note) {
  if (out.dataset !== "custom") {
    const forced = problemOf(out);
    if (out.problem !== forced) {
      if (given.has("problem")) note.add("dataset_problem", { dataset: out.dataset, problem: forced });
      out.problem = forced;
    }
  }
  const n = out.layers.length;
  // the per-layer lists: one entry for every hidden layer, or one per layer
  for (const [field, kept, one, name] of PER_LAYER) {
    const items = out[field];
    if (items.length === 1 || items.length === n) continue;
    if (n && items.length > n) {
      note.add(kept, { count: items.length, layers: n });
      out[field] = items.slice(0, n);
    } else {
      note.add(one, { count: items.length, layers: n, [name]: items[0] });
      out[field] = items.slice(0, 1);
    }
  }
  const misfit = lossMisfit(classCount(out), out.loss);
  if (misfit) {
    note.add(misfit.code, { ...misfit.params, then: "auto" });
    out.loss = "auto";
  }
}
