"""build.py: reproducible dist/, pinned hashes enforced, correct MIME types when served."""

import hashlib
import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
build = pytest.importorskip("build", reason="build.py is not importable here")

pytestmark = pytest.mark.native_only


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_give_identical_bytes(tmp_path):
    a = build.build(tmp_path / "a")
    b = build.build(tmp_path / "b")
    digest = tree_digest(a)
    assert digest == tree_digest(b)
    for name in (
        "bpcore.zip",
        "config.json",
        "pyodide/pyodide.asm.wasm",
        "pyodide/pyodide.mjs",
        "pyodide/pyodide-lock.json",
        "pyodide/numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl",
    ):
        assert name in digest


def test_vendored_files_match_the_lock(tmp_path):
    lock = build.load_lock()
    out = build.build(tmp_path / "d")
    for name, pin in lock["files"].items():
        if name != "pyodide-lock.json":  # shipped trimmed
            assert build.sha256_file(out / "pyodide" / name) == pin["sha256"], name
    trimmed = json.loads((out / "pyodide" / "pyodide-lock.json").read_text())
    assert sorted(trimmed["packages"]) == lock["shipped_packages"]
    assert trimmed["info"]["version"] == lock["pyodide_version"]


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


def test_cdn_variant_points_at_the_pinned_cdn(tmp_path):
    out = build.build(tmp_path / "cdn", cdn=True)
    config = json.loads((out / "config.json").read_text())
    assert config["pyodideBase"] == build.load_lock()["cdn_url"]
    assert "0.27.7" in config["pyodideBase"]
    assert not (out / "pyodide").exists()


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
        }
        for path, mime in expect.items():
            with urllib.request.urlopen(url + path, timeout=10) as resp:
                assert resp.headers["Content-Type"].split(";")[0] == mime, path
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url + "../pyodide.lock.json", timeout=10)
    finally:
        server.shutdown()
        server.server_close()
