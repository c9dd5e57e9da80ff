"""The page's modules that say `// @ts-check` are type-checked against their JSDoc by the
TypeScript compiler (tsconfig.json; installed into node_modules/ by `build.py test`)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.native_only
ROOT = Path(__file__).resolve().parent.parent


def test_checked_modules_have_no_type_errors():
    tsc = ROOT / "node_modules" / ".bin" / "tsc"
    if not tsc.exists() or not shutil.which("node"):
        if os.environ.get("CI"):
            pytest.fail("tsc is missing: `python3 build.py test` installs it with npm ci")
        pytest.skip("tsc is not installed (npm ci)")
    checked = [p for p in (ROOT / "web").rglob("*.js") if "@ts-check" in p.read_text()[:200]]
    assert len(checked) >= 20  # the checker has something to check
    r = subprocess.run(
        [str(tsc), "-p", "tsconfig.json"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
