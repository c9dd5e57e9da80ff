"""Races between the step-through, Play and the lesson (issue 20, item 9): each action wins
cleanly, whatever the timing.

- Step through pressed while training plays: training stops and the walk stays;
- Show me while training plays: the article opens untrained (epoch 0) at the stage asked for;
- take() then play() in the same tick: the step is taken, then training plays (Play wins);
- two Show me in the same tick: the second one's stage is walked.

Before the fix: the walk appeared and vanished, the article was trained on, Play was cancelled,
and no walk was shown (in the built page, the `base_url` fixture).
"""

import pytest
from pages import READY_MS, new_context_page, open_index


@pytest.fixture(scope="module")
def pg(browser, base_url):
    context, page = new_context_page(browser, "en-US", (1280, 800))
    open_index(page, base_url)
    page.wait_for_function(
        "() => bp.engine.status === 'ready' && !bp.snapshot().session.preview", timeout=READY_MS
    )
    yield page
    context.close()
    assert not page.bp_errors, page.bp_errors


def quiet(pg):
    pg.wait_for_function(
        """() => {
            const s = bp.snapshot();
            const ok = bp.engine.status === 'ready' && !bp.engine.busy && !s.training
                && s.epoch !== null;
            window.__still = ok ? (window.__still || 0) + 1 : 0;
            return window.__still >= 5;
        }""",
        timeout=60_000,
        polling=100,
    )


def playing_on(pg, dataset="circle"):
    """A preset (not the article) training with Play."""
    quiet(pg)
    pg.evaluate("() => bp.stepThrough.stop()")
    if pg.evaluate("() => bp.snapshot().settings.dataset") != dataset:
        pg.locator("#dataset").select_option(dataset)
        pg.wait_for_function("(d) => bp.snapshot().settings.dataset === d", arg=dataset)
        quiet(pg)
    pg.evaluate("() => bp.play()")
    pg.wait_for_function("() => bp.snapshot().training && bp.snapshot().epoch > 2", timeout=30_000)


def walk_stays(pg, stage=None, ms=1500):
    """The walk is shown (at `stage`) and still shown `ms` later, nothing playing."""
    pg.wait_for_function(
        "(st) => bp.stepThrough.stage() !== null && (st === null || bp.stepThrough.stage() === st)",
        arg=stage,
        timeout=30_000,
    )
    quiet(pg)
    pg.wait_for_timeout(ms)
    s = pg.evaluate("() => ({stage: bp.stepThrough.stage(), playing: bp.snapshot().playing})")
    assert s["stage"] is not None and (stage is None or s["stage"] == stage), s
    assert not s["playing"], s


def test_step_through_pressed_while_training_plays(pg):
    for _ in range(3):
        playing_on(pg)
        pg.get_by_role("button", name="Step through").click()
        walk_stays(pg, "forward-1")
        epoch = pg.evaluate("() => bp.snapshot().epoch")
        pg.wait_for_timeout(500)
        assert pg.evaluate("() => bp.snapshot().epoch") == epoch  # training stopped


def test_show_me_while_training_plays_opens_the_article_untrained(pg):
    playing_on(pg)
    pg.evaluate("() => bp.stepThrough.showArticle('loss')")
    walk_stays(pg, "loss")
    s = pg.evaluate("() => bp.snapshot()")
    assert s["settings"]["dataset"] == "article" and s["epoch"] == 0


def test_take_then_play_in_the_same_tick_plays(pg):
    quiet(pg)
    pg.evaluate("() => bp.stepThrough.showArticle('update')")
    walk_stays(pg, "update")
    epoch = pg.evaluate("() => bp.snapshot().epoch")
    pg.evaluate("() => { bp.stepThrough.take(); bp.play(); }")
    pg.wait_for_function(
        "(e) => bp.snapshot().playing && bp.snapshot().epoch > e + 5", arg=epoch, timeout=30_000
    )
    pg.wait_for_timeout(500)
    assert pg.evaluate("() => bp.snapshot().playing")
    pg.evaluate("() => bp.pause()")
    quiet(pg)
    assert pg.evaluate("() => bp.stepThrough.stage()") is None  # training ended the walk


def test_two_show_me_in_the_same_tick_walk_the_second(pg):
    quiet(pg)
    pg.evaluate(
        "() => { bp.stepThrough.showArticle('forward-1');"
        " bp.stepThrough.showArticle('backward-1'); }"
    )
    walk_stays(pg, "backward-1")
    assert pg.evaluate("() => bp.snapshot().epoch") == 0
