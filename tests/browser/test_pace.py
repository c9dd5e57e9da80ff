"""What a learner sees of each action (issue 19, items 4, 5 and 7), in real Chromium with the
real engine: the lesson's AND gate trains at a pace a person can watch and pauses at the
lesson's 4,000 epochs, with its four points listed beside their outputs (dots larger on a touch
screen); a single-sample step is counted, drawn and kept by the link; the map follows a link's
replay; drawing one point keeps "Show test data" as it was and says what changed."""

from __future__ import annotations

import time

import pytest
from pages import (
    READY_MS,
    map_box,
    new_context_page,
    open_index,
    painted,
    stroke,
    wait_quiet,
    wait_snapshot,
)

from bpcore.link import encode_link
from bpcore.presets import PACE

pytestmark = pytest.mark.browser

AND_TARGETS = [0, 0, 0, 1]


def _fresh(browser, base_url, **kw):
    context, pg = new_context_page(browser, **kw)
    open_index(pg, base_url)
    wait_quiet(pg)
    return context, pg


def _and_gate(pg):
    """The lesson's AND gate button, as a learner presses it; the engine's session built."""
    button = pg.locator("#lesson-and .lesson-show")
    button.wait_for(timeout=READY_MS)
    button.click()
    wait_snapshot(
        pg,
        "s.settings.dataset === 'and_gate' && s.session && !s.session.preview"
        " && s.session.pointCount === 4 && s.epoch === 0",
    )
    wait_quiet(pg)


def _table(pg):
    """The points table as shown: one [point, x1, x2, target, output, set] list per row."""
    return pg.evaluate(
        """() => [...document.querySelectorAll('#points-table tbody tr')].map((tr) =>
            [...tr.cells].map((c) => c.textContent))"""
    )


def test_the_and_gate_trains_at_a_watchable_pace_and_pauses_at_4000(browser, base_url):
    context, pg = _fresh(browser, base_url)
    try:
        _and_gate(pg)
        speed, stop = PACE["and_gate"]["speed"], PACE["and_gate"]["stop_at"]
        assert (speed, stop) == (500, 4000)
        # the page says the pace it picked, and its controls show it (the user can change both)
        assert pg.locator("#speed").input_value() == str(speed)
        assert pg.get_by_label("Stop at epoch").input_value() == str(stop)
        notice = pg.locator("#notice").inner_text()
        assert "500 epochs per second" in notice and "epoch 4000" in notice, notice
        # the four points, each with the engine's output for it (untrained: near 0.5)
        rows = _table(pg)
        assert [r[1:4] for r in rows] == [
            ["0", "0", "0"],
            ["0", "1", "0"],
            ["1", "0", "0"],
            ["1", "1", "1"],
        ]
        want = pg.evaluate(
            "async () => [...(await bp.engine.request('grid', {size: 2, outputs: true})).outputs]"
        )
        assert [r[4] for r in rows] == [f"{v:.3f}" for v in want]
        assert (
            pg.get_by_role(
                "table", name="Every point of the data set and the network's output for it"
            ).count()
            == 1
        )
        # Play: a person can watch it (main trained 11,958 epochs in 0.47 s) ...
        t0 = time.monotonic()
        pg.get_by_role("button", name="Play").click()
        wait_snapshot(pg, "s.epoch >= 1000", timeout=60_000)
        assert time.monotonic() - t0 >= 1000 / speed * 0.9
        # ... and it pauses exactly where the lesson says, and says so
        wait_snapshot(pg, "!s.playing && !s.training && s.epoch >= 4000", timeout=120_000)
        assert pg.evaluate("bp.snapshot().epoch") == stop
        assert "Paused at epoch 4000" in pg.locator("#notice").inner_text()
        assert pg.locator("#epoch").inner_text() == "Epoch 4000"
        # the table followed the training: every output within a twentieth of its target
        wait_quiet(pg)
        painted(pg)
        outputs = [float(r[4]) for r in _table(pg)]
        assert all(abs(o - t) < 0.05 for o, t in zip(outputs, AND_TARGETS)), outputs
        # a row's button inspects its point: no 5 px dot to hit
        pg.get_by_role("button", name="Inspect point 4").click()
        wait_snapshot(pg, "s.selected && s.selected.kind === 'point' && s.selected.index === 3")
        # Play again goes on past the stop
        pg.get_by_role("button", name="Play").click()
        wait_snapshot(pg, "s.epoch > 4000", timeout=60_000)
        pg.get_by_role("button", name="Pause").click()
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors


def test_a_link_to_the_and_gate_trains_at_its_pace_and_leaving_gives_it_back(browser, base_url):
    from bpcore.presets import SUGGESTED

    context, pg = new_context_page(browser)
    try:
        link = encode_link({"dataset": "and_gate", **SUGGESTED["and_gate"]})
        open_index(pg, base_url, "#" + link)
        wait_quiet(pg)
        assert pg.locator("#speed").input_value() == "500"
        assert pg.get_by_label("Stop at epoch").input_value() == "4000"
        assert len(_table(pg)) == 4
        pg.evaluate("(t) => { location.hash = t; }", encode_link({"dataset": "spiral"}))
        wait_snapshot(
            pg, "s.settings.dataset === 'spiral' && s.session && s.session.pointCount === 500"
        )
        assert pg.locator("#speed").input_value() == "0"  # Fastest, as before
        assert pg.get_by_label("Stop at epoch").input_value() == ""
        assert pg.locator("#points-table").is_hidden()  # 500 points: no table
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors


