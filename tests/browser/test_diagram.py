"""The network diagram at its limits, in the real page: every layer and the output can be seen
at 1280x800 and on a 390x844 phone (issue 10.2), and opening the largest valid link (10 x 64,
7 features, 2,000 points) does not freeze the main thread (issue 11.6: it took 3-9 s to build
~77,000 SVG nodes; the links are now drawn on canvases).

Helpers here (link_spots, point_at_link) find a link on screen from the neurons' boxes, as a user
would aim at it; test_widgets and test_playground use them too.
"""

from __future__ import annotations

import base64
import os

import pytest
from artifacts import shoot
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from test_page import open_page

from bpcore import link

ALL_FEATURES = ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"]
LONG_TASK_MS = 200

# Points on the curve of link (layer, i, j), computed from the neurons' boxes (a feature's: its
# tile): the diagram draws each link from the source's right edge to the target's left edge,
# both control points at the middle x, so x(t) = x0 + dx (1.5t - 1.5t^2 + t^3) and
# y(t) = y0 + dy (3t^2 - 2t^3).
LINK_SPOTS = """([layer, root, limit]) => {
    const cols = [...document.querySelectorAll(root + ' .bp-net-stage > .bp-net-col')];
    const thumbs = (k) => [...cols[k].querySelectorAll(k === 0
        ? '.bp-feature[aria-pressed="true"] .bp-thumb' : '.bp-neuron')]
        .map((e) => e.getBoundingClientRect());
    const src = thumbs(layer), dst = thumbs(layer + 1), out = [];
    for (const t of [0.3, 0.7, 0.2, 0.8, 0.5]) {
        const u = 1.5 * t - 1.5 * t * t + t * t * t, s = 3 * t * t - 2 * t * t * t;
        dst.forEach((d, i) => src.forEach((a, j) => {
            const x0 = a.right, y0 = a.top + a.height / 2, x1 = d.left, y1 = d.top + d.height / 2;
            out.push([x0 + (x1 - x0) * u, y0 + (y1 - y0) * s, i, j]);
        }));
    }
    return out.slice(0, limit);
}"""


def link_spots(page, layer, root=".bp-net", limit=200):
    return page.evaluate(LINK_SPOTS, [layer, root, limit])


def point_at_link(page, layer, root=".bp-net"):
    """Move the mouse onto some link of weight layer `layer` that the diagram then points at:
    [x, y, i, j], or None."""
    for x, y, i, j in link_spots(page, layer, root):
        page.mouse.move(x, y)
        hover = page.evaluate(
            "() => { const h = document.querySelector('.bp-link-hover');"
            " return h && h.dataset.l !== undefined"
            " ? [h.dataset.l, h.dataset.i, h.dataset.j].map(Number) : null; }"
        )
        if hover == [layer, i, j]:
            return [x, y, i, j]
    return None


def largest_link():
    """The table's largest network on 2,000 drawn points, as a share link's fragment."""
    pts = [[((k * 37) % 100) / 10 - 5, ((k * 61) % 100) / 10 - 5, k % 2] for k in range(2000)]
    settings = {"dataset": "custom", "layers": [64] * 10, "features": ALL_FEATURES}
    # as a v1 link (no checksum): the page opens it still, and so did the page before the diagram
    # was redrawn, which this test must be able to fail on
    body = link.encode_link(settings, pts).split(".", 1)[1]
    data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))[: -link.CHECK_BYTES]
    return "v1." + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


REACH_JS = """() => {
        const scroller = document.querySelector('#network-view .bp-net-scroll');
        const box = scroller.getBoundingClientRect();
        // a scrollbar one can see: the native one when it takes room (not an overlay), or the
        // diagram's own track
        const track = document.querySelector('#network-view .bp-net-track');
        const own = track && !track.hidden ? track.getBoundingClientRect().height : 0;
        const bar = Math.max(scroller.offsetHeight - scroller.clientHeight, own);
        const scrolls = scroller.scrollWidth > scroller.clientWidth + 1;
        const cols = [...scroller.querySelectorAll('.bp-net-col')].map((c) => {
            const r = c.getBoundingClientRect();
            const inside = r.left >= box.left - 1 && r.right <= box.left + scroller.clientWidth + 1
                && r.right <= window.innerWidth + 1;
            const reachable = scrolls && bar >= 4
                && r.right - box.left + scroller.scrollLeft <= scroller.scrollWidth + 1;
            return {cls: c.className, left: r.left, right: r.right, inside, reachable};
        });
        return {cols, bar, scrolls, width: scroller.clientWidth,
                page: document.documentElement.scrollWidth - window.innerWidth};
    }"""


def diagram_reach(page):
    """For each column of the diagram: is it within the diagram's visible box, or reachable by
    a scrollbar that can be seen?"""
    return page.evaluate(REACH_JS)


@pytest.fixture(scope="module")
def ctx(browser):
    context = browser.new_context()
    yield context
    context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
