#!/usr/bin/env python3
"""Build, serve and test BP Playground. Standard library only.

    python build.py [--cdn] [--no-compile] [--out DIR] [--pyodide-dir DIR] [--offline]
                                                       build dist/
    python build.py serve [--port N] [--open]          build, then serve
    python build.py test [pytest args]                 set up .venv, build, test

Every vendored file is pinned by sha256 in pyodide.lock.json. A file is taken from the first
source that has it: folders the user names (--pyodide-dir, BP_PYODIDE_DIR), the download cache
(BP_CACHE_DIR, default ~/.cache/bp-playground), the Pyodide CDN, then the package registries
(`npm pack` of the Pyodide package, `pip download` of a wheel that carries the same files).

The Python the page runs is compiled ahead of time (bytecode for the standard library, NumPy and
bpcore) and the page's first picture precomputed (preview.json), both by the vendored Pyodide
itself under Node (tools/pycompile.mjs); outputs are cached by the hash of their inputs.
"""

from __future__ import annotations

import argparse
import base64
import functools
import hashlib
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
import webbrowser
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LOCK = ROOT / "pyodide.lock.json"
DIST = ROOT / "dist"
TOOLS = ROOT / "tools"
PYCOMPILE = TOOLS / "pycompile.mjs"  # runs TOOLS / "pycompile.py" inside Pyodide
SW_TEMPLATE = TOOLS / "sw-template.js"
STDLIB_AT = "/lib/python312.zip/"  # where Pyodide mounts python_stdlib.zip (code file names)
SITE_AT = "/lib/python3.12/site-packages/"  # where loadPackage unpacks wheels
GENERATED = {"bpcore.zip", "config.json", "preview.json", "manifest.webmanifest", "sw.js"}
VENV = ROOT / ".venv"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # earliest date a zip can hold: no build time leaks in
CDN_TIMEOUT = 4.0  # seconds; the CDN is often unreachable, so give up fast

MIME = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".py": "text/plain; charset=utf-8",
}


class BuildError(Exception):
    """A build step failed; the message says which file and what to do."""


