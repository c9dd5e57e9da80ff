"""The Python tree stays linted and formatted: `ruff check` and `ruff format --check`."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.native_only
ROOT = Path(__file__).resolve().parent.parent


def ruff():
    exe = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(exe).exists():
        if os.environ.get("CI"):
            pytest.fail("ruff is missing (pip install -e .[test] installs it)")
        pytest.skip("ruff is not installed")
    return exe


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff(args):
    r = subprocess.run([ruff(), *args, "."], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