@pytest.mark.parametrize("net", ["8x5", "64x10"])
def test_every_layer_and_the_output_can_be_seen(page, base_url, width, height, net):
    page.set_viewport_size({"width": width, "height": height})
    if net == "8x5":
        open_page(page, base_url)
        page.locator("#layers").fill("8,8,8,8,8")
        page.locator("#layers").press("Enter")
        hidden = 5
    else:
        page.goto(base_url + "index.html#" + largest_link())
        hidden = 10
    page.wait_for_function(
        "(n) => document.querySelectorAll('#network-view .bp-net-hidden').length === n"
        " && document.querySelectorAll('#network-view .bp-net-output .bp-neuron').length > 0",
        arg=hidden,
        timeout=120_000,
    )
    page.wait_for_function("() => window.bp && bp.snapshot().epoch !== null", timeout=120_000)
    page.locator("#network-view").scroll_into_view_if_needed()
    # the columns settle on the width after a ResizeObserver round: wait for what is asserted
    # below (every column seen, or at 1280 px inside), up to a few seconds, then check it
    settled = "(desk) => { const r = (" + REACH_JS + ")();"
    settled += (
        " return r.page <= 0 && r.cols.every((c) => desk ? c.inside : c.inside || c.reachable); }"
    )
    try:
        page.wait_for_function(settled, arg=width >= 1280, timeout=5_000)
    except PlaywrightTimeout:
        pass  # the assertions below say what is wrong
    shoot(page, f"diagram-{net}-{width}x{height}")
    reach = diagram_reach(page)
    assert len(reach["cols"]) == hidden + 2
    lost = [c for c in reach["cols"] if not (c["inside"] or c["reachable"])]
    assert not lost, f"columns cut off with no visible scrollbar: {lost} ({reach})"
    assert reach["page"] <= 0, "the page itself scrolls sideways"
    if width >= 1280:
        # at desktop width the table's largest network fits without scrolling
        assert all(c["inside"] for c in reach["cols"]), reach


def busy_factor():
    """How oversubscribed the CPUs are (1 when idle): LONG_TASK_MS is meant for a machine of our
    own; with other work queued (load 20 on 2 cores while the suite runs) a task takes that many
    times longer on the wall clock, and the old diagram's 3-9 s still fail by far."""
    try:
        return max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))
    except OSError:
        return 1.0


def test_opening_the_largest_link_does_not_freeze_the_page(page, base_url):
    """Opening the 10 x 64 link: no main-thread task over LONG_TASK_MS (it was 3-9 s)."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, base_url)
    busy = busy_factor()
    page.evaluate("""() => {
        window.__long = [];
        new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
                window.__long.push([Math.round(e.startTime), Math.round(e.duration)]);
            }
        }).observe({type: 'longtask'});
    }""")
    page.evaluate("(f) => { location.hash = f; }", largest_link())
    # the new network is built and its pictures have arrived (the output thumbnail is painted),
    # then a little while for the links; only the DOM is polled (bp.snapshot() copies 2,000
    # points each time). A page frozen past the deadline is judged by its long tasks too.
    try:
        page.wait_for_function(
            "() => document.querySelectorAll('#network-view .bp-net-hidden .bp-neuron').length"
            " === 640 && (() => {"
            " const c = document.querySelector('#network-view .bp-net-output .bp-thumb');"
            " return c && c.width > 1"
            " && c.getContext('2d').getImageData(0, 0, 1, 1).data[3] === 255; })()",
            timeout=120_000,
            polling=500,
        )
        settled = True
    except PlaywrightTimeout:
        settled = False
    page.wait_for_timeout(2000)
    tasks = page.evaluate("() => window.__long")
    longest = max((t[1] for t in tasks), default=0)
    busy = min(busy, busy_factor())
    allowed = LONG_TASK_MS * busy
    assert longest <= allowed, (
        f"longest main-thread task {longest} ms (allowed {allowed:.0f}, load x{busy:.1f}): {tasks}"
    )
    assert settled, "the 10 x 64 network did not appear within 120 s"
    assert page.evaluate("() => bp.snapshot().session.pointCount") == 2000
    # and the diagram is usable: pointing at a link of the widest part names its weight
    page.locator("#network-view").scroll_into_view_if_needed()
    spot = point_at_link(page, 5, root="#network-view")
    assert spot, "no link between layers 5 and 6 can be pointed at"
    tip = page.locator("#network-view .bp-link-tip")
    assert tip.is_visible()
    assert tip.inner_text().startswith(
        f"Weight from layer 5 neuron {spot[3] + 1} to layer 6 neuron {spot[2] + 1}"
    )
    # a layer of 64 is one tab stop; the arrow keys walk it
    first = page.locator('#network-view [data-key="neuron-0-0"]')
    assert (
        page.locator("#network-view .bp-net-hidden")
        .first.locator(".bp-neuron[tabindex='0']")
        .count()
        == 1
    )
    first.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == (
        "Layer 1 neuron 2"
    )


def test_output_neurons_are_labelled_by_class(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, base_url)
    page.get_by_label("Dataset").select_option("blobs")
    page.get_by_label("Classes").select_option("3")
    page.wait_for_function(
        "() => document.querySelectorAll('#network-view .bp-net-output .bp-neuron').length === 3"
    )
    labels = page.locator("#network-view .bp-out-label").all_inner_texts()
    assert [t.strip() for t in labels] == ["class 0", "class 1", "class 2"]
    page.get_by_role("button", name="Output, class 1", exact=True).hover()
    page.wait_for_function("() => !!bp.snapshot().focus")
