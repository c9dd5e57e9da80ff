// What the lab's worker (lab-worker.mjs) takes away before any student code runs, and the cap
// on its memory. Python inside Pyodide can always find a way to JavaScript (the `js` module,
// or its objects through gc), so the wall is on the JavaScript side: whatever is deleted from
// the worker's global scope here is gone for Python too, however it gets there. The Python
// side (no `js`, `pyodide` imports) is only a first fence.

// The worker's own globals the harness no longer needs once Python is up:
export const TAKEN = [
  // storage: Cache Storage holds the engine's memory snapshot and the offline copy of the site
  "caches", "indexedDB",
  // messages to the page (lab-worker.mjs keeps its own postMessage) and to other contexts
  "postMessage", "BroadcastChannel",
  // the network and more code: fetch, XHR, sockets, workers of their own (whose global scope
  // would still have all of the above), old-style script imports
  "fetch", "XMLHttpRequest", "WebSocket", "WebTransport", "EventSource", "importScripts",
  "Worker", "SharedWorker",
  // its own end (the page would only notice at the time limit)
  "close",
];
// ...and navigator's: the origin-private file system and storage quota, Web Locks (the
// engine's life lock, engine.js), the service worker (it heals the site's cache on request)
export const TAKEN_NAVIGATOR = ["storage", "locks", "serviceWorker"];

// Python modules a student's code cannot import (first fence; see above)
const BLOCKED = ["js", "pyodide", "pyodide_js", "_pyodide", "_pyodide_core", "micropip"];

/** Delete `name` from `obj` and every prototype it inherits it from; false if it stays. */
function take(obj, name) {
  for (let o = obj; o; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, name)) {
      try {
        delete o[name];
      } catch {
        // non-configurable: checked below
      }
    }
  }
  return !(name in obj);
}

/** The sandbox, once Python (py) is booted and the harness imported. Returns what could not be
 * taken (empty on Chromium; a console warning names the rest). */
export function sandbox(py) {
  py.runPython(`
def _fence(blocked):
    import builtins, sys
    for name in [m for m in sys.modules if m.split(".")[0] in blocked]:
        del sys.modules[name]

    class Refuse:
        """The lab runs NumPy code: the bridge to the page's JavaScript is not for it."""
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in blocked:
                raise ImportError(f"{name} is not available in the lab")
            return None

    sys.meta_path.insert(0, Refuse())
    _import = builtins.__import__
    def __import__(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and name.split(".")[0] in blocked:
            raise ImportError(f"{name} is not available in the lab")
        return _import(name, globals, locals, fromlist, level)
    builtins.__import__ = __import__

_fence(frozenset(${JSON.stringify(BLOCKED)}))
del _fence
`);
  const kept = TAKEN.filter((name) => !take(self, name));
  const nav = self.navigator;
  if (nav) kept.push(...TAKEN_NAVIGATOR.filter((name) => !take(nav, name)).map((n) => `navigator.${n}`));
  if (kept.length) console.warn("lab sandbox: could not take away", kept.join(", "));
  return kept;
}

/** Cap the wasm memory Pyodide makes (WebAssembly.Memory's maximum) at `bytes`. */
export function capMemory(bytes) {
  const Memory = WebAssembly.Memory;
  const pages = Math.floor(bytes / 65536);
  /** @param {WebAssembly.MemoryDescriptor} desc */
  function Capped(desc) {
    const d = { ...desc };
    if (!d.shared && d.initial <= pages) d.maximum = Math.min(d.maximum ?? pages, pages);
    return new Memory(d);
  }
  Capped.prototype = Memory.prototype;
  // @ts-ignore: a constructor that returns the real Memory
  WebAssembly.Memory = Capped;
}
