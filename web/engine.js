// @ts-check
// The page side of the worker protocol: a promise-based client. It owns the Worker, matches
// replies to requests by id, and turns `{ok: false, error}` into a rejected EngineError that
// carries the Python traceback. It holds no app state; main.js listens to its events.

export class EngineError extends Error {
  /** code, params: a validation error's stable code and parameters (bpcore/errors.py), which
   * the page says in the user's language; absent for other errors.
   * @param {{message: string, type?: string, traceback?: string, code?: string, params?: object}} error */
  constructor({ message, type, traceback, code, params }) {
    super(message);
    this.name = "EngineError";
    this.type = type || "Error";
    this.traceback = traceback || "";
    this.code = code || "";
    this.params = params || {};
  }
}

// The engine's failures as {code, params, message}: the page says the code in its language
// (domain/messages, error.<code>); message is the English text (logs, tests, a missing key).
const FAILURE = {
  crashed: { code: "engine_crashed", params: {}, message: "The engine crashed." },
  noWorker: { code: "load_worker", params: {}, message: "The engine failed to load: worker.mjs could not start." },
  unreadable: { code: "engine_unreadable", params: {}, message: "The engine sent an unreadable message." },
  silent: { code: "engine_silent", params: {}, message: "The engine stopped answering." },
  gone: { code: "engine_gone", params: {}, message: "The engine stopped: its worker ended without a word (the browser may have closed it)." },
};

// A request with no answer by then means a stuck worker (a chunk takes ~50 ms, the slowest
// request seconds): the engine is declared failed, and the page offers Retry. A worker that
// dies is noticed at once instead, through its life lock (watchLife).
const DEADLINE_MS = 120_000;
/** Why a pending request failed when the worker went away. */
const STOPPED = {
  stopped: { code: "engine_stopped", params: {}, message: "the engine stopped" },
  restarted: { code: "engine_restarted", params: {}, message: "the engine restarted" },
  notRunning: { code: "engine_not_running", params: {}, message: "the engine is not running" },
};

// Where the page remembers that the worker kept a memory snapshot of the engine (and for which
// build): the worker is then told so by its name, and reads it. Without the hint a first visit
// does not even open Cache Storage, whose first use costs ~0.2 s (web/engine-snapshot.mjs).
const SNAPSHOT_HINT = "bp-engine-snapshot";

/** The worker's name: "snapshot:<key>" (kept for that build), "snapshot:?" (the page cannot
 * remember, so the worker looks), "" (none kept). */
export function snapshotHint() {
  try {
    const key = localStorage.getItem(SNAPSHOT_HINT);
    return key ? `snapshot:${key}` : "";
  } catch {
    return "snapshot:?";
  }
}

export class Engine {
  /**
   * handlers: {progress({stage, percent}), ready(versions), fatal({message, detail})}, or null
   *   to keep the events until listen() (the worker may start before the page is wired)
   * workerUrl: the module worker (default: worker.mjs next to this file).
   */
  constructor(handlers = {}, workerUrl = new URL("./worker.mjs", import.meta.url)) {
    this.handlers = handlers;
    this._kept = []; // events that came before listen()
    this.workerUrl = workerUrl;
    this.status = "idle"; // idle | loading | ready | fatal
    this.versions = null;
    this.boot = null; // "snapshot" (restored from an earlier visit's memory snapshot) | "fresh"
    /** @type {number | null} */
    this.snapshotCheckMs = null;
    this.lastMs = 0; // worker time of the last reply (ms)
    this.starts = 0; // workers started (tests: Retry starts exactly one)
    this.sent = 0; // requests sent (tests: nothing is sent while the engine is broken)
    this._pending = new Map();
    this._nextId = 1;
    this._healed = false; // healCache was asked since start()
    this._healing = false;
    this._worker = null;
    /** @type {(AbortController & {hold?: () => void}) | null} the worker's life lock (watchLife) */
    this._life = null;
  }

  /** Start (or restart) the worker; pending requests of an old worker are rejected. */
  start() {
    this._healed = false; // a load failure may first ask the service worker to heal, once
    this._startWorker();
  }

  _startWorker() {
    this.stop(STOPPED.restarted);
    this._healing = false;
    this.status = "loading";
    this.starts += 1;
    const w = new Worker(this.workerUrl, { type: "module", name: snapshotHint() });
    w.onmessage = (ev) => this._receive(ev.data);
    // A module that fails to load (a missing worker.mjs, a syntax error) ends up here, and so
    // does an error the running worker did not catch.
    w.onerror = (ev) => {
      ev.preventDefault();
      this._fatal({
        ...(this.status === "ready" ? FAILURE.crashed : FAILURE.noWorker),
        detail: ev.message || "worker error",
      });
    };
    w.onmessageerror = () => this._fatal({ ...FAILURE.unreadable, detail: "" });
    this._worker = w;
    this._life = watchLife(w, () => {
      if (this._worker === w) this._fatal({ ...FAILURE.gone, detail: "the worker ended without an error event" });
    });
  }

  /** @param {string | {message: string, code?: string, params?: object}} [reason] */
  stop(reason = STOPPED.stopped) {
    const w = this._worker;
    this._worker = null; // first: its life lock, released below, then means nothing
    this._life?.abort();
    this._life = null;
    if (w) w.terminate();
    this.status = "idle";
    for (const { reject, timer } of this._pending.values()) {
      clearTimeout(timer);
      reject(new EngineError(typeof reason === "string" ? { message: reason } : reason));
    }
    this._pending.clear();
  }

  get busy() {
    return this._pending.size > 0;
  }

