"""The page in headless Chromium: loading, controls, training, pausing, and the worker's
results against a native run of bpcore.

The `page` fixture (tests/browser/conftest.py) fails a test on any console error or any
request that leaves 127.0.0.1. window.bp is the page's test hook (web/main.js).
"""

import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from pages import READY_MS, open_page, painted

from bpcore.session import Session

WEB = Path(__file__).resolve().parents[2] / "web"


def epoch(page):
    text = page.locator("#epoch").inner_text()
    m = re.fullmatch(r"Epoch (\d+)", text.strip())
    assert m, f"unexpected epoch text {text!r}"
    return int(m.group(1))


def window_notice(page):
    return page.evaluate("() => window.bp.snapshot().notice")


def heatmap_sum(page):
    """A cheap fingerprint of the heatmap's pixels."""
    return page.evaluate("""() => {
        const c = document.getElementById("heatmap");
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let s = 0;
        for (let i = 0; i < d.length; i += 7) s = (s * 31 + d[i]) % 1000000007;
        return s;
    }""")


def choose_dataset(page, name):
    page.get_by_label("Dataset").select_option(name)
    page.wait_for_function(
        "(name) => window.bp.snapshot().settings.dataset === name && window.bp.snapshot().grid",
        arg=name,
    )


# ---------------------------------------------------------------------------- static checks


def test_index_html_has_a_strict_csp_and_no_inline_code():
    html = (WEB / "index.html").read_text()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    rules = dict((p.split()[0], p.split()[1:]) for p in csp.split(";") if p.strip())
    assert rules["default-src"] == ["'none'"]
    assert rules["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert rules["worker-src"] == ["'self'"] and rules["connect-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert "<style" not in html and " style=" not in html, "inline style"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_no_markup_from_strings_in_the_page_code():
    for path in sorted(WEB.rglob("*.js")) + sorted(WEB.rglob("*.mjs")):
        name = path.relative_to(WEB).as_posix()
        src = path.read_text()
        for bad in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "eval(",
            "new Function",
            "document.write",
            "DOMParser",
        ):
            assert bad not in src, f"{name} uses {bad}"


# ---------------------------------------------------------------------------- loading


def test_controls_come_first_then_progress_then_ready(page, base_url):
    page.goto(base_url + "index.html")
    # usable controls before the engine has loaded
    play = page.get_by_role("button", name="Play")
    assert play.is_visible()
    for name in ("Step", "Reset"):
        assert page.get_by_role("button", name=name, exact=True).is_visible()
    assert page.get_by_label("Dataset").is_enabled()
    bar = page.get_by_role("progressbar")
    assert bar.get_attribute("aria-valuemin") == "0"
    assert bar.get_attribute("aria-valuemax") == "100"
    usable = page.evaluate("() => window.bp.stats.usableAt")
    assert usable < 1500, f"controls wired only after {usable:.0f} ms"
    # Play before the engine is ready: training starts once it is
    play.click()
    page.wait_for_function("() => (window.bp.snapshot().metrics || {}).epoch > 0", timeout=READY_MS)
    assert bar.get_attribute("aria-valuenow") == "100"
    versions = page.evaluate("() => window.bp.engine.versions")
    assert versions["pyodide"] == "0.27.7" and versions["numpy"].startswith("2.0")
    page.get_by_role("button", name="Pause").click()
    requests = page.bp_log.requests
    assert any(u.endswith("bpcore.zip") for u in requests)
    assert any(u.endswith(".whl") for u in requests)


def test_every_control_has_a_visible_label(page, base_url):
    page.goto(base_url + "index.html")
    # the page's own controls; the diagram's (#network-view) are named by aria-label, which
    # tests/browser/test_widgets.py checks
    unlabelled = page.evaluate("""() => [...document.querySelectorAll("button, input, select")]
        .filter((el) => !el.closest("#network-view"))
        .filter((el) => !el.closest("[hidden]")) // not shown, not in the accessibility tree
        .filter((el) => {
            const text = el.tagName === "BUTTON" ? el.textContent.trim()
                : [...(el.labels || [])].map((l) => l.textContent.trim()).join(" ");
            return !text;
        }).map((el) => el.id || el.outerHTML.slice(0, 60))""")
    assert unlabelled == []
    assert page.get_by_role("combobox", name="Dataset").count() == 1
    assert page.get_by_role("textbox", name=re.compile("^Hidden layers")).count() == 1


