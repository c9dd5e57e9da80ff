// @ts-check
// Share links, format v2: settings, drawn points and the training so far <-> "v2.<base64url>"
// (same as bpcore/link/; every number, limit, rule table and notice code it shares with bpcore
// comes from the generated web/domain/settings.js, and tests/link_vectors.json holds both
// codecs to the same results, notices included).
//
// The byte layout is in docs/ARCHITECTURE.md, "Share links (format v2)": base64url (no padding)
// of `deflate-raw(settings JSON [0x00 points block]) + CRC-32 of those bytes (4, big endian)`;
// the JSON also holds the training to replay ("epoch", "edits"). A bad link gives the nearest
// valid state plus one notice {code, params} per thing ignored or changed (link-notices.js says
// them in the page's language). Nothing from a link is ever executed or parsed as markup.

import { b64url, crc32, pipe, unb64url } from "./link-bytes.js";
import { GOAL_KEY, HIDE_KEY, checkClassroom, goalPart, hidePart } from "./link-classroom.js";
import { COMPARE_KEY, checkCompare, comparePart } from "./link-compare.js";
import { LAB_KEY, checkLab, labPart } from "./link-lab.js";
import { fellBack, notes, show } from "./link-notices.js";
import { packPoints, parsePoints, pointRules, quantizePoints } from "./link-points.js";
import { between, fields } from "./link-sanitize.js";
import { isTfLink, tfNotices, tfState } from "./link-tf.js";
import { classCount } from "./loss-fit.js";
import { TABLE, DEFAULTS, LINK } from "./settings.js";

export const { VERSION, PREFIX, MAX_EPOCH, MAX_EDITS, MAX_POINTS } = LINK;
export { fellBack, quantizePoints };
const { READS, CHECK_BYTES, MAX_INDEX, MIN_POINTS, MAX_LINK_CHARS, MAX_PAYLOAD, MAX_DEPTH } = LINK;
const { KIND_CLASSIFICATION, KIND_REGRESSION } = LINK;
const TRAINING = ["epoch", "edits"]; // the payload JSON's keys that are not settings

// ---------------------------------------------------------------- the training

const whole = (/** @type {unknown} */ v, /** @type {number} */ lo, /** @type {number} */ hi) =>
  typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi;

// the settings a change of which is replayed at its epoch: those the engine changes in place
const LIVE_EVENTS = new Map(TABLE.filter((t) => t.live === "yes").map((t) => [t.name, t]));

/** Is `v` exactly a valid value of the live setting `name` (no repair: a replay with another
 * value would give other numbers)? @param {string} name @param {unknown} v */
export function validLiveValue(name, v) {
  const t = LIVE_EVENTS.get(name);
  if (!t) return false;
  if (t.kind === "choice") return typeof v === "string" && t.choices.includes(v);
  if (t.kind === "bool") return typeof v === "boolean";
  if (typeof v !== "number" || !Number.isFinite(v) || (t.kind === "int" && !Number.isInteger(v))) return false;
  return (t.lo_open ? v > t.lo : v >= t.lo) && (t.hi_open ? v < t.hi : v <= t.hi);
}

/** The live settings of a settings object (those a trail's setting changes are of).
 * @param {Record<string, any>} settings */
export const liveSettings = (settings) => Object.fromEntries([...LIVE_EVENTS.keys()].map((k) => [k, settings[k]]));

/** [epoch, "step", index]: one SGD step on point `index` (the step-through's "Take the step"). */
export const STEP = "step";

/** Is this change a setting change [epoch, name, value] (else a weight edit)? @param {unknown[]} e */
export const isSettingChange = (e) => e.length === 3;

/** One change from a link (a weight edit [epoch, layer, i, j, value], a setting change
 * [epoch, name, value] or a step taken [epoch, "step", index]) -> [code, params] of why it is
 * unusable, or null.
 * @param {unknown} e @param {number} epoch @returns {[string, Record<string, any>] | null} */