def say(msg: str) -> None:
    print(f"[build] {msg}", file=sys.stderr, flush=True)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_lock(path: Path = LOCK) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def default_cache_dir() -> Path:
    if os.environ.get("BP_CACHE_DIR"):
        return Path(os.environ["BP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bp-playground"


def pip_command() -> list[str]:
    """A pip that works: this interpreter's, else the project venv's, else pip3 on PATH."""
    candidates = [[sys.executable, "-m", "pip"], [str(VENV / "bin" / "python"), "-m", "pip"]]
    for cmd in candidates:
        if (
            Path(cmd[0]).exists()
            and subprocess.run([*cmd, "--version"], capture_output=True).returncode == 0
        ):
            return cmd
    for name in ("pip3", "pip"):
        if shutil.which(name):
            return [shutil.which(name)]
    raise BuildError("no pip found (install python3-pip, or run `python3 build.py test` once)")


# ---------------------------------------------------------------------------------------------
# Fetching pinned files


class Fetcher:
    """Finds pinned files, verifies them and keeps them in the download cache."""

    def __init__(
        self, lock: dict, local_dirs=(), cache_dir: Path | None = None, offline: bool = False
    ):
        self.lock = lock
        self.local_dirs = [Path(d) for d in local_dirs]
        env_dirs = os.environ.get("BP_PYODIDE_DIR", "")
        self.local_dirs += [Path(d) for d in env_dirs.split(os.pathsep) if d]
        self.cache = Path(cache_dir) if cache_dir else default_cache_dir()
        self.offline = offline
        self.cdn_dead = False

    # -- helpers
    def _check(self, name: str, data: bytes, pin: dict, where: str) -> bytes:
        got = sha256_bytes(data)
        if got != pin["sha256"]:
            raise BuildError(
                f"sha256 mismatch for {name} (from {where}):\n"
                f"  expected {pin['sha256']}\n  got      {got}\n"
                "Refusing to use it. Remove the bad copy (or fix pyodide.lock.json if the pin "
                "itself is wrong) and build again."
            )
        return data

    def _store(self, sub: str, name: str, data: bytes) -> Path:
        write_atomic(self.cache / sub / name, data)
        return self.cache / sub / name

    def _from_carriers(self, folder: Path, names: list[str], pins: dict) -> dict[str, bytes]:
        """Files inside an npm tarball or a carrier wheel that sit in a local folder."""
        found: dict[str, bytes] = {}
        version = self.lock["pyodide_version"]
        for tgz in sorted(folder.glob(f"pyodide-{version}.tgz")):
            found.update(self._extract_tgz(tgz, names, pins, str(tgz)))
        carrier = self.lock["pip_carrier"].split("==")
        pattern = f"{carrier[0].replace('-', '_')}-{carrier[1]}-*.whl"
        for whl in sorted(folder.glob(pattern)):
            todo = [n for n in names if n not in found and "pip" in pins[n]["via"]]
            found.update(self._extract_whl(whl, todo, pins, str(whl)))
        return found

    def _extract_tgz(self, tgz: Path, names, pins, where) -> dict[str, bytes]:
        out = {}
        prefix = self.lock["npm_prefix"]
        with tarfile.open(tgz, "r:gz") as tar:
            for name in names:
                try:
                    member = tar.extractfile(prefix + name)
                except KeyError:
                    continue
                if member is not None:
                    out[name] = self._check(name, member.read(), pins[name], where)
        return out

    def _extract_whl(self, whl: Path, names, pins, where) -> dict[str, bytes]:
        out = {}
        prefix = self.lock["pip_prefix"]
        with zipfile.ZipFile(whl) as zf:
            have = set(zf.namelist())
            for name in names:
                if prefix + name in have:
                    out[name] = self._check(name, zf.read(prefix + name), pins[name], where)
        return out

    def _download(self, url: str) -> bytes:
        with urllib.request.urlopen(url, timeout=CDN_TIMEOUT) as resp:
            total = int(resp.headers.get("Content-Length") or 0)
            buf = io.BytesIO()
            shown = -1
            while chunk := resp.read(1 << 16):
                buf.write(chunk)
                if total:
                    pct = buf.tell() * 100 // total
                    if pct // 10 != shown:
                        shown = pct // 10
                        say(f"  {url.rsplit('/', 1)[-1]}: {pct}% of {total / 1e6:.1f} MB")
            return buf.getvalue()

    # -- public
    def pyodide_files(self, names: list[str]) -> dict[str, Path]:
        """Paths (in the cache) of the named core files, each verified."""
        pins = self.lock["files"]
        sub = f"pyodide-{self.lock['pyodide_version']}"
        result: dict[str, Path] = {}
        missing = []
        for name in names:
            path = self._find_local(name, pins[name], sub)
            if path:
                result[name] = path
            else:
                missing.append(name)
        if missing:
            for name, data in self._fetch_remote(missing, pins).items():
                result[name] = self._store(sub, name, data)
        return result

    def _find_local(self, name: str, pin: dict, sub: str) -> Path | None:
        for folder in self.local_dirs:
            for cand in (folder / name, folder / "package" / name, folder / "pyodide" / name):
                if cand.is_file():
                    self._check(name, cand.read_bytes(), pin, str(cand))
                    say(f"{name}: from {cand}")
                    return self._store(sub, name, cand.read_bytes())
            if folder.is_dir():
                got = self._from_carriers(folder, [name], {name: pin})
                if name in got:
                    say(f"{name}: from a package in {folder}")
                    return self._store(sub, name, got[name])
        cached = self.cache / sub / name
        if cached.is_file():
            self._check(name, cached.read_bytes(), pin, f"the cache, {cached}")
            return cached
        return None

    def _fetch_remote(self, names: list[str], pins: dict) -> dict[str, bytes]:
        if self.offline:
            raise BuildError(f"offline and not cached: {', '.join(names)}")
        got: dict[str, bytes] = {}
        base = self.lock["cdn_url"]
        for name in names:
            if self.cdn_dead or "cdn" not in pins[name]["via"]:
                continue
            try:
                say(f"{name}: downloading from the Pyodide CDN")
                got[name] = self._check(name, self._download(base + name), pins[name], base)
            except (urllib.error.URLError, OSError, TimeoutError) as exc:
                say(f"  CDN unreachable ({exc}); trying the package registries")
                self.cdn_dead = True
        todo = [n for n in names if n not in got and "npm" in pins[n]["via"]]
        if todo:
            got.update(self._via_npm(todo, pins))
        todo = [n for n in names if n not in got and "pip" in pins[n]["via"]]
        if todo:
            got.update(self._via_pip(todo, pins))
        lost = [n for n in names if n not in got]
        if lost:
            raise BuildError(f"could not get {', '.join(lost)} from any source")
        return got

    def _via_npm(self, names, pins) -> dict[str, bytes]:
        npm = shutil.which("npm")
        if not npm:
            say("npm not found; skipping `npm pack`")
            return {}
        spec = self.lock["npm_spec"]
        with tempfile.TemporaryDirectory() as tmp:
            say(f"{', '.join(names)}: `npm pack {spec}`")
            res = subprocess.run(
                [npm, "pack", spec, "--pack-destination", tmp], stdout=subprocess.DEVNULL
            )
            tgzs = list(Path(tmp).glob("*.tgz"))
            if res.returncode or not tgzs:
                say("  npm pack failed")
                return {}
            return self._extract_tgz(tgzs[0], names, pins, f"npm pack {spec}")

    def _via_pip(self, names, pins) -> dict[str, bytes]:
        req = self.lock["pip_carrier"]
        with tempfile.TemporaryDirectory() as tmp:
            say(f"{', '.join(names)}: `pip download --no-deps {req}` (a large wheel)")
            res = subprocess.run(
                [*pip_command(), "download", "--no-deps", "--only-binary=:all:", "-d", tmp, req]
            )
            whls = list(Path(tmp).glob("*.whl"))
            if res.returncode or not whls:
                say("  pip download failed")
                return {}
            return self._extract_whl(whls[0], names, pins, f"pip download {req}")

    def test_wheels(self) -> dict[str, Path]:
        """Pure-Python wheels (pytest and friends) for running the unit tests in Pyodide."""
        pins = self.lock["test_wheels"]
        folder = self.cache / "wheels"
        result, missing = {}, []
        for name, pin in sorted(pins.items()):
            path = next((d / name for d in self.local_dirs if (d / name).is_file()), folder / name)
            if path.is_file():
                self._check(name, path.read_bytes(), pin, str(path))
                result[name] = path
            else:
                missing.append(name)
        if missing:
            if self.offline:
                raise BuildError(f"offline and not cached: {', '.join(missing)}")
            reqs = [pins[n]["requirement"] for n in missing]
            with tempfile.TemporaryDirectory() as tmp:
                say(f"downloading test wheels: {' '.join(reqs)}")
                subprocess.run(
                    [
                        *pip_command(),
                        "download",
                        "-q",
                        "--no-deps",
                        "--only-binary=:all:",
                        "-d",
                        tmp,
                        *reqs,
                    ],
                    check=False,
                )
                for name in missing:
                    src = Path(tmp) / name
                    if not src.is_file():
                        raise BuildError(f"pip download did not give {name}")
                    data = self._check(name, src.read_bytes(), pins[name], "pip download")
                    result[name] = self._store("wheels", name, data)
        return result


# ---------------------------------------------------------------------------------------------
# Zips and the Pyodide lock


def deterministic_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A zip whose bytes depend only on the names and contents: sorted, fixed dates, stored."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for arcname, data in sorted(files):
            info = zipfile.ZipInfo(arcname, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # unix, whatever the build machine
            zf.writestr(info, data)
    return buf.getvalue()


def source_files(folder: Path, prefix: str = "") -> list[tuple[str, bytes]]:
    """(archive name, bytes) for every file under folder, without caches and dotfiles."""
    out = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(p.startswith(".") or p == "__pycache__" for p in rel.parts):
            continue
        if path.is_file() and path.suffix not in (".pyc", ".pyo"):
            out.append((prefix + rel.as_posix(), path.read_bytes()))
    return out


def lock_packages(data: bytes, keep: list[str]) -> dict[str, dict]:
    """The official lock's entries for the shipped packages and what they depend on."""
    packages = json.loads(data)["packages"]
    wanted, todo = set(), list(keep)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(packages[name]["depends"])
    return {k: packages[k] for k in sorted(wanted)}


def trimmed_pyodide_lock(data: bytes, keep: list[str], sha256s: dict | None = None) -> bytes:
    """The official lock with only the shipped packages (and what they depend on).
    sha256s: file name -> sha256 of a wheel shipped compiled (loadPackage checks the hash)."""
    lock = json.loads(data)
    lock["packages"] = lock_packages(data, keep)
    for entry in lock["packages"].values():
        entry["sha256"] = (sha256s or {}).get(entry["file_name"], entry["sha256"])
    return (json.dumps(lock, indent=1, sort_keys=True) + "\n").encode()


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary name, so a crash (or a parallel build) never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# ---------------------------------------------------------------------------------------------
# Bytecode and the first picture: the vendored Pyodide itself, run once per build under Node


def find_node(needed_for: str = "") -> str | None:
    """Node.js, or None. If `needed_for` says what it is needed for, a missing one is an error."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node or not needed_for:
        return node
    raise BuildError(
        f"Node.js (`node`) is needed to {needed_for}: the page's Python is 3.12 (Pyodide's), "
        "so its bytecode is made by the vendored Pyodide running under Node.\n"
        "Install Node.js 18 or newer (Debian: apt-get install nodejs), or build with "
        "--no-compile (the page then starts slower and has no preview.json)."
    )


def step_tasks(
    lock: dict, runtime: dict[str, Path], bpcore_src: bytes, *, compile_: bool, vendored: bool
) -> dict[str, tuple[str, bytes, str]]:
    """What tools/pycompile.py should make: {output name: (kind, input bytes, prefix)}."""
    tasks = {"preview.json": ("preview", bpcore_src, "")}
    if compile_:
        # bpcore also ships compiled with the CDN variant: the CDN's Python is the same 3.12
        tasks["bpcore.zip"] = ("bpcore", bpcore_src, "")
    if compile_ and vendored:
        tasks["python_stdlib.zip"] = (
            "sourceless",
            runtime["python_stdlib.zip"].read_bytes(),
            STDLIB_AT,
        )
        for wheel in shipped_wheels(lock, runtime):
            tasks[wheel] = ("wheel", runtime[wheel].read_bytes(), SITE_AT)
    return tasks


def shipped_wheels(lock: dict, runtime: dict[str, Path]) -> list[str]:
    entries = lock_packages(runtime["pyodide-lock.json"].read_bytes(), lock["shipped_packages"])
    return sorted(e["file_name"] for e in entries.values())


def pyodide_step(tasks: dict, runtime_dir: Path, cache: Path, lock: dict) -> dict[str, bytes]:
    """tools/pycompile.py's output for each task, from the cache when there. The key hashes the
    input, the tools and the pinned runtime, so a cached rebuild starts no Node at all."""
    salt = sha256_bytes(
        PYCOMPILE.read_bytes()
        + (TOOLS / "pycompile.py").read_bytes()
        + json.dumps(lock["files"], sort_keys=True).encode()
    )
    out, todo = {}, {}
    for name, (kind, data, prefix) in sorted(tasks.items()):
        key = sha256_bytes(f"{salt} {kind} {prefix} {sha256_bytes(data)}".encode())
        cached = cache / "compiled" / key / name
        if cached.is_file():
            out[name] = cached.read_bytes()
        else:
            todo[name] = cached
    if todo:
        made = run_pycompile({n: tasks[n] for n in todo}, runtime_dir, lock["shipped_packages"])
        for name, data in made.items():
            write_atomic(todo[name], data)
            out[name] = data
    return out


def run_pycompile(tasks: dict, runtime_dir: Path, packages: list[str]) -> dict[str, bytes]:
    """ONE Node process for all tasks (booting Pyodide costs ~2 s); files pass through a job
    folder that tools/pycompile.mjs mounts into Pyodide's file system."""
    node = find_node("compile the page's Python and make preview.json")
    with tempfile.TemporaryDirectory(prefix="bp-pycompile-") as tmp:
        job, spec = Path(tmp), []
        (job / "in").mkdir()
        (job / "out").mkdir()
        names = sorted(tasks)
        for i, name in enumerate(names):
            kind, data, prefix = tasks[name]
            (job / "in" / str(i)).write_bytes(data)
            spec.append({"kind": kind, "input": f"in/{i}", "output": f"out/{i}", "prefix": prefix})
        needs = packages if any(t["kind"] == "preview" for t in spec) else []
        (job / "job.json").write_text(json.dumps({"packages": needs, "tasks": spec}))
        say(f"compiling in Pyodide under Node: {', '.join(names)}")
        res = subprocess.run(
            [node, str(PYCOMPILE), str(runtime_dir), str(job)], capture_output=True, text=True
        )
        if res.returncode:
            raise BuildError(
                f"`node tools/{PYCOMPILE.name}` failed (exit {res.returncode}):\n"
                + (res.stderr + res.stdout)[-4000:]
            )
        return {name: (job / "out" / str(i)).read_bytes() for i, name in enumerate(names)}


def check_compiled(name: str, data: bytes, lock: dict, cache: Path) -> None:
    """Compiled Pyodide files are pinned too (pyodide.lock.json, "compiled"): their bytes are a
    function of pinned inputs and tools/pycompile.*, so a difference is a real change."""
    pin = lock.get("compiled", {}).get(name)
    got = sha256_bytes(data)
    if pin is None or pin["sha256"] != got:
        expected = pin["sha256"] if pin else "(no pin)"
        raise BuildError(
            f"sha256 mismatch for the compiled {name}:\n  expected {expected}\n  got      {got}"
            f" ({len(data)} bytes)\nIf you changed tools/pycompile.* or the pinned Pyodide on "
            f'purpose, put the new sha256 and size into pyodide.lock.json\'s "compiled" '
            f"section; else remove {cache / 'compiled'} and build again."
        )


# ---------------------------------------------------------------------------------------------
# Building dist/


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
) -> Path:
    """Build the static site into `out` (replaced whole). Returns `out`.
    compile_=False (--no-compile) ships the Python as source: the A side of the bytecode lever."""
    out = Path(out)
    lock = load_lock(lock_path)
    fetcher = Fetcher(lock, local_dirs, cache_dir, offline)
    files = web_files()
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
    say(f"built {out} ({len(files)} files, {size / 1e6:.1f} MB{kind})")
    return out


# ---------------------------------------------------------------------------------------------
# Serving


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with the MIME types the page needs; URL prefixes may map to other folders.
    The root's files carry its page's CSP as a header too: a <meta> CSP does not reach the
    worker, whose policy comes from worker.mjs's own response (see README, deployment)."""

    routes: dict[str, Path] = {}
    csp: str | None = None
    quiet = False

    def guess_type(self, path):
        return MIME.get(Path(str(path)).suffix.lower()) or super().guess_type(path)

    def _route(self, path: str):
        url = path.split("?", 1)[0].split("#", 1)[0]
        for prefix, folder in sorted(self.routes.items(), key=lambda kv: -len(kv[0])):
            if prefix != "/" and url.startswith(prefix):
                return url, prefix, folder
        return url, None, None

    def translate_path(self, path):
        url, prefix, folder = self._route(path)
        if prefix:
            return str(_safe_join(folder, url[len(prefix) :]))
        return super().translate_path(path)

    def end_headers(self):
        # a local dev server: always revalidate, as rebuilds change files in place
        self.send_header("Cache-Control", "no-cache")
        if self.csp and not self._route(self.path)[1]:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, fmt, *args):
        if not self.quiet:
            super().log_message(fmt, *args)


def page_csp(root: Path) -> str | None:
    """The Content-Security-Policy of root/index.html's <meta> tag, if any. For a --cdn build
    the worker loads Pyodide from the CDN, so its origin joins script-src and connect-src."""
    try:
        html = (Path(root) / "index.html").read_text(encoding="utf-8")
    except OSError:
        return None
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    config = Path(root) / "config.json"
    base = json.loads(config.read_text())["pyodideBase"] if config.is_file() else ""
    parts = urllib.parse.urlsplit(base)
    if not meta or not parts.netloc:
        return meta and meta.group(1)
    origin = f"{parts.scheme}://{parts.netloc}"
    return re.sub(r"\b(script-src|connect-src)([^;]*)", rf"\1\2 {origin}", meta.group(1))


def _safe_join(folder: Path, rel: str) -> Path:
    parts = [p for p in urllib.request.url2pathname(rel).split("/") if p not in ("", ".", "..")]
    return Path(folder).joinpath(*parts)


def make_server(
    root: Path, port: int = 0, routes: dict[str, Path] | None = None, quiet: bool = True
) -> http.server.ThreadingHTTPServer:
    """A server for `root` on 127.0.0.1 (port 0: any free port). Call serve_forever() on it."""
    attrs = {"routes": dict(routes or {}), "quiet": quiet, "csp": page_csp(root)}
    handler = type("BoundHandler", (Handler,), attrs)
    factory = functools.partial(handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), factory)
    server.daemon_threads = True
    return server


# Headless Chromium on a closed network, as root (tests and benchmarks): no sandbox, no GPU, and
# none of its own network traffic.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def serve_in_thread(root: Path, routes: dict[str, Path] | None = None):
    """Start a quiet server in a daemon thread; returns (server, base URL ending in /)."""
    server = make_server(root, 0, routes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# ---------------------------------------------------------------------------------------------
# Test setup


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv() -> Path:
    """Create .venv and install the project with its test extra, unless already up to date."""
    py = venv_python()
    stamp = VENV / ".bp-installed"
    want = sha256_bytes((ROOT / "pyproject.toml").read_bytes() + sys.version.encode())
    if py.exists() and stamp.is_file() and stamp.read_text().strip() == want:
        return py
    if not py.exists():
        say("creating .venv")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    say("installing the project and its test tools into .venv")
    subprocess.run(
        [
            str(py),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-e",
            f"{ROOT}[test]",
        ],
        check=True,
    )
    stamp.write_text(want + "\n")
    return py


def ensure_node_tools() -> None:
    """node_modules/ from package-lock.json (the JS type checker; the page needs none of it),
    unless already installed from the same lock or npm is missing (the tests then say so)."""
    lock = ROOT / "package-lock.json"
    npm = shutil.which("npm")
    if not lock.is_file() or not npm:
        return
    stamp = ROOT / "node_modules" / ".bp-installed"
    want = sha256_bytes(lock.read_bytes())
    if stamp.is_file() and stamp.read_text().strip() == want:
        return
    say("installing the JS dev tools (npm ci)")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=ROOT, check=True)
    stamp.write_text(want + "\n")


