"""Time the page in headless Chromium: start-up against stock Pyodide, and training speed.

    python3 benchmarks/bench_browser.py [--dist DIR ...] [--cold 5] [--seconds 6]
                                         [--configs abcd] [--no-start] [--no-train]

Prints numbers (not a test), every figure measured in this one run:
- start-up: a bare page this script writes (the official Pyodide files from the build's pinned
  cache: loadPyodide, loadPackage("numpy"), import numpy) against each --dist, runs
  alternating. "cold": a fresh browser context (empty HTTP cache, no service worker);
  "warm": a second visit in the same context (HTTP cache, compiled-wasm cache, the page's
  service worker once it is installed, and the engine's memory snapshot the first visit
  kept). For the page, "can train" is the moment it holds a live session (Play trains at
  once); medians over --cold runs;
- training, per config a-d and per --dist: epochs/s and frames/s while playing for --seconds
  with the map and the diagram on screen, main-thread long tasks (> 50 ms: count, longest),
  map updates/s, and the worker's pure training time per epoch (one step, no pictures)
  against a native bpcore Session in this process (one BLAS thread): their ratio;
- the interpreter floor: benchmarks/floor.py's loops (plain Python, tiny NumPy calls) in stock
  Pyodide against this process: the lowest browser/native ratio Python code can have here.
Give several --dist to compare builds (e.g. a copy of an older dist/) side by side.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402
from bpcore.session import Session  # noqa: E402

BASE = {
    "n_points": 500,
    "train_ratio": 50,
    "activation": ["tanh"],
    "optimizer": "sgd",
    "lr": 0.03,
    "noise": 0,
    "features": ["x1", "x2"],
}
ALL_FEATURES = ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"]
CONFIGS = {
    "a": ("circle, 4,2, batch 10", {"dataset": "circle", "layers": [4, 2], "batch_size": 10}),
    "b": ("spiral, 8x6, batch 10", {"dataset": "spiral", "layers": [8] * 6, "batch_size": 10}),
    "c": ("circle, 4,2, batch 1", {"dataset": "circle", "layers": [4, 2], "batch_size": 1}),
    "d": (
        "spiral, 8x6, 7 feat, batch 1",
        {"dataset": "spiral", "layers": [8] * 6, "batch_size": 1, "features": ALL_FEATURES},
    ),
}
FLAGS = build.CHROMIUM_FLAGS
PYODIDE_PY = "3.12"  # the CPython inside the pinned Pyodide 0.27

# In every page before its scripts: count animation frames and collect long tasks.
PROBES = """
window.__frames = 0;
(function tick() { window.__frames += 1; requestAnimationFrame(tick); })();
window.__long = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
} catch (e) {}
"""

# The stock page: what Pyodide + NumPy alone take to import numpy, nothing of ours.
BARE_PAGE = """<!doctype html><meta charset="utf-8"><title>stock Pyodide + NumPy</title>
<script type="module">
import { loadPyodide } from "./pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL(".", location.href).href });
await py.loadPackage("numpy", { messageCallback() {} });
py.runPython("import numpy");
window.doneAt = performance.now();
</script>
"""
# The interpreter floor (benchmarks/floor.py) inside stock Pyodide, on the page's main thread
FLOOR_PAGE = """<!doctype html><meta charset="utf-8"><title>interpreter floor</title>
<script type="module">
import { loadPyodide } from "./pyodide.mjs";
const py = await loadPyodide({ indexURL: new URL(".", location.href).href });
await py.loadPackage("numpy", { messageCallback() {} });
py.runPython(await (await fetch("floor.py")).text());
const res = py.runPython("measure()");
window.floor = res.toJs({ dict_converter: Object.fromEntries });
res.destroy();
</script>
"""
STOCK_FILES = [
    "pyodide.mjs",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl",
]

# Reads through window.bp, the page's facade for tests and benchmarks (snapshot() when the
# page has it, the older read-only state otherwise).
EPOCH = "(window.bp.snapshot ? bp.snapshot().epoch : (bp.state.metrics || {}).epoch || 0)"
HAS_SESSION = (
    "() => window.bp && (bp.snapshot ? bp.snapshot().status === 'ready' && "
    "bp.snapshot().epoch !== null : Boolean(bp.state.session && bp.stats.sessionAt))"
)
IDLE = "() => !(bp.snapshot ? bp.snapshot().training : bp.state.pumping)"


KEEP_SNAPSHOT = """async () => {
    if (bp.engine.boot !== "fresh" || !self.caches) return;  // older builds: no snapshot
    const url = new URL("engine-snapshot", location.href).href;
    for (let i = 0; i < 100; i++) {
        const hint = localStorage.getItem("bp-engine-snapshot");  // names the next worker
        if (hint && await (await caches.open("bp-engine-snapshot")).match(url)) return;
        await new Promise((r) => setTimeout(r, 100));
    }
}"""


def chromium():
    exe = os.environ.get("BP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return exe if Path(exe).exists() else None


def stock_dir(tmp: Path) -> Path:
    """The official (unmodified, pinned) Pyodide files and the bare page, in one folder."""
    paths = build.Fetcher(build.load_lock(), offline=True).pyodide_files(STOCK_FILES)
    folder = tmp / "stock"
    folder.mkdir()
    for name, path in paths.items():
        data = path.read_bytes()
        if name == "pyodide-lock.json":
            data = build.trimmed_pyodide_lock(data, ["numpy"])
        (folder / name).write_bytes(data)
    (folder / "index.html").write_text(BARE_PAGE)
    (folder / "floor.html").write_text(FLOOR_PAGE)
    shutil.copyfile(Path(__file__).with_name("floor.py"), folder / "floor.py")
    return folder


def interpreter_floor(browser, base):
    """The same loops natively and in Pyodide: the lowest browser/native ratio Python code
    can have here, the yardstick for bpcore's ratios."""
    import floor  # benchmarks/floor.py, beside this script

    page = browser.new_page()
    page.goto(base + "floor.html")
    page.wait_for_function("() => window.floor", timeout=180_000, polling=100)
    wasm = page.evaluate("() => window.floor")
    page.close()
    native = floor.measure()
    print(
        f"\nInterpreter floor (benchmarks/floor.py; Pyodide's Python {PYODIDE_PY} vs native "
        f"{sys.version.split()[0]}), best of 5 in ms:"
    )
    print(f"  {'case':30s} {'Pyodide':>8s} {'native':>8s} {'ratio':>6s}")
    for name, ms in native.items():
        print(f"  {name:30s} {wasm[name]:8.2f} {ms:8.2f} {wasm[name] / ms:6.2f}")


