// @ts-check
// The page side of the lab's worker (lab-worker.mjs): runs and checks a student's code there,
// one request at a time, and stops it. Stop (and the time limit) ends the running code within
// a second: when the page is cross-origin isolated, through the interrupt buffer (a
// KeyboardInterrupt in Python; code that catches it, or sits in a long NumPy call, is ended the
// other way after STOP_GRACE_MS); otherwise by terminating the worker and starting a new one
// (from the engine's memory snapshot when the browser keeps one: about a second). Everything
// the worker sends is untrusted data: replies are rebuilt from checked fields
// (domain/lab-replies.js),
// anything else is dropped. It never talks to the engine's worker.

import { snapshotHint, watchLife } from "./engine.js";
import { cleanCheck, cleanRun } from "./domain/lab-replies.js";

/** Running code is stopped after this long without Stop (lab_time_limit). */
export const TIME_LIMIT_MS = 10_000;
/** How long an interrupted run may take to end before its worker is terminated. */
export const STOP_GRACE_MS = 300;

export class LabError extends Error {
  /** @param {string} code lab_stopped | lab_time_limit | lab_failed | lab_crashed |
   *   lab_unreadable | lab_bad_request @param {string} [message] English, for logs
   * @param {Record<string, unknown>} [params] lab_time_limit: {seconds} */
  constructor(code, message, params = {}) {
    super(message || code);
    this.name = "LabError";
    this.code = code;
    this.params = params;
  }
}

/**
 * @typedef {{resolve: (v: any) => void, reject: (e: any) => void, type: string, payload: object,
 *   id?: number, timer?: any, halted?: string, ended?: Promise<void>, end?: () => void,
 *   params?: Record<string, unknown>}} Request
 * @typedef {"idle" | "booting" | "ready" | "running" | "restarting" | "failed"} Status
 */

/**
 * @param {{workerUrl?: URL, timeLimitMs?: number, isolated?: boolean,
 *   onStatus?: (status: Status) => void}} [options]
 *   isolated: use the interrupt buffer (default: the page is crossOriginIsolated)
 */
export function createLabRunner(options = {}) {
  return new LabRunner(options);
}

export class LabRunner {
  /** @param {{workerUrl?: URL, timeLimitMs?: number, isolated?: boolean, onStatus?: (status: Status) => void}} options */
  constructor({ workerUrl = new URL("./lab-worker.mjs", import.meta.url), timeLimitMs = TIME_LIMIT_MS,
    isolated = Boolean(globalThis.crossOriginIsolated), onStatus } = {}) {
    this.workerUrl = workerUrl;
    this.timeLimitMs = timeLimitMs;
    this.isolated = isolated && typeof SharedArrayBuffer === "function";
    /** @type {(status: Status) => void} */
    this.onStatus = onStatus || (() => {});
    /** @type {Status} */
    this.status = "idle";
    this.starts = 0; // workers started
    this.requests = 0; // code sent to run or check (a link's code is sent only on Run)
    this.boot = null; // how the last worker's Python booted: "snapshot" | "fresh"
    this.bootMs = null; // from starting the worker to its ready event
    /** how the last stop ended the code: "interrupt" | "restart", and when (ms after stop()) */
    this.lastStop = null;
    /** the worker's wasm memory after its last answer, in bytes (it never shrinks) */
    this.heap = null;
    /** whether the worker's death would be noticed at once (it holds its life lock) */
    this.watched = false;
    /** the last failure to boot: {code, message} */
    this.failure = null;
    /** @type {{resolve: () => void, reject: (e: any) => void}[]} ready()'s */
    this._waiting = [];
    /** @type {Request[]} */
    this._queue = [];
    /** @type {Request | null} */
    this._current = null;
    this._nextId = 1;
    /** @type {Worker | null} */
    this._worker = null;
    /** @type {Int32Array | null} */
    this._interrupt = null;
    /** @type {(AbortController & {hold?: () => void}) | null} the worker's life lock (engine.js) */
    this._life = null;
    this._start("booting");
  }

