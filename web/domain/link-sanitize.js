// @ts-check
// The nearest valid value of each setting read from a link, with one notice per change (the
// rules in docs/ARCHITECTURE.md, "Reading a bad link"; the same words as bpcore/link.py).
// Part of web/domain/link.js. Pure: no DOM.

import { SETTINGS, TABLE } from "./settings.js";

const MAX_NOTICES = 20;
const MAX_SHOWN = 40; // characters of a hostile string quoted in a notice

// ---------------------------------------------------------------- notices

/** A number in a notice, as Python's decoder writes it. */
export function numberText(x) {
  return Object.is(x, -0) ? "0" : String(x);
}

export function show(v) {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return numberText(v);
  if (typeof v === "string") {
    const cps = Array.from(v.length > 4 * MAX_SHOWN ? v.slice(0, 4 * MAX_SHOWN + 2) : v);
    const long = cps.length > MAX_SHOWN || v.length > 4 * MAX_SHOWN + 2;
    return `"${cps.slice(0, MAX_SHOWN).join("")}${long ? "…" : ""}"`;
  }
  if (Array.isArray(v)) return `a list of ${v.length} entries`;
  return "an object";
}

export function showDefault(t) {
  const d = t.default;
  if (Array.isArray(d)) return d.length ? d.join(",") : "none";
  return typeof d === "string" ? d : show(d);
}

export function finish(note) {
  if (note.length <= MAX_NOTICES) return note.slice();
  return [...note.slice(0, MAX_NOTICES - 1), `… and ${note.length - MAX_NOTICES + 1} more problems`];
}

// ---------------------------------------------------------------- one setting, nearest valid

export function number(t, v, note, label) {
  // -> nearest valid number, or null when it cannot be used
  const who = label ?? t.name;
  if (typeof v !== "number") { note.push(`${who}: expected a number, got ${show(v)}`); return null; }
  let x = v;
  if (!Number.isFinite(x)) { note.push(`${who}: ${show(v)} is not a finite number`); return null; }
  const integer = t.kind === "int" || t.kind === "ints";
  if (integer && x !== Math.floor(x)) {
    const r = Math.floor(x + 0.5);
    note.push(`${who}: ${numberText(x)} is not a whole number; using ${numberText(r)}`);
    x = r;
  }
  if (x < t.lo || (t.lo_open && x === t.lo)) {
    if (t.lo_open) { note.push(`${who}: ${numberText(x)} must be above ${numberText(t.lo)}`); return null; }
    note.push(`${who}: ${numberText(x)} is below the minimum ${numberText(t.lo)}; using ${numberText(t.lo)}`);
    x = t.lo;
  } else if (x > t.hi || (t.hi_open && x === t.hi)) {
    if (t.hi_open) { note.push(`${who}: ${numberText(x)} must be below ${numberText(t.hi)}`); return null; }
    note.push(`${who}: ${numberText(x)} is above the maximum ${numberText(t.hi)}; using ${numberText(t.hi)}`);
    x = t.hi;
  }
  return x + 0; // never -0
}

export function list(t, v, note) {
  if (!Array.isArray(v)) { note.push(`${t.name}: expected a list, got ${show(v)}`); return null; }
  if (v.length > t.max_len) {
    const what = t.name === "layers" ? "hidden layers" : "entries";
    note.push(`${t.name}: ${v.length} ${what} is more than the maximum ${t.max_len}; kept the first ${t.max_len}`);
    v = v.slice(0, t.max_len);
  }
  const out = [];
  v.forEach((item, i) => {
    const label = `${t.name}[${i}]`;
    if (t.kind === "ints") {
      const x = number(t, item, note, label);
      if (x === null) note[note.length - 1] += "; dropped";
      else out.push(x);
    } else if (typeof item !== "string" || !t.choices.includes(item)) {
      note.push(`${label}: ${show(item)} is not one of ${t.choices.join(", ")}; dropped`);
    } else if (t.unique && out.includes(item)) {
      note.push(`${label}: ${show(item)} appears twice; dropped`);
    } else {
      out.push(item);
    }
  });
  if (out.length < t.min_len || (v.length && !out.length)) {
    note.push(`${t.name}: no usable entries`);
    return null;
  }
  return out;
}

export function one(t, v, note) {
  if (t.kind === "choice") {
    if (typeof v === "string" && t.choices.includes(v)) return v;
    note.push(`${t.name}: ${show(v)} is not one of ${t.choices.join(", ")}`);
    return null;
  }
  if (t.kind === "bool") {
    if (typeof v === "boolean") return v;
    note.push(`${t.name}: expected true or false, got ${show(v)}`);
    return null;
  }
  if (t.kind === "int" || t.kind === "float") return number(t, v, note);
  return list(t, v, note);
}

export function sanitize(raw, note) {
  const out = {};
  for (const t of TABLE) out[t.name] = Array.isArray(t.default) ? [...t.default] : t.default;
  const given = new Set();
  for (const key of Object.keys(raw)) {
    const t = SETTINGS.get(key);
    if (t === undefined) { note.push(`unknown setting ${show(key)} ignored`); continue; }
    const x = one(t, raw[key], note);
    if (x === null) note[note.length - 1] += `; using the default ${showDefault(t)}`;
    else { out[key] = x; given.add(key); }
  }
  return { out, given };
}