# ---------------------------------------------------------------------------- training


def test_play_trains_xor_and_the_heatmap_changes(page, base_url):
    open_page(page, base_url)
    choose_dataset(page, "xor")
    painted(page)
    before = heatmap_sum(page)
    loss0 = page.evaluate("() => window.bp.snapshot().metrics.lossTrain")
    assert epoch(page) == 0
    page.get_by_role("button", name="Play").click()
    page.wait_for_function("() => window.bp.snapshot().metrics.epoch >= 300", timeout=30_000)
    page.get_by_role("button", name="Pause").click()
    page.wait_for_function("() => !window.bp.snapshot().training")
    painted(page)
    loss1 = page.evaluate("() => window.bp.snapshot().metrics.lossTrain")
    assert loss1 < 0.5 * loss0, (loss0, loss1)
    assert float(page.locator("#loss-train").inner_text()) == pytest.approx(loss1, abs=6e-4)
    assert epoch(page) >= 300
    assert heatmap_sum(page) != before, "the map did not change after 300 epochs"


def test_pause_stops_within_one_chunk(page, base_url):
    open_page(page, base_url)
    page.get_by_role("button", name="Play").click()
    page.wait_for_function("() => window.bp.snapshot().metrics.epoch > 100", timeout=30_000)
    at_click = page.evaluate("""() => {
        document.getElementById("play").click();
        const s = window.bp.snapshot();
        return {epoch: s.metrics.epoch, inFlight: s.inFlightEpochs, t: performance.now()};
    }""")
    page.wait_for_function("() => !window.bp.snapshot().training", timeout=5_000)
    stopped = page.evaluate("() => window.bp.snapshot().metrics.epoch")
    # what was in flight at the click still lands (two chunks at most), nothing more
    assert stopped - at_click["epoch"] <= at_click["inFlight"], (at_click, stopped)
    # and nothing is sent after: the engine answers in order, so once a request made now is
    # answered, any step sent before it has landed too
    page.evaluate("() => bp.engine.request('versions', {})")
    after = page.evaluate(
        "() => { const s = bp.snapshot(); return [s.metrics.epoch, s.inFlightEpochs, s.playing]; }"
    )
    assert after == [stopped, 0, False], (at_click, stopped, after)
    assert epoch(page) == stopped
    assert page.get_by_role("button", name="Play").is_visible()


def test_space_toggles_play_and_step_and_reset(page, base_url):
    open_page(page, base_url)
    page.locator("h1").click()  # focus outside any control
    page.keyboard.press("Space")
    page.wait_for_function("() => window.bp.snapshot().metrics.epoch > 5", timeout=30_000)
    page.keyboard.press("Space")
    page.wait_for_function("() => !window.bp.snapshot().playing && !window.bp.snapshot().training")
    page.get_by_role("button", name="Reset").click()
    page.wait_for_function("() => window.bp.snapshot().metrics.epoch === 0")
    page.get_by_role("button", name="Step", exact=True).click()
    page.wait_for_function("() => window.bp.snapshot().metrics.epoch === 1")
    painted(page)
    assert epoch(page) == 1


def test_bad_setting_shows_the_engines_message(page, base_url):
    open_page(page, base_url)
    box = page.get_by_role("textbox", name=re.compile("^Hidden layers"))
    box.fill("4, 0")
    box.press("Enter")
    # in plain words, naming the field as the page does (tests/browser/test_i18n.py: both languages)
    words = "Hidden layer 2 must have between 1 and 64 neurons (you entered 0)."
    page.wait_for_function(f"() => document.getElementById('notice').textContent === {words!r}")
    assert window_notice(page) == words
    err = page.evaluate("""() => window.bp.engine.request("configure", {settings: {lr: 0}})
        .then(() => null, (e) => ({message: e.message, traceback: e.traceback, type: e.type,
                                   code: e.code, params: e.params}))""")
    assert err["message"].startswith("lr:") and err["type"] == "ValueError"
    assert err["code"] == "range" and err["params"]["field"] == "lr" and err["params"]["got"] == 0
    assert "Traceback" in err["traceback"] and "bpcore" in err["traceback"]


