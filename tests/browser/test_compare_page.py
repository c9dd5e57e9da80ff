"""Compare two runs (issue 23 item 2), as a user does it in the built page: Compare, change B's
settings in its form (by mouse and by keyboard), Play, both maps and both curves, the
difference in words; the link carries both runs and a fresh page opened on it replays both to
the same numbers (and `python -m bpcore replay` replays both natively); Stop comparing keeps A;
a phone (390x844) stacks the maps, in Chinese."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pages import READY_MS, native_replay, open_visitor, painted, wait_quiet, wait_snapshot

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bpcore.link import read_link  # noqa: E402

SPIRAL = {"dataset": "spiral", "layers": [8, 6], "batch_size": 10, "noise": 10}
STATE = "() => window.bp.compare.state()"


def wait_compare(page, cond, timeout=60_000):
    """Wait until `cond` holds of `c = bp.compare.state()` (null for one run)."""
    page.wait_for_function(
        f"() => {{ const c = window.bp.compare.state(); return Boolean({cond}); }}", timeout=timeout
    )


def play_until(page, epoch):
    page.evaluate("() => window.bp.play()")
    wait_snapshot(page, f"s.epoch >= {epoch}", timeout=120_000)
    page.evaluate("() => window.bp.pause()")
    wait_quiet(page)


def map_pixels(page, run):
    """How many different colours the map's canvas shows (a blank canvas: 1 or 0)."""
    return page.evaluate(
        """(id) => {
            const c = document.getElementById(id), g = c.getContext("2d");
            const d = g.getImageData(0, 0, c.width, c.height).data, seen = new Set();
            for (let i = 0; i < d.length; i += 4 * 97) seen.add(d.slice(i, i + 3).join());
            return seen.size;
        }""",
        f"cmp-map-{run}",
    )


@pytest.fixture(scope="module")
def compared(browser, base_url):
    """A page that compared: spiral 8x6, B with lr 0.1, ReLU and batch 20 (by keyboard),
    played to epoch >= 60, its link taken."""
    context, page = open_visitor(browser, base_url)
    wait_quiet(page)
    page.evaluate(f"() => window.bp.configure({json.dumps(SPIRAL)})")
    wait_snapshot(page, "s.session && s.session.layerSizes.join() === '2,8,6,1'")
    play_until(page, 15)  # A trained: Compare starts both again at epoch 0
    assert page.locator("#compare-root").is_hidden()
    page.click("#compare-start")
    wait_compare(page, "c && c.metrics.epoch === 0")
    assert page.evaluate("() => window.bp.snapshot().epoch") == 0
    assert page.locator("#compare-start").is_hidden()
    page.select_option("#cmp-lr", "0.1")
    wait_compare(page, "c && c.settings.lr === 0.1")
    page.select_option("#cmp-activation", "relu")
    wait_compare(page, "c && c.settings.activation[0] === 'relu'")
    page.focus("#cmp-batch_size")  # by keyboard: the next batch size after 10 is 20
    page.keyboard.press("ArrowDown")
    wait_compare(page, "c && c.settings.batch_size === 20")
    play_until(page, 60)
    wait_compare(page, "c && c.gridEpoch === c.metrics.epoch && c.hasGrid")
    painted(page)
    link = page.evaluate("() => window.bp.flushLink()")
    yield {
        "page": page,
        "link": link,
        "state": page.evaluate(STATE),
        "snapshot": page.evaluate("() => window.bp.snapshot()"),
    }
    context.close()


