// @ts-check
// The store's slice `lab` (app/store.js holds it; app/lab.js changes it): small, so the store
// has it from the start while the lab's own modules wait until it opens.

/** The store slice `lab` before anything is loaded. */
export function initialLab() {
  return {
    open: false,
    exercise: /** @type {string | null} */ (null),
    code: /** @type {Record<string, string>} */ ({}), // the student's code per exercise (none: the starter)
    progress: /** @type {Record<string, string>} */ ({}), // "passed" | "tried" per exercise
    hints: /** @type {Record<string, number>} */ ({}), // hints revealed per exercise
    running: /** @type {"run" | "check" | null} */ (null),
    status: "idle", // the lab worker's (lab-runner.js): idle | booting | ready | running | restarting | failed
    // the last result: a run's or a check's reply ({kind, exercise, value}), or why there is none
    // ({kind: "failed", exercise, error: {code, message}}: stopped, the time limit, the worker)
    result: /** @type {{kind: string, exercise: string, n: number, value?: any, error?: any} | null} */ (null),
    loaded: false, // the lab's chunk has arrived (its panel is drawn)
  };
}

/** @typedef {ReturnType<typeof initialLab>} LabState */
