"""The lesson's path keeps its controls (issue 19, item 2), in headless Chromium at 1366x768,
1920x1080 and on a 390x844 touch phone.

- A point clicked on the map opens the inspector and leaves the map where it was (before: the
  page scrolled to the inspector, away from the map); a button under the map names the point
  and leads to its numbers.
- The lesson's "Show on the example" brings the inspector into view and the walk bar comes
  along: docked at the window's bottom edge, its Previous / Next work there (before: they stayed
  above the diagram, off screen); back at the diagram it sits in its place again.
- The walk bar names its keys only where there is a keyboard (not on the touch phone).
- The toolbar's "Step through" and the lesson's buttons have names a beginner can tell apart,
  in English and in Chinese (before: 逐步演示 and 演示), and on the phone the step-through
  button shows its label, not only its icon.
Screenshots: tests/artifacts/path-*.png.
"""

import pytest
from artifacts import shoot
from pages import READY_MS, painted

SIZES = {"1366": (1366, 768), "1920": (1920, 1080), "phone": (390, 844)}


def visitor(browser, base_url, size, locale="en-US"):
    width, height = SIZES[size]
    touch = size == "phone"
    context = browser.new_context(
        locale=locale,
        viewport={"width": width, "height": height},
        is_mobile=touch,
        has_touch=touch,
        device_scale_factor=1,
    )
    pg = context.new_page()
    pg.bp_errors = []
    pg.on("pageerror", lambda exc: pg.bp_errors.append(str(exc)))
    pg.on("console", lambda m: m.type == "error" and pg.bp_errors.append(m.text))
    pg.goto(base_url + "index.html")
    pg.wait_for_function(
        "() => window.bp && bp.engine.status === 'ready' && bp.snapshot().session"
        " && !bp.snapshot().session.preview && document.querySelector('#lesson .lesson-show')",
        timeout=READY_MS,
    )
    return context, pg


def settled(pg):
    """Wait until the page stops scrolling (a smooth scroll runs over several frames)."""
    pg.evaluate(
        """() => new Promise((resolve) => {
            let last = scrollY, still = 0;
            const tick = () => {
                still = scrollY === last ? still + 1 : 0;
                last = scrollY;
                if (still >= 10) resolve(null); else requestAnimationFrame(tick);
            };
            requestAnimationFrame(tick);
        })"""
    )


def in_window(pg, selector):
    """The element's box lies wholly inside the window (and it is shown)."""
    return pg.evaluate(
        """(sel) => { const e = document.querySelector(sel); if (!e) return false;
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
                && r.bottom <= innerHeight && r.right <= innerWidth; }""",
        selector,
    )


def click_a_point(pg):
    """Bring the map into view, then click (tap) the data point nearest its middle."""
    pg.locator("#map").scroll_into_view_if_needed()
    settled(pg)
    x, y = pg.evaluate(
        """() => {
            const [lo, hi] = bp.snapshot().view, pts = bp.sessionPoints();
            const mid = (lo + hi) / 2, far = (p) => Math.hypot(p[0] - mid, p[1] - mid);
            let best = pts[0];
            for (const p of pts) if (far(p) < far(best)) best = p;
            const r = document.getElementById('draw-layer').getBoundingClientRect();
            const u = (best[0] - lo) / (hi - lo), v = (hi - best[1]) / (hi - lo);
            return [r.left + u * r.width, r.top + v * r.height];
        }"""
    )
    before = pg.evaluate("scrollY")
    if pg.evaluate("matchMedia('(pointer: coarse)').matches"):
        pg.touchscreen.tap(x, y)
    else:
        pg.mouse.click(x, y)
    return before


