"""The stopping rules on the page (issue 22.4), in real Chromium with the real engine: each
control is a setting (shown, in the link, replayed natively to the same stop), Play pauses where
the rule fires and the page says why in the page's language, Play after a stop trains on and
says why the rule does not stop it again at once; a data set without a test set watches the
training loss and says so."""

from __future__ import annotations

import re

import numpy as np
import pytest
from pages import new_context_page, open_index, wait_quiet, wait_snapshot

from bpcore import Session
from bpcore.link import encode_link, read_link

pytestmark = pytest.mark.browser

FAST = {"dataset": "spiral", "layers": [8, 6], "batch_size": 10, "lr": 0.3}
STOPPED = "!s.playing && !s.training && s.stopped"


@pytest.fixture(scope="module")
def en(browser, base_url):
    context, pg = new_context_page(browser)
    open_index(pg, base_url, "#" + encode_link(FAST))
    wait_quiet(pg)
    yield pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


def _set(pg, label, text):
    """Type into a control found by its visible label, as a user does (change on Enter); the
    rules beyond "Stop at epoch" are under "Stop rules", opened first."""
    field = pg.get_by_label(label, exact=True)
    if not field.is_visible():
        pg.locator("#stop-rules > summary").click()
    field.fill(text)
    field.press("Enter")


def _reset(pg):
    pg.get_by_role("button", name="Reset").click()
    wait_snapshot(pg, "s.epoch === 0 && !s.training")
    wait_quiet(pg)


def _notice(pg, start=""):
    """The notice as shown, once it starts with `start` (the page draws in its next frame)."""
    pg.wait_for_function(
        "(start) => document.getElementById('notice').textContent.startsWith(start)", arg=start
    )
    return pg.locator("#notice").inner_text()


def _native(settings, stop_epoch):
    """The same run natively, stepped as Play does: (its stop, its metrics)."""
    s = Session(settings)
    m = s.step(stop_epoch + 10_000)
    return s.stopped, m


def test_early_stopping_pauses_says_why_restores_and_replays(en):
    pg = en
    _reset(pg)
    _set(pg, "Patience (epochs)", "15")
    pg.get_by_label("Restore the best weights").check()
    assert pg.locator("#stop-rules").evaluate("(e) => e.classList.contains('on')")  # marked
    wait_snapshot(pg, "s.settings.patience === 15 && s.settings.restore_best === true")
    pg.get_by_role("button", name="Play").click()
    wait_snapshot(pg, STOPPED, timeout=120_000)
    snap = pg.evaluate("bp.snapshot()")
    st = snap["stopped"]
    assert st["rule"] == "patience" and st["restored"] and snap["epoch"] == st["epoch"]
    assert st["epoch"] - st["bestEpoch"] == 15
    want = (
        f"Stopped at epoch {st['epoch']}: the test loss has not improved for 15 epochs; "
        f"restored the best weights, from epoch {st['bestEpoch']}. Press Play to train on."
    )
    assert _notice(pg, "Stopped") == want
    assert pg.locator("#epoch").inner_text() == f"Epoch {st['epoch']}"
    # the page's link holds the rules and replays natively to the same stop and weights
    link = read_link(pg.evaluate("bp.flushLink()"))
    assert (link.settings["patience"], link.settings["restore_best"]) == (15, True)
    native, m = _native(link.settings, st["epoch"])
    assert (native["epoch"], native["best_epoch"]) == (st["epoch"], st["bestEpoch"])
    assert snap["metrics"]["lossTest"] == pytest.approx(m["loss_test"], rel=1e-9, abs=0)
    assert m["loss_test"] == native["best_loss"]  # the best epoch's weights, restored
    weights = pg.evaluate("async () => await bp.engine.request('weights', {})")
    s = Session(link.settings)
    s.step(st["epoch"])
    np.testing.assert_allclose(weights["weights"][0], s.net.weights[0], rtol=1e-9, atol=1e-12)
    # Play after the stop: it trains on, says why the rule does not stop it again at once ...
    pg.get_by_role("button", name="Play").click()
    notice = _notice(pg, f"Training on past the stop at epoch {st['epoch']}: ")
    assert "patience counts its epochs afresh" in notice
    # ... and the next stop comes 15 epochs without a lower loss later, at the soonest
    wait_snapshot(pg, f"{STOPPED} && s.epoch > {st['epoch']}", timeout=120_000)
    again = pg.evaluate("bp.snapshot().stopped")
    assert again["epoch"] >= st["epoch"] + 15 and again["rule"] == "patience"


