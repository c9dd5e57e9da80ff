"""Nothing is replaced without a way back (issue 19, item 3), in headless Chromium.

A spiral run is trained (and one weight edited by hand); the lesson's "Show on the example"
then loads the article's example over it. The page offers "Back to your run", and the browser's
Back brings the run back inside the page (before: the run was gone without a word, and Back left
the page): the same data set, epoch, metrics, weights (bit for bit), weight edits, and an
address bar that is still the share link of what the page shows. Forward shows the example
again, Back the run as it was left; the notice's button does the same as Back; drawn points
replaced by another data set come back too; in Chinese, the docked walk bar's button does it
(screenshot: tests/artifacts/way-back-zh.png).
"""

import pytest
from artifacts import shoot
from pages import READY_MS, draw_two_classes, new_context_page, open_index


@pytest.fixture
def pg(browser, base_url):
    context, page = new_context_page(browser, "en-US", (1366, 768))
    open_index(page, base_url)
    page.wait_for_function(
        "() => bp.engine.status === 'ready' && !bp.snapshot().session.preview"
        " && document.querySelector('#lesson .lesson-show')",
        timeout=READY_MS,
    )
    yield page
    context.close()
    assert not page.bp_errors, page.bp_errors


def quiet(pg):
    pg.wait_for_function(
        """() => {
            const s = bp.snapshot();
            const ok = bp.engine.status === 'ready' && !bp.engine.busy && !s.training
                && !s.playing && s.epoch !== null;
            window.__still = ok ? (window.__still || 0) + 1 : 0;
            return window.__still >= 5;
        }""",
        timeout=60_000,
        polling=100,
    )


def run_state(pg):
    """What must come back: the settings, the epoch, the metrics, the weights, the trail, the
    drawn points, the address bar and the link the page writes for it."""
    quiet(pg)
    pg.evaluate("() => bp.flushLink()")
    return pg.evaluate(
        """async () => {
            const s = bp.snapshot();
            const w = await bp.engine.request('weights', {});
            return {dataset: s.settings.dataset, settings: s.settings, epoch: s.epoch,
                    metrics: s.metrics, trail: s.trail, drawn: s.drawn,
                    points: s.session.pointCount, problem: s.session.problem,
                    weights: JSON.stringify([w.weights, w.biases]),
                    link: bp.linkText(), hash: location.hash.slice(1)};
        }"""
    )


def back_at(pg, dataset, epoch):
    pg.wait_for_function(
        "([d, e]) => { const s = bp.snapshot(); return s.settings.dataset === d && s.epoch === e"
        " && s.session && !s.session.preview; }",
        arg=[dataset, epoch],
        timeout=60_000,
    )
    quiet(pg)


def test_back_brings_the_run_back_after_the_lesson_s_example(pg, base_url):
    pg.locator("#dataset").select_option("spiral")
    pg.wait_for_function("() => bp.snapshot().settings.dataset === 'spiral'")
    quiet(pg)
    pg.evaluate("() => bp.play()")
    pg.wait_for_function("() => bp.snapshot().epoch >= 40", timeout=60_000)
    pg.evaluate("() => bp.pause()")
    quiet(pg)
    pg.evaluate("() => bp.editWeight({layer: 0, i: 0, j: 0, value: 0.75})")
    pg.wait_for_function("() => bp.snapshot().trail.edits.length === 1")
    run = run_state(pg)
    assert run["epoch"] >= 40 and run["trail"]["edits"] and run["hash"] == run["link"]

    # the lesson's example replaces the run: the way back is offered
    pg.locator("#lesson-loss .lesson-show").click()
    pg.wait_for_function(
        "() => bp.stepThrough.stage() === 'loss' && bp.snapshot().settings.dataset === 'article'",
        timeout=60_000,
    )
    back = pg.locator("#notices").get_by_role("button", name="Back to your run")
    back.wait_for()
    assert any(f"epoch {run['epoch']}" in n for n in pg.evaluate("bp.snapshot().notices"))
    # the example scrolled the inspector into view: the docked walk bar offers it there too
    in_bar = pg.locator("#walk-bar").get_by_role("button", name="Back to your run")
    in_bar.wait_for()
    assert pg.evaluate(
        """() => { const b = document.querySelector('#walk-bar .bp-walkbar-back');
                   const r = b.getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= innerHeight; }"""
    )
    example = run_state(pg)
    assert example["dataset"] == "article" and example["hash"] != run["hash"]

    # the browser's Back: the run, exactly, inside the page
    pg.go_back()
    back_at(pg, "spiral", run["epoch"])
    assert pg.url.startswith(base_url + "index.html")
    again = run_state(pg)
    for key in ("settings", "epoch", "metrics", "trail", "weights", "points", "link", "hash"):
        assert again[key] == run[key], key
    assert not back.is_visible()  # the notice went with its run

    # the run goes on from there (one more epoch), then Forward: the example; Back: the run
    # as it was left
    pg.evaluate("() => bp.step()")
    pg.wait_for_function("(e) => bp.snapshot().epoch === e + 1", arg=run["epoch"])
    left = run_state(pg)
    pg.go_forward()
    back_at(pg, "article", 0)
    assert run_state(pg)["hash"] == example["hash"]
    pg.go_back()
    back_at(pg, "spiral", run["epoch"] + 1)
    again = run_state(pg)
    for key in ("settings", "metrics", "trail", "weights", "link", "hash"):
        assert again[key] == left[key], key

    # the AND gate's button over the run: the notice's button brings it back, as Back does
    pg.locator("#lesson-and .lesson-show").click()
    pg.wait_for_function(
        "() => bp.snapshot().settings.dataset === 'and_gate'"
        " && bp.snapshot().session.pointCount === 4",
        timeout=60_000,
    )
    quiet(pg)
    pg.locator("#notices").get_by_role("button", name="Back to your run").click()
    back_at(pg, "spiral", run["epoch"] + 1)
    again = run_state(pg)
    for key in ("settings", "metrics", "trail", "weights", "link", "hash"):
        assert again[key] == left[key], key


def test_drawn_points_replaced_by_a_data_set_come_back(pg):
    drawn = draw_two_classes(pg)
    quiet(pg)
    mine = run_state(pg)
    assert mine["dataset"] == "custom" and mine["drawn"] == drawn
    pg.locator("#dataset").select_option("xor")
    pg.wait_for_function("() => bp.snapshot().settings.dataset === 'xor'")
    pg.locator("#notices").get_by_role("button", name="Back to your run").wait_for()
    pg.go_back()
    back_at(pg, "custom", mine["epoch"])
    again = run_state(pg)
    for key in ("settings", "drawn", "points", "weights", "hash"):
        assert again[key] == mine[key], key


def test_show_on_the_example_over_the_trained_example(pg):
    """The example shown and trained on: the lesson's button starts it over (epoch 0), and the
    trained one is offered back; Back twice returns to the page's first, untrained data set."""
    first = run_state(pg)
    pg.locator("#lesson-loss .lesson-show").click()
    pg.wait_for_function(
        "() => bp.stepThrough.stage() === 'loss' && bp.snapshot().settings.dataset === 'article'",
        timeout=60_000,
    )
    quiet(pg)
    offer = pg.locator("#notices").get_by_role("button", name="Back to your run")
    assert not offer.is_visible()  # an untrained run is not offered (Back still returns to it)
    pg.evaluate("() => bp.play()")
    pg.wait_for_function("() => bp.snapshot().epoch >= 20", timeout=60_000)
    pg.evaluate("() => bp.pause()")
    trained = run_state(pg)
    pg.locator("#lesson-network .lesson-show").click()
    pg.wait_for_function(
        "() => bp.stepThrough.stage() === 'forward-1' && bp.snapshot().epoch === 0",
        timeout=60_000,
    )
    offer.wait_for()
    pg.go_back()
    back_at(pg, "article", trained["epoch"])
    again = run_state(pg)
    for key in ("settings", "metrics", "weights", "hash"):
        assert again[key] == trained[key], key
    pg.go_back()
    back_at(pg, first["dataset"], 0)
    again = run_state(pg)
    for key in ("settings", "metrics", "weights", "hash"):
        assert again[key] == first[key], key


def test_the_offer_in_chinese_from_the_walk_bar(browser, base_url):
    """The offer speaks the page's language, and the docked walk bar's button brings the run
    back as the notice's does."""
    context, pg = new_context_page(browser, "zh-CN", (1366, 768))
    try:
        open_index(pg, base_url)
        pg.wait_for_function(
            "() => bp.engine.status === 'ready' && !bp.snapshot().session.preview"
            " && document.querySelector('#lesson .lesson-show')",
            timeout=READY_MS,
        )
        pg.locator("#dataset").select_option("xor")
        pg.wait_for_function("() => bp.snapshot().settings.dataset === 'xor'")
        quiet(pg)
        for _ in range(3):
            pg.locator("#step").click()
        pg.wait_for_function("() => bp.snapshot().epoch === 3")
        run = run_state(pg)
        pg.get_by_role("button", name="在例子上看：4. 输出层的链式法则").click()
        pg.wait_for_function("() => bp.stepThrough.stage() === 'backward-2'", timeout=60_000)
        notice = pg.locator("#notices")
        notice.get_by_role("button", name="回到你的训练").wait_for()
        assert "第 3 轮" in notice.inner_text()
        bar = pg.locator("#walk-bar").get_by_role("button", name="回到你的训练")
        bar.wait_for()
        pg.wait_for_function(  # the inspector brought into view (a smooth scroll)
            "() => Math.abs(document.getElementById('inspector-panel').getBoundingClientRect().top)"
            " < 5"
        )
        shoot(pg, "way-back-zh", full_page=False)
        bar.click()
        back_at(pg, "xor", 3)
        again = run_state(pg)
        for key in ("settings", "metrics", "weights", "hash"):
            assert again[key] == run[key], key
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors
