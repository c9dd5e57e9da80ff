// Booting Python in a web worker, shared by the engine's worker (worker.mjs) and the lab's
// (lab-worker.mjs): Pyodide, NumPy and bpcore loaded from config.json's pins, from the engine's
// memory snapshot when an earlier visit kept one (engine-snapshot.mjs), every load failure
// turned into a {code, params, message, detail} the page can say (fatalOf). Importing this
// module installs the load-failure watch on fetch and WebAssembly: import it first.

import { SnapshotStore, captureSnapshot, recordLibraries, restoreLibraries, snapshotBlob }
  from "./engine-snapshot.mjs";

// How this worker's Python booted: from "snapshot" (an earlier visit's memory snapshot) or
// "fresh"; store: where snapshots are kept (set by bootPython); captured: what a fresh boot
// with `keep` captured for one, stored by saveSnapshot
export const booted = { from: "fresh", store: /** @type {SnapshotStore | null} */ (null), captured: null };

const APP_DIR = "/home/pyodide/app"; // where bpcore.zip is unpacked (it holds bpcore/...)

// The load fails as soon as one of these happens (anything else that never settles still ends
// at LOAD_TIMEOUT_MS): Pyodide and Emscripten only log most failures and then wait forever.
let failLoad;
let loadFailure;
/** A new watch for a load failure (and an empty record of failed files): a failed restore of
 * the memory snapshot must not fail the fresh boot after it. */
function armLoadFailure() {
  loadFailure = new Promise((_, reject) => { failLoad = reject; });
  loadFailure.catch(() => {});
  failedFiles.length = 0;
}

// Every file that failed to arrive (HTTP error, network error, bad integrity hash), so a
// load failure can name the file. Pyodide fetches everything through the global fetch.
const failedFiles = [];
armLoadFailure();
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const url = typeof input === "string" ? input : input.url ?? String(input);
  try {
    const resp = await realFetch(input, init);
    if (!resp.ok) {
      failedFiles.push({ file: fileName(url), why: `HTTP ${resp.status}` });
      // fail fast: a missing pyodide.asm.wasm otherwise hangs until the timeout
      failLoad(new LoadError(fileName(url), `${url}: HTTP ${resp.status} ${resp.statusText}`));
    }
    return resp;
  } catch (err) {
    const why = String(err && err.message || err);
    failedFiles.push({ file: fileName(url), why });
    // a damaged file fails its integrity check here; loadPyodide({packages}) would then wait
    failLoad(new LoadError(fileName(url), `${url}: ${why}`));
    throw err;
  }
};

// A corrupt pyodide.asm.wasm makes loadPyodide hang (Emscripten only logs the failure), so
// watch WebAssembly's compile calls and fail the load as soon as one throws a CompileError.
// A Content-Security-Policy without 'wasm-unsafe-eval' makes the same calls throw too: that
// is not a damaged file, and the message says so.
for (const name of ["instantiate", "instantiateStreaming", "compile", "compileStreaming"]) {
  const original = WebAssembly[name];
  if (typeof original !== "function") continue;
  WebAssembly[name] = function (...args) {
    return original.apply(this, args).catch((err) => {
      // a streaming failure over a wrong MIME type is a TypeError; Emscripten retries that
      if (err instanceof WebAssembly.CompileError || err instanceof WebAssembly.LinkError) {
        failLoad(cspBlocked(err) ? new CspError(String(err))
          : new LoadError("pyodide.asm.wasm", String(err)));
      }
      throw err;
    });
  };
}

function cspBlocked(err) {
  return /Content.Security.Policy|unsafe-eval/i.test(String(err && err.message || err));
}

const LOAD_TIMEOUT_MS = 120_000; // anything else that never settles

function fileName(url) {
  return String(url).split("?")[0].split("/").pop() || String(url);
}

function post(msg) {
  self.postMessage(msg);
}

let stage = "runtime";
/** A loading progress event to the page (stage: runtime | numpy | engine; percent overall). */
export function progress(s, percent) {
  stage = s;
  // t: when, on the shared wall clock (the page's own clock starts elsewhere)
  post({ event: "progress", stage: s, percent, t: performance.timeOrigin + performance.now() });
}

// A loading failure goes to the page as {code, params, message, detail}: the page says the code
// in its language (domain/messages, error.<code>); message is the English text, detail the
// technical record shown under Details (file names, HTTP status), which stays as it is.
export class LoadError extends Error {
  /** @param {string} file @param {string} detail @param {string[]} [packages] missing ones */
  constructor(file, detail, packages) {
    super(packages ? `The engine failed to load: the ${packages.join(", ")} package is missing or corrupt.`
      : `The engine failed to load: ${file} is missing or corrupt.`);
    this.code = packages ? "load_package_missing" : "load_missing";
    this.params = packages ? { packages: packages.join(", ") } : { file };
    this.detail = detail;
  }
}

class CspError extends Error {
  constructor(detail) {
    super("The engine failed to load: this page's Content-Security-Policy does not allow " +
      "WebAssembly (it needs script-src 'wasm-unsafe-eval', for the worker too).");
    this.code = "load_csp";
    this.params = {};
    this.detail = detail;
  }
}

async function fetchOk(url) {
  const resp = await fetch(url);
  if (!resp.ok) throw new LoadError(fileName(url), `${url}: HTTP ${resp.status}`);
  return resp;
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Python with NumPy, bpcore unpacked and `module` imported: {py, module} (module: its PyProxy).
 * keep: on a fresh boot, capture what a memory snapshot needs (the engine's worker; it stores
 * it later with saveSnapshot); the lab's worker only restores one. */
export async function bootPython({ module, keep }) {
  progress("runtime", 0);
  const base = new URL(".", self.location.href);
  const config = await (await fetchOk(new URL("config.json", base))).json();
  // "./pyodide/" in the vendored build; the pinned CDN folder in the --cdn build
  const indexURL = new URL(config.pyodideBase, base).href;
  // bpcore's archive downloads while Pyodide compiles (awaited, and so reported, below)
  const zipBytes = fetchOk(new URL(config.bpcore, base)).then((r) => r.arrayBuffer());
  zipBytes.catch(() => {}); // a failure is reported where it is awaited, not as unhandled
  const snapshot = new SnapshotStore(base, config.snapshotKey);
  booted.store = snapshot;
  const kept = snapshot.find();
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  progress("runtime", 10);
  const start = (options) => Promise.race([loadFailure, loadPyodide({ indexURL, stdout: () => {}, stderr: () => {}, ...options })]);
  const timeout = () => setTimeout(() => failLoad(new Error(`loading took over ${LOAD_TIMEOUT_MS / 1000} s`)), LOAD_TIMEOUT_MS);
  const found = await kept;
  let timer = timeout();
  try {
    if (found) return await bootFrom({ config, zipBytes, start, found, module, keep });
  } catch (err) {
    // anything failing with a kept snapshot drops it for a fresh boot; a real load failure
    // (a missing file) fails that boot too, and is reported from there
    console.warn("engine snapshot: restoring failed; booting afresh:", err);
    await snapshot.drop();
    booted.from = "fresh";
    armLoadFailure();
    progress("runtime", 10);
  } finally {
    clearTimeout(timer);
  }
  timer = timeout();
  try {
    return await bootFrom({ config, zipBytes, start, found: null, module, keep });
  } finally {
    clearTimeout(timer);
  }
}

/** Python with NumPy and bpcore, from the kept snapshot (found) or afresh, `module` imported. */
async function bootFrom({ config, zipBytes, start, found, module, keep }) {
  const snapshot = booted.store;
  let py = null;
  if (found) {
    // the runtime's script and wasm load while the snapshot is still being read (and checked)
    const runtime = found.parts.then((p) => {
      if (!p) throw new Error("damaged snapshot");
      return p.runtime;
    });
    runtime.catch(() => {}); // awaited (and so reported) by loadPyodide
    py = await start({ _loadSnapshot: runtime });
    await restoreLibraries(py, await found.parts);
    booted.from = "snapshot";
  }
  let libs = null; // NumPy's shared libraries, as recorded for a snapshot
  if (!py && keep && snapshot.usable) {
    // The Module loadPyodide makes is watched while NumPy loads (its libraries must be
    // recorded for the snapshot): catch the factory pyodide.asm.js defines, as it defines it
    let recorder = null;
    watchRuntimeFactory((M) => { recorder = recordLibraries(M); });
    // `packages`: NumPy downloads and unpacks while the runtime boots, not after it
    py = await start({ _makeSnapshot: true, packages: config.packages });
    libs = recorder && recorder.stop();
  } else if (!py) {
    py = await start({ packages: config.packages });
  }

  progress("numpy", 60);
  const loadErrors = [];
  let missing = config.packages.filter((p) => !(p in py.loadedPackages));
  if (missing.length) { // loadPyodide does not say why; ask again, listening this time
    libs = null; // (and no snapshot: it must see every library load)
    await py.loadPackage(missing, {
      messageCallback: () => {},
      errorCallback: (m) => loadErrors.push(m),
    });
    // loadPackage reports a bad wheel through errorCallback and still resolves
    missing = config.packages.filter((p) => !(p in py.loadedPackages));
  }
  if (missing.length) {
    const bad = failedFiles.find((f) => f.file.endsWith(".whl"));
    throw new LoadError(bad ? bad.file : "", loadErrors.join("\n") || `could not load ${missing.join(", ")}`,
      bad ? undefined : missing);
  }

  progress("engine", 85);
  const zip = new Uint8Array(await zipBytes);
  if (config.bpcoreSha256 && (await sha256Hex(zip)) !== config.bpcoreSha256) {
    throw new LoadError(config.bpcore, `sha256 of ${config.bpcore} does not match config.json`);
  }
  py.unpackArchive(zip, "zip", { extractDir: APP_DIR });
  py.runPython(`import sys\nif ${JSON.stringify(APP_DIR)} not in sys.path: sys.path.insert(0, ${JSON.stringify(APP_DIR)})`);
  const imported = py.pyimport(module);
  if (libs) { // everything imported, nothing made yet: what a later visit starts from
    try {
      booted.captured = captureSnapshot(py, libs);
    } catch {
      booted.captured = null; // this runtime cannot make one; it still runs
    }
  }
  return { py, module: imported };
}

/** Store the snapshot this boot captured (once the engine is idle: worker.mjs); post(msg)
 * tells the page, which remembers it and names the next visit's worker after it (engine.js). */
export function saveSnapshot(post) {
  const { captured, store } = booted;
  let made;
  try {
    made = snapshotBlob(captured);
  } catch {
    return; // this runtime cannot make one; it still runs
  } finally {
    booted.captured = null; // the heap copy goes once assembled
  }
  // the page remembers it, and names the next visit's worker after it (engine.js)
  store.save(made).then((kept) => kept && post({ event: "snapshot", key: store.key }));
}

// pyodide.asm.js defines globalThis._createPyodideModule, which loadPyodide then calls to
// make the Module: wrap it as it is defined, so that made(Module) runs before any package loads
// (or at once, if an earlier boot of this worker already defined it)
function watchRuntimeFactory(made) {
  const defined = globalThis._createPyodideModule;
  let factory;
  const wrap = (create) => {
    factory = (settings) => create(settings).then((M) => {
      made(M);
      return M;
    });
  };
  Object.defineProperty(globalThis, "_createPyodideModule", { configurable: true, get: () => factory, set: wrap });
  if (typeof defined === "function") wrap(defined);
}

/** A load failure as {code, params, message, detail} (the page says code in its language). */
export function fatalOf(err) {
  if (err instanceof LoadError || err instanceof CspError) {
    return { code: err.code, params: err.params, message: err.message, detail: err.detail };
  }
  const text = String(err && (err.stack || err.message) || err);
  let file = failedFiles.length ? failedFiles[failedFiles.length - 1].file : null;
  if (!file && /WebAssembly|wasm/i.test(text)) file = "pyodide.asm.wasm";
  const message = file
    ? `The engine failed to load: ${file} is missing or corrupt.`
    : `The engine failed to load (while loading the ${stage}).`;
  const seen = failedFiles.map((f) => `${f.file}: ${f.why}`).join("\n");
  const code = file ? "load_missing" : `load_failed_${stage}`; // stages: runtime, numpy, engine
  return { code, params: file ? { file } : {}, message, detail: seen ? `${seen}\n${text}` : text };
}