def test_stop_at_an_epoch_and_at_a_target_loss(en):
    pg = en
    _reset(pg)
    _set(pg, "Patience (epochs)", "0")
    _set(pg, "Stop at epoch", "30")
    wait_snapshot(pg, "s.settings.stop_at === 30 && s.settings.patience === 0")
    pg.get_by_role("button", name="Play").click()
    wait_snapshot(pg, STOPPED, timeout=60_000)
    assert pg.evaluate("bp.snapshot().epoch") == 30
    assert _notice(pg, "Paused") == "Paused at epoch 30 (Stop at epoch). Press Play to train on."
    # the target loss: the first epoch at or below it, as natively
    _set(pg, "Stop at epoch", "")
    _set(pg, "Stop at test loss", "0.5")
    wait_snapshot(pg, "s.settings.stop_at === 0 && s.settings.stop_loss === 0.5")
    _reset(pg)
    pg.get_by_role("button", name="Play").click()
    wait_snapshot(pg, STOPPED, timeout=120_000)
    st = pg.evaluate("bp.snapshot().stopped")
    settings = pg.evaluate("bp.snapshot().settings")
    native, _ = _native({k: settings[k] for k in (*FAST, "stop_loss")}, 0)
    assert (st["rule"], st["epoch"]) == ("stop_loss", native["epoch"])
    assert re.fullmatch(
        rf"Stopped at epoch {st['epoch']}: the test loss is 0\.\d+, at or below the target "
        r"0\.5\. Press Play to train on\.",
        _notice(pg, "Stopped"),
    )
    # a value out of range: said, and the setting keeps its value
    _set(pg, "Patience (epochs)", "-3")
    assert pg.get_by_label("Patience (epochs)", exact=True).get_attribute("aria-invalid") == "true"
    assert pg.evaluate("bp.snapshot().settings.patience") == 0


def test_no_test_set_watches_the_training_loss_in_chinese(browser, base_url):
    context, pg = new_context_page(browser, locale="zh-CN")
    try:
        link = encode_link({"dataset": "and_gate", "stop_loss": 0.3})
        open_index(pg, base_url, "#" + link)
        wait_quiet(pg)
        # every point trains: the field says the training loss is watched
        pg.get_by_text("停止规则", exact=True).click()  # the rules beyond "Stop at epoch"
        assert pg.locator("#stop-rules").evaluate("(e) => e.classList.contains('on')")
        assert pg.locator("#stop-loss-label").inner_text() == "停止的训练损失"
        assert pg.evaluate("bp.snapshot().settings.stop_loss") == 0.3
        pg.get_by_role("button", name="运行").click()
        wait_snapshot(pg, STOPPED, timeout=120_000)
        st = pg.evaluate("bp.snapshot().stopped")
        assert st["watch"] == "train" and st["rule"] == "stop_loss"
        native, _ = _native(read_link(link).settings, 0)
        assert native["epoch"] == st["epoch"]
        _notice(pg, f"已在第 {st['epoch']} 轮停下：训练损失（没有测试集）为 ")
        pg.get_by_role("button", name="运行").click()
        _notice(pg, f"越过第 {st['epoch']} 轮的停止点继续训练")
        pg.get_by_role("button", name="暂停").click()
        wait_snapshot(pg, "!s.playing && !s.training")
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors
