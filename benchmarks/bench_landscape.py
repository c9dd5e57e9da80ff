"""Time the loss landscape in the page (headless Chromium, real Pyodide) against native bpcore.

    python3 benchmarks/bench_landscape.py [--dist DIR] [--runs 5] [--epochs 100]

Prints numbers (not a test). Per network (the 4-2 circle network of the issue, and the 8x6
spiral one): the 41 x 41 slice and the line as the page computes them, from the click
(bp.landscape.compute) to the picture, over --runs runs (median, best); the worker's own time
for the line (`landscape`, the plan and the path, and `landscapeLine`, its 61 points in one
request) and for the slice (`landscapeSlice`, its 1,681 points in one request); and the same two
in this process with native NumPy (one BLAS thread), with the ratio.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_browser import FLAGS, chromium  # noqa: E402

import build  # noqa: E402
from bpcore.protocol import Engine  # noqa: E402

NETWORKS = {
    "circle 4-2 (the issue's)": {"dataset": "circle", "layers": [4, 2]},
    "spiral 8x6": {"dataset": "spiral", "layers": [8] * 6},
}


def native(settings, epochs, runs):
    """(line ms, slice ms) of bpcore in this process: best of `runs`."""
    e = Engine()
    e.handle("init", {"settings": settings})
    e.handle("step", {"epochs": epochs})
    line, rows = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        e.handle("landscape", {"size": 41})
        e.handle("landscapeLine", {"from": 0, "to": 61})
        t1 = time.perf_counter()
        e.handle("landscapeSlice", {"from": 0, "to": 41 * 41})
        rows.append((time.perf_counter() - t1) * 1000)
        line.append((t1 - t0) * 1000)
    return min(line), min(rows)


def in_page(pg, settings, epochs, runs):
    """{page: [ms per compute], line: best worker ms, rows: best worker ms}."""
    pg.evaluate("s => bp.configure(s)", settings)
    pg.wait_for_function(
        "n => bp.snapshot().session?.layerSizes?.length === n && !bp.snapshot().training",
        arg=len(settings["layers"]) + 2,
    )
    pg.evaluate(f"async () => {{ for (let i = 0; i < {epochs}; i++) await bp.step(); }}")
    pg.evaluate("() => bp.landscape.open()")
    page = []
    for _ in range(runs):
        pg.evaluate("() => bp.landscape.compute()")
        s = pg.evaluate("() => bp.landscape.state()")
        assert s["status"] == "done", s
        page.append(s["ms"])
    worker = pg.evaluate(
        """async (runs) => {
          const line = [], rows = [];
          for (let i = 0; i < runs; i++) {
            const head = (await bp.engine.timed("landscape", {size: 41})).ms;
            line.push(head + (await bp.engine.timed("landscapeLine", {from: 0, to: 61})).ms);
            rows.push((await bp.engine.timed("landscapeSlice", {from: 0, to: 41 * 41})).ms);
          }
          return {line: Math.min(...line), rows: Math.min(...rows)};
        }""",
        runs,
    )
    return {"page": page, **worker}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dist", type=Path, help="the built site (default: dist/)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=100, help="epochs trained first")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    dist = args.dist or (build.DIST if (build.DIST / "config.json").is_file() else build.build())
    server, base = build.serve_in_thread(dist)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), headless=True, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 800})
        pg.goto(base + "index.html")
        pg.wait_for_function(
            "() => window.bp && bp.engine.status === 'ready' && bp.stats.sessionAt",
            timeout=180_000,
        )
        print(f"Chromium {browser.version}; load average {os.getloadavg()[0]:.2f}")
        print(
            f"{'network':26s} {'page median':>11s} {'page best':>9s} | worker: "
            f"{'line':>6s} {'slice':>6s} | native: {'line':>6s} {'slice':>6s} | ratio"
        )
        for name, settings in NETWORKS.items():
            r = in_page(pg, settings, args.epochs, args.runs)
            n_line, n_rows = native(settings, args.epochs, args.runs)
            print(
                f"{name:26s} {statistics.median(r['page']):8.0f} ms {min(r['page']):6.0f} ms | "
                f"{r['line']:10.0f} ms {r['rows']:4.0f} ms | {n_line:11.1f} ms "
                f"{n_rows:4.0f} ms | {r['rows'] / n_rows:5.1f}"
            )
        browser.close()
    server.shutdown()
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
