// Test-only: web/lab-runner.js with a hostile worker that answers with forged, malformed and
// markup-laden messages (lab_hostile_worker.mjs); window.harness.runner is the runner.
import { createLabRunner } from "/web/lab-runner.js";

const statuses = [];
const runner = createLabRunner({
  workerUrl: new URL("lab_hostile_worker.mjs", location.href),
  timeLimitMs: 3000,
  onStatus: (s) => statuses.push(s),
});
/** A run's outcome as plain data: {result} or {code}. @param {string} source */
const outcome = (source) => runner.run(source).then((result) => ({ result }), (e) => ({ code: e.code }));
window.harness = { ready: true, runner, statuses, outcome };
