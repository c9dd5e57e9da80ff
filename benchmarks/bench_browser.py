"""Time the page in headless Chromium: cold start, and training speed while the heatmap animates.

    python3 benchmarks/bench_browser.py [--seconds 5] [--cold 3] [--dist DIR]

Prints numbers (not a test):
- cold start with an empty cache (a fresh browser context each time): first contentful paint,
  controls usable (main.js wired), engine ready, first heatmap; the median of --cold runs;
- for each configuration: epochs/s and page fps (requestAnimationFrame callbacks counted in
  the page) while playing for --seconds, chunks/s (heatmap updates), the chunk size the page
  settled on; then the worker's pure training time per epoch (one step without a grid)
  against a native Session in this process (OPENBLAS one thread), and their ratio.
Uses the dist/ that `python build.py` made (built here if missing) and window.bp.
"""

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from bpcore.session import Session  # noqa: E402

BASE = {"n_points": 500, "train_ratio": 50, "activation": ["tanh"], "optimizer": "sgd",
        "lr": 0.03, "noise": 0}
CONFIGS = [
    ("circle, net 4,2, batch 10", {"dataset": "circle", "layers": [4, 2], "batch_size": 10}),
    ("spiral, net 8x6, batch 10", {"dataset": "spiral", "layers": [8] * 6, "batch_size": 10}),
    ("circle, net 4,2, batch 1", {"dataset": "circle", "layers": [4, 2], "batch_size": 1}),
]
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

COUNT_FRAMES = """() => {
    window.__frames = 0;
    const tick = () => { window.__frames += 1; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
}"""


def chromium():
    exe = os.environ.get("BP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return exe if Path(exe).exists() else None


def cold_start(browser, url):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(url)
    page.wait_for_function("() => window.bp && bp.stats.firstHeatmapAt", timeout=120_000)
    r = page.evaluate("""() => ({
        fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime,
        usable: bp.stats.usableAt, ready: bp.stats.readyAt, heatmap: bp.stats.firstHeatmapAt,
        stages: bp.stats.progress})""")
    ctx.close()
    return r


def native_ms_per_epoch(settings, seconds=1.0):
    s = Session(settings)
    s.step(5)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        s.step(10)
        n += 10
    return (time.perf_counter() - t0) * 1000 / n


def run_config(page, settings, seconds):
    page.evaluate("(s) => bp.configure(s)", settings)
    page.evaluate("() => bp.play()")
    page.wait_for_timeout(1000)  # warm up; the chunk size settles
    a = page.evaluate("() => ({e: bp.state.metrics.epoch, c: bp.stats.chunks, f: window.__frames, "
                      "t: performance.now()})")
    page.wait_for_timeout(seconds * 1000)
    b = page.evaluate("() => ({e: bp.state.metrics.epoch, c: bp.stats.chunks, f: window.__frames, "
                      "t: performance.now(), k: bp.state.chunk})")
    page.evaluate("() => bp.pause()")
    page.wait_for_function("() => !bp.state.pumping")
    dt = (b["t"] - a["t"]) / 1000
    # the worker's training time alone: one step of many epochs, no grid
    pure = page.evaluate("""async () => {
        const {ms} = await bp.engine.timed("step", {epochs: 200});
        return ms / 200;
    }""")
    return {"eps": (b["e"] - a["e"]) / dt, "fps": (b["f"] - a["f"]) / dt,
            "cps": (b["c"] - a["c"]) / dt, "k": b["k"], "pure": pure}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--cold", type=int, default=3, help="cold starts to take the median of")
    ap.add_argument("--dist", type=Path, default=build.DIST)
    args = ap.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("needs playwright (python build.py test sets up .venv with it)")
    dist = args.dist if (args.dist / "config.json").is_file() else build.build(args.dist)
    server, base = build.serve_in_thread(dist)
    url = base + "index.html"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), headless=True, args=FLAGS)
        print(f"Chromium {browser.version}, dist {dist}")

        runs = [cold_start(browser, url) for _ in range(args.cold)]
        print(f"\nCold start, empty cache (median of {args.cold}), ms after navigation start:")
        for key, what in [("fcp", "first contentful paint"), ("usable", "controls usable"),
                          ("ready", "engine ready"), ("heatmap", "first heatmap")]:
            vals = [r[key] for r in runs if r[key] is not None]
            print(f"  {what:24s} {statistics.median(vals):7.0f}   "
                  f"(runs: {', '.join(f'{v:.0f}' for v in vals)})")
        stages = "  ".join(f"{s} {p}% at {t}" for s, p, t in runs[-1]["stages"])
        print(f"  progress events (last run): {stages}")

        ctx = browser.new_context()
        page = ctx.new_page()
        page.goto(url)
        page.wait_for_function("() => window.bp && bp.state.session", timeout=120_000)
        page.evaluate(COUNT_FRAMES)
        print(f"\nPlaying {args.seconds:g} s each (500 points, 50% train, tanh, sgd lr 0.03, "
              "heatmap 100x100 once per chunk):")
        head = (f"  {'config':28s} {'epochs/s':>9s} {'fps':>5s} {'chunks/s':>9s} {'k':>5s} "
                f"{'ms/epoch browser':>17s} {'native':>7s} {'ratio':>6s}")
        print(head)
        for name, cfg in CONFIGS:
            settings = {**BASE, **cfg}
            r = run_config(page, settings, args.seconds)
            nat = native_ms_per_epoch(settings)
            print(f"  {name:28s} {r['eps']:9.0f} {r['fps']:5.1f} {r['cps']:9.1f} {r['k']:5d} "
                  f"{r['pure']:17.3f} {nat:7.3f} {r['pure'] / nat:6.2f}")
        ctx.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
