// @ts-check
// The lab's code and progress kept in localStorage, by app/storage.js's rules: nothing here
// throws (private mode, a full quota, a foreign record come back as reasons), an unreadable
// record is set aside as it was (<key>:aside) before anything replaces it, and a save merges
// with what another tab stored since (domain/lab-record.js mergeLabRecords): it never writes
// over another tab's code for an exercise this tab did not touch.
//
//   loadLab(store?)  -> {value: LabRecord | null, reason: null | "missing" | "unavailable" |
//                       "corrupt" | "invalid", dropped?, detail?}
//   saveLab(record, changed, seen, store?) -> {ok: true, conflicts} | {ok: false, reason:
//                       "quota" | "unavailable" | "error"}
//       seen: the code per exercise as this tab last read or wrote it. An exercise this tab
//       changed that another tab saved other code for since (stored != seen) is a conflict:
//       this tab's code is stored, the other tab's is kept under <key>:other ({id: text}) and
//       returned in `conflicts` (ids), so the page can say so and offer it
//   setLabAside(text, store?)        the unreadable record, kept under <key>:aside

import { emptyLabRecord, labRecordText, mergeLabRecords, readLabRecord } from "../domain/lab-record.js";
import { PROBLEMS } from "../domain/stored.js";
import { readRaw, setAside } from "./storage.js";

export const LAB_KEY = "bp-playground:v1:lab";

/** @param {Storage | undefined} store */
function storageOf(store) {
  if (store) return store;
  try {
    return globalThis.localStorage || null;
  } catch {
    return null;
  }
}

/** @param {any} err */
const isQuota = (err) => err && (err.name === "QuotaExceededError" || err.code === 22 || err.code === 1014);

/** @param {Storage} [store] */
export function loadLab(store) {
  const s = storageOf(store);
  if (!s) return { value: null, reason: "unavailable" };
  let text;
  try {
    text = s.getItem(LAB_KEY);
  } catch (err) {
    return { value: null, reason: "unavailable", detail: String(err) };
  }
  if (text === null) return { value: null, reason: "missing" };
  const { record, dropped, problem } = readLabRecord(text);
  if (!record) return { value: null, reason: problem === "corrupt" ? "corrupt" : "invalid", detail: PROBLEMS[problem] || problem, text };
  return dropped ? { value: record, reason: null, dropped } : { value: record, reason: null };
}

export const OTHER_KEY = `${LAB_KEY}:other`;

/**
 * Store this tab's record, merged with what is stored now (another tab's code for the
 * exercises this tab did not change stays). An unreadable stored record is set aside first.
 * @param {import("../domain/lab-record.js").LabRecord} record @param {Set<string>} changed
 * @param {Record<string, string | undefined>} seen @param {Storage} [store]
 * @returns {{ok: true, conflicts: string[], stored: import("../domain/lab-record.js").LabRecord} |
 *   {ok: false, reason: string, detail?: string}}
 */
export function saveLab(record, changed, seen, store) {
  const s = storageOf(store);
  if (!s) return { ok: false, reason: "unavailable" };
  try {
    const now = s.getItem(LAB_KEY);
    let theirs = null;
    if (now !== null) {
      theirs = readLabRecord(now).record;
      if (!theirs) {
        const aside = setAside(LAB_KEY, now, s);
        if (!aside.ok) return { ok: false, reason: aside.reason || "error", detail: aside.detail }; // never replaced before it is kept
      }
    }
    const conflicts = theirs ? [...changed].filter((id) => {
      const other = theirs.code[id];
      return other !== undefined && other !== seen[id] && other !== record.code[id];
    }) : [];
    if (conflicts.length) { // the other tab's code first, so it is kept before ours replaces it
      let kept = {};
      try {
        kept = JSON.parse(s.getItem(OTHER_KEY) || "{}") || {};
      } catch {
        kept = {};
      }
      for (const id of conflicts) kept[id] = /** @type {any} */ (theirs).code[id];
      s.setItem(OTHER_KEY, JSON.stringify(kept));
    }
    const stored = mergeLabRecords(theirs, record, changed);
    s.setItem(LAB_KEY, labRecordText(stored));
    return { ok: true, conflicts, stored };
  } catch (err) {
    return { ok: false, reason: isQuota(err) ? "quota" : "error", detail: String(err) };
  }
}

/** The unreadable record as it was, kept to download (and then discarded). @param {Storage} [store] */
export const labAside = (store) => readRaw(`${LAB_KEY}:aside`, store);
/** Another tab's code that this tab's replaced ({id: text} as JSON), to download. @param {Storage} [store] */
export const labOther = (store) => readRaw(OTHER_KEY, store);

export { emptyLabRecord };
