// @ts-check
// The saved records as text, read back without losing what can be kept: every usable row of a
// points record survives a bad one, and whatever cannot be read says why (app/storage.js reads
// and writes localStorage; this module never touches it).
//
//   readPoints(text)   -> {rows, dropped, problem}   rows: the usable [x1, x2, label] (at most
//                         MAX_POINTS), dropped: rows left out, problem: "" | a PROBLEMS key
//   readSettings(text) -> {settings | null, problem}
//   pointsCsv(rows)    -> "x1,x2,label\n..." (the format bpcore/csvio.py reads and writes)
//   sameRows(a, b)     -> true when both hold the same points in the same order

import { MAX_CLASSES, MAX_POINTS, VIEW } from "./settings.js";

export const FORMAT_VERSION = 1;
/** A record nests 3 deep ({points: [[x1, x2, label]]}); deeper text is not ours. Checked before
 * JSON.parse, so a hostile value never reaches the parser's recursion. */
export const MAX_DEPTH = 8;

/** Why a record could not be read (plain text, for notices and the console). */
export const PROBLEMS = Object.freeze({
  corrupt: "it is not valid JSON",
  nested: `it nests deeper than ${MAX_DEPTH} levels`,
  version: "it was written in another format (a newer page?)",
  shape: "it is not a record of points or settings",
  rows: "none of its rows is a point",
});

/** The deepest nesting of [ and { in JSON text (outside strings); stops past `limit`. */
export function jsonDepth(text, limit = MAX_DEPTH) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

/** JSON text -> {doc} or {problem}: a v1 record object, bounded in depth. */
function readRecord(text) {
  if (typeof text !== "string") return { doc: null, problem: "shape" };
  if (jsonDepth(text) > MAX_DEPTH) return { doc: null, problem: "nested" };
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return { doc: null, problem: "corrupt" };
  }
  if (!isPlainObject(doc)) return { doc: null, problem: "shape" };
  if (doc.v !== FORMAT_VERSION) return { doc: null, problem: "version" };
  return { doc, problem: "" };
}

export function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const [LO, HI] = VIEW;
const inView = (v) => typeof v === "number" && v >= LO && v <= HI;

/** A point this page can show and train: in the view window, with a class label 0..4 or a
 * regression value in [-1, 1]. */
export function isPoint(p) {
  if (!Array.isArray(p) || p.length !== 3 || !inView(p[0]) || !inView(p[1])) return false;
  const l = p[2];
  if (typeof l !== "number" || !Number.isFinite(l)) return false;
  return (Number.isInteger(l) && l >= 0 && l < MAX_CLASSES) || (l >= -1 && l <= 1);
}

/** @param {unknown} text @returns {{rows: number[][], dropped: number, problem: string}} */
export function readPoints(text) {
  const { doc, problem } = readRecord(text);
  if (!doc) return { rows: [], dropped: 0, problem };
  if (!Array.isArray(doc.points)) return { rows: [], dropped: 0, problem: "shape" };
  const rows = [];
  for (const p of doc.points) if (isPoint(p) && rows.length < MAX_POINTS) rows.push([p[0], p[1], p[2]]);
  const dropped = doc.points.length - rows.length;
  return { rows, dropped, problem: doc.points.length && !rows.length ? "rows" : "" };
}

/** @param {unknown} text @returns {{settings: Record<string, any> | null, problem: string}} */
export function readSettings(text) {
  const { doc, problem } = readRecord(text);
  if (!doc) return { settings: null, problem };
  if (!isPlainObject(doc.settings)) return { settings: null, problem: "shape" };
  return { settings: doc.settings, problem: "" };
}

/** Points as CSV text: header `x1,x2,label`, one line per point (as bpcore/csvio.write_csv;
 * both read back to the same float64 values). @param {number[][]} rows */
export function pointsCsv(rows) {
  return ["x1,x2,label", ...rows.map((p) => p.join(","))].join("\n") + "\n";
}

/** @param {number[][]} a @param {number[][]} b */
export function sameRows(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i][0] !== b[i][0] || a[i][1] !== b[i][1] || a[i][2] !== b[i][2]) return false;
  }
  return true;
}
