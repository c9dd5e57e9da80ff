// @ts-check
// The page's one lab runner (lab-runner.js), made on first use: the lab's client and worker load
// then, never with the first picture. The lab panel's actions and window.bp.lab share it.

/** @type {Promise<import("../lab-runner.js").LabRunner> | null} */
let made = null;

/** The runner, its worker starting the first time it is asked for. */
export function labRunner() {
  made ||= import("../lab-runner.js").then((m) => m.createLabRunner());
  return made;
}

/** window.bp.lab: the lab for tests and benchmarks, as plain data. Each call starts the lab if
 * it has not started; rejections carry the runner's `code` (lab_stopped, lab_time_limit, ...). */
export function labFacade() {
  return Object.freeze({
    /** Start the lab (if not yet) and wait until it can run code. */
    open: () => labRunner().then((r) => r.ready()),
    /** @param {string} source */
    run: (source) => labRunner().then((r) => r.run(source)),
    /** @param {string} exercise @param {string} source */
    check: (exercise, source) => labRunner().then((r) => r.check(exercise, source)),
    stop: () => labRunner().then((r) => r.stop()),
    /** idle (not started) | booting | ready | running | restarting | failed */
    status: () => (made ? made.then((r) => r.status) : Promise.resolve("idle")),
    /** How it runs: workers started, how the last one booted and in how long, the last stop,
     * the worker's memory (bytes). */
    info: () => labRunner().then((r) => structuredClone({
      status: r.status, starts: r.starts, requests: r.requests, boot: r.boot, bootMs: r.bootMs, lastStop: r.lastStop, heap: r.heap,
      isolated: r.isolated, timeLimitMs: r.timeLimitMs, failure: r.failure,
    })),
  });
}
