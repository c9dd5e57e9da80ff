// @ts-check
// The lab worker's replies are untrusted data (the student's code ran in that worker): each is
// rebuilt here from the fields bpcore.lab's results have (docs/ARCHITECTURE.md, "The lab"),
// each field checked for its kind and clipped; keys must be lab.* message keys, params plain
// JSON values. Anything else is dropped; a reply with no usable shape throws. Text stays text:
// the page shows it with textContent, never as markup.

const MAX_TEXT = 100_000; // output (bpcore clips at 20,000 characters) and tracebacks
const MAX_SHORT = 2_000; // a code line, a param's string
const MAX_LIST = 10_000; // the loss curve; a param's list
const MAX_CHECKS = 200;
const KEY = /^lab\.(check|mistake|error)\.[A-Za-z0-9_.]{1,80}$/;

/** @param {unknown} x @returns {Record<string, unknown>} */
function record(x, what) {
  if (!x || typeof x !== "object" || Array.isArray(x)) throw new TypeError(`${what}: not an object`);
  return /** @type {Record<string, unknown>} */ (x);
}

/** @param {unknown} x @param {number} max */
function text(x, max = MAX_TEXT) {
  return typeof x === "string" ? x.slice(0, max) : "";
}

/** @param {unknown} x */
const bool = (x) => x === true;

/** A finite number, or null. @param {unknown} x */
function num(x) {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

/** A lab.* message key, else the key of an unreadable reply. @param {unknown} x */
export function labKey(x) {
  return typeof x === "string" && KEY.test(x) ? x : "lab.error.unreadable";
}

/** A params value: a string, a finite number, a boolean, null or a list of those (one level
 * of nesting: rows of a matrix). @param {unknown} x @param {number} depth */
function value(x, depth = 0) {
  if (typeof x === "string") return x.slice(0, MAX_SHORT);
  if (typeof x === "number") return Number.isFinite(x) ? x : String(x); // NaN, inf: as words
  if (typeof x === "boolean" || x === null) return x;
  if (Array.isArray(x) && depth < 2) return x.slice(0, MAX_LIST).map((v) => value(v, depth + 1));
  return null;
}

/** @param {unknown} x */
export function params(x) {
  /** @type {Record<string, unknown>} */
  const out = {};
  if (!x || typeof x !== "object" || Array.isArray(x)) return out;
  for (const [k, v] of Object.entries(x).slice(0, 50)) {
    if (/^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(k)) out[k] = value(v);
  }
  return out;
}

/** An Error of bpcore.lab: {key, params, line, code_line, traceback}, or null. @param {unknown} x */
export function cleanError(x) {
  if (x === null || x === undefined) return null;
  const e = record(x, "error");
  const line = num(e.line);
  return {
    key: labKey(e.key),
    params: params(e.params),
    line: line !== null && Number.isInteger(line) && line > 0 ? line : null,
    code_line: typeof e.code_line === "string" ? e.code_line.slice(0, MAX_SHORT) : null,
    traceback: text(e.traceback),
  };
}

/** bpcore.lab.run's result: {output, clipped, error}. @param {unknown} x */
export function cleanRun(x) {
  const r = record(x, "result");
  if (typeof r.output !== "string") throw new TypeError("result: no output");
  return { output: text(r.output), clipped: bool(r.clipped), error: cleanError(r.error) };
}

/** bpcore.lab.check's result. @param {unknown} x */
export function cleanCheck(x) {
  const r = record(x, "result");
  const checks = Array.isArray(r.checks) ? r.checks.slice(0, MAX_CHECKS) : [];
  const mistake = r.mistake && typeof r.mistake === "object" ? /** @type {Record<string, unknown>} */ (r.mistake) : null;
  return {
    exercise: text(r.exercise, 80),
    passed: bool(r.passed),
    ...cleanRun(r),
    checks: checks.map((c) => {
      const k = record(c, "check");
      return { key: labKey(k.key), params: params(k.params), passed: bool(k.passed), rel_error: num(k.rel_error) };
    }),
    mistake: mistake && { key: labKey(mistake.key), params: params(mistake.params) },
    curve: Array.isArray(r.curve) ? r.curve.slice(0, MAX_LIST).map((v) => num(v)) : null,
  };
}
