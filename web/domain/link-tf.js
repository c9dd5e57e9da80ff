// @ts-check
// TensorFlow Playground links, read as ours: bpcore/link/tfplay.py's twin (the mapping itself,
// TF_LINK, is generated from it; tests/tf_link_vectors.json holds both to the same results).
// TF keeps its state in the fragment as `key=value` pairs joined by `&`, values not URL-encoded:
// a key without `=` is ignored, a later key wins, a boolean is true for any value but "false",
// a missing key takes TF's default. The result is raw settings under our names, which the link's
// lenient repair reads like any link's, and what the link holds in vain, named in one notice.

import { crc32 } from "./link-bytes.js";
import { CLASSROOM, SETTINGS, TF_LINK } from "./settings.js";

const KEY = /^[A-Za-z][A-Za-z0-9_]*=/;
const NUMBER = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SEED_MAX = /** @type {number} */ (SETTINGS.get("seed")?.hi);
const SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g; // Python's str.strip() of ASCII white space, as the number test needs

/** Is this fragment (the text after '#') a TF Playground state rather than one of ours? @param {string} frag */
export const isTfLink = (frag) => KEY.test(frag);

/** 'a=1&b=2' -> Map {a: '1', b: '2'} in the link's order (a later key wins, keeping its first place). @param {string} frag */
export function pairs(frag) {
  const out = new Map();
  for (const part of frag.split("&")) {
    if (!part.includes("=")) continue;
    const [name, value] = part.split("=");
    out.set(name, value);
  }
  return out;
}

/** Plain decimals are numbers; anything else stays text, so the repair names it. @param {string} text */
const number = (text) => (NUMBER.test(text.replace(SPACE, "")) ? Number(text.replace(SPACE, "")) : text);
const isTrue = (/** @type {string | undefined} */ text) => text !== "false";

/** TF's seed is any string; ours 0..2**31-1: a decimal in range is itself, else its CRC-32's low 31 bits. @param {string} text */
export function seedOf(text) {
  if (/^[0-9]{1,10}$/.test(text) && Number(text) <= SEED_MAX) return Number(text);
  return (crc32(new TextEncoder().encode(text)) & SEED_MAX) >>> 0;
}

/** @param {string} key @param {string} value */
function shown(key, value) {
  const cps = Array.from(value);
  return `${key}=${cps.length <= TF_LINK.maxShown ? value : cps.slice(0, TF_LINK.maxShown).join("") + "…"}`;
}

/**
 * A TF fragment -> {raw settings by our names, hide: the controls it hides (link-classroom.js names), ignored: what
 * it holds in vain (keys, or key=value for a value TF ignores too), problem}.
 * @param {string} frag
 */
export function tfState(frag) {
  const kv = pairs(frag);
  /** @type {Record<string, unknown>} */
  const raw = {};
  /** @type {string[]} */
  const ignored = [];
  /** TF keeps its default for an unknown value: so do we, and say so. @param {string} key @param {Record<string, string>} table */
  const choice = (key, table) => {
    const v = kv.get(key);
    if (v !== undefined && !Object.hasOwn(table, v)) ignored.push(shown(key, v));
    return v !== undefined && Object.hasOwn(table, v) ? table[v] : undefined;
  };
  const problem = choice("problem", { classification: "classification", regression: "regression" });
  const regression = problem === "regression";
  const act = choice("activation", Object.fromEntries(TF_LINK.activations.map((a) => [a, a])));
  if (act) raw.activation = [act];
  const reg = choice("regularization", TF_LINK.regularization);
  if (reg !== undefined) raw.reg = reg;
  const data = regression ? choice("regDataset", TF_LINK.regDatasets) : choice("dataset", TF_LINK.datasets);
  raw.dataset = data || (regression ? "plane" : "circle");
  for (const [tf, ours] of Object.entries(TF_LINK.numbers)) if (kv.has(tf)) raw[ours] = number(/** @type {string} */ (kv.get(tf)));
  for (const [tf, ours] of Object.entries(TF_LINK.bools)) if (kv.has(tf)) raw[ours] = isTrue(kv.get(tf));
  if (kv.has("networkShape")) {
    const shape = /** @type {string} */ (kv.get("networkShape"));
    raw.layers = shape === "" ? [] : shape.split(",").map(number);
  }
  if (kv.has("seed")) raw.seed = raw.data_seed = seedOf(/** @type {string} */ (kv.get("seed")));
  raw.init = isTrue(kv.get("initZero") ?? "false") ? TF_LINK.initZero : TF_LINK.init;
  const on = (/** @type {string} */ tf) => (kv.has(tf) ? isTrue(kv.get(tf)) : tf === "x" || tf === "y");
  raw.features = Object.entries(TF_LINK.features).filter(([tf]) => on(tf)).map(([, ours]) => ours);
  const suffix = TF_LINK.hideSuffix;
  const hideable = /** @type {readonly string[]} */ (CLASSROOM.hideable);
  const hidden = new Set(isTrue(kv.get("hideText") ?? "false") ? [CLASSROOM.tfText] : []);
  for (const [k, v] of kv) {
    const name = k.endsWith(suffix) ? k.slice(0, -suffix.length) : null;
    let vain;
    if (TF_LINK.noEquivalent.includes(k)) vain = isTrue(v) && v !== "";
    else if (name !== null) { // TF hides `.ui-<name>`, and nothing for a name it lacks
      vain = isTrue(v) && !hideable.includes(name);
      if (isTrue(v) && hideable.includes(name)) hidden.add(name);
    } else vain = !TF_LINK.known.includes(k);
    if (vain) ignored.push(k);
  }
  const hide = hideable.filter((h) => hidden.has(h));
  return { raw, hide, ignored, problem: regression ? "regression" : "classification" };
}

/**
 * The one notice of a TF link (its loss), then the one naming what it holds in vain.
 * @param {{add: (code: string, params?: Record<string, unknown>) => void}} note
 * @param {string[]} ignored @param {string} problem
 */
export function tfNotices(note, ignored, problem) {
  note.add(problem === "classification" ? "tf_link" : "tf_link_regression");
  if (ignored.length) {
    const named = ignored.slice(0, TF_LINK.maxNamed).concat(ignored.length > TF_LINK.maxNamed ? ["…"] : []);
    note.add("tf_ignored", { keys: named.join(", ") });
  }
}
