"""Shared pytest setup. Runs natively and inside Pyodide, so: stdlib and pytest only."""

import sys
from pathlib import Path

import pytest

IN_PYODIDE = sys.platform == "emscripten"
BROWSER_DIR = Path(__file__).parent / "browser"


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser/ is a browser test; native_only tests skip in Pyodide."""
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
        if IN_PYODIDE and item.get_closest_marker("native_only"):
            item.add_marker(pytest.mark.skip(reason="native_only: cannot run in Pyodide"))