  /** @param {Status} status */
  _set(status) {
    if (this.status === status) return;
    this.status = status;
    if (status === "ready" || status === "failed") {
      for (const w of this._waiting.splice(0)) {
        if (status === "ready") w.resolve();
        else w.reject(new LabError(this.failure?.code || "lab_failed", this.failure?.message));
      }
    }
    try {
      this.onStatus(status);
    } catch (err) {
      console.error(err);
    }
  }

  /** A new worker (the old one, if any, terminated); status booting or restarting. @param {Status} status */
  _start(status) {
    this._end();
    this.watched = false; // until the new worker holds its life lock
    this.starts += 1;
    this.failure = null;
    const t0 = performance.now();
    const w = new Worker(this.workerUrl, { type: "module", name: snapshotHint() });
    this._worker = w;
    this._interrupt = null;
    if (this.isolated) {
      this._interrupt = new Int32Array(new SharedArrayBuffer(4));
      w.postMessage({ interrupt: this._interrupt.buffer });
    }
    w.onmessage = (ev) => { if (this._worker === w) this._receive(ev.data, t0); };
    w.onerror = (ev) => {
      ev.preventDefault();
      if (this._worker === w) this._died("lab_failed", ev.message || "the lab's worker failed");
    };
    w.onmessageerror = () => { if (this._worker === w) this._died("lab_unreadable", "unreadable message"); };
    // a worker the browser ends (out of memory, say) says nothing: its life lock tells
    this._life = watchLife(w, () => { if (this._worker === w) this._died("lab_crashed", "the lab's worker ended"); });
    this._set(status);
  }

  /** Terminate the worker, if any (no alarm from its life lock). */
  _end() {
    this._life?.abort();
    this._life = null;
    this._worker?.terminate();
    this._worker = null;
  }

  /** @param {unknown} msg untrusted @param {number} t0 */
  _receive(msg, t0) {
    if (!msg || typeof msg !== "object") return;
    const m = /** @type {Record<string, unknown>} */ (msg);
    if (m.event === "ready" && (this.status === "booting" || this.status === "restarting")) {
      this.boot = m.boot === "snapshot" ? "snapshot" : "fresh";
      this.bootMs = performance.now() - t0;
      this._set("ready");
      this._pump();
    } else if (m.event === "alive") {
      this._life?.hold?.(); // the worker holds its life lock
      this.watched = true;
    } else if (m.event === "fatal") {
      const message = typeof m.message === "string" ? m.message.slice(0, 2000) : "";
      this._died(m.code === "lab_crashed" ? "lab_crashed" : "lab_failed", message);
    } else if (typeof m.id === "number" && this._current && m.id === this._current.id) {
      this._answer(this._current, m);
    }
  }

  /** The current request's reply. @param {Request} req @param {Record<string, unknown>} m */
  _answer(req, m) {
    if (typeof m.heap === "number" && Number.isFinite(m.heap)) this.heap = m.heap;
    this._settle(req);
    if (req.halted) req.reject(this._halted(req));
    else if (m.ok !== true) {
      const e = m.error && typeof m.error === "object" ? /** @type {Record<string, unknown>} */ (m.error) : {};
      const code = e.code === "lab_stopped" ? "lab_stopped" : e.code === "lab_bad_request" ? "lab_bad_request" : "lab_failed";
      req.reject(new LabError(code, typeof e.message === "string" ? e.message.slice(0, 4000) : ""));
    } else {
      try {
        const result = req.type === "check" ? cleanCheck(m.result) : cleanRun(m.result);
        req.resolve({ ...result, ms: typeof m.ms === "number" && Number.isFinite(m.ms) ? m.ms : null });
      } catch (err) {
        req.reject(new LabError("lab_unreadable", String(err && /** @type {Error} */ (err).message || err)));
      }
    }
    this._pump();
  }

  /** The request is no longer running (and the worker is ready for the next, unless it is
   * about to be replaced). @param {Request} req @param {boolean} [replaced] */
  _settle(req, replaced = false) {
    clearTimeout(req.timer);
    if (this._current === req) this._current = null;
    req.end?.();
    if (this.status === "running" && !replaced) this._set("ready");
  }

