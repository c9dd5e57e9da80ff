"""A corrupted vendored file must end in a visible error on the page, not a silent hang."""

import shutil

import pytest

NUMPY_WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"


@pytest.mark.expect_console_errors
def test_truncated_numpy_wheel_shows_engine_error(page, serve, dist_dir, tmp_path):
    bad = tmp_path / "dist"
    shutil.copytree(dist_dir, bad)
    wheel = bad / "pyodide" / NUMPY_WHEEL
    wheel.write_bytes(wheel.read_bytes()[: wheel.stat().st_size // 2])

    page.goto(serve(bad) + "index.html")
    alert = page.locator("#engine-error")
    alert.wait_for(state="visible", timeout=60_000)
    assert alert.get_attribute("role") == "alert"
    assert alert.inner_text().strip(), "the error element is empty"
    assert alert.get_by_role("button", name="Retry").is_visible()