def visit(ctx, url, bare):
    """Open url in ctx; ms from navigation start until it can train (bare: numpy imported)."""
    page = ctx.new_page()
    page.goto(url)
    if bare:
        page.wait_for_function("() => window.doneAt", timeout=180_000, polling=20)
        r = {"ready": page.evaluate("() => window.doneAt")}
    else:
        page.wait_for_function(HAS_SESSION, timeout=180_000, polling=20)
        page.wait_for_function("() => bp.stats.previewAt || bp.stats.firstHeatmapAt")
        r = page.evaluate("""() => ({
            fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime,
            picture: bp.stats.previewAt || bp.stats.firstHeatmapAt,
            ready: bp.stats.sessionAt, stages: bp.stats.progress, boot: bp.engine.boot,
            check: bp.engine.snapshotCheckMs ?? null})""")
        # let the service worker install before the warm visit (the page registers it once it
        # has been idle a moment after its engine started; older builds at once)
        page.evaluate("""async () => {
            if (!navigator.serviceWorker) return;
            const sw = navigator.serviceWorker;
            for (let i = 0; i < 200 && !(await sw.getRegistration()); i++)
                await new Promise((r) => setTimeout(r, 100));
            if (await sw.getRegistration()) await sw.ready;
        }""")
        # and the engine to keep its memory snapshot (stored after "ready"), as a visitor who
        # stays a few seconds lets it
        page.evaluate(KEEP_SNAPSHOT)
    page.close()
    return r


