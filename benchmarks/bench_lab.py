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
import os
from pathlib import Path

from pyodide_timing import ROOT, native, pyodide

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


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--pyodide", nargs="?", const=str(ROOT / "dist" / "pyodide"), default=None)
    a = p.parse_args()
    load0 = os.getloadavg()[0]
    call = f"measure({a.repeats})"
    results = {"native": native(TIMING_PY, call)}
    if a.pyodide:
        results["pyodide"] = pyodide(Path(a.pyodide).resolve(), TIMING_PY, call, timeout=900)
    print(f"bpcore.lab.check of each correct solution, ms: median / min of {a.repeats}")
    for name, r in results.items():
        print(f"{name}: {r['version']}")
    print(f"load average {load0:.2f} at the start, {os.getloadavg()[0]:.2f} at the end "
          f"({os.cpu_count()} cores)")  # fmt: skip
    print(f"{'exercise':<18}" + "".join(f"{name:>20}" for name in results))
    for ex in results["native"]["result"]:
        cells = "".join(f"{r['result'][ex][0]:>11.1f} / {r['result'][ex][1]:>6.1f}" for r in
                        results.values())  # fmt: skip
        print(f"{ex:<18}{cells}")


if __name__ == "__main__":
    main()
