"""The interpreter floor: what plain Python and tiny NumPy calls cost, run natively and inside
Pyodide (benchmarks/bench_browser.py runs this file in both and prints the ratios).

bpcore's training step is Python glue around small NumPy calls, so its browser/native ratio
cannot go below what the same kinds of work cost in WebAssembly: these loops measure that.
"""

import time

import numpy as np


def _best_ms(work, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def _python_loop():
    # arithmetic, a modulo and a local: the interpreter's own speed
    total = 0.0
    for i in range(200_000):
        total += i * 0.5 - (i % 7)
    return total


class _Layer:
    def __init__(self):
        self.w, self.b = 1.0, 2.0


def _attributes():
    # attribute reads and a call per iteration, as bpcore's glue does
    layer, total = _Layer(), 0.0
    for _ in range(100_000):
        total += layer.w * layer.b + len((1, 2))
    return total


_a, _w, _out = np.ones(4), np.ones((4, 4)), np.empty(4)


def _tiny_numpy():
    # three NumPy calls on 4-vectors, the size of a batch-1 step in a small network
    for _ in range(20_000):
        np.dot(_w, _a, out=_out)
        np.tanh(_out, out=_out)
        _ = _out * 2.0


_x, _w8 = np.random.default_rng(0).normal(size=(10, 8)), np.ones((8, 8))


def _small_matmul():
    # a 10 x 8 batch through an 8 x 8 layer, as in a batch-10 step of an 8-wide network
    for _ in range(5_000):
        np.tanh(_x @ _w8)


CASES = {
    "pure-Python loop": _python_loop,
    "attribute reads": _attributes,
    "tiny NumPy calls (4-vectors)": _tiny_numpy,
    "10x8 @ 8x8 + tanh": _small_matmul,
}


def measure() -> dict:
    """{case: best ms of 5}, after one warm-up round (WebAssembly tiers up hot code)."""
    for work in CASES.values():
        work()
    return {name: _best_ms(work) for name, work in CASES.items()}


if __name__ == "__main__":
    for name, ms in measure().items():
        print(f"{name:30s} {ms:8.2f} ms")
