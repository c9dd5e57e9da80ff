// @ts-check
// The lab's content (web/lab/: the exercises in order, and per language their titles,
// statements, hints, starter code and the checker's sentences) as the panel reads it: one
// LabContent per language (views/lab.js), the starter code for the actions (app/lab.js).
// Part of the lab's lazy chunk: both languages' content is small beside CodeMirror.

import { translator } from "../domain/i18n.js";
import { EXERCISES } from "../lab/exercises.js";
import EN from "../lab/en.js";
import ZH_CN from "../lab/zh-CN.js";

const BY_LANG = /** @type {Record<string, any>} */ ({ en: EN, "zh-CN": ZH_CN });

/** The exercises' ids in order. */
export const IDS = EXERCISES.map((/** @type {any} */ e) => e.id);
/** Which exercises have a part that can be plugged into training. */
export const PLUGS = Object.fromEntries(EXERCISES.map((/** @type {any} */ e) => [e.id, Boolean(e.plug)]));

/** "{name}" -> params.name, numbers in the language's format (as domain/i18n.js fills). */
function filler(/** @type {string} */ lang) {
  const t = translator(lang);
  /** @param {unknown} v */
  const show = (v) => {
    if (typeof v === "number") return Number.isFinite(v) ? t.number(v, { maximumSignificantDigits: 6 }) : String(v);
    if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
    return String(v);
  };
  return (/** @type {string} */ text, /** @type {Record<string, unknown>} */ params) =>
    text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(params, name) ? show(params[name]) : whole));
}

/** @param {unknown} x @returns {string[]} */
const paragraphs = (x) => (Array.isArray(x) ? x.map(String) : String(x ?? "").split(/\n\s*\n/).filter(Boolean));

/**
 * The content in a language (English where it has none).
 * @param {string} lang @returns {import("./lab.js").LabContent}
 */
export function contentIn(lang) {
  const own = BY_LANG[lang] || EN;
  const ex = (/** @type {string} */ id) => own.exercises[id] || EN.exercises[id] || {};
  const fill = filler(lang);
  return {
    title: (id) => String(ex(id).title ?? id),
    statement: (id) => paragraphs(ex(id).statement),
    hints: (id) => paragraphs(ex(id).hints ?? []),
    starter: (id) => String(ex(id).starter ?? ""),
    say: (key, params = {}) => {
      const text = own.messages?.[key] ?? EN.messages?.[key];
      return typeof text === "string" ? fill(text, params) : ""; // none: the panel says it in general words
    },
  };
}

/** The starter code of an exercise in a language. @param {string} id @param {string} lang */
export const starterIn = (id, lang) => contentIn(lang).starter(id);
