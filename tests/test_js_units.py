"""The page's pure modules (web/schedule.js, ...) under Node's own test runner, one pytest test
per file in tests/js/, so the README's one test command runs them too."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.native_only
JS_TESTS = sorted((Path(__file__).parent / "js").glob("*.test.mjs"))


@pytest.mark.parametrize("path", JS_TESTS, ids=[p.name for p in JS_TESTS])
def test_node_unit_tests(path):
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing (CI installs it with npm)")
        pytest.skip("node is not installed")
    r = subprocess.run([node, "--test", str(path)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
