"""A student opens "The loss landscape" in "Why does it train, or not?", computes it, and reads
it: the line from the initial to the current weights and the slice with the training path are
drawn with their axis labels and legends; the slice's centre is the loss the page shows, the
line's ends the initial and the current losses. Training pauses while it computes and goes on;
a bigger network shows its progress and can be cancelled; on a phone, in Chinese, it fits."""

import pytest
from pages import READY_MS, open_visitor, painted

LABELS_EN = [
    "Loss along the line from the initial to the current weights",
    "Training loss on a slice through the current weights",
    "t (0 = initial weights, 1 = current weights)",
    "α (first direction)",
    "β (second direction)",
    "test loss",
    "training path",
    "initial weights",
    "current weights (α = β = 0)",
]


def _ready(pg):
    pg.wait_for_function(
        "() => bp.engine.status === 'ready' && bp.stats.sessionAt && !bp.snapshot().training",
        timeout=READY_MS,
    )


def _state(pg):
    return pg.evaluate("() => bp.landscape.state()")


def _wait_status(pg, status, timeout=60_000):
    pg.wait_for_function(
        "s => bp.landscape.state().status === s", arg=status, timeout=timeout, polling=50
    )


@pytest.fixture(scope="module")
def desk(browser, base_url):
    context, pg = open_visitor(browser, base_url)
    _ready(pg)
    yield pg
    errors = pg.bp_errors
    context.close()
    assert errors == [], errors


def test_the_landscape_is_computed_and_drawn_with_labels_and_legends(desk):
    pg = desk
    initial = pg.evaluate("() => bp.snapshot().metrics.lossTrain")
    for _ in range(3):
        pg.evaluate("() => bp.step()")
    pg.wait_for_function("() => bp.snapshot().epoch === 3 && !bp.snapshot().training")
    # opened from the keyboard: the summary is a focusable control
    pg.locator("#landscape-details summary").focus()
    pg.keyboard.press("Enter")
    compute = pg.get_by_role("button", name="Compute the landscape")
    compute.wait_for()
    assert pg.get_by_text("Nothing computed yet.").is_visible()
    compute.click()
    _wait_status(pg, "done")
    painted(pg)
    s = _state(pg)
    r = s["result"]
    now = pg.evaluate("() => bp.snapshot().metrics")
    assert r["size"] == 41 and r["epoch"] == 3
    assert r["centre"] == pytest.approx(now["lossTrain"], rel=1e-9)
    assert r["line"]["train"][40] == pytest.approx(now["lossTrain"], rel=1e-9)
    assert r["line"]["test"][40] == pytest.approx(now["lossTest"], rel=1e-9)
    assert r["line"]["train"][0] == pytest.approx(initial, rel=1e-9)
    assert r["path"]["epochs"] == [0, 1, 2, 3]
    assert abs(r["path"]["alpha"][-1]) < 1e-9 and abs(r["path"]["beta"][-1]) < 1e-9
    print(f"\n41 x 41 slice of the 4-2 circle network in the page: {s['ms']:.0f} ms")
    # drawn: contour lines and the whole path on the slice, both figures with their words
    assert s["drawn"]["contours"] > 20
    assert s["drawn"]["path"] == len(r["path"]["alpha"]) == 4
    for text in LABELS_EN:
        assert pg.get_by_text(text, exact=True).is_visible(), text
    assert pg.locator("#landscape-body .ls-legend").get_by_text("training loss").count() >= 2
    status = pg.locator("#landscape-body .ls-status").inner_text()
    assert status.startswith("At epoch 3: a 41 × 41 slice of a network with 25 parameters")
    # read with the keyboard: the centre first, then a step along α
    line = pg.get_by_role("img", name="Line chart of the loss", exact=False)
    line.focus()
    pg.keyboard.press("End")
    assert pg.locator("#landscape-body .ls-line .ls-readout").inner_text().startswith("t = 1.5:")
    pg.get_by_role("img", name="Contour plot of the training loss", exact=False).focus()
    readout = pg.locator("#landscape-body .ls-slice .ls-readout")
    assert readout.inner_text().startswith("α = −1")  # the first lattice point
    for _ in range(4):
        pg.keyboard.press("Shift+ArrowUp")
        pg.keyboard.press("Shift+ArrowRight")
    assert readout.inner_text().startswith("α = 0, β = 0: training loss")
    # training on: the picture says it is of an earlier epoch
    pg.evaluate("() => bp.step()")
    pg.wait_for_function(
        "() => /weights have changed since/.test("
        "document.querySelector('#landscape-body .ls-status').textContent)"
    )


