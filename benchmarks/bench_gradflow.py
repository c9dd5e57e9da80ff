"""What the gradient flow costs: epochs/s of the worker's `step` with and without `gradFlow`
(each layer's gradient RMS and the dead units, bpcore/gradflow.py), for the playground's
configurations b (spiral, 8x6, batch 10) and d (spiral, 8x6, all 7 features, batch 1),
natively and, with --pyodide, inside Pyodide under Node (the page's engine).

    python3 benchmarks/bench_gradflow.py [--rounds 15] [--chunk-ms 50 | --epochs N] [--pyodide]

A chunk is what the page sends while playing: as many epochs as take about --chunk-ms of
training (web/domain/schedule.js aims at 50 ms), calibrated once per configuration, or --epochs
(on a busy machine the calibration gives chunks of one epoch, whose timings are noisier). Each round
times one chunk without and one with gradFlow, in alternating order (A B, then B A, ...), on
the same session, so a busy machine slows both alike; it prints the median epochs/s of each
and the cost (1 - with / without), and, steadier on a busy machine, the time of the sampling
alone (gradflow.sample, 200 calls) and its share of a chunk. Pyodide comes from DIR (default
dist/pyodide/, made by `python3 build.py`). Native runs use one BLAS thread. The load average
is printed too.
"""

import argparse
import os
from pathlib import Path

from pyodide_timing import ROOT, native, pyodide

# The timing code, the same text natively and in Pyodide: ROOT is the repository's folder.
TIMING_PY = r"""
import json, statistics, sys, time
sys.path.insert(0, ROOT)
from bpcore import gradflow
from bpcore.protocol import Engine

COMMON = {"n_points": 500, "train_ratio": 50, "activation": "tanh", "optimizer": "sgd",
          "lr": 0.03}
CONFIGS = {
    "b": ("spiral, 8x6, batch 10", {"dataset": "spiral", "layers": [8] * 6, "batch_size": 10}),
    "d": ("spiral, 8x6, 7 features, batch 1",
          {"dataset": "spiral", "layers": [8] * 6, "batch_size": 1,
           "features": ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"]}),
}


def chunk(e, epochs, flow):
    t = time.perf_counter()
    r = e.handle("step", {"epochs": epochs, "gradFlow": flow})
    assert ("gradFlow" in r) == flow
    return time.perf_counter() - t


def measure(rounds, chunk_ms, epochs=0):
    out = {}
    for key, (name, settings) in CONFIGS.items():
        e = Engine()
        e.handle("init", {"settings": {**COMMON, **settings}})
        chunk(e, 1, True)  # warm: buffers, gradient functions
        k = epochs
        if not k:  # calibrated: the epochs of about chunk_ms
            k = 1
            while (ms := chunk(e, k, False) * 1e3) < 4 * chunk_ms:  # the epochs of 4 chunks
                k *= 2
            k = max(1, round(k * chunk_ms / ms))
        rate = {False: [], True: []}
        for r in range(rounds):
            for flow in ((False, True) if r % 2 == 0 else (True, False)):
                rate[flow].append(k / chunk(e, k, flow))
        without, with_ = statistics.median(rate[False]), statistics.median(rate[True])
        # the sampling alone, many times over: its share of a chunk, steadier than the above
        t = time.perf_counter()
        for _ in range(200):
            gradflow.sample(e.session)
        sample_ms = (time.perf_counter() - t) / 200 * 1e3
        out[key] = {"name": name, "epochs": k, "without": without, "with": with_,
                    "cost": 1 - with_ / without, "sample_ms": sample_ms,
                    "share": sample_ms / (sample_ms + k / without * 1e3)}
    return out
"""


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=15)
    p.add_argument("--chunk-ms", type=float, default=50.0)
    p.add_argument("--epochs", type=int, default=0, help="epochs per chunk (0: --chunk-ms's)")
    p.add_argument("--pyodide", nargs="?", const=str(ROOT / "dist" / "pyodide"), default=None)
    a = p.parse_args()
    load0 = os.getloadavg()[0]
    call = f"measure({a.rounds}, {a.chunk_ms}, {a.epochs})"
    runs = {"native": native(TIMING_PY, call)}
    if a.pyodide:
        runs["pyodide"] = pyodide(Path(a.pyodide).resolve(), TIMING_PY, call)
    print(f"step epochs/s without / with gradFlow: median of {a.rounds} alternating rounds, "
          f"chunks of ~{a.chunk_ms:g} ms")  # fmt: skip
    for name, r in runs.items():
        print(f"{name}: {r['version']}")
    print(f"load average {load0:.2f} at the start, {os.getloadavg()[0]:.2f} at the end "
          f"({os.cpu_count()} cores)")  # fmt: skip
    print(f"{'platform':<9}{'config':<38}{'epochs':>7}{'without':>10}{'with':>10}{'cost':>8}"
          f"{'sample ms':>11}{'share':>8}")  # fmt: skip
    for name, r in runs.items():
        for key, c in r["result"].items():
            cells = f"{c['with']:>10.1f}{c['cost']:>8.1%}{c['sample_ms']:>11.3f}{c['share']:>8.2%}"
            print(f"{name:<9}{key + ' ' + c['name']:<38}{c['epochs']:>7}{c['without']:>10.1f}"
                  f"{cells}")  # fmt: skip


if __name__ == "__main__":
    main()
