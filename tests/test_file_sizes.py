"""Every module is readable in one sitting (issue 18): none in web/ or bpcore/ over 400 lines,
main.js (the boot file) under 200. Message catalogues and generated tables are data, not code."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.native_only  # reads the source tree

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 400
DATA = {"web/domain/messages/en.js", "web/domain/messages/zh-CN.js", "web/domain/settings.js"}


def modules():
    for folder, pattern in (("web", "*.js"), ("web", "*.mjs"), ("bpcore", "*.py")):
        for path in sorted((ROOT / folder).rglob(pattern)):
            rel = path.relative_to(ROOT).as_posix()
            if rel not in DATA:
                yield rel, len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_400_lines():
    long = [f"{rel}: {n}" for rel, n in modules() if n > MAX_LINES]
    assert not long, f"over {MAX_LINES} lines: {long}"


def test_the_boot_file_stays_short():
    n = len((ROOT / "web" / "main.js").read_text(encoding="utf-8").splitlines())
    assert n < 200, f"web/main.js has {n} lines"


def test_no_two_test_modules_share_a_name():
    """pytest imports test files as top-level modules (no packages): two of one name in
    different folders stop the whole run at collection."""
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert sorted({n for n in names if names.count(n) > 1}) == []