def run_tests(pytest_args: list[str], local_dirs=()) -> int:
    py = ensure_venv()
    ensure_node_tools()
    build(DIST, local_dirs=local_dirs)
    env = dict(os.environ, BP_DIST=str(DIST))
    cmd = [str(py), "-m", "pytest", *pytest_args]
    say(" ".join(cmd[1:]))
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode


# ---------------------------------------------------------------------------------------------
# Command line


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["test"]:
        try:
            return run_tests(argv[1:])
        except (BuildError, subprocess.CalledProcessError) as exc:
            print(f"build.py test: {exc}", file=sys.stderr)
            return 2

    ap = argparse.ArgumentParser(description="Build (default) or serve BP Playground's dist/.")
    ap.add_argument("command", nargs="?", choices=["build", "serve"], default="build")
    ap.add_argument("--out", type=Path, default=DIST, help="output folder (default dist/)")
    ap.add_argument(
        "--cdn",
        action="store_true",
        help="load the pinned Pyodide from its CDN instead of vendoring it",
    )
    ap.add_argument(
        "--pyodide-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="folder with the Pyodide files, its npm tarball or the carrier wheel "
        "(also BP_PYODIDE_DIR, separated by os.pathsep)",
    )
    ap.add_argument(
        "--no-compile",
        action="store_true",
        help="ship the Python as source (no Node needed; slower start-up; measures the lever)",
    )
    ap.add_argument("--lock", type=Path, default=LOCK, help=argparse.SUPPRESS)
    ap.add_argument("--offline", action="store_true", help="use only local folders and the cache")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--open", action="store_true", help="open the page in a browser")
    args = ap.parse_args(argv)
    try:
        build(
            args.out,
            cdn=args.cdn,
            compile_=not args.no_compile,
            lock_path=args.lock,
            local_dirs=args.pyodide_dir,
            offline=args.offline,
        )
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    if args.command == "serve":
        server = make_server(args.out, args.port, quiet=False)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        print(f"Serving {args.out} at {url}  (Ctrl+C stops)", flush=True)
        if args.open:
            webbrowser.open(url)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
