// @ts-check
// The page's languages: which one a visitor gets, and a message catalogue's lookup. Pure: the
// caller hands in what the browser says (navigator.languages, the URL's `lang`, the remembered
// choice). The catalogues are domain/messages/<lang>.js, plain objects with the same keys:
// English is always here; another one is handed in (register) once it has loaded.
//
// A message is a whole sentence with named places: "{label} must be between {lo} and {hi}".
// Numbers put into it are written by Intl.NumberFormat in the page's language; a message that
// depends on a count is an object of plural forms ({one, other}; Chinese has only `other`),
// chosen by Intl.PluralRules on params.count. Sentences are never glued from fragments.

import EN from "./messages/en.js";

/** @typedef {"en" | "zh-CN"} Lang */
/** @type {Lang[]} */
export const LANGUAGES = ["en", "zh-CN"];
/** The catalogues loaded, by BCP 47 tag (read them; register() adds one). English is the
 * fallback for a missing key.
 * @type {Partial<Record<Lang, Record<string, any>>>} */
export const CATALOGUES = { en: EN };
export const DEFAULT_LANG = "en";
/** The remembered choice's localStorage key (its own: the settings' storage never sees it). */
export const STORAGE_KEY = "bp-playground.lang";

/**
 * A language tag -> one of ours, or null. Every Chinese tag gets zh-CN: the page has only
 * Simplified Chinese, and a reader of Traditional Chinese (zh-TW, zh-HK, zh-Hant) reads it far
 * more easily than English. Every English tag gets en. Anything else: null (not ours).
 * @param {unknown} tag @returns {Lang | null}
 */
export function supported(tag) {
  if (typeof tag !== "string") return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === "zh") return "zh-CN";
  if (primary === "en") return "en";
  return null;
}

/**
 * The page's language. In order: `lang` from the URL (forces one; a link shared without it
 * opens in the reader's language), the visitor's remembered choice, the browser's list
 * (navigator.languages, most preferred first: the first one we have wins), English.
 * @param {{url?: string | null, remembered?: string | null, browser?: readonly string[]}} said
 * @returns {Lang}
 */
export function negotiate({ url = null, remembered = null, browser = [] } = {}) {
  for (const tag of [url, remembered, ...browser]) {
    const lang = supported(tag);
    if (lang) return lang;
  }
  return DEFAULT_LANG;
}

/** `lang` from a URL's query string ("?lang=zh"), or null. Never throws: a value that is not
 * valid percent-encoding ("%", "%zz") comes back as written (supported() then refuses it).
 * @param {string} search */
export function langFromQuery(search) {
  const m = /[?&]lang=([^&#]*)/.exec(search || "");
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return m[1];
  }
}

/** @type {Map<string, ReturnType<typeof makeTranslator>>} */
const made = new Map();

/** A language's catalogue, once loaded (the page: domain/messages/<lang>.js imported when that
 * language is first needed). @param {Lang} lang @param {Record<string, any>} catalogue */
export function register(lang, catalogue) {
  CATALOGUES[lang] = catalogue;
  made.delete(lang);
}

/** Whether a language's catalogue is here (one not yet loaded speaks English meanwhile).
 * @param {string} lang */
export const registered = (lang) => Object.hasOwn(CATALOGUES, supported(lang) || DEFAULT_LANG);

/**
 * The translator of a language, made once (its Intl formatters are not cheap, and every frame
 * and every bp.snapshot() asks): t(key, params) -> the message with its places filled. A missing
 * key falls back to English, then to the key itself (a test checks none is missing).
 * @param {string} lang
 */
export function translator(lang) {
  let t = made.get(lang);
  if (!t) {
    t = makeTranslator(lang);
    if (registered(lang)) made.set(lang, t); // not kept: English words for a catalogue on its way
  }
  return t;
}

/**
 * @param {string} lang
 * @returns {{lang: Lang, t: (key: string, params?: Record<string, unknown>) => string,
 *   has: (key: string) => boolean, number: (x: number, opts?: Intl.NumberFormatOptions) => string}}
 */
function makeTranslator(lang) {
  const code = /** @type {Lang} */ (supported(lang) || DEFAULT_LANG);
  const en = EN;
  const own = CATALOGUES[code] || en;
  const numbers = new Intl.NumberFormat(code, { maximumFractionDigits: 20 });
  const plurals = new Intl.PluralRules(code);
  /** @param {number} x @param {Intl.NumberFormatOptions} [opts] */
  const number = (x, opts) => (opts ? new Intl.NumberFormat(code, opts).format(x) : numbers.format(x));
  const has = (/** @type {string} */ key) => Object.hasOwn(own, key) || Object.hasOwn(en, key);
  /** @param {string} key @param {Record<string, unknown>} [params] */
  function t(key, params = {}) {
    let msg = Object.hasOwn(own, key) ? own[key] : Object.hasOwn(en, key) ? en[key] : key;
    if (msg && typeof msg === "object") {
      const n = Number(params.count);
      msg = msg[plurals.select(n)] ?? msg.other;
    }
    return fill(String(msg), params, number);
  }
  return { lang: code, t, has, number };
}

/**
 * "{name}" -> params.name: numbers through the language's number format, strings as they are;
 * an unknown place stays visible ("{name}"), so a mistake shows instead of vanishing.
 * @param {string} msg @param {Record<string, unknown>} params @param {(x: number) => string} number
 */
function fill(msg, params, number) {
  return msg.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!Object.hasOwn(params, name)) return whole;
    const v = params[name];
    return typeof v === "number" && Number.isFinite(v) ? number(v) : String(v);
  });
}

