// Test-only: mounts web/inspector.js and web/model-files.js the way main.js would and records
// every callback in window.harness.events for tests/browser/test_inspector.py. The engine's
// replies are handed in by the test (computed natively with bpcore.protocol.Engine).

import { Inspector } from "./web/widgets/inspector.js";
import { mountModelFiles } from "./web/widgets/model-files.js";

const events = [];
const calls = [];
// type -> {result} | {error: message}; the fake engine answers from here
const replies = {};

const inspector = new Inspector(document.getElementById("inspector"), {
  onHighlight: (ref) => events.push({ type: "highlight", ref }),
  onClose: () => events.push({ type: "close" }),
});

const notice = document.getElementById("notice");
mountModelFiles(document.getElementById("model-files"), {
  request: (type, payload) => {
    calls.push({ type, payload });
    const r = replies[type];
    if (!r) return Promise.reject(new Error(`no reply for ${type}`));
    return r.error ? Promise.reject(new Error(r.error)) : Promise.resolve(r.result);
  },
  epochs: () => 42,
  notify: (text, kind) => {
    notice.textContent = text;
    notice.className = `h-notice${kind === "error" ? " is-error" : ""}`;
    events.push({ type: "notify", text, kind });
  },
  onWeightsLoaded: (result) => events.push({ type: "weightsLoaded", result }),
});

window.harness = {
  events,
  calls,
  replies,
  showSample: (result, opts) => inspector.showSample(result, opts),
  showNeuron: (result, thumb, opts) => inspector.showNeuron(
    result, thumb ? { ...thumb, values: Float32Array.from(thumb.values) } : null, opts),
  clear: () => inspector.clear(),
  ready: true,
};