  /** The worker failed or crashed: the running request fails; a crash after it was ready
   * restarts it, a failure to boot leaves it failed (retry() starts it again).
   * @param {string} code @param {string} message */
  _died(code, message) {
    const req = this._current;
    const booting = this.status === "booting" || this.status === "restarting";
    this._end();
    if (req) {
      this._settle(req, true);
      req.reject(req.halted ? this._halted(req) : new LabError(code, message));
    }
    if (booting) {
      this.failure = { code, message };
      for (const q of this._queue.splice(0)) q.reject(new LabError(code, message));
      this._set("failed");
    } else {
      this._start("restarting");
    }
  }

  _pump() {
    if (this._current || this.status !== "ready" || !this._worker) return;
    const req = this._queue.shift();
    if (!req) return;
    req.id = this._nextId++;
    this._current = req;
    req.ended = new Promise((resolve) => { req.end = resolve; });
    req.timer = setTimeout(() => this._halt(req, "lab_time_limit"), this.timeLimitMs);
    req.params = { seconds: this.timeLimitMs / 1000 }; // said with lab_time_limit
    this._set("running");
    this._worker.postMessage({ id: req.id, type: req.type, payload: req.payload });
  }

  /** @param {string} type @param {object} payload */
  _request(type, payload) {
    this.requests += 1;
    return new Promise((resolve, reject) => {
      if (this.status === "failed") this.retry();
      this._queue.push({ resolve, reject, type, payload });
      this._pump();
    });
  }

  /** Run the source: bpcore.lab.run's {output, clipped, error} and ms (the worker's time).
   * @param {string} source */
  run(source) {
    return this._request("run", { source: String(source) });
  }

  /** Check the source for one exercise: bpcore.lab.check's dict and ms.
   * @param {string} exercise @param {string} source */
  check(exercise, source) {
    return this._request("check", { exercise: String(exercise), source: String(source) });
  }

  /** End the running code (its promise rejects with lab_stopped) and drop the waiting ones;
   * resolves once the code has ended (a new worker may still be starting: status). */
  stop() {
    for (const q of this._queue.splice(0)) q.reject(new LabError("lab_stopped"));
    return this._current ? this._halt(this._current, "lab_stopped") : Promise.resolve();
  }

  /** Stop one running request: interrupt it, and if it has not ended within STOP_GRACE_MS
   * (or the page is not isolated), terminate the worker and start a new one.
   * @param {Request} req @param {string} code */
  async _halt(req, code) {
    if (req.halted || this._current !== req) return req.ended;
    req.halted = code;
    clearTimeout(req.timer);
    const t0 = performance.now();
    if (this._interrupt) {
      Atomics.store(this._interrupt, 0, 2); // SIGINT: Python raises KeyboardInterrupt
      const ended = await Promise.race([req.ended?.then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS))]);
      if (ended) {
        this.lastStop = { how: "interrupt", ms: performance.now() - t0 };
        return;
      }
    }
    if (this._current === req) {
      this._settle(req, true);
      req.reject(this._halted(req));
      this._start("restarting");
    }
    this.lastStop = { how: "restart", ms: performance.now() - t0 };
  }

  /** Resolves once the lab can run code (at once if it can), rejects if it fails to start. */
  ready() {
    if (this.status === "ready" || this.status === "running") return Promise.resolve();
    if (this.status === "failed" || this.status === "idle") this.retry();
    return new Promise((resolve, reject) => { this._waiting.push({ resolve: () => resolve(undefined), reject }); });
  }

  /** Why a halted request failed: lab_stopped, or lab_time_limit with {seconds}. @param {Request} req */
  _halted(req) {
    const code = req.halted || "lab_stopped";
    return new LabError(code, "", code === "lab_time_limit" ? req.params : {});
  }

  /** Start a worker again after a failure to boot. */
  retry() {
    if (this.status === "failed" || this.status === "idle") this._start("booting");
  }

  /** End the worker for good; waiting requests fail with lab_stopped. */
  dispose() {
    for (const q of this._queue.splice(0)) q.reject(new LabError("lab_stopped"));
    const req = this._current;
    if (req) {
      this._settle(req);
      req.reject(new LabError("lab_stopped"));
    }
    this._end();
    this._set("idle");
  }
}