/** The names of the places in a message (tests: both languages use the same ones).
 * @param {string | Record<string, string>} msg @returns {string[]} */
export function placesOf(msg) {
  const texts = typeof msg === "string" ? [msg] : Object.values(msg);
  const names = new Set();
  for (const text of texts) for (const m of text.matchAll(/\{(\w+)\}/g)) names.add(m[1]);
  return [...names].sort();
}

// ------------------------------------------------------------------ messages as data

/**
 * What the store keeps for a notice: text already in words (a string), or a message to say in
 * the page's language: {key, params}, or an error as the engine and the page's own checks give
 * it: {code, field?, message?, ...params}. Kept as data, so switching the language re-says it.
 * @typedef {string | {key: string, params?: Record<string, unknown>} |
 *   {code: string, field?: string, message?: string, [k: string]: unknown}} Message
 */

/** A page message {key, params}. @param {string} key @param {Record<string, unknown>} [params] */
export const msg = (key, params = {}) => ({ key, params });

/** Params that are messages themselves (a file's error inside "{file}: {reason} ...") said
 * first. @param {ReturnType<typeof translator>} tr @param {Record<string, unknown>} params */
function nested(tr, params) {
  const out = { ...params };
  for (const [k, v] of Object.entries(params)) if (v && typeof v === "object" && !Array.isArray(v)) out[k] = say(tr, /** @type {Message} */ (v));
  return out;
}

/** A number range error's key: which ends are open decides the words. @param {Record<string, any>} e */
function rangeKey(e) {
  if (e.lo_open && e.hi_open) return "error.range_open";
  if (e.lo_open) return "error.range_lo_open";
  if (e.hi_open) return "error.range_hi_open";
  return "error.range";
}

/**
 * A message in words, in the translator's language. An error names its field by the label the
 * user sees (`field.<name>`); parameters that are choices (a loss, a data set) by their display
 * names; an error whose code the catalogue lacks falls back to the engine's English text.
 * @param {ReturnType<typeof translator>} tr @param {Message | null | undefined} m
 */
export function say(tr, m) {
  if (m === null || m === undefined) return "";
  if (typeof m === "string") return m;
  if ("key" in m && typeof m.key === "string") return tr.t(m.key, nested(tr, /** @type {Record<string, unknown>} */ (m.params || {})));
  const e = /** @type {Record<string, any>} */ (m);
  const key = e.code === "range" ? rangeKey(e) : `error.${e.code}`;
  if (!e.code || !tr.has(key)) return e.message ? tr.t("error.engine", { message: e.message }) : String(e.code || "");
  const params = { ...e };
  if (e.field) params.label = tr.has(`field.${e.field}`) ? tr.t(`field.${e.field}`) : e.field;
  for (const name of ["loss", "choice", "problem"]) {
    if (typeof e[name] === "string" && tr.has(`choice.${e[name]}`)) params[name] = tr.t(`choice.${e[name]}`);
  }
  if (Array.isArray(e.choices)) params.choices = e.choices.map((c) => (tr.has(`choice.${c}`) ? tr.t(`choice.${c}`) : c)).join(tr.t("list.separator"));
  return tr.t(key, params);
}
