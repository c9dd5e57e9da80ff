"""A worker that dies without an error event (the browser closes it, it closes itself) ends in
the engine-error banner with Retry within seconds, and Retry keeps the drawn points and the
settings. Only the 120 s request deadline noticed it before, and only with a request pending.

The worker is ended from inside, as the browser would end it (Playwright's handle on the
worker runs `self.close()` there): no error event, no message, no test hook in the page."""

import time

from pages import READY_MS

from bpcore.link import encode_link, quantize_points

NOTICED_S = 5  # "within a few seconds"
POINTS = quantize_points([[x / 2 - 5, (-1) ** x * 2.5, x % 2] for x in range(20)], "classification")
SETTINGS = {"dataset": "custom", "classes": 2, "layers": [8, 8], "lr": 0.05}


def ready(page):
    page.wait_for_function(
        "() => window.bp && bp.snapshot().status === 'ready' && bp.snapshot().epoch !== null",
        timeout=READY_MS,
    )


def engine_worker(page):
    """Playwright's handle on the engine's worker (the page starts no other)."""
    workers = [w for w in page.workers if w.url.endswith("/worker.mjs")]
    assert len(workers) == 1, [w.url for w in page.workers]
    return workers[0]


def banner_within(page, seconds):
    alert = page.get_by_role("alert")
    alert.wait_for(state="visible", timeout=seconds * 1000)
    return alert


def test_a_worker_that_ends_while_answering_fails_the_engine_and_retry_keeps_the_points(
    page, base_url
):
    page.goto(base_url + "index.html#" + encode_link(SETTINGS, POINTS))
    ready(page)
    drawn = page.evaluate("() => bp.snapshot().drawn")
    assert len(drawn) == len(POINTS)
    starts = page.evaluate("() => bp.engine.starts")
    # the worker ends as its next task starts; the page's request is then never answered
    engine_worker(page).evaluate("() => { setTimeout(() => self.close(), 0); }")
    page.evaluate(
        "() => { window.pending = bp.engine.request('step', {epochs: 1})"
        ".then(() => 'answered', (e) => e.message); }"
    )
    t0 = time.monotonic()
    alert = banner_within(page, NOTICED_S)
    noticed = time.monotonic() - t0
    assert noticed < NOTICED_S, noticed
    assert "The engine stopped: its worker ended" in alert.inner_text()
    assert page.evaluate("() => window.pending") != "answered"
    assert page.evaluate("() => bp.snapshot().status") == "fatal"
    page.get_by_role("button", name="Retry").click()
    ready(page)
    assert page.evaluate("() => bp.engine.starts") == starts + 1
    assert page.evaluate("() => bp.snapshot().drawn") == drawn
    assert page.evaluate("() => bp.snapshot().settings.layers") == [8, 8]
    assert alert.is_hidden()


def test_an_idle_worker_that_ends_is_noticed_too(page, base_url):
    page.goto(base_url + "index.html")
    ready(page)
    sent = page.evaluate("() => bp.engine.sent")
    engine_worker(page).evaluate("() => { setTimeout(() => self.close(), 0); }")
    banner_within(page, NOTICED_S)
    assert page.evaluate("() => bp.snapshot().status") == "fatal"
    # a Retry, not a stop the page made itself, is what ends the old worker's watch
    page.get_by_role("button", name="Retry").click()
    ready(page)
    assert page.evaluate("() => bp.snapshot().status") == "ready"
    page.evaluate("() => bp.step()")
    page.wait_for_function("() => bp.snapshot().epoch >= 1", timeout=60_000)
    assert page.evaluate("() => bp.engine.sent") > sent
