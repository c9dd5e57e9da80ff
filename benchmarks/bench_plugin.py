"""Training speed with the lab's code plugged in (issue 21, item 6: a student's NumPy activation
keeps >= 50 % of bpcore's own epochs/s on config b: spiral, 8x6, batch 10).

    python3 benchmarks/bench_plugin.py [--repeats 9] [--browser] [--seconds 5] [--dist DIR]

Prints, for config b (500 points, 50 % train, SGD lr 0.03, as bench_browser.py's config b):
ms per epoch and epochs/s of bpcore's own relu and tanh, and of the same network trained with
plugged activations: the lab's softplus solution (tests/lab_solutions/plug_activation/
correct.py, through bpcore.lab.plug_parts as the engine does: np.logaddexp(0, z) and
1 / (1 + np.exp(-z))) and tanh as a student writes it (np.tanh(z), 1 - np.tanh(z)**2). Each
plugged run's ratio is against the faster of relu and tanh. Natively: the minimum over
--repeats interleaved timings of one step() of 20 epochs, in CPU time. With --browser, in
headless Chromium on dist/: the worker's pure training time per epoch (the engine's own
`ms.train`, wall clock: the minimum over --rounds interleaved rounds of 15 steps of 2 epochs)
and epochs/s while playing for --seconds with the map and diagram drawn (once; on a loaded
machine, noisy).
"""

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bpcore.lab import plug_parts  # noqa: E402
from bpcore.plugin import Plug, plug_session  # noqa: E402
from bpcore.session import Session  # noqa: E402

CONFIG_B = {
    "dataset": "spiral",
    "layers": [8] * 6,
    "batch_size": 10,
    "n_points": 500,
    "train_ratio": 50,
    "optimizer": "sgd",
    "lr": 0.03,
    "noise": 0,
    "features": ["x1", "x2"],
}
SOFTPLUS = (ROOT / "tests" / "lab_solutions" / "plug_activation" / "correct.py").read_text()
TANH = """import numpy as np

def f(z):
    return np.tanh(z)

def df(z):
    return 1 - np.tanh(z)**2
"""
# (name, the activation setting, the plugged code or None)
VARIANTS = [
    ("bpcore relu", "relu", None),
    ("bpcore tanh", "tanh", None),
    ("your softplus (numpy)", "relu", SOFTPLUS),
    ("your tanh (numpy)", "tanh", TANH),
]
EPOCHS = 20


def session(act, source):
    s = Session({**CONFIG_B, "activation": [act]})
    if source is not None:
        plug_session(s, Plug("plug_activation", plug_parts("plug_activation", source)))
    s.step(3)
    return s


def native(repeats, clock=time.process_time):
    """{name: best ms per epoch}, the variants timed in turn, `repeats` rounds. The clock is
    this process's CPU time: on a shared machine (load 20 on 2 cores here) wall time mostly
    measures the other processes."""
    sessions = {name: session(act, src) for name, act, src in VARIANTS}
    best = dict.fromkeys(sessions, float("inf"))
    for _ in range(repeats):
        for name, s in sessions.items():
            t0 = clock()
            s.step(EPOCHS)
            best[name] = min(best[name], (clock() - t0) * 1000 / EPOCHS)
    return best


def report(title, ms, eps=None):
    own = min(ms[n] for n, _, src in VARIANTS if src is None)
    print(title)
    head = f"  {'':24s} {'ms/epoch':>9s} {'epochs/s':>9s} {'vs bpcore':>10s}"
    print(head + (f" {'playing ep/s':>13s}" if eps else ""))
    for name, _, src in VARIANTS:
        share = "" if src is None else f"{100 * own / ms[name]:9.0f}%"
        line = f"  {name:24s} {ms[name]:9.3f} {1000 / ms[name]:9.0f} {share:>10s}"
        print(line + (f" {eps[name]:13.1f}" if eps else ""))


def browser_numbers(dist, seconds, rounds):
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    import build  # noqa: PLC0415  (the build's server and Chromium flags)

    server, base = build.serve_in_thread(dist)
    ms, eps = {}, {}
    exe = os.environ.get("BP_CHROMIUM") or "/usr/bin/chromium"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True, args=build.CHROMIUM_FLAGS)
        page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
        page.goto(base + "index.html")
        page.wait_for_function("() => window.bp && bp.engine.status === 'ready' && "
                               "bp.stats.sessionAt", timeout=180_000)  # fmt: skip
        for r in range(rounds):  # interleaved: each round times every variant again
            for name, act, src in VARIANTS:
                page.evaluate("() => bp.unplug()")
                page.evaluate("(s) => bp.configure(s)", {**CONFIG_B, "activation": [act]})
                if src is not None:
                    assert page.evaluate("(src) => bp.plugIn('plug_activation', src)", src)
                # short steps, many: on a loaded machine the minimum of short timings is
                # the one least interrupted
                best = page.evaluate("""async () => {
                    let best = Infinity;
                    for (let i = 0; i < 15; i++) {
                        const {result} = await bp.engine.timed("step", {epochs: 2});
                        best = Math.min(best, result.ms.train / 2);
                    }
                    return best;
                }""")
                ms[name] = min(ms.get(name, best), best)
                if r == 0:  # epochs/s while playing, pictures and all, once
                    page.evaluate("() => bp.play()")
                    page.wait_for_timeout(1000)  # the chunk size settles
                    e0, t0 = page.evaluate("() => [bp.snapshot().epoch, performance.now()]")
                    page.wait_for_timeout(seconds * 1000)
                    e1, t1 = page.evaluate("() => [bp.snapshot().epoch, performance.now()]")
                    page.evaluate("() => bp.pause()")
                    page.wait_for_function("() => !bp.snapshot().training")
                    eps[name] = (e1 - e0) / ((t1 - t0) / 1000)
        browser.close()
    server.shutdown()
    return ms, eps


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=9)
    ap.add_argument("--browser", action="store_true", help="also in headless Chromium")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--rounds", type=int, default=5, help="browser: interleaved rounds")
    ap.add_argument("--dist", type=Path, default=ROOT / "dist")
    args = ap.parse_args()
    print(f"config b: spiral, 8x6, batch 10; load average {os.getloadavg()[0]:.2f}")
    report(f"native, CPU time (min of {args.repeats}):", native(args.repeats))
    if args.browser:
        ms, eps = browser_numbers(args.dist, args.seconds, args.rounds)
        n = f"{args.rounds} x 15"
        title = f"browser (Pyodide; the worker's training time, wall clock, min of {n}):"
        report(title, ms, eps)


if __name__ == "__main__":
    main()
