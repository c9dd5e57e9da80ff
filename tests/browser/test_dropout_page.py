"""Dropout in the page (issue 22.1), in real Chromium with the real Pyodide engine.

The Network panel's "Dropout" select (one rate for every hidden layer) and the diagram's
per-layer selects are used by keyboard, in English and in Chinese; the share link carries the
rates. The step-through shows a training step: the neurons its mask drops are crossed out on the
diagram (the very mask bpcore's inspect gives natively for the same run), the walk bar says so,
and taking the step lands on the native sample step's metrics. A dropout run trained in the page
replays natively from its link to 1e-9 (`python -m bpcore replay`).

Fails on the page before dropout: no #dropout select, no .bp-net-drop, no .is-dropped.
"""

import pytest
from artifacts import ARTIFACTS
from pages import native_replay, open_visitor, painted, wait_snapshot

from bpcore.link import read_link
from bpcore.protocol import Engine

RUN = {"dataset": "xor", "layers": [6, 4], "batch_size": 5, "seed": 3}


@pytest.fixture(scope="module")
def pg(browser, base_url):
    context, page = open_visitor(browser, base_url)
    yield page
    context.close()
    assert not page.bp_errors, page.bp_errors


def settle(page):
    """The engine has the page's settings (its session rebuilt) and is idle."""
    page.wait_for_function(
        """() => {
            const s = bp.snapshot();
            return bp.engine.status === "ready" && !bp.engine.busy && s.epoch !== null
                && s.session && s.session.layerSizes.length === s.settings.layers.length + 2;
        }""",
        timeout=60_000,
    )


def link_settings(page):
    return read_link(page.evaluate("() => bp.flushLink()").lstrip("#")).settings


def press_down(page, selector):
    """Focus a select and move it one option down by keyboard (a closed select changes at once)."""
    page.focus(selector)
    page.keyboard.press("ArrowDown")


def test_the_dropout_fields_by_keyboard_in_both_languages(pg):
    pg.evaluate("(s) => bp.configure(s)", RUN)
    settle(pg)
    assert pg.evaluate("() => bp.snapshot().settings.dropout") == [0]
    # one rate for every hidden layer, from the Network panel
    press_down(pg, "#dropout")
    wait_snapshot(pg, "JSON.stringify(s.settings.dropout) === '[0.1]'")
    settle(pg)
    assert link_settings(pg)["dropout"] == [0.1]
    painted(pg)
    heads = pg.locator(".bp-net-drop")
    assert heads.count() == 2  # one per hidden layer, each showing the shared rate
    assert [heads.nth(i).input_value() for i in range(2)] == ["0.1", "0.1"]
    # layer 2 alone, from its column's head: the list becomes one rate per layer
    press_down(pg, '[data-key="dropout-1"]')
    wait_snapshot(pg, "JSON.stringify(s.settings.dropout) === '[0.1,0.2]'")
    settle(pg)
    assert link_settings(pg)["dropout"] == [0.1, 0.2]
    assert pg.evaluate("() => document.activeElement.dataset.key") == "dropout-1"  # kept focus
    assert pg.locator("#dropout").input_value() == "(per layer)"
    label = pg.locator('[data-key="dropout-0"]').get_attribute("aria-label")
    assert label == "Dropout, layer 1"
    # in Chinese: the same controls, their words in Chinese
    pg.select_option("#lang", "zh-CN")
    pg.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
    painted(pg)
    assert pg.locator('label[for="dropout"]').inner_text() == "Dropout（丢弃率）"
    assert pg.locator('[data-key="dropout-0"]').get_attribute("aria-label") == "丢弃率，第 1 层"
    assert pg.locator('[data-key="dropout-1"] option:checked').inner_text() == "20%"
    assert pg.locator('[data-key="dropout-1"]').get_attribute("title") == "丢弃率，第 2 层"
    press_down(pg, '[data-key="dropout-0"]')
    wait_snapshot(pg, "JSON.stringify(s.settings.dropout) === '[0.2]'")  # both 0.2: one rate
    settle(pg)
    assert pg.locator("#dropout").input_value() == "0.2"
    pg.select_option("#lang", "en")
    pg.wait_for_function("() => document.documentElement.lang === 'en'")


