#!/usr/bin/env node
// Training throughput of bpcore inside Pyodide (the page's engine, here under Node) next to
// native CPython, for the playground's configurations a-d; optionally against an older commit.
//
//   node benchmarks/bench_pyodide_core.mjs [--before REV] [--repeats 5] [--epochs 20]
//        [--configs a,b,c,d] [--python PATH] [--pyodide DIR]
//
// It prints ms per epoch (Session.step(epochs) / epochs, so one metrics() per call, as the
// page's chunks) in Pyodide and natively, and their ratio. With --before REV the bpcore of
// that commit (git archive) is timed in the same rounds: each round times every config for
// every version, in Pyodide and then natively, so a busy machine slows all of them alike;
// each number is the minimum over the rounds. Native runs use OPENBLAS_NUM_THREADS=1 (the
// browser has one thread). Pyodide comes from DIR (default dist/pyodide/, made by
// `python3 build.py`), NumPy from its lock file. Check `uptime` first: the load average is
// printed with the results.

import {spawnSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// The timing code, the same text in Pyodide and natively. measure() imports each version
// of bpcore afresh from its folder and times one step(epochs) call per configuration.
const TIMING_PY = String.raw`
import json, sys, time

COMMON = {"n_points": 500, "train_ratio": 50, "activation": "tanh", "optimizer": "sgd",
          "lr": 0.03}
CONFIGS = {
    "a": ("circle, 4,2, batch 10", {"dataset": "circle", "layers": [4, 2], "batch_size": 10}),
    "b": ("spiral, 8x6, batch 10", {"dataset": "spiral", "layers": [8] * 6, "batch_size": 10}),
    "c": ("circle, 4,2, batch 1", {"dataset": "circle", "layers": [4, 2], "batch_size": 1}),
    "d": ("spiral, 8x6, 7 features, batch 1",
          {"dataset": "spiral", "layers": [8] * 6, "batch_size": 1,
           "features": ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"]}),
}


def load(folder):
    """bpcore.session.Session imported from folder (any bpcore imported before is dropped)."""
    for name in [m for m in sys.modules if m == "bpcore" or m.startswith("bpcore.")]:
        del sys.modules[name]
    sys.path.insert(0, folder)
    try:
        from bpcore.session import Session
    finally:
        sys.path.remove(folder)
    return Session


def measure(folders, keys, epochs):
    """{version: {config: ms per epoch}} from one timed step(epochs) each (after one epoch)."""
    sessions = {version: load(folder) for version, folder in folders.items()}
    out = {version: {} for version in folders}
    for key in keys:
        for version, Session in sessions.items():
            s = Session({**COMMON, **CONFIGS[key][1]})
            s.step(1)
            t = time.perf_counter()
            s.step(epochs)
            out[version][key] = (time.perf_counter() - t) / epochs * 1e3
    return out
`;

function parseArgs(argv) {
  const a = {before: null, repeats: 5, epochs: 20, configs: "a,b,c,d",
             python: fs.existsSync(path.join(ROOT, ".venv/bin/python"))
               ? path.join(ROOT, ".venv/bin/python") : "python3",
             pyodide: path.join(ROOT, "dist/pyodide")};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, "");
    if (!(key in a) || argv[i + 1] === undefined) {
      console.error(`usage: node ${path.basename(process.argv[1])} [--before REV] [--repeats N] ` +
                    "[--epochs N] [--configs a,b,c,d] [--python PATH] [--pyodide DIR]");
      process.exit(2);
    }
    a[key] = typeof a[key] === "number" ? Number(argv[i + 1]) : argv[i + 1];
  }
  return a;
}

function checkout(rev) {
  // bpcore/ of commit rev, extracted into a temporary folder
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bpcore-before-"));
  const tar = spawnSync("sh", ["-c", `git -C "${ROOT}" archive "${rev}" bpcore | tar -x -C "${dir}"`]);
  if (tar.status !== 0) throw new Error(`git archive ${rev}: ${tar.stderr}`);
  return dir;
}

async function startPyodide(dir, folders) {
  const {loadPyodide} = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
  const py = await loadPyodide({indexURL: dir + path.sep});
  await py.loadPackage("numpy", {messageCallback: () => {}});
  const mounted = {};
  for (const [version, folder] of Object.entries(folders)) {  // the host folders, read-only use
    mounted[version] = `/bench/${version}`;
    py.FS.mkdirTree(mounted[version]);
    py.FS.mount(py.FS.filesystems.NODEFS, {root: folder}, mounted[version]);
  }
  py.runPython(TIMING_PY);
  return {
    measure: (keys, epochs) => JSON.parse(py.runPython(
      `json.dumps(measure(${JSON.stringify(mounted)}, ${JSON.stringify(keys)}, ${epochs}))`)),
    version: py.runPython("import numpy, sys; f'Python {sys.version.split()[0]}, NumPy {numpy.__version__}'"),
    names: JSON.parse(py.runPython("json.dumps({k: name for k, (name, _) in CONFIGS.items()})")),
  };
}

function measureNative(python, folders, keys, epochs) {
  const code = `${TIMING_PY}\nprint(json.dumps(measure(${JSON.stringify(folders)}, ` +
               `${JSON.stringify(keys)}, ${epochs})))`;
  const env = {...process.env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1"};
  const r = spawnSync(python, ["-c", code], {env, encoding: "utf8"});
  if (r.status !== 0) throw new Error(`native run failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

const fmt = (x, w = 8, d = 2) => x.toFixed(d).padStart(w);

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const keys = a.configs.split(",");
  const folders = {after: ROOT};
  if (a.before) folders.before = checkout(a.before);
  const py = await startPyodide(path.resolve(a.pyodide), folders);
  const load0 = os.loadavg()[0];
  const best = {};  // `${platform} ${version} ${key}` -> min ms
  const keep = (platform, result) => {
    for (const [version, times] of Object.entries(result)) {
      for (const [key, ms] of Object.entries(times)) {
        const k = `${platform} ${version} ${key}`;
        best[k] = Math.min(best[k] ?? Infinity, ms);
      }
    }
  };
  for (let r = 0; r < a.repeats; r++) {
    keep("pyodide", py.measure(keys, a.epochs));
    keep("native", measureNative(a.python, folders, keys, a.epochs));
  }
  const native = spawnSync(a.python, ["-c", "import numpy, sys; print(f'Python " +
    "{sys.version.split()[0]}, NumPy {numpy.__version__}')"], {encoding: "utf8"}).stdout.trim();
  console.log(`bpcore training, ms per epoch: min of ${a.repeats} rounds of step(${a.epochs})`);
  console.log(`pyodide: ${py.version} (Node ${process.version}); native: ${native}, 1 BLAS thread`);
  console.log(`load average ${load0.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end` +
              ` (${os.cpus().length} cores)`);
  let head = `${"config".padEnd(34)} ${"pyodide".padStart(8)} ${"native".padStart(8)} ${"ratio".padStart(6)}`;
  if (a.before) {
    head += `   | before: ${"pyodide".padStart(8)} ${"native".padStart(8)} ${"ratio".padStart(6)}` +
            `   | speed-up: ${"pyodide".padStart(7)} ${"native".padStart(7)}`;
  }
  console.log(head);
  for (const key of keys) {
    const cell = (platform, version) => best[`${platform} ${version} ${key}`];
    const p = cell("pyodide", "after"), n = cell("native", "after");
    let line = `${(key + " " + py.names[key]).padEnd(34)} ${fmt(p)} ${fmt(n)} ${fmt(p / n, 6)}`;
    if (a.before) {
      const pb = cell("pyodide", "before"), nb = cell("native", "before");
      line += `   |         ${fmt(pb)} ${fmt(nb)} ${fmt(pb / nb, 6)}` +
              `   |           ${fmt(pb / p, 6, 2)}x ${fmt(nb / n, 6, 2)}x`;
    }
    console.log(line);
  }
  if (a.before) fs.rmSync(folders.before, {recursive: true, force: true});
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