@pytest.mark.parametrize("size", list(SIZES))
def test_the_lesson_s_path_keeps_its_controls(browser, base_url, size):
    context, pg = visitor(browser, base_url, size)
    try:
        phone = size == "phone"
        assert not pg.locator("#to-inspector").is_visible()  # no point inspected yet
        # a point clicked on the map: the inspector has it, the map stays in view
        before = click_a_point(pg)
        pg.wait_for_function(
            "() => bp.snapshot().selected?.kind === 'point'"
            " && document.querySelector('#inspector-panel .bpi')"
        )
        painted(pg)
        settled(pg)
        assert pg.evaluate("scrollY") == before, "a point clicked scrolled the page"
        assert in_window(pg, "#draw-layer") or pg.evaluate(
            "document.getElementById('draw-layer').getBoundingClientRect().top >= 0"
        )
        go = pg.locator("#to-inspector")
        assert go.is_visible() and "Data point" in go.inner_text()
        # under the map, not elsewhere in its panel
        under, legend = go.bounding_box(), pg.locator("#map-legend").bounding_box()
        frame = pg.locator("#draw-layer").bounding_box()
        assert frame["y"] + frame["height"] <= under["y"] <= legend["y"], (frame, under, legend)
        go.click()
        settled(pg)
        top = pg.evaluate("document.getElementById('inspector-panel').getBoundingClientRect().top")
        assert -5 <= top < 100, top

        # the toolbar's button and the lesson's have names a beginner tells apart; on the phone
        # the step-through button shows its words
        label = pg.locator("#step-through span")
        box = label.bounding_box()
        assert box and box["width"] > 20 and box["height"] > 8, box
        assert pg.evaluate(
            "getComputedStyle(document.querySelector('#step-through span')).clipPath"
        ) in ("none", "")
        tool = pg.locator("#step-through").inner_text().strip()
        shows = pg.locator("#lesson .lesson-show").all_inner_texts()
        assert tool and all(tool not in s and s not in tool for s in shows), (tool, shows)

        # the lesson's button: the inspector comes into view, and so does the walk bar
        pg.locator("#lesson-loss .lesson-show").click()
        pg.wait_for_function("() => bp.stepThrough.stage() === 'loss'", timeout=60_000)
        pg.wait_for_function(
            """() => { const r = document.getElementById('inspector-panel').getBoundingClientRect();
                       return r.top < innerHeight / 2 && r.bottom > innerHeight / 2; }"""
        )
        settled(pg)
        painted(pg)
        shoot(pg, f"path-show-{size}", full_page=False)
        assert pg.locator("#walk-bar").evaluate("(e) => e.classList.contains('is-docked')")
        for part in ("prev", "next", "take", "stop"):
            assert in_window(pg, f"#walk-bar .bp-walkbar-{part}"), part
        nxt = pg.locator("#walk-bar").get_by_role("button", name="Next", exact=True)
        nxt.click()
        pg.wait_for_function("() => bp.stepThrough.stage() === 'backward-2'")
        pg.locator("#walk-bar").get_by_role("button", name="Previous", exact=True).click()
        pg.wait_for_function("() => bp.stepThrough.stage() === 'loss'")
        # the inspector's heading is not covered by the docked bar
        head = pg.locator("#inspector-panel h2").bounding_box()
        bar = pg.locator("#walk-bar").bounding_box()
        assert head["y"] + head["height"] <= bar["y"], (head, bar)
        # its keys are named only where there is a keyboard
        keys = pg.locator("#walk-bar .bp-walkbar-keys")
        foot = pg.locator(".foot .keys-hint")
        if phone:
            assert not keys.is_visible() and not foot.is_visible()
        else:
            assert keys.is_visible() and "Esc" in keys.inner_text()
            assert foot.is_visible() and "Space" in foot.inner_text()
        # back at the diagram, the bar sits in its place above it
        pg.locator("#network-view").scroll_into_view_if_needed()
        pg.evaluate("document.getElementById('network-title').scrollIntoView({block: 'start'})")
        settled(pg)
        pg.wait_for_function(
            "() => !document.getElementById('walk-bar').classList.contains('is-docked')"
        )
        bar = pg.locator("#walk-bar").bounding_box()
        net = pg.locator("#network-view").bounding_box()
        assert bar["y"] + bar["height"] <= net["y"] + 1, (bar, net)
        assert pg.evaluate("document.documentElement.scrollWidth") <= SIZES[size][0]
        shoot(pg, f"path-home-{size}", full_page=False)
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors


def test_the_names_in_chinese(browser, base_url):
    """逐步查看 (the toolbar) and 在例子上看 / 载入这个例子 (the lesson): neither name is part
    of the other (before: 逐步演示 and 演示)."""
    context, pg = visitor(browser, base_url, "phone", "zh-CN")
    try:
        tool = pg.locator("#step-through").inner_text().strip()
        assert tool == "逐步查看"
        assert pg.locator("#step-through span").is_visible()
        shows = pg.locator("#lesson .lesson-show").all_inner_texts()
        assert set(shows) == {"在例子上看", "载入这个例子"}, shows
        assert all(tool not in s and s not in tool and "演示" not in s for s in shows)
        assert not pg.locator("#walk-bar .bp-walkbar-keys").is_visible()
        shoot(pg, "path-toolbar-zh-phone", full_page=False)
    finally:
        context.close()
    assert not pg.bp_errors, pg.bp_errors