function editProblem(e, epoch) {
  if (Array.isArray(e) && e.length === 3 && typeof e[1] === "string") {
    const [at, name, value] = e;
    if (!whole(at, 0, epoch)) return ["edit_epoch", { got: show(at), max: epoch }];
    if (name === STEP) return whole(value, 0, MAX_POINTS - 1) ? null : ["edit_step", { got: show(value), max: MAX_POINTS - 1 }];
    if (!LIVE_EVENTS.has(name)) return ["edit_setting", { got: show(name) }];
    if (!validLiveValue(name, value)) return ["edit_setting_value", { field: name, got: show(value) }];
    return null;
  }
  if (!Array.isArray(e) || e.length !== 5) return ["edit_shape", {}];
  const [at, layer, i, j, value] = e;
  if (!whole(at, 0, epoch)) return ["edit_epoch", { got: show(at), max: epoch }];
  if (!(whole(layer, 0, MAX_INDEX) && whole(i, 0, MAX_INDEX) && whole(j, -1, MAX_INDEX))) return ["edit_index", {}];
  if (typeof value !== "number" || !Number.isFinite(value)) return ["edit_value", { got: show(value) }];
  return null;
}

/** -> [code, params] of the first problem of a training, or null.
 * @param {unknown} epoch @param {unknown} edits @returns {[string, Record<string, any>] | null} */
function trainingProblem(epoch, edits) {
  if (!whole(epoch, 0, MAX_EPOCH)) return ["epoch_bad", { got: show(epoch), max: MAX_EPOCH }];
  if (!Array.isArray(edits)) return ["edits_not_list", { got: show(edits) }];
  if (edits.length > MAX_EDITS) return ["too_many_edits", { count: edits.length, max: MAX_EDITS }];
  let last = 0;
  for (let k = 0; k < edits.length; k++) {
    let why = editProblem(edits[k], /** @type {number} */ (epoch));
    if (why === null && edits[k][0] < last) why = ["edit_order", {}];
    if (why !== null) return [why[0], { index: k, ...why[1] }];
    last = edits[k][0];
  }
  return null;
}

/** The link's training -> {epoch, edits}; any problem drops all of it with one notice (a part
 * of a training would replay to other numbers). @param {Record<string, any>} raw
 * @param {ReturnType<typeof notes>} note */
function training(raw, note) {
  const epoch = Object.hasOwn(raw, "epoch") ? raw.epoch : 0;
  const edits = Object.hasOwn(raw, "edits") ? raw.edits : [];
  const why = trainingProblem(epoch, edits);
  if (why !== null) {
    note.add(why[0], { ...why[1], then: "not_replayed" });
    return { epoch: 0, edits: [] };
  }
  return { epoch, edits: edits.map((/** @type {any[]} */ e) => (e.length === 3 ? [e[0], e[1], typeof e[2] === "number" ? e[2] + 0 : e[2]] : [e[0], e[1], e[2], e[3], e[4] + 0])) };
}

// ---------------------------------------------------------------- the envelope

/** @param {string} text */
function tooDeep(text) {
  let depth = 0, inStr = false, esc = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inStr) {
      if (esc) esc = false;
      else if (ch === "\\") esc = true;
      else if (ch === '"') inStr = false;
    } else if (ch === '"') inStr = true;
    else if (ch === "[" || ch === "{") { if (++depth > MAX_DEPTH) return true; }
    else if (ch === "]" || ch === "}") depth--;
  }
  return false;
}

/** @param {Uint8Array} bytes @param {ReturnType<typeof notes>} note @returns {Record<string, any>} */
function parseSettings(bytes, note) {
  let raw;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    if (tooDeep(text)) throw new Error("nested too deeply");
    raw = JSON.parse(text);
  } catch {
    note.add("settings_unreadable", { then: "defaults" });
    return {};
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    note.add("settings_not_object", { then: "defaults" });
    return {};
  }
  return raw;
}

/** A link's text -> its payload bytes, or null: for no link (the plain page) or, with a
 * notice, for a link that cannot be used at all. @param {unknown} text
 * @param {ReturnType<typeof notes>} note @returns {Promise<Uint8Array | null>} */
async function unwrap(text, note) {
  const fail = (/** @type {string} */ code, params = {}) => { note.add(code, { ...params, then: "defaults" }); return null; };
  if (typeof text !== "string") return fail("not_text", { type: text === null ? "null" : typeof text });
  const frag = fragment(text);
  if (!frag) return null;
  if (frag.length > MAX_LINK_CHARS) return fail("too_long", { length: frag.length, max: MAX_LINK_CHARS });
  const dot = frag.indexOf(".");
  const head = dot < 0 ? "" : frag.slice(0, dot);
  if (!/^v[0-9]{1,6}$/.test(head)) return fail("not_a_link");
  if (!READS.includes(head)) return fail("format", { format: head, reads: [...READS] });
  const body = frag.slice(dot + 1).replace(/=+$/, "");
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) return fail("not_base64");
  let data = unb64url(body);
  if (head !== "v1") {
    const n = data.length - CHECK_BYTES;
    const check = n < 0 ? -1 : ((data[n] << 24) | (data[n + 1] << 16) | (data[n + 2] << 8) | data[n + 3]) >>> 0;
    data = data.subarray(0, Math.max(n, 0));
    if (check !== crc32(data)) return fail("checksum");
  }
  const payload = await pipe(data, new DecompressionStream("deflate-raw"), MAX_PAYLOAD);
  if (payload === "big") return fail("too_big", { max: MAX_PAYLOAD });
  if (payload === "bad") return fail("not_deflate");
  return payload;
}

