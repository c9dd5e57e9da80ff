// @ts-check
// A link decoder's notices: {code, params}, as bpcore/link/notices.py gives them (the codes
// and their endings are generated: LINK_NOTICES, LINK_THEN), and the catalogue message that
// says one in the page's language (keys `link.<code>`, `link.then_<then>`). Pure: no DOM.
//
// params: `then` says what the decoder did instead ("defaults": the whole link is unusable,
// "not_replayed", "default" with the setting's `default`, "dropped", "auto"); `field` (and
// `index` for a list entry) names a setting; `got` is the link's value as shown (a quoted,
// shortened string; a number as String() writes it; {list: n} or {object: 0}).

import { msg } from "./i18n.js";
import { LINK, LINK_NOTICES, LINK_THEN } from "./settings.js";

/** @typedef {{code: string, params: Record<string, any>}} Notice */
/** A message as domain/i18n.js says it (no type import here: tests/browser/test_link_js.py
 * keeps every dynamic-looking import out of the link modules).
 * @typedef {{key: string, params?: Record<string, unknown>} | string} Message */

const CODES = new Set(LINK_NOTICES);
const THENS = new Set(LINK_THEN);

/** A number in a notice, as bpcore's fmt writes it. @param {number} x */
export function numberText(x) {
  return Object.is(x, -0) ? "0" : String(x);
}

/** A value from a link as a notice's `got` (never executed or parsed). @param {unknown} v */
export function show(v) {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return numberText(v);
  if (typeof v === "string") {
    const max = LINK.MAX_SHOWN;
    const cps = Array.from(v.length > 4 * max ? v.slice(0, 4 * max + 2) : v);
    const long = cps.length > max || v.length > 4 * max + 2;
    return `"${cps.slice(0, max).join("")}${long ? "…" : ""}"`;
  }
  if (Array.isArray(v)) return { list: v.length };
  return { object: 0 };
}

/** The notices of one decode: add(code, params), then(ending, params) on the last, done(). */
export function notes() {
  /** @type {Notice[]} */
  const list = [];
  return {
    list,
    /** @param {string} code @param {Record<string, any>} [params] */
    add(code, params = {}) {
      if (!CODES.has(code)) throw new Error(`not a link notice code: ${code}`); // a typo here
      list.push({ code, params });
    },
    /** @param {string} then @param {Record<string, any>} [params] */
    then(then, params = {}) {
      if (!THENS.has(then)) throw new Error(`not a link notice ending: ${then}`);
      const last = list[list.length - 1];
      last.params = { ...last.params, then, ...params };
    },
    /** -> at most MAX_NOTICES, the last then saying how many more. */
    done() {
      const max = LINK.MAX_NOTICES;
      if (list.length <= max) return list.slice();
      return [...list.slice(0, max - 1), { code: "more_problems", params: { count: list.length - max + 1 } }];
    },
  };
}

/** The notices saying the link could not be used at all. @param {Notice[]} notices */
export const fellBack = (notices) => notices.filter((n) => n.params.then === "defaults");

// ---------------------------------------------------------------- said in the page's language

/** A setting's default as the notice shows it. @param {unknown} d */
function defaultText(d) {
  if (Array.isArray(d)) return d.length ? d.map((x) => (typeof x === "number" ? numberText(x) : String(x))).join(",") : msg("link.none");
  if (typeof d === "number") return numberText(d);
  return typeof d === "string" ? d : String(d);
}

/** One notice -> the catalogue message that says it. @param {Notice} n */
export function noticeMessage(n) {
  const p = n.params;
  /** @type {Record<string, unknown>} */
  const params = { ...p };
  if ("field" in p) params.name = "index" in p ? `${p.field}[${p.index}]` : p.field;
  if (p.got && typeof p.got === "object") params.got = "list" in p.got ? msg("link.got_list", { count: p.got.list }) : msg("link.got_object");
  if (Array.isArray(p.choices)) params.choices = p.choices.join(", ");
  if (Array.isArray(p.reads)) Object.assign(params, { first: p.reads.slice(0, -1).join(", "), last: p.reads.at(-1) });
  if (p.problem === "classification" || p.problem === "regression") params.problem = msg(`link.problem_${p.problem}`);
  const clause = msg(`link.${n.code}`, params);
  if (!p.then) return clause;
  return msg(`link.then_${p.then}`, { notice: clause, default: defaultText(p.default) });
}

/** A link's notices, one message each (a notice box shows them as a list; none: []).
 * @param {Notice[]} notices @returns {Message[]} */
export const noticesMessages = (notices) => notices.map(noticeMessage);
