"""Load failures are reported at once and say what failed (issue: a missing pyodide.asm.wasm
was reported only after a 120 s timeout; a CSP that blocks WebAssembly read "missing or
corrupt")."""

import shutil

import pytest

FAST_MS = 20_000  # far below the worker's 120 s catch-all timeout


@pytest.mark.expect_console_errors
def test_a_missing_wasm_fails_fast_and_is_named(page, serve, dist_dir, tmp_path):
    bad = tmp_path / "dist"
    shutil.copytree(dist_dir, bad)
    (bad / "pyodide" / "pyodide.asm.wasm").unlink()
    page.goto(serve(bad) + "index.html")
    alert = page.locator("#engine-error")
    alert.wait_for(state="visible", timeout=FAST_MS)
    assert "pyodide.asm.wasm is missing or corrupt" in alert.inner_text()
    assert "HTTP 404" in page.locator("#engine-error-detail").text_content()


@pytest.mark.expect_console_errors
def test_a_csp_without_wasm_is_named_as_such(page, base_url):
    """A host that sends a CSP header without 'wasm-unsafe-eval' for the worker."""

    def strict_csp(route):
        resp = route.fetch()
        headers = {**resp.headers, "content-security-policy": "default-src 'self'"}
        route.fulfill(response=resp, headers=headers)

    page.route("**/worker.mjs", strict_csp)
    page.goto(base_url + "index.html")
    alert = page.locator("#engine-error")
    alert.wait_for(state="visible", timeout=FAST_MS)
    text = alert.inner_text()
    assert "Content-Security-Policy does not allow WebAssembly" in text
    assert "missing or corrupt" not in text
