"""A student follows the lesson's hidden-delta section: loads six sigmoid layers, presses Step and
reads each layer's gradient under the diagram's columns and in the "Gradient flow" chart (the
first layer's about a million times smaller than the output layer's), then six ReLU layers
(within ten times of each other; dead units crossed out). The numbers are the engine's, equal
to a native run of the same settings; the chart reads out by keyboard; the same on a phone in
Chinese. Screenshots: tests/artifacts/gradflow-*.png."""

import numpy as np
import pytest
from artifacts import ARTIFACTS
from pages import READY_MS, open_visitor, painted, wait_snapshot

from bpcore.presets import DEEP, SUGGESTED
from bpcore.protocol import Engine

DEEP_SIZES = "2,4,4,4,4,4,4,1"


@pytest.fixture(scope="module")
def en(browser, base_url):
    context, pg = open_visitor(browser, base_url, "en-US", (1280, 800))
    yield pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


def native_first_epoch(name):
    """The gradFlow of epoch 1 of the lesson's deep network `name`, natively."""
    e = Engine()
    e.handle("init", {"settings": {"dataset": "and_gate", **SUGGESTED["and_gate"], **DEEP[name]}})
    return e.handle("step", {"epochs": 1, "gradFlow": True})["gradFlow"]


def flow(pg):
    return pg.evaluate("() => bp.gradFlow.state()")


def step_once(pg):
    pg.locator("#step").click()
    pg.wait_for_function("() => bp.gradFlow.state().last?.epoch === 1", timeout=READY_MS)
    painted(pg)


def diagram_numbers(pg):
    """Under each column: [layer, its text, its dead-units text, its chip's colour]."""
    return pg.evaluate(
        """() => [...document.querySelectorAll('#network-view .bp-net-grad')].map((b) => [
            Number(b.dataset.layer), b.querySelector('.bp-net-grad-value').textContent,
            b.querySelector('.bp-net-grad-dead').textContent,
            getComputedStyle(b.querySelector('.bp-net-grad-chip')).backgroundColor])"""
    )


def rms_text(v):
    """domain/gradflow.js rmsText: 3 significant digits, "6.24e-8" below 0.001."""
    short = float(f"{v:.3g}")
    if short >= 1e-3:
        return f"{short:g}"
    mantissa, exp = f"{short:e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exp)}"