// ---------------------------------------------------------------- whole link

const defaults = () => /** @type {Record<string, any>} */ (structuredClone(DEFAULTS));

/** The text after the first '#' (all of it without one), white space around stripped. @param {string} text */
function fragment(text) {
  const trim = (/** @type {string} */ t) => t.replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, "");
  const frag = trim(text);
  return frag.includes("#") ? trim(frag.slice(frag.indexOf("#") + 1)) : frag;
}

/** A TensorFlow Playground state (link-tf.js) -> what decode gives: its settings, read by the
 * same repair as ours; no points, no training, no lab. @param {string} frag @param {ReturnType<typeof notes>} note */
function decodeTf(frag, note) {
  const { raw, hide, ignored, problem } = tfState(frag);
  tfNotices(note, ignored, problem);
  const { out, given } = fields(raw, note);
  between(out, given, note);
  return { settings: out, points: null, epoch: 0, edits: [], lab: null, compare: null, hide, goal: null };
}

/** @param {unknown} text @param {ReturnType<typeof notes>} note */
async function decode(text, note) {
  const frag = typeof text === "string" ? fragment(text) : "";
  if (isTfLink(frag) && frag.length <= MAX_LINK_CHARS) return decodeTf(frag, note);
  const payload = await unwrap(text, note);
  if (payload === null) return { settings: defaults(), points: null, epoch: 0, edits: [], lab: null, compare: null, hide: [], goal: null };
  const sep = payload.indexOf(0);
  const raw = parseSettings(sep < 0 ? payload : payload.subarray(0, sep), note);
  const { lab, trained: { epoch, edits } } = labPart(raw, training(raw, note), note);
  const hide = hidePart(raw, note), goal = goalPart(raw, note);
  const own = [...TRAINING, LAB_KEY, COMPARE_KEY, HIDE_KEY, GOAL_KEY]; // the payload's keys that are not A's settings
  const { out, given } = fields(Object.fromEntries(Object.entries(raw).filter(([k]) => !own.includes(k))), note);
  const parsed = sep >= 0 && out.dataset === "custom" ? parsePoints(payload.subarray(sep + 1), note) : null;
  const points = pointRules(out, given, parsed, sep >= 0, note);
  between(out, given, note);
  return { settings: out, points, epoch, edits, lab, compare: comparePart(raw, out, note), hide, goal };
}

/** A share link (full URL, "#v2...." fragment or bare "v2....", or v1) -> {settings, points,
 * epoch, edits, notices}. settings: complete and valid; points: [[x1, x2, label], ...] for
 * custom data, else null; epoch: epochs to train once the session starts; edits: [[epoch,
 * layer, i, j, value], ...] weight edits to apply on the way, in order (j = -1: a bias);
 * notices: [{code, params}] (empty for a clean link); lab: {exercise, code, plugged} | null
 * (link-lab.js: shown, never run, by opening the link); compare: run B's own settings
 * {name: value} of a comparison, or null (link-compare.js); hide: the controls a classroom link
 * hides, goal: its goal | null (link-classroom.js). Never throws; a training that cannot
 * be replayed exactly is dropped (epoch 0, no edits) with a notice, never replayed in part.
 * @param {unknown} text */
export async function decodeLink(text) {
  const note = notes();
  let state;
  try {
    state = await decode(text, note);
  } catch (err) {
    note.add("internal", { name: err instanceof Error ? err.name : "Error", then: "defaults" });
    state = { settings: defaults(), points: null, epoch: 0, edits: [], lab: null, compare: null, hide: [], goal: null };
  }
  const { settings, points, epoch, edits, lab, compare, hide, goal } = state;
  return { settings, points, epoch, edits, lab, compare, hide, goal, notices: note.done() };
}

/** Settings from anywhere (e.g. storage) -> {settings, notices}: every field checked against
 * the generated table, nearest valid values, the rules between fields applied (no points); as
 * bpcore's link.repair. @param {unknown} raw */
