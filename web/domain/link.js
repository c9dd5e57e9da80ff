// @ts-check
// Share links, format v2: settings, drawn points and the training so far <-> "v2.<base64url>"
// (same as bpcore/link.py).
//
// The byte layout is in docs/ARCHITECTURE.md, "Share links (format v2)": base64url (no padding)
// of `deflate-raw(settings JSON [0x00 points block]) + CRC-32 of those bytes (4, big endian)`;
// the JSON also holds the training to replay ("epoch", "edits"). The checksum turns a changed
// character into a named error; v1 links (no checksum, no training) still open. A bad link
// gives the nearest valid state plus one plain-text notice per thing ignored or changed (show
// them with textContent). Nothing from a link is ever executed or parsed as markup.

import { b64url, crc32, pipe, unb64url } from "./link-bytes.js";
import { finish, sanitize, show } from "./link-sanitize.js";
import { TABLE, DEFAULTS, REGRESSION_DATASETS, MULTICLASS_DATASETS, MAX_CLASSES, MAX_POINTS, VIEW }
  from "./settings.js";

export const VERSION = 2;
export const PREFIX = `v${VERSION}.`;
const READS = ["v1", "v2"]; // the formats decodeLink opens
const CHECK_BYTES = 4; // v2: CRC-32 of the deflated bytes, big endian, after them
export const MAX_EPOCH = 1000000; // of a link's training to replay
export const MAX_EDITS = 100; // weight edits in a link
const MAX_INDEX = 1000; // of a layer, neuron or input in an edit (the engine checks the shape)
const FALLBACK = "using the defaults"; // ends every notice of a link that could not be used
const DAMAGED = "the link is damaged (its checksum does not match: a character was changed, added or lost)";
const NOT_REPLAYED = "the training is not replayed (epoch 0)";
const TRAINING = ["epoch", "edits"]; // the payload JSON's keys that are not settings
const [X_LO, X_HI] = VIEW; // coordinates: the view window
const X_BITS = 12;
const Y_LO = -1, Y_HI = 1, Y_BITS = 8; // regression values
const CLASS_BITS = 3; // class labels 0..4
const KIND_CLASSIFICATION = 0, KIND_REGRESSION = 1;
export { MAX_POINTS };
const MIN_POINTS = 2; // a train/test split needs two
const MAX_LINK_CHARS = 100000; // of the fragment, before decoding
const MAX_PAYLOAD = 256 * 1024; // bytes after inflating: a zip bomb stops here
const MAX_DEPTH = 20; // JSON nesting (the settings need 2)

// ---------------------------------------------------------------- quantisation

function code(v, lo, hi, bits) {
  const max = 2 ** bits - 1;
  const step = (hi - lo) / max;
  return Math.min(Math.max(Math.floor((v - lo) / step + 0.5), 0), max);
}

function value(q, lo, hi, bits) {
  const step = (hi - lo) / (2 ** bits - 1);
  return Math.min(Math.max(lo + q * step, lo), hi);
}

/** Points [[x1, x2, label], ...] -> new array with the values a link carries: x1, x2 on a
 * 12-bit grid over [-6, 6], regression values on an 8-bit grid over [-1, 1]; class labels
 * pass through. Idempotent; decode(encode(p)) equals it exactly, as in bpcore. */
export function quantizePoints(points, problem = "classification") {
  return Array.from(points, (p) => [
    value(code(+p[0], X_LO, X_HI, X_BITS), X_LO, X_HI, X_BITS),
    value(code(+p[1], X_LO, X_HI, X_BITS), X_LO, X_HI, X_BITS),
    problem === "regression" ? value(code(+p[2], Y_LO, Y_HI, Y_BITS), Y_LO, Y_HI, Y_BITS) : +p[2],
  ]);
}

const labelBits = (kind) => (kind === KIND_REGRESSION ? Y_BITS : CLASS_BITS);

