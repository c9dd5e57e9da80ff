// The lab's web worker: a second Python, never the training engine's, that runs the student's
// code and nothing else (bpcore.lab.run / check). It boots as the engine does (pyodide-boot.mjs:
// from the engine's memory snapshot when there is one) and then, before any student code runs,
// takes away what the harness does not need: storage (Cache Storage holds the engine's snapshot
// and the offline copy of the site), the network, other workers, and postMessage itself (kept
// here, in a closure Python cannot reach), so student code can neither touch the page's storage
// nor post anything to the page. The page treats every reply as untrusted data anyway
// (lab-runner.js). Protocol: page {interrupt: SharedArrayBuffer} (once, when the page is
// cross-origin isolated: Stop sets it to 2, a KeyboardInterrupt) and {id, type: "run" | "check",
// payload} -> {id, ok: true, result, ms, heap} | {id, ok: false, error: {code, message, type}};
// events {event: "progress" | "ready" | "fatal"}.

import { capMemory, sandbox } from "./lab-sandbox.mjs";
import { booted, bootPython, fatalOf } from "./pyodide-boot.mjs";

const post = self.postMessage.bind(self); // the only way out once the sandbox is up

// The wasm memory can grow to this and no further: a huge allocation is a MemoryError, not
// gigabytes taken from the machine (set before Pyodide makes its memory)
const MEMORY_CAP = 512 * 1024 * 1024;
capMemory(MEMORY_CAP);

/** @type {Int32Array | null} */
let interrupt = null;
let interruptSet = false;

async function boot() {
  const { py, module: lab } = await bootPython({ module: "bpcore.lab", keep: false });
  sandbox(py);
  return { py, lab };
}

const ready = boot();
ready.then(
  () => post({ event: "ready", boot: booted.from }), // boot: "snapshot" | "fresh"
  (err) => post({ event: "fatal", ...fatalOf(err) }),
);

/** A Web Lock held while this worker lives: how the page notices its death (engine.js
 * watchLife). Asked for before the sandbox takes navigator.locks away; held until the end. */
function holdLife(name) {
  if (!self.navigator?.locks) return;
  self.navigator.locks.request(name, () => {
    post({ event: "alive" });
    return new Promise(() => {}); // never settles
  }).catch(() => {});
}

// Python -> JS: plain data only (create_pyproxies: false makes anything else an error)
function toJs(res) {
  if (!(res instanceof Object) || typeof res.toJs !== "function") return res;
  return res.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
}

/** One request: the source run (or checked) by bpcore.lab. */
function handle({ lab }, type, payload) {
  const source = typeof payload?.source === "string" ? payload.source : "";
  if (type === "run") return lab.run(source);
  if (type === "check") return lab.check(String(payload?.exercise ?? ""), source);
  throw Object.assign(new Error(`unknown request type ${JSON.stringify(String(type))}`), { code: "lab_bad_request" });
}

self.onmessage = async (ev) => {
  const data = ev.data;
  if (data && typeof SharedArrayBuffer === "function" && data.interrupt instanceof SharedArrayBuffer) {
    interrupt = new Int32Array(data.interrupt);
    return;
  }
  if (typeof data?.alive === "string") return holdLife(data.alive);
  const { id, type, payload } = data || {};
  let st;
  try {
    st = await ready;
  } catch (err) {
    const { code, message } = fatalOf(err);
    post({ id, ok: false, error: { code, message, type: "LoadError" } });
    return;
  }
  const { py } = st;
  if (interrupt && !interruptSet) {
    py.setInterruptBuffer(interrupt); // checked every few bytecodes: Stop is a KeyboardInterrupt
    interruptSet = true;
  }
  if (interrupt) Atomics.store(interrupt, 0, 0); // a Stop that came after the last run ended
  const t0 = performance.now();
  let res;
  try {
    res = handle(st, type, payload);
    const result = toJs(res);
    post({ id, ok: true, result, ms: performance.now() - t0, heap: py._module.HEAP8.length });
  } catch (err) {
    const type = err && err.type; // a PythonError's exception name
    const code = err && err.code ? err.code : type === "KeyboardInterrupt" ? "lab_stopped" : "lab_failed";
    post({ id, ok: false, error: { code, type: type || "Error", message: String(err && err.message || err).slice(-4000) },
      ms: performance.now() - t0 });
    // a fatal Pyodide error (an abort in C code) leaves a runtime that refuses every call:
    // the page starts a new worker
    if (err && (err.pyodide_fatal_error || /fatally failed/.test(String(err.message)))) post({ event: "fatal", code: "lab_crashed", params: {}, message: "The lab's Python crashed." });
  } finally {
    try {
      if (res instanceof py.ffi.PyProxy) res.destroy();
    } catch {
      // a dead runtime cannot release anything any more
    }
  }
};
