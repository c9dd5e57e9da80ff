// @ts-check
// The lab's saved record (app/lab-saved.js keeps it in localStorage): the student's code and
// progress per exercise, the hints they opened, the exercise they were on. Read back without
// losing what can be kept: a bad entry is left out (and counted), never the whole record.
//
//   {"v": 1, "exercise": "sigmoid", "open": true,
//    "code": {"sigmoid": "def sigmoid(z): ..."}, "progress": {"sigmoid": "passed"},
//    "hints": {"sigmoid": 2}}
//
//   readLabRecord(text)          -> {record, dropped, problem}  problem: "" | a PROBLEMS key
//   mergeLabRecords(theirs, mine, changed) -> what to store: mine for the exercises this tab
//                                   changed, theirs (another tab's) for the rest; progress
//                                   joined (passed stays passed)

import { FORMAT_VERSION, isPlainObject, jsonDepth, MAX_DEPTH } from "./stored.js";

/** One exercise's code is at most this long (characters); longer is not ours. */
export const MAX_CODE = 200_000;
const ID = /^[a-z][a-z0-9_]{0,39}$/;
const PROGRESS = new Set(["passed", "tried"]);

/** @typedef {{exercise: string | null, open: boolean, code: Record<string, string>,
 *   progress: Record<string, string>, hints: Record<string, number>}} LabRecord */

/** @returns {LabRecord} */
export const emptyLabRecord = () => ({ exercise: null, open: false, code: {}, progress: {}, hints: {} });

/** The entries of `obj` whose id and value pass; how many did not. */
function entries(obj, ok) {
  const out = /** @type {Record<string, any>} */ ({});
  let dropped = 0;
  if (!isPlainObject(obj)) return { out, dropped: obj === undefined ? 0 : 1 };
  for (const [k, v] of Object.entries(obj)) {
    if (ID.test(k) && ok(v)) out[k] = v;
    else dropped++;
  }
  return { out, dropped };
}

/** @param {unknown} text @returns {{record: LabRecord | null, dropped: number, problem: string}} */
export function readLabRecord(text) {
  if (typeof text !== "string") return { record: null, dropped: 0, problem: "shape" };
  if (jsonDepth(text) > MAX_DEPTH) return { record: null, dropped: 0, problem: "nested" };
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return { record: null, dropped: 0, problem: "corrupt" };
  }
  if (!isPlainObject(doc)) return { record: null, dropped: 0, problem: "shape" };
  if (doc.v !== FORMAT_VERSION) return { record: null, dropped: 0, problem: "version" };
  const code = entries(doc.code, (v) => typeof v === "string" && v.length <= MAX_CODE);
  const progress = entries(doc.progress, (v) => PROGRESS.has(v));
  const hints = entries(doc.hints, (v) => Number.isInteger(v) && v >= 0 && v <= 50);
  const record = {
    exercise: typeof doc.exercise === "string" && ID.test(doc.exercise) ? doc.exercise : null,
    open: doc.open === true,
    code: code.out,
    progress: progress.out,
    hints: hints.out,
  };
  return { record, dropped: code.dropped + progress.dropped + hints.dropped, problem: "" };
}

/** The record as stored text. @param {LabRecord} r */
export const labRecordText = (r) => JSON.stringify({ v: FORMAT_VERSION, ...r });

/** Passed beats tried beats nothing. @param {string | undefined} a @param {string | undefined} b */
const better = (a, b) => (a === "passed" || b === "passed" ? "passed" : a || b);

/**
 * What to store when another tab may have saved since: this tab's code and hints for the
 * exercises it changed, the stored ones for the rest; progress joined.
 * @param {LabRecord | null} theirs the record stored now (null: none or unreadable)
 * @param {LabRecord} mine this tab's
 * @param {Set<string>} changed the exercises whose code or hints this tab changed
 * @returns {LabRecord}
 */
export function mergeLabRecords(theirs, mine, changed) {
  if (!theirs) return mine;
  const code = { ...theirs.code };
  const hints = { ...theirs.hints };
  for (const id of changed) {
    if (Object.hasOwn(mine.code, id)) code[id] = mine.code[id];
    else delete code[id]; // reset to the starter code here
    if (Object.hasOwn(mine.hints, id)) hints[id] = mine.hints[id];
  }
  const progress = { ...theirs.progress };
  for (const [id, p] of Object.entries(mine.progress)) progress[id] = /** @type {string} */ (better(progress[id], p));
  return { exercise: mine.exercise, open: mine.open, code, progress, hints };
}
