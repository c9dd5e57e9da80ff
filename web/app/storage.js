// @ts-check
// Mirror the drawn points and the settings into localStorage, so a reload (or a crashed engine)
// never loses what the user drew. Nothing here throws: private mode, a full quota, corrupt or
// foreign JSON all come back as {ok: false | value: null, reason}.
//
// Keys (versioned; a future format gets v2 keys and ignores these):
//   bp-playground:v1:points    {"v": 1, "points": [[x1, x2, label], ...]}
//   bp-playground:v1:settings  {"v": 1, "settings": {...}}
//
// API (every function takes an optional `store` with the Storage interface, for tests)
//   savePoints(points, store?)   -> {ok: true} | {ok: false, reason}
//       points: [[x1, x2, label], ...] or a flat Float64Array n*3 (the engine's format)
//   loadPoints(store?)           -> {value: [[x1, x2, label], ...], reason: null}
//                                 | {value: null, reason}
//   saveSettings(settings, store?) / loadSettings(store?)   same shapes; settings is a plain
//       object (validate it with link.js sanitizeSettings after loading: this module only
//       checks that it is an object)
//   clearStored(store?)          -> {ok, reason}   removes both keys
// reason is one of: "missing" (nothing stored), "unavailable" (no localStorage, or access
// denied), "corrupt" (not JSON), "invalid" (JSON of the wrong shape), "quota" (storage full),
// "too-large" (more than MAX_POINTS points), "error" (anything else), with `detail` text.

import { MAX_POINTS } from "../domain/settings.js";

export const KEYS = Object.freeze({
  points: "bp-playground:v1:points",
  settings: "bp-playground:v1:settings",
});
export const FORMAT_VERSION = 1;
export { MAX_POINTS };

function getStore(store) {
  if (store) return store;
  try {
    return globalThis.localStorage || null; // the getter itself throws when storage is blocked
  } catch {
    return null;
  }
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

function write(key, payload, store) {
  const s = getStore(store);
  if (!s) return { ok: false, reason: "unavailable" };
  let text;
  try {
    text = JSON.stringify(payload);
  } catch (err) {
    return { ok: false, reason: "invalid", detail: String(err) };
  }
  try {
    s.setItem(key, text);
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: isQuotaError(err) ? "quota" : "error", detail: String(err) };
  }
}

function read(key, store) {
  const s = getStore(store);
  if (!s) return { value: null, reason: "unavailable" };
  let text;
  try {
    text = s.getItem(key);
  } catch (err) {
    return { value: null, reason: "unavailable", detail: String(err) };
  }
  if (text === null || text === undefined) return { value: null, reason: "missing" };
  try {
    const value = JSON.parse(text);
    if (value === null || typeof value !== "object") {
      return { value: null, reason: "invalid", detail: "not a JSON object" };
    }
    return { value, reason: null };
  } catch (err) {
    return { value: null, reason: "corrupt", detail: String(err) };
  }
}

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
  if (rows.length > MAX_POINTS) return { ok: false, reason: "too-large" };
  return write(KEYS.points, { v: FORMAT_VERSION, points: rows }, store);
}

export function loadPoints(store) {
  const got = read(KEYS.points, store);
  if (got.value === null) return got;
  const doc = got.value;
  if (!doc || typeof doc !== "object" || doc.v !== FORMAT_VERSION) {
    return { value: null, reason: "invalid", detail: "not a v1 points record" };
  }
  const rows = normalizePoints(doc.points);
  if (!rows) return { value: null, reason: "invalid", detail: "points must be [[x1, x2, label], ...]" };
  if (rows.length > MAX_POINTS) return { value: null, reason: "too-large" };
  return { value: rows, reason: null };
}

function isPlainObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function saveSettings(settings, store) {
  if (!isPlainObject(settings)) return { ok: false, reason: "invalid", detail: "settings must be an object" };
  return write(KEYS.settings, { v: FORMAT_VERSION, settings }, store);
}

export function loadSettings(store) {
  const got = read(KEYS.settings, store);
  if (got.value === null) return got;
  const doc = got.value;
  if (!isPlainObject(doc) || doc.v !== FORMAT_VERSION || !isPlainObject(doc.settings)) {
    return { value: null, reason: "invalid", detail: "not a v1 settings record" };
  }
  return { value: doc.settings, reason: null };
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