  /** request(type, payload, transfer?) -> Promise<result>; rejects with EngineError. */
  request(type, payload = {}, transfer = []) {
    return this.timed(type, payload, transfer).then((r) => r.result);
  }

  /** Like request, but resolves {result, ms}: ms is the worker's time for the request. */
  timed(type, payload = {}, transfer = []) {
    if (!this._worker || this.status === "fatal") {
      return Promise.reject(new EngineError(STOPPED.notRunning));
    }
    const id = this._nextId++;
    this.sent += 1;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this._fatal({
        ...FAILURE.silent,
        detail: `no answer to "${type}" within ${DEADLINE_MS / 1000} s`,
      }), DEADLINE_MS);
      this._pending.set(id, { resolve, reject, timer });
      this._worker.postMessage({ id, type, payload }, transfer);
    });
  }

  /** Terminate the worker as a crash would: pending requests fail, status "fatal", the
   * handlers' fatal() runs (the page then offers Retry). Tests use it to crash a live engine. */
  kill(message = "the engine stopped unexpectedly") {
    this._fatal({ code: "engine_stopped", params: {}, message, detail: "" });
  }

  /** Set the handlers, then hand them every event that came before, in order. */
  listen(handlers) {
    this.handlers = handlers;
    for (const [name, arg] of this._kept.splice(0)) handlers[name]?.(arg);
  }

  _emit(name, arg) {
    if (this.handlers) this.handlers[name]?.(arg);
    else this._kept.push([name, arg]);
  }

  _receive(msg) {
    if (msg.event) {
      if (msg.event === "progress") {
        // at: when the worker got there, on the page's clock (not when the page got round to it)
        const at = typeof msg.t === "number" ? msg.t - performance.timeOrigin : performance.now();
        this._emit("progress", { ...msg, at });
      }
      else if (msg.event === "ready") {
        this.status = "ready";
        this.versions = msg.versions;
        this.boot = msg.boot || "fresh";
        this.snapshotCheckMs = msg.checkMs ?? null; // the worker's time checking the snapshot's checksum
        this._emit("ready", msg.versions);
      } else if (msg.event === "fatal") this._fatal(msg);
      else if (msg.event === "alive") this._life?.hold?.(); // the worker holds its life lock
      else if (msg.event === "snapshot") {
        try {
          localStorage.setItem(SNAPSHOT_HINT, String(msg.key));
        } catch {
          // the worker will look for itself (snapshotHint)
        }
      }
      return;
    }
    const p = this._pending.get(msg.id);
    if (!p) return;
    clearTimeout(p.timer);
    this._pending.delete(msg.id);
    if (typeof msg.ms === "number") this.lastMs = msg.ms;
    if (msg.ok) p.resolve({ result: msg.result, ms: msg.ms });
    else p.reject(new EngineError(msg.error || { message: "unknown engine error", code: "engine_unknown" }));
  }

  /** @param {{message: string, detail?: string, code?: string, params?: object}} failure */
  _fatal({ message, detail, code = "", params = {} }) {
    if (this.status === "fatal" || this._healing) return;
    if (this.status === "loading" && !this._healed) { // a damaged cached file, perhaps
      this._healed = true;
      this._healing = true;
      const w = this._worker;
      w?.terminate();
      healCache().then((healed) => {
        if (this._worker !== w) return; // started or stopped meanwhile
        this._healing = false;
        if (healed.length) this._startWorker(); // fresh copies: one more start
        else this._fatal({ message, detail, code, params });
      });
      return;
    }
    this.stop({ message, code, params });
    this.status = "fatal";
    this._emit("fatal", { message, detail: detail || "", code, params });
  }
}

/** A worker can die without an error event (the browser closes it to save memory, it closes
 * itself, a debugger ends it): the deadline alone noticed that, after 120 s and only with a
 * request pending. So the worker takes a Web Lock named for it as it starts and holds it while
 * it lives (page {alive: name} -> worker {event: "alive"}); the page then asks for the same
 * lock, which it is granted the moment the worker is gone, however it went. Where Web Locks do
 * not exist (plain http other than localhost) the deadline remains. Returns an AbortController
 * (abort(): the page ends the worker itself, no alarm) whose hold() the page calls once the
 * worker says it holds the lock.
 * @param {Worker} worker @param {() => void} died */
export function watchLife(worker, died) {
  const life = /** @type {AbortController & {hold?: () => void}} */ (new AbortController());
  const locks = globalThis.navigator?.locks;
  if (!locks) return life;
  const name = `bp-engine-life-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  life.hold = () => {
    life.hold = undefined; // once
    locks.request(name, { signal: life.signal }, () => {
      if (!life.signal.aborted) died();
    }).catch(() => {}); // aborted: the page ended the worker itself
  };
  worker.postMessage({ alive: name });
  return life;
}

/** Ask the service worker that serves this page (if one does) to check its cached copies and
 * fetch the damaged ones again (tools/sw-template.js, "heal"). -> the names it replaced ([] if
 * none, no service worker, or no answer within 30 s). */
async function healCache() {
  const sw = globalThis.navigator?.serviceWorker?.controller;
  if (!sw) return [];
  const channel = new MessageChannel();
  const answer = new Promise((resolve) => {
    channel.port1.onmessage = (ev) => resolve(Array.isArray(ev.data?.healed) ? ev.data.healed : []);
    setTimeout(() => resolve([]), 30_000);
  });
  sw.postMessage({ type: "heal" }, [channel.port2]);
  const healed = await answer;
  if (healed.length) console.warn("damaged cached files fetched again:", healed.join(", "));
  return healed;
}
