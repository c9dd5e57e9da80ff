"""Building dist/: the page, the bundle, the vendored (and compiled) Pyodide, config.json, the
web app manifest and the service worker that lists every other file with its hash."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from pathlib import Path

from .bundle import bundle
from .common import (
    DIST,
    LOCK,
    ROOT,
    TOOLS,
    BuildError,
    deterministic_zip,
    load_lock,
    say,
    sha256_bytes,
    source_files,
)
from .compiled import check_compiled, find_node, pyodide_step, step_tasks, trimmed_pyodide_lock
from .fetch import Fetcher

SW_TEMPLATE = TOOLS / "sw-template.js"
GENERATED = {"bpcore.zip", "config.json", "preview.json", "manifest.webmanifest", "sw.js"}


def web_files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    web = ROOT / "web"
    if (web / "index.html").is_file():
        files.update(source_files(web))
    else:
        say("warning: web/index.html missing; dist/ will have no page")
    clash = [n for n in files if n in GENERATED or n.startswith("pyodide/")]
    if clash:
        raise BuildError(f"web/ must not hold these generated names: {', '.join(clash)}")
    return files


def vendored_files(lock: dict, runtime: dict, made: dict, cache: Path) -> dict[str, bytes]:
    """dist/pyodide/: the pinned files, compiled ones instead where made (pinned as well)."""
    out = {}
    for name, path in sorted(runtime.items()):
        if name in made:
            check_compiled(name, made[name], lock, cache)
        out[name] = made[name] if name in made else path.read_bytes()
    wheels = {n: sha256_bytes(made[n]) for n in made if n.endswith(".whl")}
    out["pyodide-lock.json"] = trimmed_pyodide_lock(
        out["pyodide-lock.json"], lock["shipped_packages"], wheels
    )
    return {"pyodide/" + name: data for name, data in out.items()}


def snapshot_key(lock: dict, files: dict[str, bytes]) -> str:
    """What a memory snapshot of the engine holds: Python, NumPy and bpcore as shipped (their
    bytes; the pins of the Pyodide files a CDN build loads). A snapshot the page kept from an
    earlier visit is used only if it was made under the same key (web/engine-snapshot.mjs)."""
    parts = {n: sha256_bytes(d) for n, d in files.items() if n.startswith("pyodide/")}
    if not parts:
        parts = {n: f["sha256"] for n, f in lock["files"].items()}
    parts["bpcore.zip"] = sha256_bytes(files["bpcore.zip"])
    return sha256_bytes(json.dumps(parts, sort_keys=True).encode())[:16]


def web_manifest() -> bytes:
    """Installable as an app: opens standalone at the page; the favicon (SVG) is its icon."""
    doc = {
        "name": "BP Playground",
        "short_name": "BP Playground",
        "description": "Train a small neural network in your browser and watch "
        "backpropagation at work.",
        "start_url": ".",
        "scope": ".",
        "display": "standalone",
        "theme_color": "#183d4e",  # the header (--accent in style.css)
        "background_color": "#f3f4f6",  # the page (--bg)
        "icons": [{"src": "favicon.svg", "sizes": "any", "type": "image/svg+xml"}],
    }
    return (json.dumps(doc, indent=2) + "\n").encode()


def service_worker(files: dict[str, bytes]) -> bytes:
    """dist/sw.js from tools/sw-template.js: every other file with its SRI hash (the browser
    checks each pre-cached copy), and a version that changes whenever any file does."""
    sri = {
        name: "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()
        for name, data in sorted(files.items())
        if name != "sw.js"
    }
    listing = json.dumps(sri, indent=1, sort_keys=True)
    version = sha256_bytes(listing.encode())[:16]
    text = SW_TEMPLATE.read_text(encoding="utf-8")
    return text.replace("__FILES__", listing).replace("__VERSION__", version).encode()


def write_tree(out: Path, files: dict[str, bytes]) -> None:
    """Replace `out` whole: written next to it, then swapped in."""
    tmp = out.with_name(f".{out.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    for name, data in sorted(files.items()):
        dest = tmp / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)


def build(
    out: Path = DIST,
    *,
    cdn: bool = False,
    compile_: bool = True,
    lock_path: Path = LOCK,
    local_dirs=(),
    cache_dir: Path | None = None,
    offline: bool = False,
    bundle_: bool = True,
) -> Path:
    """Build the static site into `out` (replaced whole). Returns `out`.
    compile_=False (--no-compile) ships the Python as source: the A side of the bytecode lever.
    bundle_=False (--no-bundle) ships the page's modules as they are in web/, unbundled."""
    out = Path(out)
    lock = load_lock(lock_path)
    fetcher = Fetcher(lock, local_dirs, cache_dir, offline)
    files = web_files()
    if bundle_:  # the entries become bundles; the other modules stay, unused by the page (tests
        # import domain/link.js from dist/)
        files.update(bundle(files["index.html"]))
    if not (ROOT / "bpcore" / "__init__.py").is_file():
        raise BuildError("bpcore/__init__.py is missing")
    bpcore_src = deterministic_zip(source_files(ROOT / "bpcore", "bpcore/"))

    # Node is a must for the vendored, compiled build; otherwise a bonus (compiled bpcore,
    # preview.json) skipped with a warning
    node = find_node("" if cdn or not compile_ else "compile the page's Python")
    runtime: dict[str, Path] = {}
    try:
        if not cdn or node:
            runtime = fetcher.pyodide_files(sorted(lock["files"]))
    except BuildError as exc:
        if not cdn:
            raise
        say(f"warning: no Pyodide files to run ({exc}); bpcore.zip ships as source, no preview")
    made: dict[str, bytes] = {}
    if node and runtime:
        tasks = step_tasks(lock, runtime, bpcore_src, compile_=compile_, vendored=not cdn)
        runtime_dir = runtime["pyodide.mjs"].parent
        made = pyodide_step(tasks, runtime_dir, fetcher.cache, lock)
    elif not node:
        say("warning: Node.js not found: bpcore.zip ships as source, and no preview.json")
    files["bpcore.zip"] = made.get("bpcore.zip", bpcore_src)
    if "preview.json" in made:
        files["preview.json"] = made["preview.json"]
    if cdn:
        base = lock["cdn_url"]
    else:
        base = "./pyodide/"
        files.update(vendored_files(lock, runtime, made, fetcher.cache))

    config = {
        "pyodideBase": base,
        "pyodideVersion": lock["pyodide_version"],
        "packages": lock["shipped_packages"],
        "snapshotKey": snapshot_key(lock, files),
        "bpcore": "bpcore.zip",
        "bpcoreSha256": sha256_bytes(files["bpcore.zip"]),
    }
    files["config.json"] = (json.dumps(config, indent=2, sort_keys=True) + "\n").encode()
    files["manifest.webmanifest"] = web_manifest()
    files["sw.js"] = service_worker(files)  # last: it lists every other file

    write_tree(out, files)
    size = sum(len(d) for d in files.values())
    kind = ", CDN variant" if cdn else ""
    kind += ", Python shipped compiled" if "bpcore.zip" in made else ", Python as source"
    kind += ", page bundled" if bundle_ else ", page unbundled"
    say(f"built {out} ({len(files)} files, {size / 1e6:.1f} MB{kind})")
    return out