function packPoints(points, kind) {
  const n = points.length, lb = labelBits(kind);
  const out = new Uint8Array(3 + Math.ceil((n * (2 * X_BITS + lb)) / 8));
  out[0] = kind; out[1] = n >> 8; out[2] = n & 255;
  let at = 24; // bit position, most significant bit first
  const put = (q, bits) => {
    for (let b = bits - 1; b >= 0; b--, at++) if ((q >> b) & 1) out[at >> 3] |= 128 >> (at & 7);
  };
  for (const p of points) put(code(p[0], X_LO, X_HI, X_BITS), X_BITS);
  for (const p of points) put(code(p[1], X_LO, X_HI, X_BITS), X_BITS);
  for (const p of points) put(kind === KIND_REGRESSION ? code(p[2], Y_LO, Y_HI, Y_BITS) : p[2], lb);
  return out;
}

function unpackColumns(body, n, lb) {
  let at = 0;
  const take = (bits) => {
    let q = 0;
    for (let b = 0; b < bits; b++, at++) q = (q << 1) | ((body[at >> 3] >> (7 - (at & 7))) & 1);
    return q;
  };
  return [X_BITS, X_BITS, lb].map((bits) => Int32Array.from({ length: n }, () => take(bits)));
}

function nClasses(s) {
  if (s.problem === "regression") return 0;
  return MULTICLASS_DATASETS.includes(s.dataset) ? s.classes : 2;
}

function lossProblem(s) {
  // -> null when the loss fits the problem, else why not (as bpcore.settings.resolve_loss)
  const k = nClasses(s), loss = s.loss;
  if (loss === "auto") return null;
  if (k === 0 && loss !== "mse") return `loss: ${loss} needs classification; regression uses mse (or auto)`;
  if (k && loss === "mse") return "loss: mse is for regression; classification uses bce or softmax_ce (or auto)";
  if (k > 2 && loss === "bce") return `loss: bce needs 2 classes, this problem has ${k}; use softmax_ce`;
  return null;
}

// ---------------------------------------------------------------- the training

const whole = (v, lo, hi) => typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi;

function editProblem(e, epoch) {
  // one edit from a link -> why it is unusable, or null
  if (!Array.isArray(e) || e.length !== 5) return "expected [epoch, layer, i, j, value]";
  const [at, layer, i, j, value] = e;
  if (!whole(at, 0, epoch)) return `its epoch ${show(at)} is not a whole number 0..${epoch}`;
  if (!(whole(layer, 0, MAX_INDEX) && whole(i, 0, MAX_INDEX) && whole(j, -1, MAX_INDEX))) {
    return "layer, i and j must be whole numbers (j = -1 for a bias)";
  }
  if (typeof value !== "number" || !Number.isFinite(value)) return `the value ${show(value)} is not a finite number`;
  return null;
}

function training(raw, note) {
  // -> {epoch, edits}; any problem drops all of it with one notice (a part of a training
  // would replay to other numbers)
  const epoch = Object.hasOwn(raw, "epoch") ? raw.epoch : 0;
  const edits = Object.hasOwn(raw, "edits") ? raw.edits : [];
  let why = null;
  if (!whole(epoch, 0, MAX_EPOCH)) why = `epoch: ${show(epoch)} is not a whole number 0..${MAX_EPOCH}`;
  else if (!Array.isArray(edits)) why = `edits: expected a list, got ${show(edits)}`;
  else if (edits.length > MAX_EDITS) why = `edits: ${edits.length} weight edits is more than the maximum ${MAX_EDITS}`;
  else {
    let last = 0;
    for (let k = 0; k < edits.length && why === null; k++) {
      let w = editProblem(edits[k], epoch);
      if (w === null && edits[k][0] < last) w = "the edits are not in the order of their epochs";
      if (w !== null) why = `edits[${k}]: ${w}`;
      else last = edits[k][0];
    }
  }
  if (why !== null) {
    note.push(`${why}; ${NOT_REPLAYED}`);
    return { epoch: 0, edits: [] };
  }
  return { epoch, edits: edits.map((e) => [e[0], e[1], e[2], e[3], e[4] + 0]) };
}