def start_up(browser, targets, runs):
    """{label: {"cold": [ms...], "warm": [ms...], ...}} over alternating runs."""
    out = {label: {"cold": [], "warm": [], "fcp": [], "picture": []} for label, _, _ in targets}
    for _ in range(runs):
        for label, url, bare in targets:
            ctx = browser.new_context()
            first = visit(ctx, url, bare)
            second = visit(ctx, url, bare)
            ctx.close()
            out[label]["cold"].append(first["ready"])
            out[label]["warm"].append(second["ready"])
            if not bare:
                out[label]["fcp"].append(first["fcp"])
                out[label]["picture"].append(first["picture"])
                out[label]["cold stages"] = first["stages"]
                out[label]["warm stages"] = second["stages"]
                out[label].setdefault("warm boots", []).append(second.get("boot"))
                if second.get("check") is not None:  # the snapshot's checksum, in the worker
                    out[label].setdefault("warm checks", []).append(second["check"])
    return out


def print_start_up(res, runs):
    med = statistics.median
    stock = med(res["stock"]["cold"])
    print(f"\nStart-up, ms after navigation start (median of {runs}; runs alternate):")
    print(
        f"  {'page':14s} {'cold ready':>10s} {'/stock':>7s} {'warm ready':>10s} "
        f"{'cold/warm':>9s} {'FCP':>6s} {'picture':>8s}"
    )
    for label, r in res.items():
        cold, warm = med(r["cold"]), med(r["warm"])
        fcp, pic = ([v for v in r[k] if v is not None] for k in ("fcp", "picture"))
        fcp = f"{med(fcp):6.0f}" if fcp else f"{'-':>6s}"
        pic = f"{med(pic):8.0f}" if pic else f"{'-':>8s}"
        print(
            f"  {label:14s} {cold:10.0f} {cold / stock:7.2f} {warm:10.0f} {cold / warm:9.2f} "
            f"{fcp} {pic}"
        )
        print(
            f"  {'':14s} cold runs: {', '.join(f'{v:.0f}' for v in r['cold'])}; "
            f"warm: {', '.join(f'{v:.0f}' for v in r['warm'])}"
        )
    for label, r in res.items():
        for visit in ("cold", "warm"):
            if r.get(f"{visit} stages"):
                stages = "  ".join(f"{s} {p}% at {t}" for s, p, t in r[f"{visit} stages"])
                print(f"  {label} progress (last {visit} run): {stages}")
        if r.get("warm boots"):
            print(f"  {label} warm visits booted from: {', '.join(map(str, r['warm boots']))}")
        if r.get("warm checks"):
            ms = ", ".join(f"{v:.0f}" for v in r["warm checks"])
            print(f"  {label} the snapshot's checksum took (ms, in the worker): {ms}")


def native_ms_per_epoch(settings, seconds=1.5):
    s = Session(settings)
    s.step(3)
    best = float("inf")
    t_end = time.perf_counter() + seconds
    while time.perf_counter() < t_end:
        t0 = time.perf_counter()
        s.step(5)
        best = min(best, (time.perf_counter() - t0) * 1000 / 5)
    return best


def play(page, settings, seconds):
    page.evaluate("(s) => bp.configure(s)", settings)
    page.wait_for_function(IDLE)
    page.evaluate("() => bp.play()")
    page.wait_for_timeout(1000)  # the chunk size settles
    probe = (
        f"() => ({{e: {EPOCH}, c: bp.stats.chunks, f: window.__frames, "
        "t: performance.now(), maps: bp.stats.maps || 0, "
        "w: bp.stats.workerMs, tr: bp.stats.trainMs ?? null})"
    )
    a = page.evaluate(probe)
    page.wait_for_timeout(seconds * 1000)
    b = page.evaluate(probe)
    long = page.evaluate("(t) => window.__long.filter(([s]) => s >= t).map(([, d]) => d)", a["t"])
    long = [d for d in long if d > 50]
    page.evaluate("() => bp.pause()")
    page.wait_for_function(IDLE)
    dt = (b["t"] - a["t"]) / 1000
    # the worker's training time alone: one step of many epochs, no pictures (min of 3)
    pure = page.evaluate("""async () => {
        let best = Infinity;
        for (let i = 0; i < 3; i++) {
            const {result, ms} = await bp.engine.timed("step", {epochs: 20});
            best = Math.min(best, (result.ms ? result.ms.train : ms) / 20);
        }
        return best;
    }""")
    return {
        "eps": (b["e"] - a["e"]) / dt,
        "fps": (b["f"] - a["f"]) / dt,
        "maps": (b["maps"] - a["maps"]) / dt,
        "long": long,
        "pure": pure,
        # of the worker's time while playing, the share spent training (pictures, metrics and
        # conversion take the rest)
        "train": None if a["tr"] is None else (b["tr"] - a["tr"]) / max(b["w"] - a["w"], 1e-9),
    }