def test_training_pauses_while_it_computes_and_goes_on(desk):
    pg = desk
    pg.evaluate("() => bp.configure({speed: 0})")
    pg.evaluate("() => bp.play()")
    pg.wait_for_function("() => bp.snapshot().training")
    epoch = pg.evaluate("() => bp.snapshot().epoch")
    pg.get_by_role("button", name="Other directions").click()
    _wait_status(pg, "done")
    s = _state(pg)
    assert s["resumed"] and s["result"]["draw"] == 1
    assert s["result"]["epoch"] > epoch  # the chunks in flight landed first
    assert pg.evaluate("() => bp.snapshot().playing")
    pg.wait_for_function(
        "e => bp.snapshot().epoch > e", arg=s["result"]["epoch"], timeout=30_000
    )  # it goes on
    pg.evaluate("() => bp.pause()")
    pg.wait_for_function("() => !bp.snapshot().training")


def test_a_bigger_network_shows_progress_and_can_be_cancelled(desk):
    pg = desk
    pg.evaluate("() => bp.configure({layers: [8, 8, 8, 8, 8, 8], n_points: 1000, train_ratio: 90})")
    pg.wait_for_function("() => bp.snapshot().session?.layerSizes?.length === 8")
    _ready(pg)
    assert _state(pg)["result"] is None  # the old network's picture is gone
    pg.get_by_role("button", name="Compute the landscape").click()
    progress = pg.locator("#landscape-body progress")
    pg.wait_for_function(
        "() => { const p = document.querySelector('#landscape-body progress');"
        " return p && !p.hidden && p.value > 0 && p.value < 1; }",
        timeout=60_000,
        polling=20,
    )
    assert progress.is_visible()
    assert pg.get_by_text("Computing the slice…", exact=False).is_visible()
    assert _state(pg)["bands"] >= 1
    pg.get_by_role("button", name="Cancel").click()
    _wait_status(pg, "cancelled")
    painted(pg)
    assert not progress.is_visible()
    assert pg.get_by_text("Cancelled: nothing was drawn.").is_visible()
    assert _state(pg)["result"] is None
    # the engine is free again: a step trains
    epoch = pg.evaluate("() => bp.snapshot().epoch")
    pg.evaluate("() => bp.step()")
    pg.wait_for_function("e => bp.snapshot().epoch === e + 1", arg=epoch, timeout=60_000)


def test_on_a_phone_in_chinese_it_fits(browser, base_url):
    context, pg = open_visitor(browser, base_url, locale="zh-CN", viewport=(390, 844))
    try:
        _ready(pg)
        pg.get_by_text("损失地形", exact=True).click()
        pg.get_by_role("button", name="计算损失地形").click()
        _wait_status(pg, "done")
        painted(pg)
        for text in ("α（第一个方向）", "β（第二个方向）", "训练路径", "初始权重"):
            assert pg.get_by_text(text, exact=True).is_visible(), text
        boxes = pg.evaluate(
            "() => [...document.querySelectorAll('#landscape-body canvas.ls-canvas')]"
            ".map((c) => c.getBoundingClientRect())"
            ".map((r) => [r.left, r.right, r.width])"
        )
        assert len(boxes) == 2
        for left, right, width in boxes:
            assert left >= 0 and right <= 390 and width >= 250, boxes
        assert pg.evaluate("() => document.documentElement.scrollWidth") <= 390
        assert _state(pg)["drawn"]["contours"] > 0
        assert pg.bp_errors == []
    finally:
        context.close()