// ---------------------------------------------------------------- whole link

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

function parseSettings(bytes, note) {
  let raw;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    if (tooDeep(text)) throw new Error("nested too deeply");
    raw = JSON.parse(text);
  } catch {
    note.push("settings: unreadable; using the defaults");
    return {};
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    note.push("settings: not a JSON object; using the defaults");
    return {};
  }
  return raw;
}

function parsePoints(block, note) {
  if (block.length < 3) { note.push("points: the point data is truncated; ignored"); return null; }
  const kind = block[0], n = (block[1] << 8) | block[2];
  if (kind !== KIND_CLASSIFICATION && kind !== KIND_REGRESSION) {
    note.push(`points: unknown kind ${kind}; ignored`);
    return null;
  }
  const lb = labelBits(kind);
  const need = Math.floor((n * (2 * X_BITS + lb) + 7) / 8);
  const body = block.subarray(3);
  if (body.length < need) { note.push(`points: the data of ${n} points is truncated; ignored`); return null; }
  if (body.length > need) note.push(`points: ${body.length - need} extra bytes after the points ignored`);
  let cols = unpackColumns(body, n, lb);
  if (n > MAX_POINTS) {
    note.push(`points: ${n} points is more than the maximum ${MAX_POINTS}; kept the first ${MAX_POINTS}`);
    cols = cols.map((c) => c.subarray(0, MAX_POINTS));
  }
  return { kind, cols };
}

function usePoints(out, given, parsed, note) {
  if (parsed === null) return null;
  const { kind } = parsed;
  let [q1, q2, ql] = parsed.cols;
  if (kind === KIND_CLASSIFICATION) {
    const keep = Array.from(ql, (q) => q < MAX_CLASSES);
    const bad = keep.filter((k) => !k).length;
    if (bad) {
      note.push(`points: dropped ${bad} points whose class is not 0..${MAX_CLASSES - 1}`);
      [q1, q2, ql] = [q1, q2, ql].map((c) => c.filter((_, i) => keep[i]));
    }
  }
  const problem = kind === KIND_REGRESSION ? "regression" : "classification";
  if (ql.length < MIN_POINTS || (kind === KIND_CLASSIFICATION && new Set(ql).size < 2)) {
    note.push(`points: ${ql.length} usable points${kind === KIND_CLASSIFICATION ? " of fewer than 2 classes" : ""} are not enough to train on`);
    return null;
  }
  if (out.problem !== problem) {
    if (given.has("problem")) note.push(`problem: the points are ${problem} data; using ${problem}`);
    out.problem = problem;
  }
  if (kind === KIND_CLASSIFICATION) {
    const k = Math.max(...ql) + 1;
    if (k > out.classes) {
      note.push(`classes: the points have ${k} classes; using ${k}`);
      out.classes = k;
    }
  }
  return Array.from(ql, (q, i) => [
    value(q1[i], X_LO, X_HI, X_BITS),
    value(q2[i], X_LO, X_HI, X_BITS),
    kind === KIND_REGRESSION ? value(q, Y_LO, Y_HI, Y_BITS) : q,
  ]);
}

function pointRules(out, given, parsed, hasPoints, note) {
  // custom data: the decoded points (fixing problem/classes to fit them) or the default set
  let points = null;
  if (out.dataset === "custom") {
    points = usePoints(out, given, parsed, note);
    if (points === null) {
      note.push(`dataset: custom data needs usable points; using ${DEFAULTS.dataset}`);
      out.dataset = DEFAULTS.dataset;
    }
  } else if (hasPoints) {
    note.push(`points: ignored; the ${out.dataset} data set makes its own points`);
  }
  return points;
}

