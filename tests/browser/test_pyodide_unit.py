"""Run bpcore's unit tests (tests/*.py) inside Pyodide in Chromium, on the NumPy 2.0.2 we ship.

A test-only harness page (tests/browser/harness/, never part of dist/) is served next to dist/
under /_harness/, with the pinned pytest wheels and a zip of tests/. It loads the vendored
Pyodide and numpy, unpacks dist/bpcore.zip and the tests, and runs pytest there.
"""

import json
import shutil
from pathlib import Path

import build

TESTS = Path(__file__).resolve().parents[1]
HARNESS = Path(__file__).resolve().parent / "harness"
PYTEST_ARGS = [
    "-q",
    "-p",
    "no:cacheprovider",
    "--capture=sys",
    "--color=no",
    "-m",
    "not browser and not native_only",
    "tests",
]


def zip_of_tests() -> bytes:
    """tests/ (without tests/browser/) and pyproject.toml (markers, pytest settings)."""
    files = [
        (name, data)
        for name, data in build.source_files(TESTS, "tests/")
        if not name.startswith("tests/browser/")
    ]
    files.append(("pyproject.toml", (build.ROOT / "pyproject.toml").read_bytes()))
    return build.deterministic_zip(files)


def make_harness(folder: Path) -> Path:
    shutil.copytree(HARNESS, folder)
    wheels = build.Fetcher(build.load_lock()).test_wheels()
    (folder / "wheels").mkdir()
    for name, path in wheels.items():
        shutil.copyfile(path, folder / "wheels" / name)
    (folder / "tests.zip").write_bytes(zip_of_tests())
    manifest = {
        "wheels": sorted(wheels),
        "packages": build.load_lock()["shipped_packages"],
        "pytestArgs": PYTEST_ARGS,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def summary_line(output: str) -> str:
    lines = [ln.strip(" =") for ln in output.splitlines() if ln.strip()]
    return lines[-1] if lines else "(no output)"


def test_unit_tests_pass_inside_pyodide(page, serve, dist_dir, tmp_path, report_line):
    harness = make_harness(tmp_path / "harness")
    url = serve(dist_dir, {"/_harness/": harness})
    page.goto(url + "_harness/index.html")
    page.wait_for_function("window.bpResult !== undefined", timeout=600_000, polling=500)
    result = page.evaluate("window.bpResult")
    summary = summary_line(result["output"])
    report_line(f"bpcore unit tests inside Pyodide (exit {result['exitCode']}): {summary}")
    assert result["exitCode"] == 0, (
        f"pytest inside Pyodide exited {result['exitCode']}: {summary}\n\n"
        + result["output"][-8000:]
    )
