// @ts-check
// The lab's code and progress kept in localStorage, by app/storage.js's rules: nothing here
// throws (private mode, a full quota, a foreign record come back as reasons), an unreadable
// record is set aside as it was (<key>:aside) before anything replaces it, and a save merges
// with what another tab stored since (domain/lab-record.js mergeLabRecords): it never writes
// over another tab's code for an exercise this tab did not touch.
//
//   loadLab(store?)  -> {value: LabRecord | null, reason: null | "missing" | "unavailable" |
//                       "corrupt" | "invalid", dropped?, detail?}
//   saveLab(record, changed, store?) -> {ok: true} | {ok: false, reason: "quota" | "unavailable" | "error"}
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

/**
 * Store this tab's record, merged with what is stored now (another tab's code for the
 * exercises this tab did not change stays). An unreadable stored record is set aside first.
 * @param {import("../domain/lab-record.js").LabRecord} record @param {Set<string>} changed
 * @param {Storage} [store]
 */
export function saveLab(record, changed, store) {
  const s = storageOf(store);
  if (!s) return { ok: false, reason: "unavailable" };
  try {
    const now = s.getItem(LAB_KEY);
    let theirs = null;
    if (now !== null) {
      theirs = readLabRecord(now).record;
      if (!theirs) {
        const aside = setAside(LAB_KEY, now, s);
        if (!aside.ok) return aside; // never replaced before it is kept
      }
    }
    s.setItem(LAB_KEY, labRecordText(mergeLabRecords(theirs, record, changed)));
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: isQuota(err) ? "quota" : "error", detail: String(err) };
  }
}

/** The unreadable record as it was, kept to download (and then discarded). @param {Storage} [store] */
export const labAside = (store) => readRaw(`${LAB_KEY}:aside`, store);

export { emptyLabRecord };
