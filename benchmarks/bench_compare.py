"""Epochs per second of one run against each of two runs in lockstep (Compare, issue 23.2).

    python3 benchmarks/bench_compare.py [--dist DIR] [--seconds 6] [--rounds 2] [--no-browser]

Prints numbers (not a test), all measured in this one run, for config b (spiral, 8x6, batch
10) and the page's default (circle, 4,2, batch 10):
- native: the worker's dispatch (bpcore.protocol.Engine) stepping chunks of 20 epochs (per
  second of this process's CPU time, so a loaded machine counts less), one run, then A and B
  in lockstep (B: lr 0.1, the same shapes): epochs/s of each run (in
  lockstep both runs train that many epochs per second), and their ratio (target >= 0.45);
- browser: the built page in headless Chromium, playing with the map and the diagram on
  screen for --seconds: one run, then Compare (bp.compare.start), alternating for --rounds;
  the best of each; and the worker's training alone (steps of 20 epochs, no pictures, the
  reply's ms.train, best of 5), the part a loaded machine's main thread does not share.
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
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_browser import BASE, CONFIGS, FLAGS, HAS_SESSION, IDLE, chromium  # noqa: E402

import build  # noqa: E402
from bpcore.protocol import Engine  # noqa: E402

CASES = {
    "b": CONFIGS["b"],
    "default": ("circle, 4,2, batch 10 (the page's default)", CONFIGS["a"][1]),
}
B = {"lr": 0.1}  # run B: another learning rate, the same shapes (A's initial weights)


def native_eps(settings, compare, seconds=2.0, chunk=20):
    """Epochs/s of run A through the engine's step (B stepped with it when comparing)."""
    eng = Engine()
    eng.handle("init", {"settings": settings})
    if compare:
        eng.handle("compare", {"settings": B})
    eng.handle("step", {"epochs": chunk})
    # this process's CPU time, not the wall clock: other processes on the machine (a shared,
    # loaded one) do not count against either case
    epochs, t0, t_end = 0, time.process_time(), time.perf_counter() + seconds
    while time.perf_counter() < t_end:
        eng.handle("step", {"epochs": chunk})
        epochs += chunk
    return epochs / (time.process_time() - t0)


def page_eps(page, seconds, compare):
    """Epochs/s while playing (A's epochs: in lockstep B trains as many)."""
    if compare:
        page.evaluate("(b) => bp.compare.start(b)", B)
    else:
        page.evaluate("() => bp.compare.stop()")
    page.wait_for_function(IDLE)
    page.evaluate("() => bp.play()")
    page.wait_for_timeout(1000)  # the chunk size settles
    probe = "() => ({e: bp.snapshot().epoch, t: performance.now()})"
    a = page.evaluate(probe)
    page.wait_for_timeout(seconds * 1000)
    b = page.evaluate(probe)
    page.evaluate("() => bp.pause()")
    page.wait_for_function(IDLE)
    if compare:  # B kept up: its epoch is A's
        c = page.evaluate("() => bp.compare.state()")
        assert c and c["metrics"]["epoch"] == page.evaluate("() => bp.snapshot().epoch"), c
    # the worker's training alone: steps of 20 epochs, no pictures (best of 5), epochs/s
    pure = page.evaluate("""async () => {
        let best = Infinity;
        for (let i = 0; i < 5; i++) {
            const r = await bp.engine.request("step", {epochs: 20});
            best = Math.min(best, r.ms.train);
        }
        return 20000 / best;
    }""")
    # those steps went past the page (its epoch is behind the engine's): Reset puts both back
    page.evaluate("() => bp.reset()")
    page.wait_for_function("() => bp.snapshot().epoch === 0")
    return (b["e"] - a["e"]) / ((b["t"] - a["t"]) / 1000), pure


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dist", type=Path, default=None, help="a built site (default: dist/)")
    ap.add_argument("--seconds", type=float, default=6.0)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; run B: {B}")
    print("\nNative (bpcore.protocol.Engine, chunks of 20 epochs), epochs/CPU-s of each run:")
    print(f"  {'config':45s} {'one run':>9s} {'each of two':>12s} {'ratio':>6s}")
    for key, (name, cfg) in CASES.items():
        settings = {**BASE, **cfg}
        one, two = native_eps(settings, False), native_eps(settings, True)
        print(f"  {key + ': ' + name:45s} {one:9.1f} {two:12.1f} {two / one:6.2f}")
    if args.no_browser:
        return
    from playwright.sync_api import sync_playwright

    dist = args.dist or (build.DIST if (build.DIST / "config.json").is_file() else build.build())
    with sync_playwright() as pw:
        server, base = build.serve_in_thread(dist)
        browser = pw.chromium.launch(executable_path=chromium(), headless=True, args=FLAGS)
        page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
        page.goto(base + "index.html")
        page.wait_for_function(HAS_SESSION, timeout=180_000)
        print(
            f"\nBrowser (Chromium {browser.version}, playing {args.seconds:g} s, map and "
            f"diagram on screen, best of {args.rounds}), epochs/s of each run:"
        )
        print(
            f"  {'':45s} {'playing':^29s}   {'the worker training alone':^29s}\n"
            f"  {'config':45s} {'one run':>9s} {'each of two':>12s} {'ratio':>6s}"
            f"   {'one run':>9s} {'each of two':>12s} {'ratio':>6s}"
        )
        for key, (name, cfg) in CASES.items():
            page.evaluate("(s) => bp.configure(s)", {**BASE, **cfg})
            one = two = (0.0, 0.0)
            for _ in range(args.rounds):
                one = tuple(map(max, one, page_eps(page, args.seconds, False)))
                two = tuple(map(max, two, page_eps(page, args.seconds, True)))
            page.evaluate("() => bp.compare.stop()")
            print(
                f"  {key + ': ' + name:45s} {one[0]:9.1f} {two[0]:12.1f} {two[0] / one[0]:6.2f}"
                f"   {one[1]:9.1f} {two[1]:12.1f} {two[1] / one[1]:6.2f}"
            )
        browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
