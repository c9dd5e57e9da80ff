// @ts-check
// A link's comparison (bpcore/link/comparepart.py, the same rules and notices): the payload
// key "compare" holds run B's own settings {name: value}, only settings of COMPARE_KEYS, each
// exactly a valid value, written in COMPARE_KEYS order; {} is a B that is A's clone. A part
// that cannot be used is dropped whole with one notice (then: no_compare); A's part of the link
// stays as it is. Part of web/domain/link.js. Pure: no DOM.

import { notes, show } from "./link-notices.js";
import { between, fields } from "./link-sanitize.js";
import { LINK } from "./settings.js";

export const COMPARE_KEY = "compare";
/** The settings run B may change (bpcore/compare.py). @type {string[]} */
export const COMPARE_KEYS = LINK.COMPARE_KEYS;

const same = (/** @type {unknown} */ a, /** @type {unknown} */ b) => JSON.stringify(a) === JSON.stringify(b);

/** The compare part against A's (valid) settings -> [code, params] of why it is unusable, or
 * null. @param {unknown} part @param {Record<string, any>} a @returns {[string, Record<string, any>] | null} */
export function compareProblem(part, a) {
  if (typeof part !== "object" || part === null || Array.isArray(part)) return ["compare_not_object", { got: show(part) }];
  const o = /** @type {Record<string, unknown>} */ (part);
  for (const key of Object.keys(o)) {
    if (!COMPARE_KEYS.includes(key)) return ["compare_setting", { got: show(key) }];
    const note = notes();
    const { out } = fields({ [key]: o[key] }, note);
    if (note.list.length || !same(out[key], o[key])) return ["compare_value", { field: key, got: show(o[key]) }];
  }
  const note = notes();
  between({ ...structuredClone(a), ...structuredClone(o) }, new Set(Object.keys(o)), note);
  return note.list.length ? ["compare_fit", {}] : null;
}

/** B's overrides in COMPARE_KEYS order, canonical values. @param {Record<string, unknown>} part */
function canonical(part) {
  const { out } = fields(part, notes());
  return Object.fromEntries(COMPARE_KEYS.filter((k) => Object.hasOwn(part, k)).map((k) => [k, out[k]]));
}

/** The payload object's compare part -> B's overrides, or null (none, or dropped with a notice).
 * @param {Record<string, any>} raw @param {Record<string, any>} a A's settings
 * @param {{add: (code: string, params?: Record<string, any>) => void}} note */
export function comparePart(raw, a, note) {
  if (!Object.hasOwn(raw, COMPARE_KEY)) return null;
  const why = compareProblem(raw[COMPARE_KEY], a);
  if (why) { note.add(why[0], { ...why[1], then: "no_compare" }); return null; }
  return canonical(raw[COMPARE_KEY]);
}

/** -> the part as the payload holds it, or null; throws RangeError for an invalid one (as
 * bpcore's encode_link raises). @param {unknown} part @param {Record<string, any>} a */
export function checkCompare(part, a) {
  if (part == null) return null;
  const why = compareProblem(part, a);
  if (why) throw new RangeError(`compare: ${why[0]} ${JSON.stringify(why[1])}`);
  return canonical(/** @type {Record<string, unknown>} */ (part));
}
