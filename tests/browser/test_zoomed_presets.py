"""The article's small sets fill the map: a student who picks the AND gate sees its four points
spread over the map (ticks from -0.5 to 1.5), and clicking the point at (1, 1) where it is drawn
opens it in the inspector."""

from pages import READY_MS


def test_the_and_gate_fills_the_map(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + "index.html")
    page.wait_for_function(
        "() => window.bp && bp.engine.status === 'ready' && bp.stats.sessionAt", timeout=READY_MS
    )
    page.get_by_label("Dataset").select_option("and_gate")
    page.wait_for_function(
        "() => bp.snapshot().settings.dataset === 'and_gate'"
        " && bp.snapshot().session?.pointCount === 4 && bp.snapshot().grid"
    )
    ticks = page.locator("#axis-x1 .tick").all_inner_texts()
    assert ticks[0].replace("−", "-") == "-0.5" and ticks[-1] == "1.5", ticks
    # (1, 1) sits at 75% across and 25% down a [-0.5, 1.5] window
    box = page.locator("#draw-layer").bounding_box()
    page.mouse.click(box["x"] + 0.75 * box["width"], box["y"] + 0.25 * box["height"])
    page.wait_for_function("() => bp.snapshot().selected?.index === 3")
    point = page.evaluate("() => bp.sessionPoints()[3]")
    assert point == [1, 1, 1]