export function sanitizeSettings(raw) {
  const note = notes();
  const obj = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? /** @type {Record<string, unknown>} */ (raw) : {};
  const { out, given } = fields(obj, note);
  given.delete("problem"); // like settings.validate: a preset fixes its problem silently
  between(out, given, note);
  return { settings: out, notices: note.done() };
}

/** @param {unknown} points @param {Record<string, any>} s @returns {asserts points is number[][]} */
function checkPoints(points, s) {
  if (!Array.isArray(points)) throw new TypeError("points: dataset custom needs its points");
  if (points.length < MIN_POINTS || points.length > MAX_POINTS) {
    throw new RangeError(`points: a link holds ${MIN_POINTS}..${MAX_POINTS} points, got ${points.length}`);
  }
  const k = classCount(s);
  points.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 3 || !p.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new TypeError(`points: point ${i + 1} is not [x1, x2, label] of finite numbers`);
    }
    const ok = k ? Number.isInteger(p[2]) && p[2] >= 0 && p[2] < k : Math.abs(p[2]) <= LINK.Y_HI;
    if (!ok) throw new RangeError(`points: label ${p[2]} of point ${i + 1} is out of range`);
  });
  if (k && new Set(points.map((p) => p[2])).size < LINK.MIN_CLASSES) {
    throw new RangeError(`points: classification needs at least ${LINK.MIN_CLASSES} classes`);
  }
}

/** Settings (table names -> canonical values) [+ points for dataset "custom"] [+ the training:
 * {epoch, edits} as decodeLink gives them] -> the fragment "v2.<base64url>". Rejects
 * (TypeError/RangeError) for invalid input, as bpcore's encode_link raises; preset data sets
 * carry no points; lab: {exercise, code, plugged?} (link-lab.js, at most MAX_CODE_BYTES);
 * compare: run B's own settings (link-compare.js) or null; hide, goal: the classroom's part
 * (link-classroom.js).
 * @param {unknown} settings @param {unknown} [points]
 * @param {{epoch?: number, edits?: number[][], lab?: any, compare?: any, hide?: string[], goal?: any}} [trainingSoFar] */
export async function encodeLink(settings, points = null, { epoch = 0, edits = [], lab = null, compare = null, hide = [], goal = null } = {}) {
  const note = notes();
  if (typeof settings !== "object" || settings === null || Array.isArray(settings)) {
    throw new TypeError("settings: expected an object of name -> value");
  }
  const { out, given } = fields(/** @type {Record<string, unknown>} */ (settings), note);
  given.delete("problem"); // like settings.validate: a preset fixes its problem silently
  between(out, given, note);
  const trained = training({ epoch, edits }, note);
  if (note.list.length) throw new RangeError(`invalid: ${JSON.stringify(note.list)}`);
  const part = checkLab(lab);
  const b = checkCompare(compare, out);
  const room = checkClassroom(hide, goal);
  /** @type {Record<string, unknown>} */
  const diff = {};
  for (const t of TABLE) {
    if (JSON.stringify(out[t.name]) !== JSON.stringify(t.default)) diff[t.name] = out[t.name];
  }
  if (trained.epoch) diff.epoch = trained.epoch;
  if (trained.edits.length) diff.edits = trained.edits;
  if (part) diff[LAB_KEY] = part;
  if (b) diff[COMPARE_KEY] = b;
  if (room.hide.length) diff[HIDE_KEY] = room.hide;
  if (room.goal) diff[GOAL_KEY] = room.goal;
  const json = new TextEncoder().encode(JSON.stringify(diff));
  let payload = json;
  if (out.dataset === "custom") {
    checkPoints(points, out);
    const block = packPoints(points, out.problem === "regression" ? KIND_REGRESSION : KIND_CLASSIFICATION);
    payload = new Uint8Array(json.length + 1 + block.length);
    payload.set(json, 0);
    payload.set(block, json.length + 1);
  }
  const packed = await pipe(payload, new CompressionStream("deflate-raw"), Infinity);
  if (typeof packed === "string") throw new Error("compression failed");
  const crc = crc32(packed);
  const out2 = new Uint8Array(packed.length + CHECK_BYTES);
  out2.set(packed, 0);
  out2.set([crc >>> 24, (crc >>> 16) & 255, (crc >>> 8) & 255, crc & 255], packed.length);
  return PREFIX + b64url(out2);
}