function fieldRules(out, given, note) {
  // the rules between settings, as bpcore.settings.validate checks them
  if (out.dataset !== "custom") {
    const forced = REGRESSION_DATASETS.includes(out.dataset) ? "regression" : "classification";
    if (out.problem !== forced) {
      if (given.has("problem")) note.push(`problem: ${out.dataset} is a ${forced} data set; using ${forced}`);
      out.problem = forced;
    }
  }
  const n = out.layers.length, acts = out.activation;
  if (acts.length !== 1 && acts.length !== n) {
    if (n && acts.length > n) {
      note.push(`activation: ${acts.length} activations for ${n} hidden layers; kept the first ${n}`);
      out.activation = acts.slice(0, n);
    } else {
      note.push(`activation: ${acts.length} activations for ${n} hidden layers; using ${acts[0]} for every layer`);
      out.activation = acts.slice(0, 1);
    }
  }
  const why = lossProblem(out);
  if (why) { note.push(`${why}; using auto`); out.loss = "auto"; }
}

function defaults() {
  return structuredClone(DEFAULTS);
}

async function decode(text, note) {
  if (typeof text !== "string") {
    note.push(`the link is not text (${text === null ? "null" : typeof text}); using the defaults`);
    return { settings: defaults(), points: null, epoch: 0, edits: [] };
  }
  const trim = (t) => t.replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, "");
  let frag = trim(text);
  if (frag.includes("#")) frag = trim(frag.slice(frag.indexOf("#") + 1));
  const none = { settings: defaults(), points: null, epoch: 0, edits: [] };
  if (!frag) return none; // no link: the plain page
  if (frag.length > MAX_LINK_CHARS) {
    note.push(`the link is too long (${frag.length} characters, at most ${MAX_LINK_CHARS}); using the defaults`);
    return none;
  }
  const dot = frag.indexOf(".");
  const head = dot < 0 ? "" : frag.slice(0, dot);
  if (!/^v[0-9]{1,6}$/.test(head)) {
    note.push("this is not a BP Playground share link; using the defaults");
    return none;
  }
  if (!READS.includes(head)) {
    note.push(`the link has format ${head}, this page reads ${READS.join(" and ")}; using the defaults`);
    return none;
  }
  const body = frag.slice(dot + 1).replace(/=+$/, "");
  if (!/^[A-Za-z0-9_-]*$/.test(body) || body.length % 4 === 1) {
    note.push("the link is damaged (not base64url text); using the defaults");
    return none;
  }
  let data = unb64url(body);
  if (head !== "v1") {
    const n = data.length - CHECK_BYTES;
    const check = n < 0 ? -1 : ((data[n] << 24) | (data[n + 1] << 16) | (data[n + 2] << 8) | data[n + 3]) >>> 0;
    data = data.subarray(0, Math.max(n, 0));
    if (check !== crc32(data)) {
      note.push(`${DAMAGED}; ${FALLBACK}`);
      return none;
    }
  }
  const payload = await pipe(data, new DecompressionStream("deflate-raw"), MAX_PAYLOAD);
  if (payload === "big") {
    note.push(`the link inflates to more than ${MAX_PAYLOAD} bytes; using the defaults`);
    return none;
  }
  if (payload === "bad") {
    note.push("the link is damaged (its data does not inflate); using the defaults");
    return none;
  }
  const sep = payload.indexOf(0);
  const head2 = sep < 0 ? payload : payload.subarray(0, sep);
  const raw = parseSettings(head2, note);
  const { epoch, edits } = training(raw, note);
  const settingsOnly = Object.fromEntries(Object.entries(raw).filter(([k]) => !TRAINING.includes(k)));
  const { out, given } = sanitize(settingsOnly, note);
  const parsed = sep >= 0 && out.dataset === "custom" ? parsePoints(payload.subarray(sep + 1), note) : null;
  const points = pointRules(out, given, parsed, sep >= 0, note);
  fieldRules(out, given, note);
  return { settings: out, points, epoch, edits };
}