def test_compare_trains_both_in_lockstep_with_two_maps_two_curves_and_words(compared):
    page, c, s = compared["page"], compared["state"], compared["snapshot"]
    assert c["overrides"] == {"activation": ["relu"], "lr": 0.1, "batch_size": 20}
    assert c["metrics"]["epoch"] == s["epoch"] >= 60  # lockstep: B's epoch is A's
    assert c["shared"] == [True, True, True]  # same shapes, same init: A's initial weights
    assert c["history"][0][0] == 0 and c["history"][-1][0] == s["epoch"]
    assert c["history"][-1][1] == s["metrics"]["lossTest"]
    assert c["history"][-1][2] == c["metrics"]["lossTest"]
    assert c["metrics"]["lossTest"] != s["metrics"]["lossTest"]
    assert map_pixels(page, "a") > 3 and map_pixels(page, "b") > 3
    a, b = (page.locator(f"#cmp-map-{r}").bounding_box() for r in "ab")
    assert b["x"] >= a["x"] + a["width"] and abs(b["y"] - a["y"]) < 2  # side by side at 1280 px
    assert a["width"] >= 250
    words = page.locator("#cmp-verdict").inner_text()
    assert f"At epoch {s['epoch']}: A " in words and "reached test loss" in words
    assert page.locator(".cmp-key").inner_text().split() == ["A", "(solid)", "B", "(dashed)"]
    assert page.locator("#cmp-chart-title").inner_text() == "Test loss of A and B"
    assert page.locator("label[for=cmp-lr]").inner_text() == "Learning rate"
    page.focus("#cmp-chart")  # the chart reads out by keyboard
    page.keyboard.press("End")
    assert page.locator("#cmp-readout").inner_text().startswith(f"Epoch {s['epoch']}: A ")
    assert not page.bp_errors


def test_the_link_carries_both_and_reopens_both(compared, browser, base_url):
    link, c, s = compared["link"], compared["state"], compared["snapshot"]
    r = read_link(link)
    assert r.compare == {"activation": ["relu"], "lr": 0.1, "batch_size": 20}
    assert r.epoch == s["epoch"]
    context, page = open_visitor(browser, base_url, query="#" + link.lstrip("#"))
    try:
        wait_quiet(page, READY_MS)
        wait_compare(page, f"c && !c.pending && c.metrics.epoch === {s['epoch']}")
        again, snap = page.evaluate(STATE), page.evaluate("() => window.bp.snapshot()")
        assert snap["metrics"]["lossTest"] == s["metrics"]["lossTest"]  # A, bit for bit
        assert again["metrics"] == c["metrics"]  # B, bit for bit (same runtime)
        assert again["overrides"] == c["overrides"]
        assert not page.bp_errors
    finally:
        context.close()
    # natively: both runs (Pyodide's libm and the native one may differ in the last bits)
    got = native_replay(link)
    assert got["final"]["epoch"] == s["epoch"]
    assert got["compare"]["final"]["loss_test"] == pytest.approx(c["metrics"]["lossTest"], rel=1e-9)
    assert got["final"]["loss_test"] == pytest.approx(s["metrics"]["lossTest"], rel=1e-9)


def test_reset_resets_both_and_stop_comparing_keeps_a(compared):
    page = compared["page"]
    page.click("#reset")
    wait_compare(page, "c && c.metrics.epoch === 0 && c.history.length === 1")
    page.evaluate("() => window.bp.step()")
    wait_compare(page, "c && c.metrics.epoch === 1")
    wait_quiet(page)
    epoch = page.evaluate("() => window.bp.snapshot().epoch")
    page.click("#compare-stop")
    wait_compare(page, "c === null")
    assert page.evaluate("() => window.bp.snapshot().epoch") == epoch == 1
    assert read_link(page.evaluate("() => window.bp.flushLink()")).compare is None
    page.evaluate("() => window.bp.step()")  # one run again
    wait_snapshot(page, "s.epoch === 2")
    assert page.locator("#compare-root").is_hidden() and page.locator("#compare-start").is_visible()


def test_a_phone_stacks_the_maps_in_chinese(browser, base_url):
    context, page = open_visitor(browser, base_url, locale="zh-CN", viewport=(390, 844))
    try:
        wait_quiet(page)
        assert page.locator("#compare-title").inner_text() == "比较两次训练"
        page.click("#compare-start")
        wait_compare(page, "c && c.hasGrid")
        painted(page)
        a = page.locator("#cmp-map-a").bounding_box()
        b = page.locator("#cmp-map-b").bounding_box()
        assert b["y"] >= a["y"] + a["height"]  # stacked
        assert a["width"] >= 250  # readable: (nearly) the phone's width
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert page.locator("#compare-stop").inner_text() == "停止比较"
        assert page.locator("#cmp-verdict").inner_text() == (
            "“播放”或“单步”会同时训练两者；两者的差别会显示在这里。"
        )
        assert page.locator("label[for=cmp-lr]").inner_text() == "学习率"
        assert not page.bp_errors
    finally:
        context.close()