def training(browser, targets, configs, seconds):
    pages = {}
    for label, url, _ in targets:
        ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
        ctx.add_init_script(PROBES)
        page = ctx.new_page()
        page.goto(url)
        page.wait_for_function(HAS_SESSION, timeout=180_000)
        pages[label] = page
    print(
        f"\nTraining, {seconds:g} s each (500 points, 50% train, tanh, SGD lr 0.03), "
        "map and diagram on screen:"
    )
    print(
        f"  {'config':30s} {'page':12s} {'epochs/s':>9s} {'fps':>5s} {'maps/s':>7s} "
        f"{'long tasks':>11s} {'train %':>7s} {'ms/epoch worker':>16s} {'native':>7s} "
        f"{'ratio':>6s}"
    )
    for key in configs:
        name, cfg = CONFIGS[key]
        settings = {**BASE, **cfg}
        nat = native_ms_per_epoch(settings)
        for label, page in pages.items():
            r = play(page, settings, seconds)
            lt = f"{len(r['long'])} / {max(r['long']):.0f}" if r["long"] else "0"
            share = "-" if r["train"] is None else f"{100 * r['train']:.0f}"
            print(
                f"  {key}: {name:27s} {label:12s} {r['eps']:9.1f} {r['fps']:5.1f} "
                f"{r['maps']:7.1f} {lt:>11s} {share:>7s} {r['pure']:16.3f} {nat:7.3f} "
                f"{r['pure'] / nat:6.2f}"
            )
    for page in pages.values():
        page.context.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--dist",
        type=Path,
        action="append",
        help="a built site to measure (repeat to compare; default: dist/)",
    )
    ap.add_argument("--cold", type=int, default=5, help="start-up runs to take the median of")
    ap.add_argument("--seconds", type=float, default=6.0)
    ap.add_argument("--configs", default="abcd")
    ap.add_argument("--no-start", action="store_true")
    ap.add_argument("--no-train", action="store_true")
    args = ap.parse_args()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sys.exit("needs playwright (python build.py test sets up .venv with it)")
    dists = args.dist or [build.DIST if (build.DIST / "config.json").is_file() else build.build()]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        servers, targets = [], []
        for i, d in enumerate(dists):
            server, base = build.serve_in_thread(d)
            servers.append(server)
            label = d.name if d.name != "dist" or len(dists) == 1 else f"dist{i}"
            targets.append((label, base + "index.html", False))
        browser = pw.chromium.launch(executable_path=chromium(), headless=True, args=FLAGS)
        print(
            f"Chromium {browser.version}; load average {os.getloadavg()[0]:.2f}; "
            f"sites: {', '.join(f'{lb}={d}' for (lb, _, _), d in zip(targets, dists))}"
        )
        server, stock = build.serve_in_thread(stock_dir(Path(tmp)))
        servers.append(server)
        if not args.no_start:
            res = start_up(browser, [("stock", stock + "index.html", True), *targets], args.cold)
            print_start_up(res, args.cold)
        if not args.no_train:
            training(browser, targets, args.configs, args.seconds)
            interpreter_floor(browser, stock)
        browser.close()
        for server in servers:
            server.shutdown()
        print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