# ---------------------------------------------------------------------------- same numbers


def test_browser_and_native_runs_end_with_the_same_weights(page, base_url):
    # sgd at a modest rate: a well-conditioned run, so 1e-16 differences between NumPy builds
    # stay tiny (adam or momentum at high rates amplify them to O(1) within 50 epochs)
    settings = {
        "dataset": "spiral",
        "layers": [6, 3],
        "noise": 10,
        "batch_size": 7,
        "lr": 0.03,
        "seed": 5,
        "data_seed": 3,
    }
    open_page(page, base_url)
    got = page.evaluate(
        """async (settings) => {
        const e = window.bp.engine;
        await e.request("init", {settings});
        for (const k of [1, 9, 15, 25]) await e.request("step", {epochs: k, gridSize: 50});
        return e.request("weights");
    }""",
        settings,
    )
    ref = Session(settings)
    ref.step(50)
    for W, R in zip(got["weights"], ref.net.weights):
        np.testing.assert_allclose(np.array(W), R, rtol=0, atol=1e-9)
    for b, R in zip(got["biases"], ref.net.biases):
        np.testing.assert_allclose(np.array(b), R, rtol=0, atol=1e-9)


def test_grid_arrays_arrive_as_typed_arrays(page, base_url):
    open_page(page, base_url)
    info = page.evaluate("""async () => {
        const r = await window.bp.engine.request("step", {epochs: 1, gridSize: 30});
        const d = await window.bp.engine.request("reset", {});
        return {out: r.grid.output.constructor.name, n: r.grid.output.length,
                neurons: r.grid.neurons.map((a) => a.constructor.name + a.length),
                points: d.points.constructor.name, mask: d.trainMask.constructor.name,
                t: performance.now()};
    }""")
    assert info["out"] == "Float32Array" and info["n"] == 900
    assert info["neurons"] == ["Float32Array900"] * 6
    assert info["points"] == "Float64Array" and info["mask"] == "Uint8Array"


def test_long_training_does_not_leak(page, base_url):
    """The worker destroys its proxies: Python's allocated blocks stay flat over many steps."""
    open_page(page, base_url)
    run = """async (n) => {
        const e = window.bp.engine;
        for (let i = 0; i < n; i++) await e.request("step", {epochs: 1, gridSize: 100});
        return (await e.request("memory")).blocks;
    }"""
    before = page.evaluate(run, 30)
    after = page.evaluate(run, 300)
    # one leaked result per step would be >= 300 blocks (a dict, a list, arrays, floats)
    assert after - before < 300, (before, after)


# ---------------------------------------------------------------------------- load failures


@pytest.mark.expect_console_errors
@pytest.mark.parametrize(
    "name, damage",
    [
        ("pyodide/pyodide.asm.wasm", "truncate"),
        ("bpcore.zip", "delete"),
        ("bpcore.zip", "truncate"),
    ],
)
def test_a_broken_file_is_named_and_retry_restarts(page, serve, dist_dir, tmp_path, name, damage):
    bad = tmp_path / "dist"
    shutil.copytree(dist_dir, bad)
    target = bad / name
    if damage == "delete":
        target.unlink()
    else:
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    page.goto(serve(bad) + "index.html")
    alert = page.get_by_role("alert")
    alert.wait_for(state="visible", timeout=READY_MS)
    assert alert.get_attribute("id") == "engine-error"
    short = name.split("/")[-1]
    assert f"The engine failed to load: {short} is missing or corrupt" in alert.inner_text()
    page.get_by_role("button", name="Play").click()  # harmless while broken
    # Play sent nothing to the broken engine; Retry starts exactly one new worker
    assert page.evaluate("() => window.bp.engine.sent") == 0
    starts = page.evaluate("() => window.bp.engine.starts")
    page.get_by_role("button", name="Retry").click()
    page.wait_for_function("() => window.bp.engine.status !== 'fatal'")
    alert.wait_for(state="visible", timeout=READY_MS)  # still broken, so it fails again
    assert page.evaluate("() => window.bp.engine.starts") == starts + 1
    assert page.evaluate("() => window.bp.engine.sent") == 0
