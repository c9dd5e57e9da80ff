"""A worker that stops answering (dead, stuck, crashed) ends in the engine-error banner with
Retry, and Retry keeps the drawn points and the settings (it hung the page before)."""

from bpcore.link import encode_link, quantize_points

READY_MS = 120_000
POINTS = quantize_points([[x / 2 - 5, (-1) ** x * 2.5, x % 2] for x in range(20)], "classification")
SETTINGS = {"dataset": "custom", "classes": 2, "layers": [64] * 10, "lr": 0.05}


def ready(page):
    page.wait_for_function(
        "() => window.bp && bp.snapshot().status === 'ready' && bp.snapshot().epoch !== null",
        timeout=READY_MS,
    )


def test_a_request_that_never_answers_fails_the_engine_and_retry_keeps_the_points(page, base_url):
    page.goto(base_url + "index.html#" + encode_link(SETTINGS, POINTS))
    ready(page)
    drawn = page.evaluate("() => bp.snapshot().drawn")
    assert len(drawn) == len(POINTS)
    # the worker is kept busy far past the (shortened) deadline: as a stuck worker would be
    page.evaluate("() => { bp.engine.deadlineMs = 300; }")
    page.evaluate("() => bp.engine.request('step', {epochs: 100000}).catch(() => null)")
    alert = page.get_by_role("alert")
    alert.wait_for(state="visible", timeout=30_000)
    assert "The engine stopped answering." in alert.inner_text()
    assert page.evaluate("() => bp.snapshot().status") == "fatal"
    starts = page.evaluate("() => bp.engine.starts")
    page.evaluate("() => { bp.engine.deadlineMs = 120000; }")
    page.get_by_role("button", name="Retry").click()
    ready(page)
    assert page.evaluate("() => bp.engine.starts") == starts + 1
    assert page.evaluate("() => bp.snapshot().drawn") == drawn
    assert page.evaluate("() => bp.snapshot().settings.layers") == [64] * 10
    assert alert.is_hidden()