def test_six_sigmoid_layers_vanish_six_relu_layers_do_not(en):
    pg = en
    pg.wait_for_function("() => bp.engine.status === 'ready'", timeout=READY_MS)
    pg.wait_for_selector("#lesson-hidden .lesson-run", timeout=READY_MS)
    # -- six sigmoid layers: the lesson's first button
    button = pg.locator("#lesson-hidden .lesson-run[data-preset=deep_sigmoid]")
    button.scroll_into_view_if_needed()
    assert button.inner_text() == "Load: six sigmoid layers"
    button.click()
    pg.wait_for_function(
        "sizes => { const s = bp.snapshot(); return s.session && !s.session.preview &&"
        " s.session.layerSizes.join() === sizes && s.settings.activation.join() === 'sigmoid'"
        " && s.epoch === 0 && !s.training; }",
        arg=DEEP_SIZES,
        timeout=READY_MS,
    )
    # the panel opened with it, its chart still empty until the run trains
    assert flow(pg)["open"] is True
    pg.wait_for_function("() => document.getElementById('gradflow-details').open")
    assert pg.locator("#gradflow-empty").is_visible()
    step_once(pg)
    sig = flow(pg)["last"]
    native = native_first_epoch("deep_sigmoid")
    # the browser's engine and a native run of the same settings agree
    np.testing.assert_allclose(sig["rmsW"], native["rmsW"], rtol=1e-9)
    np.testing.assert_allclose(sig["rmsB"], native["rmsB"], rtol=1e-9)
    assert sig["rmsW"][0] / sig["rmsW"][-1] < 1e-5  # a million times smaller, about
    # the diagram: one number per weight layer, under its column, in its colour
    marks = diagram_numbers(pg)
    assert [m[0] for m in marks] == list(range(7))
    assert [m[1] for m in marks] == [f"∇ {rms_text(v)}" for v in sig["rmsW"]]
    assert len({m[3] for m in marks}) == 7
    # the chart's legend: the same colours, names and numbers
    legend = pg.evaluate(
        """() => [...document.querySelectorAll('#gradflow-legend li')].map((li) => [
            li.textContent, getComputedStyle(li.querySelector('.gradflow-key')).borderTopColor])"""
    )
    assert [t for t, _ in legend] == [
        f"Layer {k + 1}: {rms_text(v)}" for k, v in enumerate(sig["rmsW"][:-1])
    ] + [f"Output layer: {rms_text(sig['rmsW'][-1])}"]
    assert [c for _, c in legend] == [m[3] for m in marks]
    summary = pg.locator("#gradflow-summary").inner_text()
    assert summary.startswith("The first layer's gradient is about ") and "times smaller" in summary
    assert not pg.locator("#gradflow-empty").is_visible()
    # the chart reads out by keyboard: the epoch, then each layer's number
    pg.locator("#gradflow-chart").focus()
    pg.keyboard.press("End")
    readout = pg.locator("#gradflow-readout").inner_text()
    assert (
        readout.startswith("Epoch 1: Layer 1 ")
        and f"Output layer {rms_text(sig['rmsW'][-1])}" in readout
    )
    pg.locator("#gradflow-details").screenshot(path=str(ARTIFACTS / "gradflow-sigmoid-chart.png"))
    pg.locator("#network-view").screenshot(path=str(ARTIFACTS / "gradflow-sigmoid-diagram.png"))

    # -- six ReLU layers: the second button; Step, then Play on
    button = pg.locator("#lesson-hidden .lesson-run[data-preset=deep_relu]")
    button.scroll_into_view_if_needed()
    assert button.inner_text() == "Load: six ReLU layers"
    button.click()
    pg.wait_for_function(
        "() => { const s = bp.snapshot(); return s.session"
        " && s.settings.activation.join() === 'relu' && s.epoch === 0 && !s.training"
        " && bp.gradFlow.state().last === null; }",
        timeout=READY_MS,
    )
    step_once(pg)
    relu = flow(pg)["last"]
    native = native_first_epoch("deep_relu")
    np.testing.assert_allclose(relu["rmsW"], native["rmsW"], rtol=1e-9)
    assert relu["dead"] == native["dead"] and sum(relu["dead"]) > 0
    assert 1e-2 < relu["rmsW"][0] / relu["rmsW"][-1] < 1e2
    # the dead units: crossed out on the diagram and said in their names
    dead = pg.evaluate(
        """() => [...document.querySelectorAll('#network-view .bp-neuron.is-dead')].map((n) =>
            [n.dataset.key, n.getAttribute('aria-label')])"""
    )
    expected = [f"neuron-{l}-{i}" for l, units in enumerate(relu["deadUnits"]) for i in units]
    assert [k for k, _ in dead] == expected
    assert all(label.endswith("dead: its output is 0 on every training point") for _, label in dead)
    counts = [m[2] for m in diagram_numbers(pg)]
    assert counts == [f"{d} dead" if d else "" for d in relu["dead"]] + [""]
    # Play: the history grows, one line per layer, and the gate is learned
    pg.evaluate("() => bp.play()")
    pg.wait_for_function("() => bp.snapshot().epoch >= 600", timeout=120_000)
    # a click on the panel's title while chunks arrive closes it, and it stays closed
    summary = pg.locator("#gradflow-details summary")
    summary.click()
    opened = "() => [bp.gradFlow.state().open, document.getElementById('gradflow-details').open]"
    pg.wait_for_function(f"() => ({opened})().every((o) => o === false)")
    pg.wait_for_function("e => bp.snapshot().epoch > e", arg=pg.evaluate("bp.snapshot().epoch"))
    painted(pg)
    assert pg.evaluate(opened) == [False, False]
    summary.click()
    pg.wait_for_function(f"() => ({opened})().every((o) => o === true)")
    pg.evaluate("() => bp.pause()")
    wait_snapshot(pg, "!s.training")
    state = flow(pg)
    epochs = [x["epoch"] for x in state["samples"]]
    assert epochs[0] == 1 and epochs == sorted(epochs) and len(epochs) > 5
    assert all(len(x["rmsW"]) == 7 for x in state["samples"])
    assert pg.evaluate("() => bp.snapshot().metrics.lossTrain") < 0.3
    painted(pg)
    pg.locator("#network-view").screenshot(path=str(ARTIFACTS / "gradflow-relu-diagram.png"))
    pg.locator("#gradflow-details").screenshot(path=str(ARTIFACTS / "gradflow-relu-chart.png"))
    # keyboard: the panel closes and opens from its summary
    pg.locator("#gradflow-details summary").focus()
    pg.keyboard.press("Enter")
    pg.wait_for_function("() => bp.gradFlow.state().open === false")
    pg.keyboard.press("Enter")
    pg.wait_for_function("() => bp.gradFlow.state().open === true")


def test_on_a_phone_in_chinese(browser, base_url):
    context, pg = open_visitor(browser, base_url, "zh-CN", (390, 844))
    try:
        pg.wait_for_function("() => bp.engine.status === 'ready'", timeout=READY_MS)
        pg.evaluate("() => bp.configure({layers: [4, 4, 4], activation: ['relu'], init: 'he'})")
        wait_snapshot(pg, "s.session && s.session.layerSizes.join() === '2,4,4,4,1'")
        summary = pg.locator("#gradflow-details summary")
        summary.scroll_into_view_if_needed()
        assert summary.inner_text() == "梯度流"
        summary.click()
        pg.locator("#step").click()
        pg.wait_for_function("() => bp.gradFlow.state().last?.epoch === 1", timeout=READY_MS)
        painted(pg)
        last = flow(pg)["last"]
        legend = pg.locator("#gradflow-legend li").all_inner_texts()
        assert legend[0].startswith("第 1 层：") and legend[-1].startswith("输出层：")
        assert len(legend) == 4
        # the chart and its legend fit the phone's width; the diagram has its numbers
        box = pg.locator("#gradflow-chart").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert box["height"] > 100
        width = pg.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390
        marks = diagram_numbers(pg)
        assert [m[1] for m in marks] == [f"∇ {rms_text(v)}" for v in last["rmsW"]]
        title = pg.locator("#network-view .bp-net-grad").first.get_attribute("title")
        assert title.startswith("进入这一层的权重")
        pg.locator("#gradflow-details").screenshot(path=str(ARTIFACTS / "gradflow-phone-zh.png"))
        assert not pg.bp_errors, pg.bp_errors
    finally:
        context.close()
