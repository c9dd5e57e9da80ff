"""build.py: reproducible dist/, pinned hashes enforced, correct MIME types when served;
the compiled Python (made by the vendored Pyodide under Node), preview.json, the service
worker and the web app manifest."""

import base64
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
build = pytest.importorskip("build", reason="build.py is not importable here")

pytestmark = pytest.mark.native_only
# `build.py test --fast` builds nothing (BP_FAST=1): the tests that build dist/ skip there
FAST = os.environ.get("BP_FAST") == "1"
builds = pytest.mark.skipif(FAST, reason="builds dist/: not in `build.py test --fast`")

NUMPY_WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
PYC_312 = (3531).to_bytes(2, "little") + b"\r\n"  # CPython 3.12's .pyc magic number


def need(ok: bool, reason: str) -> None:
    """Skip on a developer's machine without it; in CI it is a failure (CI has node)."""
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(f"CI: {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """A vendored, compiled build from the cached Pyodide files (no network)."""
    if FAST:
        pytest.skip("builds dist/: not in `build.py test --fast`")
    need(build.find_node() is not None, "node is not installed")
    try:
        return build.build(tmp_path_factory.mktemp("compiled") / "dist", offline=True)
    except build.BuildError as exc:
        need("offline and not cached" not in str(exc), f"Pyodide files not cached: {exc}")
        raise


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@builds
def test_two_builds_give_identical_bytes(tmp_path):
    a = build.build(tmp_path / "a")
    b = build.build(tmp_path / "b")
    digest = tree_digest(a)
    assert digest == tree_digest(b)
    for name in (
        "bpcore.zip",
        "config.json",
        "preview.json",
        "sw.js",
        "manifest.webmanifest",
        "pyodide/pyodide.asm.wasm",
        "pyodide/pyodide.mjs",
        "pyodide/pyodide-lock.json",
        "pyodide/python_stdlib.zip",
        f"pyodide/{NUMPY_WHEEL}",
        "main.js",
        "main.js.map",
        "worker.mjs",
        "lab-worker.mjs",
    ):
        assert name in digest


@builds
def test_vendored_files_match_the_lock(tmp_path):
    lock = build.load_lock()
    out = build.build(tmp_path / "d")
    compiled = lock["compiled"]
    for name, pin in lock["files"].items():
        if name != "pyodide-lock.json":  # shipped trimmed
            want = compiled[name] if name in compiled else pin
            assert build.sha256_file(out / "pyodide" / name) == want["sha256"], name
            assert (out / "pyodide" / name).stat().st_size == want["size"], name
    trimmed = json.loads((out / "pyodide" / "pyodide-lock.json").read_text())
    assert sorted(trimmed["packages"]) == lock["shipped_packages"]
    assert trimmed["info"]["version"] == lock["pyodide_version"]
    # loadPackage checks the wheel against this hash: it must be the compiled wheel's
    assert trimmed["packages"]["numpy"]["sha256"] == compiled[NUMPY_WHEEL]["sha256"]


@builds
def test_wrong_sha_in_lock_fails_naming_the_file(tmp_path):
    lock = build.load_lock()
    lock["files"]["pyodide.asm.wasm"]["sha256"] = "0" * 64
    bad = tmp_path / "lock.json"
    bad.write_text(json.dumps(lock))
    with pytest.raises(build.BuildError, match=r"pyodide\.asm\.wasm"):
        build.build(tmp_path / "d", lock_path=bad, offline=True)
    res = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--offline",
            "--lock",
            str(bad),
            "--out",
            str(tmp_path / "d"),
        ],
        capture_output=True,
        text=True,
    )
    assert res.returncode != 0
    assert "pyodide.asm.wasm" in res.stderr and "mismatch" in res.stderr


def test_bpcore_zip_is_deterministic_and_complete():
    files = build.source_files(ROOT / "bpcore", "bpcore/")
    zipped = build.deterministic_zip(files)
    assert zipped == build.deterministic_zip(list(reversed(files)))
    assert "bpcore/__init__.py" in [name for name, _ in files]
    assert not any("__pycache__" in name or name.endswith(".pyc") for name, _ in files)


@builds
def test_cdn_variant_points_at_the_pinned_cdn(tmp_path):
    out = build.build(tmp_path / "cdn", cdn=True)
    config = json.loads((out / "config.json").read_text())
    assert config["pyodideBase"] == build.load_lock()["cdn_url"]
    assert "0.27.7" in config["pyodideBase"]
    assert not (out / "pyodide").exists()
    # served locally, the worker's CSP header must let it load Pyodide from the CDN
    assert "script-src 'self' 'wasm-unsafe-eval' https://cdn.jsdelivr.net;" in build.page_csp(out)
    if build.find_node():  # the CDN's Python is the same 3.12: bpcore still ships compiled
        names = zipfile.ZipFile(out / "bpcore.zip").namelist()
        assert "bpcore/__pycache__/protocol.cpython-312.pyc" in names
        assert (out / "preview.json").is_file()


@builds
def test_serve_sends_right_mime_types(tmp_path):
    out = build.build(tmp_path / "d")
    server, url = build.serve_in_thread(out)
    try:
        expect = {
            "pyodide/pyodide.asm.wasm": "application/wasm",
            "pyodide/pyodide.mjs": "text/javascript",
            "pyodide/pyodide.asm.js": "text/javascript",
            "config.json": "application/json",
            "bpcore.zip": "application/zip",
            "manifest.webmanifest": "application/manifest+json",
            "sw.js": "text/javascript",
        }
        csp = build.page_csp(out)
        assert csp and "manifest-src 'self'" in csp
        for path, mime in expect.items():
            with urllib.request.urlopen(url + path, timeout=10) as resp:
                assert resp.headers["Content-Type"].split(";")[0] == mime, path
                # the page's CSP as a header too: the only way it reaches the worker
                assert resp.headers["Content-Security-Policy"] == csp, path
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url + "../pyodide.lock.json", timeout=10)
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------------------- the bundle

# what the first picture needs not: the lesson, the step-through, the hidden layer's picture,
# the other language's words, the Python lab's panel, editor and content (all of them chunks
# main.js imports dynamically)
LAZY = (
    "lesson/",
    "views/lesson.js",
    "widgets/lesson.js",
    "app/step-through.js",
    "views/walk.js",
    "widgets/walk-bar.js",
    "widgets/network-walk.js",
    "domain/walk.js",
    "app/hidden-plane.js",
    "views/hidden-plane.js",
    "widgets/hidden-plane.js",
    "domain/messages/zh-CN.js",
    "lab/",
    "app/lab.js",
    "views/lab.js",
    "views/lab-content.js",
    "widgets/lab-panel.js",
    "widgets/lab-results.js",
    "widgets/code-editor.js",
)


def static_closure(dist: Path, names: list[str]) -> list[str]:
    """The files the browser loads for `names`, following their static imports."""
    seen, todo = [], list(names)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.append(name)
            text = (dist / name).read_text()
            todo += re.findall(r'(?:\bfrom|\bimport)\s*"\./([\w.-]+\.m?js)"', text)
    return seen


def map_sources(dist: Path, name: str) -> list[str]:
    return json.loads((dist / f"{name}.map").read_text())["sources"]


def test_the_page_loads_a_bundle_and_its_first_picture_no_lazy_part(compiled):
    html = (compiled / "index.html").read_text()
    assert '<link rel="modulepreload" href="engine.js">' not in html
    preloads = re.findall(r'<link rel="modulepreload" href="([^"]+)">', html)
    scripts = re.findall(r'<script type="module"[^>]* src="([^"]+)"></script>', html)
    assert scripts == ["early.js", "main.js", "offline.js"]
    # the stylesheets as one, in web/index.html's order (the same cascade)
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)">', html) == ["page.css"]
    sheets = re.findall(
        r'<link rel="stylesheet" href="([^"]+)">', (ROOT / "web/index.html").read_text()
    )
    assert map_sources(compiled, "page.css") == [f"../web/{name}" for name in sheets]
    assert preloads and all(re.fullmatch(r"chunk-[A-Z0-9]{8}\.js", p) for p in preloads)
    first = static_closure(compiled, ["early.js", "main.js"])
    assert set(preloads) == set(first) - {"early.js", "main.js"}  # every chunk asked at once
    sources = {s for name in first for s in map_sources(compiled, name)}
    assert "../web/main.js" in sources and "../web/app/store.js" in sources
    lazy = [s for s in sources if s.removeprefix("../web/").startswith(LAZY)]
    assert not lazy, f"the first picture loads {lazy}"
    npm = [s for s in sources if "node_modules" in s]  # CodeMirror: only with the lab
    assert not npm, f"the first picture loads {npm}"
    # ...and they are there, in chunks main.js imports dynamically
    chunks = [p.name for p in compiled.glob("chunk-*.js")]
    later = {s for name in chunks if name not in first for s in map_sources(compiled, name)}
    lazy_modules = {f"../web/{name}" for name in LAZY if name.endswith(".js")}
    assert (
        lazy_modules | {"../web/lesson/en.js", "../web/lab/en.js", "../web/lab/zh-CN.js"} <= later
    )
    assert any("node_modules/@codemirror/view/" in s for s in later)
    assert "../web/domain/messages/en.js" in sources  # English: the words the page starts with
    # each worker is one file (Pyodide's own files stay as they are); they share the boot
    assert static_closure(compiled, ["worker.mjs"]) == ["worker.mjs"]
    assert sorted(map_sources(compiled, "worker.mjs")) == [
        "../web/engine-snapshot.mjs",
        "../web/pyodide-boot.mjs",
        "../web/worker.mjs",
    ]
    assert static_closure(compiled, ["lab-worker.mjs"]) == ["lab-worker.mjs"]
    assert sorted(map_sources(compiled, "lab-worker.mjs")) == [
        "../web/engine-snapshot.mjs",
        "../web/lab-sandbox.mjs",
        "../web/lab-worker.mjs",
        "../web/pyodide-boot.mjs",
    ]
    # the lab's client is not in the first picture: it loads with the lab
    assert "../web/lab-runner.js" not in sources


def test_every_bundle_file_has_a_source_map_of_the_web_sources(compiled):
    outputs = [p for p in compiled.glob("*.*s") if (compiled / f"{p.name}.map").is_file()]
    assert {"early.js", "main.js", "offline.js", "worker.mjs", "lab-worker.mjs"} <= {
        p.name for p in outputs
    }
    for path in outputs:
        text = path.read_text()
        assert re.search(rf"/[/*]# sourceMappingURL={re.escape(path.name)}\.map( \*/)?\s*$", text)
        for bad in ("eval(", "new Function"):  # the page's CSP has no 'unsafe-eval'
            assert bad not in text, path.name
        doc = json.loads((compiled / f"{path.name}.map").read_text())
        assert doc["version"] == 3 and (doc["mappings"] or not doc["sources"])  # early.js: none
        for src, content in zip(doc["sources"], doc["sourcesContent"], strict=True):
            # the page's own modules, and the lab's editor: CodeMirror, pinned in package.json
            assert src.startswith(("../web/", "../node_modules/")), src
            assert (ROOT / src[3:]).read_text() == content, src


def test_the_bundled_npm_packages_ship_their_licences(compiled):
    """CodeMirror is minified into the lab's chunk (its comments dropped): each package the
    source maps name from node_modules/ has its licence text in THIRD-PARTY-LICENSES.txt."""
    bundled = set()
    for path in compiled.glob("*.map"):
        for src in json.loads(path.read_text())["sources"]:
            m = re.search(r"node_modules/((?:@[^/]+/)?[^/]+)/", src)
            if m:
                bundled.add(m.group(1))
    assert "@codemirror/view" in bundled
    text = (compiled / "THIRD-PARTY-LICENSES.txt").read_text()
    for name in bundled:
        version = json.loads((ROOT / "node_modules" / name / "package.json").read_text())["version"]
        assert re.search(rf"^{re.escape(name)} {re.escape(version)} \(MIT\)$", text, re.M), name
    assert text.count("Permission is hereby granted") >= len(bundled)


def test_no_bundle_ships_the_modules_as_they_are(compiled, tmp_path):
    out = build.build(tmp_path / "plain", bundle_=False, offline=True)
    web = ROOT / "web"
    assert (out / "index.html").read_bytes() == (web / "index.html").read_bytes()
    for name in ("main.js", "early.js", "worker.mjs", "app/store.js"):
        assert (out / name).read_bytes() == (web / name).read_bytes(), name
    assert not list(out.glob("chunk-*")) and not list(out.glob("*.map"))
    # the Python and Pyodide are the same as the bundled build's
    for name in ("bpcore.zip", "preview.json", "pyodide/python_stdlib.zip"):
        assert (out / name).read_bytes() == (compiled / name).read_bytes(), name


# ---------------------------------------------------------------------------- compiled Python


def pyc_header(data: bytes) -> tuple[bytes, int]:
    return data[:4], int.from_bytes(data[4:8], "little")


def test_compiled_stdlib_is_sourceless_unchecked_hash_pycs(compiled):
    with zipfile.ZipFile(compiled / "pyodide" / "python_stdlib.zip") as zf:
        names = zf.namelist()
        assert "json/__init__.pyc" in names and "json/__init__.py" not in names
        assert not [n for n in names if n.endswith(".py")]
        magic, flags = pyc_header(zf.read("json/__init__.pyc"))
    assert magic == PYC_312
    assert flags == 0b01  # PEP 552: hash-based, never checked against a source


def test_compiled_wheel_record_is_consistent(compiled):
    with zipfile.ZipFile(compiled / "pyodide" / NUMPY_WHEEL) as zf:
        files = {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}
    record_name = "numpy-2.0.2.dist-info/RECORD"
    rows = list(csv.reader(io.StringIO(files[record_name].decode())))
    listed = {row[0]: row[1:] for row in rows}
    assert set(listed) == set(files)
    assert listed[record_name] == ["", ""]
    for name, data in files.items():
        if name == record_name:
            continue
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        assert listed[name] == [f"sha256={digest}", str(len(data))], name
    assert "numpy/__init__.pyc" in files and not [n for n in files if n.endswith(".py")]


def test_bpcore_zip_keeps_sources_next_to_unchecked_pycs(compiled):
    with zipfile.ZipFile(compiled / "bpcore.zip") as zf:
        names = set(zf.namelist())
        sources = sorted(n for n in names if n.endswith(".py"))
        assert "bpcore/protocol.py" in sources
        for src in sources:
            folder, mod = src.rsplit("/", 1)
            cached = f"{folder}/__pycache__/{mod[:-3]}.cpython-312.pyc"
            assert cached in names, cached
            assert pyc_header(zf.read(cached)) == (PYC_312, 0b01)
    config = json.loads((compiled / "config.json").read_text())
    assert config["bpcoreSha256"] == build.sha256_file(compiled / "bpcore.zip")


NODE_CHECK = r"""
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const dist = process.argv[2];
const { loadPyodide } = await import(pathToFileURL(dist + "/pyodide/pyodide.mjs").href);
const py = await loadPyodide({ indexURL: dist + "/pyodide/", stdout: () => {} });
await py.loadPackage("numpy", { messageCallback: () => {} });
py.unpackArchive(new Uint8Array(readFileSync(dist + "/bpcore.zip")), "zip",
                 { extractDir: "/home/pyodide/app" });
console.log(py.runPython(`
import json, sys
sys.path.insert(0, "/home/pyodide/app")
# the source stays for tracebacks, but importing must use the unchecked pyc, not read this
with open("/home/pyodide/app/bpcore/protocol.py", "w") as f:
    f.write("raise RuntimeError('bpcore.protocol was compiled from its source')\\n")
import bpcore.protocol, numpy
reply = bpcore.protocol.Engine().handle("init", {})
json.dumps({"json": sys.modules["json"].__file__, "numpy": numpy.__file__,
            "version": sys.version.split()[0], "epoch": reply["epoch"]})
`));
process.exit(0);
"""


def test_compiled_python_loads_and_is_used_in_node(compiled, tmp_path):
    script = tmp_path / "check.mjs"
    script.write_text(NODE_CHECK)
    res = subprocess.run(
        [build.find_node(), str(script), str(compiled)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    got = json.loads(res.stdout.strip().splitlines()[-1])
    assert got["json"] == "/lib/python312.zip/json/__init__.pyc"
    assert got["numpy"].endswith("/site-packages/numpy/__init__.pyc")
    assert got["version"] == "3.12.7" and got["epoch"] == 0


def test_compiling_from_scratch_gives_the_same_bytes(compiled, tmp_path):
    """An empty cache: Node runs again and must produce the very bytes of the cached build
    (the stdlib and the wheel are checked against their pins on the way)."""
    runtime = build.default_cache_dir() / f"pyodide-{build.load_lock()['pyodide_version']}"
    fresh = build.build(
        tmp_path / "fresh", cache_dir=tmp_path / "cache", local_dirs=[runtime], offline=True
    )
    assert tree_digest(fresh) == tree_digest(compiled)
    assert list((tmp_path / "cache" / "compiled").iterdir())  # and it filled the cache


def test_compiled_pin_mismatch_fails_naming_the_file(compiled, tmp_path):
    lock = build.load_lock()
    lock["compiled"]["python_stdlib.zip"]["sha256"] = "0" * 64
    bad = tmp_path / "lock.json"
    bad.write_text(json.dumps(lock))
    with pytest.raises(build.BuildError, match=r"compiled python_stdlib\.zip"):
        build.build(tmp_path / "d", lock_path=bad, offline=True)


def test_no_compile_ships_the_originals(compiled, tmp_path):
    lock = build.load_lock()
    out = build.build(tmp_path / "src", compile_=False, offline=True)
    for name in ("python_stdlib.zip", NUMPY_WHEEL):
        assert build.sha256_file(out / "pyodide" / name) == lock["files"][name]["sha256"]
    trimmed = json.loads((out / "pyodide" / "pyodide-lock.json").read_text())
    assert trimmed["packages"]["numpy"]["sha256"] == lock["files"][NUMPY_WHEEL]["sha256"]
    names = zipfile.ZipFile(out / "bpcore.zip").namelist()
    assert not [n for n in names if "__pycache__" in n]
    # the preview is its own lever: the same bytes either way
    assert (out / "preview.json").read_bytes() == (compiled / "preview.json").read_bytes()


@builds
def test_without_node_the_build_says_so_unless_no_compile_no_bundle(tmp_path, monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda name: None if name in ("node", "nodejs") else real_which(name)
    )
    with pytest.raises(build.BuildError, match=r"Node\.js.*\n.*--no-compile --no-bundle"):
        build.build(tmp_path / "d")
    out = build.build(tmp_path / "d", compile_=False, bundle_=False)
    assert not (out / "preview.json").exists()
    assert "bpcore/protocol.py" in zipfile.ZipFile(out / "bpcore.zip").namelist()


def test_a_cached_rebuild_starts_no_node(compiled, tmp_path, monkeypatch):
    import time

    def no_node(*args):
        raise AssertionError("a cached rebuild ran Node")

    monkeypatch.setattr(build.compiled, "run_pycompile", no_node)
    t0 = time.perf_counter()
    build.build(tmp_path / "again", offline=True)
    assert time.perf_counter() - t0 < 5  # ~0.3 s here; generous for a busy CI machine


# ---------------------------------------------------------------------------- preview.json


def b64_array(text: str, dtype: str):
    import numpy as np

    return np.frombuffer(base64.b64decode(text, validate=True), dtype=dtype)


@builds
def test_preview_is_what_the_native_engine_answers():
    import numpy as np

    from bpcore.protocol import Engine

    dist = Path(os.environ.get("BP_DIST") or build.DIST)
    if not (dist / "preview.json").is_file():
        pytest.skip(f"{dist} is not built (or built without Node)")
    doc = json.loads((dist / "preview.json").read_text())
    e = Engine()
    d = e.handle("init", {})
    g = e.handle("grid", {"size": 100, "neurons": False})
    assert doc["version"] == 1
    got = doc["described"]
    for key in ("settings", "layerSizes", "classes", "problem", "loss", "epoch"):
        assert got[key] == d[key], key
    assert got["metrics"].keys() == d["metrics"].keys()
    for key, value in d["metrics"].items():
        assert got["metrics"][key] == pytest.approx(value, abs=1e-9), key
    np.testing.assert_allclose(b64_array(got["points"], "<f8"), d["points"], rtol=0, atol=1e-12)
    np.testing.assert_array_equal(b64_array(got["trainMask"], "u1"), d["trainMask"])
    assert doc["grid"]["size"] == 100 and doc["grid"]["neurons"] == []
    np.testing.assert_allclose(
        b64_array(doc["grid"]["output"], "<f4"), g["output"], rtol=0, atol=1e-5
    )


# ---------------------------------------------------------------------------- offline, install


def test_service_worker_lists_every_file_with_its_hash(compiled):
    text = (compiled / "sw.js").read_text()
    files = json.loads(re.search(r"const FILES = (\{.*?\});", text, re.S).group(1))
    version = re.search(r'const VERSION = "([0-9a-f]{16})";', text).group(1)
    on_disk = {p.relative_to(compiled).as_posix() for p in compiled.rglob("*") if p.is_file()}
    assert set(files) == on_disk - {"sw.js"}
    for name, integrity in files.items():
        digest = hashlib.sha256((compiled / name).read_bytes()).digest()
        assert integrity == "sha256-" + base64.b64encode(digest).decode(), name
    assert version == hashlib.sha256(json.dumps(files, indent=1).encode()).hexdigest()[:16]
    assert "__FILES__" not in text and "__VERSION__" not in text


def test_manifest_and_the_page_links(compiled):
    manifest = json.loads((compiled / "manifest.webmanifest").read_text())
    assert manifest["start_url"] == "." and manifest["display"] == "standalone"
    assert manifest["name"] and manifest["short_name"]
    assert manifest["theme_color"].startswith("#") and manifest["background_color"]
    for icon in manifest["icons"]:
        assert (compiled / icon["src"]).is_file() and icon["sizes"] == "any"
    html = (compiled / "index.html").read_text()
    assert '<link rel="manifest" href="manifest.webmanifest">' in html
    assert '<link rel="preload" href="preview.json" as="fetch" crossorigin>' in html
    assert '<script type="module" src="offline.js"></script>' in html
    assert "manifest-src 'self'" in build.page_csp(compiled)


def test_readme_gives_the_pages_csp_as_a_header():
    """The deployment notes quote the CSP header; it must be the page's own."""
    csp = build.page_csp(ROOT / "web")
    readme = (ROOT / "README.md").read_text()
    assert f"Content-Security-Policy: {csp}" in readme
