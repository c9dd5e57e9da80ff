"""Soak the page: play for a long time and print memory and speed every minute (on demand, not
in CI).

    python3 benchmarks/soak.py [--minutes 10] [--dataset spiral] [--layers 8,8,8] [--dist DIR]
                               [--compare LR] [--gradflow]

--compare LR plays two runs in lockstep (Compare, run B at that learning rate); --gradflow keeps
the gradient flow's chart open (its samples are kept in the store: they must stay bounded).

Each line: minutes elapsed, epochs/s over that minute, frames/s, the worker's Python objects
alive after gc and its wasm heap (MB), and the page's JS heap (MB). Flat memory columns mean
nothing leaks; the last line says how each changed from the first minute to the last.
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402

FLAGS = build.CHROMIUM_FLAGS
FRAMES = "window.__frames = 0; (function t() { window.__frames++; requestAnimationFrame(t); })();"
SAMPLE = """async () => {
    const m = await bp.engine.request("memory");
    const snap = window.bp.snapshot ? bp.snapshot() : {epoch: (bp.state.metrics || {}).epoch};
    return {epoch: snap.epoch, frames: window.__frames, t: performance.now(),
            objects: m.objects, heap: m.heap, js: performance.memory.usedJSHeapSize};
}"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=int, default=10)
    ap.add_argument("--dataset", default="spiral")
    ap.add_argument("--layers", default="8,8,8")
    ap.add_argument("--dist", type=Path, default=build.DIST)
    ap.add_argument("--compare", type=float, default=None, metavar="LR")
    ap.add_argument("--gradflow", action="store_true")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    dist = args.dist if (args.dist / "config.json").is_file() else build.build(args.dist)
    server, base = build.serve_in_thread(dist)
    exe = os.environ.get("BP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    settings = {"dataset": args.dataset, "layers": [int(n) for n in args.layers.split(",")]}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=exe, headless=True, args=[*FLAGS, "--enable-precise-memory-info"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.add_init_script(FRAMES)
        page.goto(base + "index.html")
        page.wait_for_function(
            "() => window.bp && bp.engine.status === 'ready' && bp.stats.sessionAt", timeout=180_000
        )
        page.evaluate("(s) => bp.configure(s)", settings)
        if args.compare is not None:
            page.evaluate("(lr) => bp.compare.start({lr})", args.compare)
        if args.gradflow:
            page.evaluate("() => bp.gradFlow.setOpen(true)")
        page.evaluate("() => bp.play()")
        extra = (f", compare B lr {args.compare:g}" if args.compare is not None else "") + (
            ", gradient flow open" if args.gradflow else ""
        )
        print(f"soak: {settings}{extra}, {args.minutes:g} min, Chromium {browser.version}")
        print(
            f"{'min':>4s} {'epochs/s':>9s} {'fps':>5s} {'py objects':>11s} "
            f"{'wasm MB':>8s} {'JS MB':>6s}"
        )
        first = prev = page.evaluate(SAMPLE)
        for minute in range(1, args.minutes + 1):
            page.wait_for_timeout(60_000)
            now = page.evaluate(SAMPLE)
            dt = (now["t"] - prev["t"]) / 1000
            print(
                f"{minute:4d} {(now['epoch'] - prev['epoch']) / dt:9.1f} "
                f"{(now['frames'] - prev['frames']) / dt:5.1f} {now['objects']:11d} "
                f"{now['heap'] / 2**20:8.1f} {now['js'] / 2**20:6.1f}",
                flush=True,
            )
            prev = now
        print(
            f"change over the soak: py objects {prev['objects'] - first['objects']:+d}, "
            f"wasm {(prev['heap'] - first['heap']) / 2**20:+.1f} MB, "
            f"JS {(prev['js'] - first['js']) / 2**20:+.1f} MB"
        )
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