/** A share link (full URL, "#v2...." fragment or bare "v2....", or v1) -> {settings, points,
 * epoch, edits, notices}. settings: complete and valid; points: [[x1, x2, label], ...] for
 * custom data, else null; epoch: epochs to train once the session starts; edits: [[epoch,
 * layer, i, j, value], ...] weight edits to apply on the way, in order (j = -1: a bias);
 * notices: plain strings (empty for a clean link). Never throws; a training that cannot be
 * replayed exactly is dropped (epoch 0, no edits) with a notice, never replayed in part. */
export async function decodeLink(text) {
  const note = [];
  let state;
  try {
    state = await decode(text, note);
  } catch (err) {
    note.push(`the link could not be read (internal error: ${err?.name ?? "Error"}); using the defaults`);
    state = { settings: defaults(), points: null, epoch: 0, edits: [] };
  }
  const { settings, points, epoch, edits } = state;
  return { settings, points, epoch, edits, notices: finish(note) };
}

/** The notices of decodeLink saying the link could not be used at all (the defaults stand in). */
export const fellBack = (notices) => notices.filter((n) => n.endsWith(FALLBACK));

/** Settings from anywhere (e.g. a form) -> {settings, notices}: every field checked against
 * web/settings.js, nearest valid values, the rules between fields applied (no points). */
export function sanitizeSettings(raw) {
  const note = [];
  const obj = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? raw : {};
  const { out, given } = sanitize(obj, note);
  given.delete("problem"); // like settings.validate: a preset fixes its problem silently
  fieldRules(out, given, note);
  return { settings: out, notices: finish(note) };
}

function checkPoints(points, s) {
  if (!Array.isArray(points)) throw new TypeError("points: dataset custom needs its points");
  if (points.length < MIN_POINTS || points.length > MAX_POINTS) {
    throw new RangeError(`points: a link holds ${MIN_POINTS}..${MAX_POINTS} points, got ${points.length}`);
  }
  const k = nClasses(s);
  points.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 3 || !p.every((v) => typeof v === "number" && Number.isFinite(v))) {
      throw new TypeError(`points: point ${i + 1} is not [x1, x2, label] of finite numbers`);
    }
    const ok = k ? Number.isInteger(p[2]) && p[2] >= 0 && p[2] < k : Math.abs(p[2]) <= 1;
    if (!ok) throw new RangeError(`points: label ${p[2]} of point ${i + 1} is out of range`);
  });
  if (k && new Set(points.map((p) => p[2])).size < 2) {
    throw new RangeError("points: classification needs at least two classes");
  }
}

/** Settings (table names -> canonical values) [+ points for dataset "custom"] [+ the training:
 * {epoch, edits} as decodeLink gives them] -> the fragment "v2.<base64url>". Rejects
 * (TypeError/RangeError) for invalid input, as bpcore's encode_link raises; preset data sets
 * carry no points. */
export async function encodeLink(settings, points = null, { epoch = 0, edits = [] } = {}) {
  const note = [];
  const obj = typeof settings === "object" && settings !== null && !Array.isArray(settings) ? settings : null;
  if (obj === null) throw new TypeError("settings: expected an object of name -> value");
  const { out, given } = sanitize(obj, note);
  given.delete("problem"); // like settings.validate: a preset fixes its problem silently
  fieldRules(out, given, note);
  if (note.length) throw new RangeError(note.join("; "));
  const diff = {};
  for (const t of TABLE) {
    if (JSON.stringify(out[t.name]) !== JSON.stringify(t.default)) diff[t.name] = out[t.name];
  }
  const trained = training({ epoch, edits }, note);
  if (note.length) throw new RangeError(note[0]);
  if (trained.epoch) diff.epoch = trained.epoch;
  if (trained.edits.length) diff.edits = trained.edits;
  const json = new TextEncoder().encode(JSON.stringify(diff));
  let payload = json;
  if (out.dataset === "custom") {
    checkPoints(points, out);
    const kind = out.problem === "regression" ? KIND_REGRESSION : KIND_CLASSIFICATION;
    const block = packPoints(points, kind);
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
