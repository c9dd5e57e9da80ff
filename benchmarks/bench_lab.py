"""How long the lab's checks take: bpcore.lab.check of each exercise's correct solution
(tests/lab_solutions/), natively and, with --pyodide, inside Pyodide under Node (the page's
lab worker runs the same code in the browser; issue 21 asks for under 0.5 s per check there).

    python3 benchmarks/bench_lab.py [--repeats 7] [--pyodide [DIR]]

It prints, per exercise, the median and the minimum over the repeats of one check() (the
student's source run, then every check), and one run() of the sigmoid solution. Pyodide comes
from DIR (default dist/pyodide/, made by `python3 build.py`), NumPy from its lock file; the
repository is mounted read-only into Pyodide's file system. Native runs use one BLAS thread.
Check `uptime` first: the load average is printed with the results.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The timing code, the same text natively and in Pyodide: ROOT is the repository's folder.
TIMING_PY = r"""
import json, statistics, sys, time
sys.path[:0] = [ROOT, ROOT + "/tests"]
from bpcore.lab import EXERCISES, check, run
from lab_solutions import load


def measure(repeats):
    right = {s.exercise: s.source for s in load() if s.passes}
    out = {}
    for ex in [e.id for e in EXERCISES]:
        assert check(ex, right[ex])["passed"], ex  # and a first, warm-up call
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            check(ex, right[ex])
            times.append((time.perf_counter() - t) * 1e3)
        out[ex] = (statistics.median(times), min(times))
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        run(right["sigmoid"] + "print(sigmoid(np.linspace(-5, 5, 11)))\n")
        times.append((time.perf_counter() - t) * 1e3)
    out["run (sigmoid)"] = (statistics.median(times), min(times))
    return out
"""

NODE_JS = r"""
const [dir, root, repeats, code] = process.argv.slice(1);
const {pathToFileURL} = await import("node:url");
const {loadPyodide} = await import(pathToFileURL(dir + "/pyodide.mjs").href);
const py = await loadPyodide({indexURL: dir + "/"});
await py.loadPackage("numpy", {messageCallback: () => {}});
py.FS.mkdirTree("/repo");
py.FS.mount(py.FS.filesystems.NODEFS, {root}, "/repo");
py.runPython(`ROOT = "/repo"\n` + code);
const version = py.runPython(
  "import numpy, sys; f'Python {sys.version.split()[0]}, NumPy {numpy.__version__}'");
const times = JSON.parse(py.runPython(`json.dumps(measure(${repeats}))`));
console.log(JSON.stringify({version, times}));
"""


def native(repeats):
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    scope = {"ROOT": str(ROOT)}
    exec(TIMING_PY, scope)
    import numpy

    version = f"Python {sys.version.split()[0]}, NumPy {numpy.__version__}"
    return {"version": version, "times": scope["measure"](repeats)}


def pyodide(folder, repeats):
    node = shutil.which("node")
    if node is None:
        sys.exit("--pyodide needs node")
    args = [node, "--input-type=module", "-e", NODE_JS, str(folder), str(ROOT), str(repeats)]
    r = subprocess.run(args + [TIMING_PY], capture_output=True, text=True, timeout=900)
    if r.returncode != 0:
        sys.exit(f"the Pyodide run failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--pyodide", nargs="?", const=str(ROOT / "dist" / "pyodide"), default=None)
    a = p.parse_args()
    load0 = os.getloadavg()[0]
    results = {"native": native(a.repeats)}
    if a.pyodide:
        results["pyodide"] = pyodide(Path(a.pyodide).resolve(), a.repeats)
    print(f"bpcore.lab.check of each correct solution, ms: median / min of {a.repeats}")
    for name, r in results.items():
        print(f"{name}: {r['version']}")
    print(f"load average {load0:.2f} at the start, {os.getloadavg()[0]:.2f} at the end "
          f"({os.cpu_count()} cores)")  # fmt: skip
    print(f"{'exercise':<18}" + "".join(f"{name:>20}" for name in results))
    for ex in results["native"]["times"]:
        cells = "".join(f"{r['times'][ex][0]:>11.1f} / {r['times'][ex][1]:>6.1f}" for r in
                        results.values())  # fmt: skip
        print(f"{ex:<18}{cells}")


if __name__ == "__main__":
    main()