def native_engine(settings):
    e = Engine()
    e.handle("init", {"settings": settings})
    return e


def dropped_keys(reply):
    return sorted(
        f"neuron-{l}-{i}"
        for l, layer in enumerate(reply["layers"][:-1])
        for i, m in enumerate(layer["mask"] or [])
        if m == 0
    )


def shown_dropped(page):
    marked = "() => [...document.querySelectorAll('.bp-neuron.is-dropped')]"
    return sorted(page.evaluate(marked + ".map((n) => n.dataset.key)"))


def test_the_step_through_crosses_out_the_dropped_neurons(pg):
    pg.evaluate("(s) => bp.configure(s)", {**RUN, "dropout": [0.5, 0.5]})
    settle(pg)
    pg.evaluate("() => bp.reset()")
    settle(pg)
    settings = pg.evaluate("() => bp.snapshot().settings")
    native = native_engine(settings)
    want = native.handle("inspect", {"index": 2})
    assert dropped_keys(want), "the mask drops nobody: a weak check"
    pg.evaluate("() => bp.stepThrough.start(2)")
    pg.wait_for_function("() => document.querySelector('.bp-net.is-walking')", timeout=60_000)
    painted(pg)
    assert shown_dropped(pg) == dropped_keys(want)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.locator(".panel.network").screenshot(path=str(ARTIFACTS / "dropout-walk-1280.png"))
    bar = pg.locator("#walk-bar").inner_text()
    assert "Dropout: this training step drops" in bar
    key = dropped_keys(want)[0]
    described = pg.locator(f'[data-key="{key}"]').get_attribute("aria-description")
    assert described.startswith("dropped in this step")
    # the inspector explains the same step
    assert "drops neurons" in pg.locator("#inspector-panel").inner_text()
    # taking the step is the native sample step (the same mask), then the next step's mask
    metrics = native.handle("sampleStep", {"index": 2})["metrics"]
    pg.evaluate("() => bp.stepThrough.take()")
    wait_snapshot(pg, "s.sampleSteps === 1")
    got = pg.evaluate("() => bp.snapshot().metrics")
    assert got["lossTrain"] == metrics["lossTrain"]
    nxt = native.handle("inspect", {"index": 2})
    pg.wait_for_function("() => document.querySelector('.bp-net.is-walking')", timeout=60_000)
    pg.wait_for_function(
        "(want) => JSON.stringify([...document.querySelectorAll('.bp-neuron.is-dropped')]"
        ".map((n) => n.dataset.key).sort()) === JSON.stringify(want)",
        arg=dropped_keys(nxt),
        timeout=30_000,
    )
    pg.evaluate("() => bp.stepThrough.stop()")
    pg.wait_for_function("() => !document.querySelector('.bp-net.is-walking')")
    assert shown_dropped(pg) == []  # outside the step-through nothing is dropped


def test_a_dropout_run_replays_natively_from_its_link(pg):
    pg.evaluate("(s) => bp.configure(s)", {**RUN, "dropout": [0.3, 0.1]})
    settle(pg)
    pg.evaluate("() => bp.reset()")
    settle(pg)
    link = pg.evaluate("() => bp.flushLink()").lstrip("#")
    assert read_link(link).settings["dropout"] == [0.3, 0.1]
    page = pg.evaluate(
        """async () => {
            const out = [];
            for (let k = 0; k < 8; k++) {
                const r = await bp.engine.request("step", { epochs: 1 });
                out.push(r.metrics.lossTrain);
            }
            return out;
        }"""
    )
    native = native_replay(link, "--epochs", "8")["loss_train"]
    assert len(native) == 8
    for a, b in zip(page, native):
        assert abs(a - b) <= 1e-9, (page, native)
