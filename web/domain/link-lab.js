// @ts-check
// A share link's lab part (as bpcore/link/labpart.py): the exercise shown in the Python lab
// and its code, and whether the run trained with that code plugged in. In the payload JSON:
// "lab": {"exercise": id, "code": text[, "plugged": true]}. Nothing here runs the code: the
// page shows it and runs it only when the user presses Run (or consents to plug it in).
// An unusable part is dropped with one notice; as it may have been a plugged run, the training
// is then dropped too (epoch 0). Pure: no DOM.
//
//   labProblem(lab) -> [code, params] | null      codeBytes(code) -> number | null
//   labPart(raw, trained, note) -> {lab, trained}  checkLab(lab) -> payload part | null (throws)

import { show } from "./link-notices.js";
import { LINK } from "./settings.js";

export const LAB_KEY = "lab";
export const { MAX_CODE_BYTES } = LINK;
const PLUGS = /** @type {Record<string, boolean>} */ (LINK.LAB_PLUGS);
/** The lab's exercise ids in order (an exercise's number is its place + 1). */
export const LAB_IDS = Object.keys(PLUGS);

/** @typedef {{exercise: string, code: string, plugged: boolean}} LinkLab */

/** The code's UTF-8 size, or null when it is not well-formed text (a lone surrogate).
 * @param {string} code */
export const codeBytes = (code) => (/\p{Cs}/u.test(code) ? null : new TextEncoder().encode(code).length);

/** Does this code travel in a link (MAX_CODE_BYTES of UTF-8)? @param {string} code */
export const codeFits = (code) => {
  const n = codeBytes(code);
  return n !== null && n <= MAX_CODE_BYTES;
};

/** @param {Record<string, unknown>} o @param {string} k @param {unknown} missing */
const own = (o, k, missing) => (Object.hasOwn(o, k) ? o[k] : missing);

/** The payload's lab part -> [code, params] of why it is unusable, or null.
 * @param {unknown} lab @returns {[string, Record<string, any>] | null} */
export function labProblem(lab) {
  if (typeof lab !== "object" || lab === null || Array.isArray(lab)) return ["lab_not_object", { got: show(lab) }];
  const o = /** @type {Record<string, unknown>} */ (lab);
  const ex = own(o, "exercise", null);
  const code = own(o, "code", null);
  const plugged = own(o, "plugged", false);
  if (typeof ex !== "string" || !Object.hasOwn(PLUGS, ex)) return ["lab_exercise", { got: show(ex) }];
  if (typeof code !== "string") return ["lab_code", { got: show(code) }];
  const size = codeBytes(code);
  if (size === null) return ["lab_code_text", {}];
  if (size > MAX_CODE_BYTES) return ["lab_code_long", { bytes: size, max: MAX_CODE_BYTES }];
  if (plugged !== false && (plugged !== true || !PLUGS[ex])) return ["lab_plugged", { got: show(plugged), exercise: ex }];
  return null;
}

/** The payload object's lab part -> {lab: LinkLab | null, trained}: an unusable part is
 * dropped with one notice, and with it the training (it may have been plugged).
 * @param {Record<string, any>} raw @param {{epoch: number, edits: any[]}} trained
 * @param {{add: (code: string, params?: Record<string, any>) => void}} note
 * @returns {{lab: LinkLab | null, trained: {epoch: number, edits: any[]}}} */
export function labPart(raw, trained, note) {
  if (!Object.hasOwn(raw, LAB_KEY)) return { lab: null, trained };
  const why = labProblem(raw[LAB_KEY]);
  if (why) {
    const had = trained.epoch || trained.edits.length;
    note.add(why[0], { ...why[1], then: had ? "not_replayed" : "no_code" });
    return { lab: null, trained: { epoch: 0, edits: [] } };
  }
  const l = raw[LAB_KEY];
  return { lab: { exercise: l.exercise, code: l.code, plugged: own(l, "plugged", false) === true }, trained };
}

/** -> the lab part as the payload holds it, or null; throws RangeError for an invalid one
 * (as bpcore's encode_link raises). @param {Partial<LinkLab> | null | undefined} lab */
export function checkLab(lab) {
  if (lab == null) return null;
  const part = { exercise: lab.exercise, code: lab.code, plugged: Boolean(lab.plugged) };
  const why = labProblem(part);
  if (why) throw new RangeError(`lab: ${why[0]} ${JSON.stringify(why[1])}`);
  return part.plugged ? { exercise: part.exercise, code: part.code, plugged: true } : { exercise: part.exercise, code: part.code };
}
