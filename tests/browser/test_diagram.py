"""The network diagram at its limits, in the real page: every layer and the output can be seen
at 1280x800 and on a 390x844 phone (issue 10.2), and opening the largest valid link (10 x 64,
7 features, 2,000 points) does not freeze the main thread (issue 11.6: it took 3-9 s to build
~77,000 SVG nodes; the links are now drawn on canvases).

The helpers that find a link on screen from the neurons' boxes, as a user would aim at it
(link_spots, point_at_link), are in pages.py.
"""

from __future__ import annotations

import base64
import json

import pytest
from artifacts import shoot
from pages import open_page, point_at_link
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bpcore import link
from bpcore.settings import SETTINGS

ALL_FEATURES = ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"]
LONG_TASK_MS = 200  # CPU time of one main-thread task


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


# The page has gone quiet: an idle period of the longest kind (Chrome gives up to 50 ms only when
# no frame is due) with no engine request open, so no drawing is queued or about to be.
QUIET = """(ms) => new Promise((resolve) => {
    const deadline = performance.now() + ms;
    const look = () => requestIdleCallback((d) => {
        if (d.timeRemaining() >= 40 && !bp.engine.busy) resolve(true);
        else if (performance.now() > deadline) resolve(false);
        else look();
    });
    look();
})"""


def main_thread_tasks(trace_json, url_end="index.html"):
    """The page's main-thread tasks in a Chromium trace: [(wall ms, CPU ms)], longest CPU first.
    CPU (thread) time is what the task itself cost; wall time also counts the waits for a core
    that other processes hold (on a loaded 2-core machine several times the CPU time)."""
    events = json.loads(trace_json)["traceEvents"]
    pids = {
        f["processId"]
        for e in events
        if e.get("name") == "TracingStartedInBrowser"
        for f in e["args"]["data"].get("frames", [])
        if f.get("url", "").split("#")[0].endswith(url_end)
    }
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("ph") == "M"
        and e.get("name") == "thread_name"
        and e["pid"] in pids
        and e["args"]["name"] == "CrRendererMain"
    }
    runs = [
        e
        for e in events
        if e.get("name") == "RunTask" and e.get("ph") == "X" and (e["pid"], e["tid"]) in main
    ]
    assert runs and all("tdur" in e for e in runs), "the trace has no thread times for the page"
    return sorted(((e["dur"] / 1000, e["tdur"] / 1000) for e in runs), key=lambda t: -t[1])


def test_opening_the_largest_link_does_not_freeze_the_page(page, base_url, browser):
    """Opening the 10 x 64 link: no main-thread task costs over LONG_TASK_MS of CPU (it was
    3-9 s). CPU time, not wall time: the same task takes several times longer on the wall clock
    while other processes hold the cores, and CPU time does not depend on how loaded the machine
    is, so the limit needs no scaling by load."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, base_url)
    timeline = ["toplevel", "disabled-by-default-devtools.timeline"]
    browser.start_tracing(page=page, categories=timeline)
    try:
        page.evaluate("(f) => { location.hash = f; }", largest_link())
        # the new network is built and its pictures have arrived (the output thumbnail is
        # painted), then the page goes quiet (the links drawn); only the DOM is polled
        # (bp.snapshot() copies 2,000 points each time). A page frozen past the deadline is
        # judged by its tasks too.
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
            settled = page.evaluate(QUIET, 30_000)
        except PlaywrightTimeout:
            settled = False
    finally:
        tasks = main_thread_tasks(browser.stop_tracing())
    longest = tasks[0][1]
    worst = [(round(w), round(c)) for w, c in tasks[:8]]
    assert longest <= LONG_TASK_MS, (
        f"a main-thread task cost {longest:.0f} ms of CPU (allowed {LONG_TASK_MS}); "
        f"the longest (wall ms, CPU ms): {worst}"
    )
    assert settled, "the 10 x 64 network did not appear and settle within 120 s"


def test_the_diagrams_activation_choices_are_the_settings_tables(page, base_url):
    """Each hidden layer's activation select offers the settings table's choices in its order,
    as the page's own Activation select does, and choosing one sets that layer's activation."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, base_url)
    values = "(os) => os.map((o) => o.value)"
    table = list(SETTINGS["activation"].choices)
    assert page.locator("#activation option").evaluate_all(values) == table
    first = page.locator('#network-view [data-key="activation-0"]')
    assert first.locator("option").evaluate_all(values) == table
    layers = len(page.evaluate("() => bp.snapshot().settings.layers"))
    first.select_option("relu")
    page.wait_for_function(
        "(n) => JSON.stringify(bp.snapshot().settings.activation)"
        " === JSON.stringify(['relu', ...Array(n - 1).fill('tanh')])",
        arg=layers,
    )


def test_the_largest_network_can_be_pointed_at_and_walked(page, base_url):
    """The 10 x 64 link's diagram is usable: pointing at a link of the widest part names its
    weight, and a layer of 64 is one tab stop that the arrow keys walk."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + "index.html#" + largest_link())
    page.wait_for_function(
        "() => document.querySelectorAll('#network-view .bp-net-hidden .bp-neuron').length === 640"
        " && window.bp && bp.snapshot().epoch !== null",
        timeout=120_000,
        polling=500,
    )
    assert page.evaluate("() => bp.snapshot().session.pointCount") == 2000
    page.locator("#network-view").scroll_into_view_if_needed()
    spot = point_at_link(page, 5, root="#network-view")
    assert spot, "no link between layers 5 and 6 can be pointed at"
    tip = page.locator("#network-view .bp-link-tip")
    assert tip.is_visible()
    assert tip.inner_text().startswith(
        f"Weight from layer 5 neuron {spot[3] + 1} to layer 6 neuron {spot[2] + 1}"
    )
    first = page.locator('#network-view [data-key="neuron-0-0"]')
    stops = page.locator("#network-view .bp-net-hidden").first.locator(".bp-neuron[tabindex='0']")
    assert stops.count() == 1
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