def test_the_pace_and_the_table_in_chinese(browser, base_url):
    context, pg = _fresh(browser, base_url, locale="zh-CN")
    try:
        _and_gate(pg)
        assert "每秒 500 轮" in pg.locator("#notice").inner_text()
        assert pg.get_by_label("停在第几轮").input_value() == "4000"
        assert (
            pg.locator("#points-table caption").inner_text() == "数据集里的每个点和网络对它的输出"
        )
        assert [r[5] for r in _table(pg)] == ["训练集"] * 4
    finally:
        context.close()


DOT_RADIUS = """() => {
    // the dot of point (1, 1): from its centre to the right, the first white pixel of its edge
    const c = document.getElementById('heatmap'), s = bp.snapshot(), [lo, hi] = s.view;
    const x = Math.round((1 - lo) / (hi - lo) * c.width);
    const y = Math.round((hi - 1) / (hi - lo) * c.height);
    const px = c.getContext('2d').getImageData(x, y, c.width - x, 1).data;
    for (let i = 0; i < px.length / 4; i++) {
        if (px[4 * i] > 245 && px[4 * i + 1] > 245 && px[4 * i + 2] > 245) return i / c.width;
    }
    return null;
}"""


def test_dots_are_larger_on_a_touch_screen(browser, base_url):
    radii = {}
    for touch in (False, True):
        context = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=3,
            has_touch=touch,
            is_mobile=touch,
        )
        pg = context.new_page()
        try:
            open_index(pg, base_url)
            wait_quiet(pg)
            assert pg.evaluate("matchMedia('(pointer: coarse)').matches") is touch
            _and_gate(pg)
            painted(pg)
            radii[touch] = pg.evaluate(DOT_RADIUS)
        finally:
            context.close()
    assert radii[False] and radii[True], radii
    assert radii[True] >= 1.5 * radii[False], radii


def test_a_sample_step_is_counted_drawn_and_kept_by_the_link(browser, base_url):
    context, pg = _fresh(browser, base_url)
    try:
        pg.evaluate("bp.stepThrough.showArticle('update')")
        wait_snapshot(pg, "bp.stepThrough.stage() === 'update'", timeout=60_000)
        before = pg.evaluate("bp.snapshot().metrics.lossTrain")
        pg.get_by_role("button", name="Take the step").click()
        wait_snapshot(pg, "s.sampleSteps === 1 && s.metrics.lossTrain !== arg", before)
        after = pg.evaluate("bp.snapshot().metrics")
        assert after["epoch"] == 0 and after["lossTrain"] < before
        # counted beside the epoch
        assert pg.locator("#epoch").inner_text() == "Epoch 0"
        assert pg.locator("#sample-steps").inner_text() == "+ 1 sample step"
        # drawn: the loss chart has the step as a point of its own, its readout says so
        painted(pg)
        chart = pg.locator("#loss-chart")
        chart.focus()
        chart.press("End")
        readout = pg.locator("#chart-readout").inner_text()
        assert readout.startswith("Epoch 0 + 1 sample step: training "), readout
        assert f"{after['lossTrain']:.3g}"[:4] in readout, (readout, after)
        chart.press("Home")
        assert pg.locator("#chart-readout").inner_text().startswith("Epoch 0: training ")
        # the link opens on these very weights: the step is in its trail
        weights = pg.evaluate("bp.engine.request('weights', {})")
        text = pg.evaluate("bp.flushLink().then(() => bp.linkText())")
        assert pg.evaluate("bp.snapshot().linkFit") == ""
    finally:
        context.close()
    other, pg2 = new_context_page(browser)
    try:
        open_index(pg2, base_url, "#" + text)
        wait_quiet(pg2)
        assert pg2.evaluate("bp.engine.request('weights', {})") == weights
        assert pg2.evaluate("bp.snapshot().metrics.lossTrain") == after["lossTrain"]
    finally:
        other.close()


def test_the_map_follows_a_links_replay(browser, base_url):
    settings = {"dataset": "spiral", "layers": [8, 8], "batch_size": 1, "noise": 10}
    text = encode_link(settings, epoch=400)
    context, pg = new_context_page(browser)
    try:
        open_index(pg, base_url, "#" + text)
        wait_snapshot(pg, "s.replay && s.replay.done > 0", timeout=READY_MS)
        maps = pg.evaluate("bp.stats.maps")
        seen = pg.evaluate(
            """async () => {
                const c = document.getElementById('heatmap'), ctx = c.getContext('2d');
                const seen = new Set();
                while (bp.snapshot().replay) {
                    const d = ctx.getImageData(0, 0, c.width, c.height).data;
                    let h = 0;
                    for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) | 0;
                    seen.add(h);
                    await new Promise((r) => requestAnimationFrame(r));
                }
                return seen.size;
            }"""
        )
        during = pg.evaluate("bp.stats.maps") - maps
        assert during >= 3, during
        assert seen >= 3, seen
        wait_snapshot(pg, "!s.replay && s.epoch === 400")
    finally:
        context.close()


def test_drawing_one_point_keeps_show_test_and_says_what_changed(browser, base_url):
    context, pg = _fresh(browser, base_url)
    try:
        assert pg.evaluate("bp.snapshot().settings.show_test") is False
        pg.evaluate("bp.step()")
        wait_snapshot(pg, "s.epoch === 1")
        n = pg.evaluate("bp.snapshot().session.pointCount")
        pg.get_by_role("button", name="Draw", exact=True).click()
        box = map_box(pg)
        assert box
        stroke(pg, [(5.5, 5.5)])
        wait_snapshot(
            pg,
            "s.settings.dataset === 'custom' && s.session && s.session.pointCount === arg",
            n + 1,
        )
        wait_quiet(pg)
        s = pg.evaluate("bp.snapshot()")
        assert s["settings"]["show_test"] is False  # as the user had it
        notice = pg.locator("#notice").inner_text()
        assert "Drawing turned the Circle data set into your own points (now 501)" in notice, notice
        assert "starts again from epoch 0" in notice
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors
