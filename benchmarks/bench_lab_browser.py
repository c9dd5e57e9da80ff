"""Time the Python lab in headless Chromium (issue 21, item 6): how soon the lab can run code
after it is opened on a second visit (its worker restored from the engine's memory snapshot),
a check's time per exercise, and how soon Stop ends an endless loop, on both paths.

    python3 benchmarks/bench_lab_browser.py [--dist DIR] [--visits 5] [--repeats 5]

Prints numbers (not a test), every figure measured in this run:
- lab ready on a second visit: a fresh browser context opens the page once (the engine keeps
  its memory snapshot), then for each of --visits visits the page is opened again, the engine
  left to settle (ready, its session there, 1 s idle), and bp.lab.open() timed from the call
  to the lab's worker saying it is ready (page clock); how it booted ("snapshot" expected);
  then the first run (print) right after; and, for scale, when the engine's own worker was
  ready on those visits (from the page's start: it also restores the snapshot);
- a check per exercise (bpcore.lab.check of tests/lab_solutions/<id>/correct.py): the
  worker's time and the page's (request to answer), medians over --repeats after a warm-up;
- Stop: `while True: pass` stopped after 0.5 s, from stop() to the run's rejection, when the
  page is not cross-origin isolated (a new worker) and when it is (the interrupt buffer); and
  how long the new worker then takes to be ready.
The load average is printed: run it on a quiet machine (`uptime`).
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from lab_solutions import load  # noqa: E402

import build  # noqa: E402
from bpcore.lab import EXERCISES  # noqa: E402

READY_MS = 180_000
SETTLED = """() => window.bp && bp.engine.status === 'ready' && bp.snapshot().epoch !== null
    && !bp.engine.busy"""
OPEN = """async () => {
    const t0 = performance.now();
    await bp.lab.open();
    const ready = performance.now() - t0;
    const t1 = performance.now();
    const out = await bp.lab.run("print(np.arange(3))");
    return {ready, firstRun: performance.now() - t1, output: out.output, info: await bp.lab.info(),
            engine: bp.stats.readyAt, engineBoot: bp.engine.boot};
}"""
CHECK = """async ([exercise, source, repeats]) => {
    await bp.lab.check(exercise, source); // warm-up
    const worker = [], page = [];
    let passed = true;
    for (let i = 0; i < repeats; i++) {
        const t0 = performance.now();
        const r = await bp.lab.check(exercise, source);
        page.push(performance.now() - t0);
        worker.push(r.ms);
        passed = passed && r.passed;
    }
    return {worker, page, passed};
}"""
STOP = """async () => {
    const run = bp.lab.run("while True:\\n    pass").catch((e) => e.code);
    while ((await bp.lab.status()) !== "running") await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 500));
    const t0 = performance.now();
    await bp.lab.stop();
    const code = await run;
    const ended = performance.now() - t0;
    await bp.lab.open();
    return {code, ended, readyAgain: performance.now() - t0, info: await bp.lab.info()};
}"""


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def open_page(pg, url):
    pg.goto(url + "index.html")
    pg.wait_for_function(SETTLED, timeout=READY_MS)


def second_visits(browser, url, visits):
    context = browser.new_context()
    pg = context.new_page()
    open_page(pg, url)
    pg.wait_for_function("() => localStorage.getItem('bp-engine-snapshot')", timeout=READY_MS)
    rows = []
    for _ in range(visits):
        open_page(pg, url)
        pg.wait_for_timeout(1000)
        rows.append(pg.evaluate(OPEN))
    return context, pg, rows


def stops(browser, url, repeats):
    context = browser.new_context()
    pg = context.new_page()
    open_page(pg, url)
    pg.evaluate("() => bp.lab.open()")
    rows = [pg.evaluate(STOP) for _ in range(repeats)]
    context.close()
    return rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dist", type=Path, default=build.DIST)
    ap.add_argument("--visits", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from conftest import find_chromium

    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    _, plain = build.serve_in_thread(args.dist)
    _, isolated = build.serve_in_thread(args.dist, isolate=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=build.CHROMIUM_FLAGS
        )
        context, pg, rows = second_visits(browser, plain, args.visits)
        ready = [r["ready"] for r in rows]
        boots = sorted({r["info"]["boot"] for r in rows})
        print(
            f"\nlab ready after opening it, second visit ({len(rows)} visits, boot: "
            f"{', '.join(boots)}): median {median(ready):.0f} ms, "
            f"min {min(ready):.0f}, max {max(ready):.0f} (goal: under 1500 ms)"
        )
        first = [r["firstRun"] for r in rows]
        print(f"  then the first run (print): median {median(first):.0f} ms")
        engine = [r["engine"] for r in rows]
        print(
            f"  for scale, under the same load: the engine's worker on these visits was ready "
            f"{median(engine):.0f} ms after the page started (boot: "
            f"{', '.join(sorted({r['engineBoot'] for r in rows}))})"
        )

        right = {s.exercise: s.source for s in load() if s.passes}
        print(f"\ncheck of each exercise's correct solution, medians of {args.repeats}:")
        print(f"  {'exercise':<16} {'worker ms':>10} {'page ms':>9}  passed")
        worst = 0.0
        for ex in [e.id for e in EXERCISES]:
            r = pg.evaluate(CHECK, [ex, right[ex], args.repeats])
            w, p = median(r["worker"]), median(r["page"])
            worst = max(worst, p)
            print(f"  {ex:<16} {w:>10.1f} {p:>9.1f}  {r['passed']}")
        print(f"  slowest: {worst:.0f} ms (goal: under 500 ms)")
        context.close()

        for name, url in (("not isolated: a new worker", plain), ("isolated: interrupt", isolated)):
            rows = stops(browser, url, args.repeats)
            hows = sorted({r["info"]["lastStop"]["how"] for r in rows})
            ended = [r["ended"] for r in rows]
            again = [r["readyAgain"] for r in rows]
            print(
                f"\nStop ({name}; {', '.join(hows)}): ended after median {median(ended):.1f} ms "
                f"(max {max(ended):.1f}; goal: under 1000), ready again after median "
                f"{median(again):.0f} ms (max {max(again):.0f})"
            )
        browser.close()
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
