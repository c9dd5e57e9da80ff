// @ts-check
// Mirror the drawn points and the settings into localStorage, so a reload (or a crashed engine)
// never loses what the user drew. Nothing here throws: private mode, a full quota, corrupt or
// foreign JSON all come back as {ok: false | value: null, reason}. Nothing here loses a record
// either: what cannot be read can be set aside, a link keeps the drawing it replaces, and a
// write never replaces what another tab wrote since this tab last read or wrote it.
//
// Keys (versioned; a future format gets v2 keys and ignores these):
//   bp-playground:v1:points    {"v": 1, "points": [[x1, x2, label], ...]}
//   bp-playground:v1:settings  {"v": 1, "settings": {...}}
//   <key>:aside                a record this page could not read, as it was (to download)
//   <key>:previous             the record a link replaced (one step back)
//
// API (every function takes an optional `store` with the Storage interface, for tests)
//   savePoints(points, store?)   -> {ok: true} | {ok: false, reason}
//       points: [[x1, x2, label], ...] or a flat Float64Array n*3 (the engine's format)
//   loadPoints(store?)           -> {value: [[x1, x2, label], ...], reason: null}
//                                 | {value: null, reason}
//       the usable rows of a record with bad ones, plus dropped: n (rows left out)
//   saveSettings(settings, store?) / loadSettings(store?)   same shapes; settings is a plain
//       object (validate it with link.js sanitizeSettings after loading: this module only
//       checks that it is an object)
//   clearStored(store?)          -> {ok, reason}   removes both keys
//   readRaw(key, store?)         -> the stored text or null
//   setAside(key, text, store?), clearAside(key, store?)      the unreadable record, kept
//   keepPrevious({points, settings} texts, store?), loadPrevious(store?) -> {points, settings}
//       texts or null, clearPrevious(store?)
//   acknowledge(store?)          this tab has seen the points stored now: its next write may
//                                replace them (after the user chose to keep this tab's drawing)
//   watchWrites(fn({key, ok, reason})) -> unsubscribe   every save's outcome (the notices)
// reason is one of: "missing" (nothing stored), "unavailable" (no localStorage, or access
// denied), "corrupt" (not JSON), "invalid" (JSON of the wrong shape, another version, nested
// too deep), "quota" (storage full), "conflict" (another tab saved other points since this tab
// read or wrote them: not written; settings are in the link, the last writer wins), "too-large" (more than MAX_POINTS points), "error" (anything else), with
// `detail` text.

import { MAX_POINTS } from "../domain/settings.js";
import { FORMAT_VERSION, PROBLEMS, readPoints, readSettings } from "../domain/stored.js";

export const KEYS = Object.freeze({
  points: "bp-playground:v1:points",
  settings: "bp-playground:v1:settings",
});
export const asideKey = (/** @type {string} */ key) => `${key}:aside`;
export const previousKey = (/** @type {string} */ key) => `${key}:previous`;
export { FORMAT_VERSION, MAX_POINTS };

/** The points text as this tab last read or wrote it, per Storage object. */
const seen = new WeakMap();
/** @type {Set<(w: {key: string, ok: boolean, reason?: string}) => void>} */
const watchers = new Set();

function getStore(store) {
  if (store) return store;
  try {
    return globalThis.localStorage || null; // the getter itself throws when storage is blocked
  } catch {
    return null;
  }
}

function seenOf(s) {
  if (!seen.has(s)) seen.set(s, new Map());
  return seen.get(s);
}

function isQuotaError(err) {
  return (
    err &&
    (err.name === "QuotaExceededError" ||
      err.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      err.code === 22 ||
      err.code === 1014)
  );
}

/** @param {(w: {key: string, ok: boolean, reason?: string}) => void} fn */
export function watchWrites(fn) {
  watchers.add(fn);
  return () => watchers.delete(fn);
}

function report(key, result) {
  for (const fn of watchers) fn({ key, ok: result.ok, reason: result.reason });
  return result;
}

/** Store text under key; the points are never written over another tab's newer ones. */
function put(key, text, store) {
  const tracked = key === KEYS.points;
  const s = getStore(store);
  if (!s) return { ok: false, reason: "unavailable" };
  try {
    const known = seenOf(s);
    const now = s.getItem(key);
    if (tracked && known.has(key) && now !== null && now !== known.get(key) && now !== text) {
      return { ok: false, reason: "conflict", detail: "another tab saved this since" };
    }
    s.setItem(key, text);
    if (tracked) known.set(key, text);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: isQuotaError(err) ? "quota" : "error", detail: String(err) };
  }
}

function write(key, payload, store) {
  let text;
  try {
    text = JSON.stringify(payload);
  } catch (err) {
    return report(key, { ok: false, reason: "invalid", detail: String(err) });
  }
  return report(key, put(key, text, store));
}

