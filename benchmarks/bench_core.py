"""Time bpcore's training epoch and grid evaluation against a plain NumPy reference.

    python3 benchmarks/bench_core.py [--repeats 11] [--epochs 20]

(benchmarks/bench_pyodide_core.mjs times the same training inside Pyodide, next to these
native numbers.)

For each case it prints ms per epoch and ms per 100x100 grid evaluation (output and every
hidden neuron, as float32) for bpcore's Session and for `reference_*`: the fastest
straightforward NumPy loop we could write for the same work, self-contained here. The ratio
is bpcore / reference (target <= 1.3). Timings are the minimum over repeats.
"""

import argparse
import os
import sys
import time
from pathlib import Path

# one BLAS thread: steadier numbers, and the browser has only one
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bpcore.features import grid_inputs  # noqa: E402
from bpcore.session import Session  # noqa: E402

CASES = [
    ("circle, net 4,2, batch 10", {"dataset": "circle", "layers": [4, 2], "batch_size": 10}),
    ("spiral, net 8x6, batch 10", {"dataset": "spiral", "layers": [8] * 6, "batch_size": 10}),
    ("circle, net 4,2, batch 1", {"dataset": "circle", "layers": [4, 2], "batch_size": 1}),
    (
        "spiral, 8x6, 7 features, batch 1",
        {
            "dataset": "spiral",
            "layers": [8] * 6,
            "batch_size": 1,
            "features": ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"],
        },
    ),
]
COMMON = {"n_points": 500, "train_ratio": 50, "activation": "tanh", "optimizer": "sgd", "lr": 0.03}
EPOCHS = 20  # per timed call; metrics are measured once per call, as Session.step does


# ---------------------------------------------------------------- the reference


def reference_train(Ws, bs, X, T, Xte, Tte, batch, lr, epochs, rng):
    """tanh hidden layers, sigmoid + bce output, SGD; then train/test loss and accuracy.
    In-place where it saves an allocation, nothing cleverer."""
    n = len(X)
    L = len(Ws)
    for _ in range(epochs):
        perm = rng.permutation(n)
        Xs, Ts = X[perm], T[perm]
        for i in range(0, n, batch):
            a = Xs[i : i + batch]
            acts = [a]
            for l in range(L - 1):
                a = a @ Ws[l].T
                a += bs[l]
                np.tanh(a, out=a)
                acts.append(a)
            z = a @ Ws[-1].T
            z += bs[-1]
            # sigmoid(z) - t, divided by the batch size: dL/dz of the mean bce
            np.multiply(z, 0.5, out=z)
            np.tanh(z, out=z)
            delta = z
            delta -= 2.0 * Ts[i : i + batch] - 1.0
            delta *= 0.5 / len(a)
            for l in range(L - 1, -1, -1):
                gW = delta.T @ acts[l]
                gb = delta.sum(axis=0)
                if l:
                    a = acts[l]
                    delta = delta @ Ws[l]
                    delta *= 1.0 - a * a
                gW *= lr
                gb *= lr
                Ws[l] -= gW
                bs[l] -= gb
    out = []
    for A, Y in ((X, T), (Xte, Tte)):
        for l in range(L - 1):
            A = np.tanh(A @ Ws[l].T + bs[l])
        z = A @ Ws[-1].T + bs[-1]
        loss = np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - Y * z)
        out += [loss, np.mean((z > 0) == (Y > 0.5))]
    return out


def reference_grid(Ws, bs, G):
    """Output and every hidden neuron on the grid inputs G (n*n, d), float32 rows."""
    neurons = []
    a = G
    for l in range(len(Ws) - 1):
        a = a @ Ws[l].T
        a += bs[l]
        np.tanh(a, out=a)
        neurons.extend(np.array(a.T, dtype=np.float32))
    z = a @ Ws[-1].T
    z += bs[-1]
    np.multiply(z, 0.5, out=z)
    np.tanh(z, out=z)  # sigmoid(z) = (1 + tanh(z/2)) / 2
    z += 1.0
    z *= 0.5
    return np.array(z[:, 0], dtype=np.float32), neurons


# ---------------------------------------------------------------- timing


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bench(settings, repeats, epochs):
    s = Session({**COMMON, **settings})
    t_bp = best(lambda: s.step(epochs), repeats) / epochs
    Ws = [W.copy() for W in s.net.weights]
    bs = [b.copy() for b in s.net.biases]
    X, T = s._X_train, s._T_train
    Xte, Tte = s._X_test, s._T_test
    rng = np.random.default_rng(1)
    batch = min(s.settings["batch_size"], len(X))
    t_ref = (
        best(lambda: reference_train(Ws, bs, X, T, Xte, Tte, batch, 0.03, epochs, rng), repeats)
        / epochs
    )

    s.grid(100)  # builds the cached grid inputs
    G = grid_inputs(100, s.settings["features"])
    g_bp = best(lambda: s.grid(100), repeats * 3)
    g_ref = best(lambda: reference_grid(Ws, bs, G), repeats * 3)
    return t_bp, t_ref, g_bp, g_ref


def check_reference():
    """The reference does the same math: one full-batch epoch lands on the same weights."""
    s = Session({**COMMON, "layers": [4, 2], "batch_size": 10000})
    Ws = [W.copy() for W in s.net.weights]
    bs = [b.copy() for b in s.net.biases]
    X, T = s._X_train, s._T_train
    reference_train(Ws, bs, X, T, s._X_test, s._T_test, len(X), 0.03, 1, np.random.default_rng(0))
    s.step(1)
    for W, V in zip(Ws + bs, s.net.weights + s.net.biases):
        assert np.allclose(W, V, rtol=0, atol=1e-12), "reference and bpcore disagree"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=11)
    p.add_argument("--epochs", type=int, default=EPOCHS, help="epochs per timed call")
    a = p.parse_args(argv)
    check_reference()
    print(
        f"{'case':33} {'epoch ms':>9} {'ref ms':>8} {'ratio':>6}   "
        f"{'grid ms':>8} {'ref ms':>8} {'ratio':>6}"
    )
    for name, settings in CASES:
        t_bp, t_ref, g_bp, g_ref = bench(settings, a.repeats, a.epochs)
        print(
            f"{name:33} {t_bp * 1e3:9.3f} {t_ref * 1e3:8.3f} {t_bp / t_ref:6.2f}   "
            f"{g_bp * 1e3:8.3f} {g_ref * 1e3:8.3f} {g_bp / g_ref:6.2f}"
        )


if __name__ == "__main__":
    main()
