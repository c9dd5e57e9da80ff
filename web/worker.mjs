// The engine's web worker: loads Pyodide, NumPy and bpcore, then answers the page's requests.
// Protocol (docs/ARCHITECTURE.md): {id, type, payload} -> {id, ok, result | error, ms};
// events {event: "progress" | "ready" | "fatal" | "snapshot"}. All the logic is in bpcore/protocol.py;
// this file only loads things and converts between JS and Python.

import { booted, bootPython, fatalOf, progress, saveSnapshot } from "./pyodide-boot.mjs";

function post(msg, transfer = []) {
  self.postMessage(msg, transfer);
}

/** Python with NumPy and bpcore (pyodide-boot.mjs), then the Engine and its versions. */
async function boot() {
  const { py, module: protocol } = await bootPython({ module: "bpcore.protocol", keep: true });
  const engine = protocol.Engine();
  protocol.destroy();
  const v = engine.handle("versions");
  const versions = { pyodide: py.version, ...v.toJs({ dict_converter: Object.fromEntries }) };
  v.destroy();
  progress("engine", 100);
  return { py, engine, versions };
}

// The snapshot a fresh boot captured is stored once the engine has had no request for this
// long: assembling and storing ~50 MB takes both cores for a moment, which must not land on the
// page's first work (opening a big link, training). A visitor who leaves before that simply
// makes it again next time.
const SNAPSHOT_IDLE_MS = 2000;
let lastRequestAt = 0;

function saveWhenIdle() {
  const quiet = performance.now() - lastRequestAt;
  if (quiet < SNAPSHOT_IDLE_MS) setTimeout(saveWhenIdle, SNAPSHOT_IDLE_MS - quiet);
  else saveSnapshot(post);
}

const ready = boot();
ready.then(
  ({ versions }) => {
    post({ event: "ready", versions, boot: booted.from, checkMs: booted.store?.checkMs ?? null });
    // only a snapshot whose engine came up is kept, once the engine is idle
    lastRequestAt = performance.now();
    if (booted.captured) saveWhenIdle();
  },
  async (err) => {
    // a restored runtime that then failed may be the snapshot's fault: the next boot is fresh
    if (booted.from === "snapshot") await booted.store?.drop();
    post({ event: "fatal", ...fatalOf(err) });
  },
);

// Python -> JS. toJs turns each 1-D NumPy array into a typed array holding its OWN copy of
// the data (not a view into wasm memory, which moves when it grows), so the copies' buffers
// can be transferred. create_pyproxies: false makes anything unexpected an error, not a leak.
function toJs(res) {
  if (!(res instanceof Object) || typeof res.toJs !== "function") return res;
  return res.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
}

function buffersOf(x, out = []) {
  if (ArrayBuffer.isView(x)) out.push(x.buffer);
  else if (Array.isArray(x)) for (const v of x) buffersOf(v, out);
  else if (x && typeof x === "object") for (const v of Object.values(x)) buffersOf(v, out);
  return out;
}

function errorOf(err) {
  // A PythonError's message is the whole traceback; its last line is "Type: message".
  const traceback = String(err && err.message || err);
  const last = traceback.trim().split("\n").pop();
  const type = err && err.type;
  const message = type === "ValueError" ? last.replace(/^ValueError: /, "") : last;
  return { message, type: type || (err && err.name) || "Error", traceback };
}

self.onmessage = async (ev) => {
  if (typeof ev.data?.alive === "string") return holdLife(ev.data.alive);
  const { id, type, payload } = ev.data || {};
  let st;
  try {
    st = await ready;
  } catch (err) {
    const { code, params, message } = fatalOf(err);
    post({ id, ok: false, error: { code, params, message, type: "LoadError", traceback: "" } });
    return;
  }
  const t0 = performance.now();
  lastRequestAt = t0;
  const { py, engine } = st;
  let pyPayload;
  let res;
  try {
    pyPayload = payload === undefined ? null : py.toPy(payload);
    res = engine.handle(type, pyPayload);
    const result = toJs(res);
    if (type === "memory") result.heap = py._module.HEAP8.length; // wasm memory, bytes
    post({ id, ok: true, result, ms: performance.now() - t0 }, buffersOf(result));
  } catch (err) {
    post({ id, ok: false, error: { ...errorOf(err), ...codedOf(engine) }, ms: performance.now() - t0 });
    // After a fatal error (e.g. the wasm stack overflowed) Pyodide refuses every later call:
    // say so once, as an engine failure the page offers Retry for, not as one request's error.
    if (pyodideDead(err)) {
      // a restored engine that dies may be the snapshot's fault: the next start boots afresh
      if (booted.from === "snapshot") booted.store?.drop();
      post({ event: "fatal", code: "engine_crashed", params: {}, message: "The engine crashed.", detail: String(err && err.stack || err) });
    }
  } finally {
    lastRequestAt = performance.now();
    try {
      if (pyPayload instanceof py.ffi.PyProxy) pyPayload.destroy();
      if (res instanceof py.ffi.PyProxy) res.destroy();
    } catch {
      // a dead runtime cannot release anything any more
    }
  }
};

/** A Web Lock held while this worker lives: how the page notices its death (engine.js). */
function holdLife(name) {
  if (!self.navigator?.locks) return;
  self.navigator.locks.request(name, () => {
    post({ event: "alive" });
    return new Promise(() => {}); // never settles: held until the worker is gone
  }).catch(() => {});
}

// An error with a stable code (bpcore/errors.py, a ValueError): {code, params} so the page can
// say it in the user's language, its English text as the message, type ValueError; {} for
// any other error.
function codedOf(engine) {
  let f;
  try {
    f = engine.failure;
    if (!f) return {};
    const { code, message, ...params } = toJs(f);
    return { code, params, message, type: "ValueError" };
  } catch {
    return {};
  } finally {
    if (f && typeof f.destroy === "function") f.destroy();
  }
}

function pyodideDead(err) {
  return Boolean(err && (err.pyodide_fatal_error || /fatally failed/.test(String(err.message))));
}