/** The stored text of key, or null (nothing stored, or no storage). */
export function readRaw(key, store) {
  const s = getStore(store);
  try {
    return s ? s.getItem(key) : null;
  } catch {
    return null;
  }
}

/** readRaw, and the points read become "seen": this tab's next write may replace them. */
function readSeen(key, store) {
  const text = readRaw(key, store);
  const s = getStore(store);
  if (s && key === KEYS.points) seenOf(s).set(key, text);
  return text;
}

function missingOr(key, store) {
  const s = getStore(store);
  if (!s) return { value: null, reason: "unavailable" };
  try {
    s.getItem(key);
  } catch (err) {
    return { value: null, reason: "unavailable", detail: String(err) };
  }
  return { value: null, reason: "missing" };
}

const reasonOf = (problem) => (problem === "corrupt" ? "corrupt" : "invalid");

/** [[x1, x2, label], ...] from nested arrays or a flat n*3 typed array; null if malformed. */
export function normalizePoints(points) {
  if (ArrayBuffer.isView(points)) {
    const flat = /** @type {Float64Array} */ (points);
    if (flat.length % 3 !== 0) return null;
    const out = new Array(flat.length / 3);
    for (let k = 0; k < out.length; k++) out[k] = [flat[3 * k], flat[3 * k + 1], flat[3 * k + 2]];
    return normalizePoints(out);
  }
  if (!Array.isArray(points)) return null;
  const out = new Array(points.length);
  for (let k = 0; k < points.length; k++) {
    const p = points[k];
    if (!Array.isArray(p) || p.length !== 3) return null;
    const [x1, x2, label] = p;
    if (![x1, x2, label].every((v) => typeof v === "number" && Number.isFinite(v))) return null;
    out[k] = [x1, x2, label];
  }
  return out;
}

export function savePoints(points, store) {
  const rows = normalizePoints(points);
  if (!rows) return { ok: false, reason: "invalid", detail: "points must be [[x1, x2, label], ...]" };
  if (rows.length > MAX_POINTS) return report(KEYS.points, { ok: false, reason: "too-large" });
  return write(KEYS.points, { v: FORMAT_VERSION, points: rows }, store);
}

export function loadPoints(store) {
  const text = readSeen(KEYS.points, store);
  if (text === null) return missingOr(KEYS.points, store);
  const { rows, dropped, problem } = readPoints(text);
  if (problem) return { value: null, reason: reasonOf(problem), detail: PROBLEMS[problem] };
  return dropped ? { value: rows, reason: null, dropped } : { value: rows, reason: null };
}

function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function saveSettings(settings, store) {
  if (!isPlainObject(settings)) return { ok: false, reason: "invalid", detail: "settings must be an object" };
  return write(KEYS.settings, { v: FORMAT_VERSION, settings }, store);
}

export function loadSettings(store) {
  const text = readRaw(KEYS.settings, store);
  if (text === null) return missingOr(KEYS.settings, store);
  const { settings, problem } = readSettings(text);
  if (problem) return { value: null, reason: reasonOf(problem), detail: PROBLEMS[problem] };
  return { value: settings, reason: null };
}

export function clearStored(store) {
  const s = getStore(store);
  if (!s) return { ok: false, reason: "unavailable" };
  try {
    s.removeItem(KEYS.points);
    s.removeItem(KEYS.settings);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: "error", detail: String(err) };
  }
}

function remove(key, store) {
  const s = getStore(store);
  try {
    s?.removeItem(key);
  } catch {
    // nothing to do: the record stays where it is
  }
}

/** Keep a record this page cannot read as it is, under <key>:aside. */
export const setAside = (key, text, store) => put(asideKey(key), text, store);
export const clearAside = (key, store) => remove(asideKey(key), store);

/** Keep the records a link is about to replace (texts, as readRaw gave them). */
export function keepPrevious({ points, settings }, store) {
  const out = [];
  for (const [key, text] of [[KEYS.points, points], [KEYS.settings, settings]]) {
    if (text === null) remove(previousKey(key), store);
    else out.push(put(previousKey(key), text, store));
  }
  return out.find((r) => !r.ok) || { ok: true };
}

export function loadPrevious(store) {
  const s = getStore(store);
  try {
    return { points: s?.getItem(previousKey(KEYS.points)) ?? null, settings: s?.getItem(previousKey(KEYS.settings)) ?? null };
  } catch {
    return { points: null, settings: null };
  }
}

export function clearPrevious(store) {
  remove(previousKey(KEYS.points), store);
  remove(previousKey(KEYS.settings), store);
}

/** This tab has seen the stored points: its next write may replace them. */
export const acknowledge = (store) => void readSeen(KEYS.points, store);
