"""Test setup: .venv with the project's test extra, node_modules/ from package-lock.json, then
pytest; the full run builds dist/ first, --fast runs what needs no build and no browser."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .bundle import ensure_node_tools
from .common import DIST, ROOT, VENV, say, sha256_bytes
from .dist import build


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


def run_tests(pytest_args: list[str], local_dirs=()) -> int:
    """`build.py test [--fast] [pytest args]`: the full run (CI's) builds dist/ and runs every
    test, browser ones included; --fast builds nothing and starts no browser (see run_fast)."""
    if pytest_args[:1] == ["--fast"]:
        return run_fast(pytest_args[1:])
    py = ensure_venv()
    ensure_node_tools()
    build(DIST, local_dirs=local_dirs)
    env = dict(os.environ, BP_DIST=str(DIST))
    return pytest(py, pytest_args, env)


# the node-driven tests (tsc alone takes ~10 s): run beside the rest, each on its own core
NODE_TESTS = ["tests/test_js_types.py", "tests/test_js_units.py", "tests/test_lint.py"]


def run_fast(pytest_args: list[str]) -> int:
    """The native, node (tests/js) and lint/type tests, in seconds: no dist/, no browser. The
    tests that build dist/ skip (BP_FAST=1, tests/test_build.py) and tests/browser/ is left out.
    Without pytest args the node-driven tests run in a second pytest beside the rest."""
    py = ensure_venv()
    ensure_node_tools()  # tsc for the type check
    env = {k: v for k, v in os.environ.items() if k != "BP_DIST"}
    env["BP_FAST"] = "1"
    fast = ["--ignore=tests/browser", "-m", "not browser", "-rfE"]
    if pytest_args:
        return pytest(py, [*fast, *pytest_args], env)
    side_cmd = [str(py), "-m", "pytest", "-q", "-rfE", *NODE_TESTS]
    say(" ".join(side_cmd[1:]) + "  (beside the next)")
    with tempfile.TemporaryFile("w+") as log:
        side = subprocess.Popen(side_cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            code = pytest(py, [*fast, *(f"--ignore={t}" for t in NODE_TESTS)], env)
        finally:
            side_code = side.wait()
        log.seek(0)
        sys.stdout.write(log.read())
    return code or side_code


def pytest(py: Path, args: list[str], env: dict[str, str]) -> int:
    cmd = [str(py), "-m", "pytest", *args]
    say(" ".join(cmd[1:]))
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode
