"""The lab's code plugged into training, in the page (issue 21, exercise 8), through window.bp
and the page's own controls: a plugged-in softplus activation trains the spiral, the inspector
shows its numbers (a = softplus(z), f'(z) = sigmoid(z), where bpcore's relu would give z and
0/1), code that fails its checks is refused with the reason, a part that fails while training
stops it with the reason and loses nothing, and Unplug goes back to bpcore's activation; the
badge and the link's notice in English and Chinese.

Fails on the page before plugging in existed: bp.plugIn is not a function.
"""

import math
from pathlib import Path

import pytest
from pages import READY_MS, new_context_page, open_index, painted, wait_snapshot

from bpcore.link import read_link

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ROOT / "tests" / "lab_solutions" / "plug_activation"
SOFTPLUS = (SOLUTIONS / "correct.py").read_text(encoding="utf-8")
SLIP = (SOLUTIONS / "tanh_of_a.py").read_text(encoding="utf-8")
# passes the lab's checks (their arrays are smaller), fails on the training's batches of 10
FAILS_IN_TRAINING = """import numpy as np

def f(z):
    if len(z) == 10:
        raise ValueError("a batch of ten")
    return np.logaddexp(0, z)

def df(z):
    return 1 / (1 + np.exp(-z))
"""
# Adam: the spiral's SGD runs wander; this one converges (tests/test_plugin.py natively)
SPIRAL = {
    "dataset": "spiral",
    "layers": [8, 6],
    "activation": ["relu"],
    "optimizer": "adam",
    "lr": 0.01,
    "seed": 2,
}


def open_ready(browser, base_url, query=""):
    context, pg = new_context_page(browser, viewport=(1280, 900))
    open_index(pg, base_url, query)
    pg.wait_for_function(
        "() => bp.engine.status === 'ready' && bp.stats.sessionAt", timeout=READY_MS
    )
    return context, pg


@pytest.fixture(scope="module")
def pg(browser, base_url):
    context, page = open_ready(browser, base_url)
    page.evaluate("(s) => bp.configure(s)", SPIRAL)
    yield page
    context.close()
    assert not page.bp_errors, page.bp_errors


def plug(pg, source):
    return pg.evaluate("(src) => bp.plugIn('plug_activation', src)", source)


def train_to(pg, epoch, timeout=120_000):
    pg.evaluate("() => bp.play()")
    wait_snapshot(pg, "s.epoch >= arg || !s.playing", epoch, timeout=timeout)
    pg.evaluate("() => bp.pause()")
    wait_snapshot(pg, "!s.training")
    return pg.evaluate("() => bp.snapshot()")


def shown_numbers(pg, caption):
    """The full-precision numbers (their titles) of each body row of the inspector's table."""
    return pg.evaluate(
        """(cap) => {
            const t = [...document.querySelectorAll('#inspector-panel table')]
                .find((x) => x.caption && x.caption.textContent === cap);
            return t && [...t.tBodies[0].rows].map((r) =>
                [...r.querySelectorAll('td.bpi-v')].map((c) => Number(c.title)));
        }""",
        caption,
    )


def test_code_that_fails_its_checks_is_refused(pg):
    assert plug(pg, SLIP) is None
    s = pg.evaluate("() => bp.snapshot()")
    assert s["plugged"] is None
    assert "passes its checks" in s["notice"], s["notice"]
    painted(pg)
    assert pg.locator("#plugged").is_hidden()


def test_a_plugged_softplus_trains_the_spiral_and_the_inspector_shows_its_numbers(pg):
    pg.evaluate("() => bp.reset()")
    wait_snapshot(pg, "s.epoch === 0 && !s.training")
    assert plug(pg, SOFTPLUS) == {"exercise": "plug_activation", "part": "activation"}
    s = pg.evaluate("() => bp.snapshot()")
    assert s["plugged"] == {"exercise": "plug_activation", "part": "activation"}
    painted(pg)
    assert "every hidden layer" in pg.locator("#plugged").inner_text()
    # plugged in before any training: the link carries the code (app/links.js; tests/test_lab_link)
    link = pg.evaluate("() => bp.flushLink()")
    assert read_link(link).lab == {"exercise": "plug_activation", "code": SOFTPLUS, "plugged": True}
    assert pg.evaluate("() => bp.snapshot().linkFit") == ""

    s = train_to(pg, 600)
    assert s["epoch"] >= 600 and s["plugged"] is not None
    assert s["metrics"]["accTrain"] > 0.95, s["metrics"]  # (at the start: about 0.5)
    assert s["metrics"]["accTest"] > 0.9, s["metrics"]

    pg.evaluate("() => bp.inspectPoint(3)")
    pg.wait_for_function("() => document.querySelector('#inspector-panel table')")
    painted(pg)
    assert "8 neurons, your f" in pg.locator("#inspector-panel").inner_text()
    titles = pg.evaluate(
        "() => [...document.querySelectorAll('#inspector-panel th[title]')].map((t) => t.title)"
    )
    assert "f′(z1) = your df(z)" in titles, titles  # the f'(z) column's tooltip
    for layer in (1, 2):
        forward = shown_numbers(pg, f"Layer {layer} forward")
        backward = shown_numbers(pg, f"Layer {layer} backward")
        assert forward and backward
        for row, back in zip(forward, backward):
            z, a, dfz = row[-2], row[-1], back[1]  # [W..., b, z, a]; [W^T delta, f'(z), ...]
            assert a == pytest.approx(math.log1p(math.exp(z)), rel=1e-9, abs=1e-12)
            assert dfz == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-9)

    # the step-through walks the same reply: its forward stage names the student's f
    pg.evaluate("() => bp.stepThrough.start(3, 'forward-1')")
    pg.wait_for_function("() => bp.stepThrough.stage() === 'forward-1'")
    painted(pg)
    assert "a₁ = f(z₁)" in pg.locator("#walk-bar").inner_text()
    pg.evaluate("() => bp.stepThrough.stop()")

    # Compare: run B trains with bpcore's own parts, and its panel says so
    pg.evaluate("() => bp.compare.start({lr: 0.1})")
    pg.wait_for_function(
        "() => document.querySelector('.cmp-shared')?.textContent.includes('trains A only')"
    )
    pg.evaluate("() => bp.compare.stop()")
    wait_snapshot(pg, "!s.training")


def test_a_part_failing_in_training_stops_it_and_unplug_goes_back(pg):
    before = pg.evaluate("() => bp.snapshot()")
    assert plug(pg, FAILS_IN_TRAINING) is not None  # it passed the lab's checks
    pg.evaluate("() => bp.play()")
    wait_snapshot(pg, "!s.playing && !s.training")
    s = pg.evaluate("() => bp.snapshot()")
    assert "a batch of ten" in s["notice"] and "Nothing was lost" in s["notice"], s["notice"]
    assert s["epoch"] == before["epoch"]  # the failed chunk was rolled back
    assert s["plugged"] is not None

    pg.locator("#unplug").click()
    wait_snapshot(pg, "s.plugged === null")
    painted(pg)
    assert pg.locator("#plugged").is_hidden()
    s = train_to(pg, before["epoch"] + 20)
    assert s["epoch"] >= before["epoch"] + 20
    # bpcore's parts again, but these epochs were partly trained with the student's code
    pg.evaluate("() => bp.flushLink()")
    wait_snapshot(pg, "s.linkFit.includes('your code from the lab')")


def test_the_badge_in_chinese(browser, base_url):
    context, pg = open_ready(browser, base_url, "?lang=zh-CN")
    try:
        pg.evaluate("(s) => bp.configure(s)", SPIRAL)
        assert plug(pg, SOFTPLUS) is not None
        painted(pg)
        assert "所有隐藏层" in pg.locator("#plugged-text").inner_text()
        assert pg.locator("#unplug").inner_text() == "取消接入"
        assert "你的激活函数" in pg.evaluate("() => bp.snapshot().notice")
        pg.locator("#unplug").click()
        wait_snapshot(pg, "s.plugged === null")
        assert "已取消接入" in pg.evaluate("() => bp.snapshot().notice")
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors
