"""What the browser tests share: opening the playground (a fresh visitor's context for
module-scoped fixtures, or the test's own page), waiting on bp.snapshot() and on frames, the
widget harnesses, drawing on the map and aiming at the diagram's links as a user would, and
the native replay of a link the page wrote."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

READY_MS = 120_000  # Pyodide's first start on a loaded 2-core machine
HERE = Path(__file__).resolve().parent
WEB = HERE.parents[1] / "web"


def new_context_page(browser, locale="en-US", viewport=(1280, 800)):
    """A fresh context (a visitor with this browser language and window) and its page; the
    page's uncaught errors and console errors collect in page.bp_errors. Module-scoped
    fixtures share one such page between tests."""
    width, height = viewport
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.bp_errors = []
    pg.on("pageerror", lambda exc: pg.bp_errors.append(str(exc)))
    pg.on("console", lambda m: m.type == "error" and pg.bp_errors.append(m.text))
    return context, pg


def open_index(pg, base_url, query=""):
    """index.html, once the page can take actions (window.bp, a session or its preview)."""
    pg.goto(base_url + "index.html" + query)
    pg.wait_for_function("() => window.bp && bp.snapshot().epoch !== null", timeout=READY_MS)


def open_visitor(browser, base_url, locale="en-US", viewport=(1280, 800), query=""):
    """A fresh visitor's context and its page, the playground opened: (context, page)."""
    context, pg = new_context_page(browser, locale, viewport)
    open_index(pg, base_url, query)
    return context, pg


def wait_snapshot(page, cond, arg=None, timeout=30_000):
    """Wait until `cond`, a JS expression over `s = bp.snapshot()` (and `arg`), holds."""
    page.wait_for_function(
        "(arg) => { const s = window.bp && window.bp.snapshot(); "
        f"return Boolean(s && ({cond})); }}",
        arg=arg,
        timeout=timeout,
    )


def open_page(page, base_url):
    """index.html in the test's own page, once its session (or preview) is there."""
    page.goto(base_url + "index.html")
    try:
        page.wait_for_function(
            "() => window.bp && window.bp.snapshot().epoch !== null", timeout=READY_MS
        )
    except PlaywrightTimeout:
        state = page.evaluate("() => JSON.stringify({snapshot: bp.snapshot(), stats: bp.stats})")
        raise AssertionError(f"no session after {READY_MS} ms: {state}") from None


def painted(page):
    """Wait until the page has drawn its latest state: two animation frames (the page draws
    at most once per frame, in the first one after a change)."""
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def open_harness(pg, url, viewport=(1280, 800), clear_storage=False):
    """A widget harness (tests/browser/*_harness.html, served by the `harness_root` fixture),
    loaded and ready; with clear_storage, loaded again on empty storage."""
    width, height = viewport
    pg.set_viewport_size({"width": width, "height": height})
    pg.goto(url)
    if clear_storage:
        pg.evaluate("localStorage.clear()")
        pg.reload()
    pg.wait_for_function("() => window.harness && window.harness.ready")
    return pg


def harness_events(pg, kind):
    """The events a widget harness recorded (window.harness.events) of one kind."""
    return pg.evaluate("(k) => harness.events.filter((e) => e.type === k)", kind)


# ---------------------------------------------------------------------- the map and the diagram


def map_box(page):
    return page.locator("#draw-layer").bounding_box()


def to_px(box, x1, x2, view=(-6, 6)):
    """Data -> page pixels over the map showing `view` (bp.snapshot().view) on both axes."""
    lo, hi = view
    span = hi - lo
    return box["x"] + (x1 - lo) / span * box["width"], box["y"] + (hi - x2) / span * box["height"]


def stroke(page, points):
    """Drag the mouse through data coordinates [(x1, x2), ...] on the data view."""
    box = map_box(page)
    page.mouse.move(*to_px(box, *points[0]))
    page.mouse.down()
    for p in points[1:]:
        page.mouse.move(*to_px(box, *p), steps=4)
    page.mouse.up()


def draw_two_classes(page):
    """Two drags of orange points on the left, two of blue on the right."""
    draw = page.get_by_role("button", name="Draw", exact=True)
    if draw.get_attribute("aria-pressed") != "true":
        draw.click()
    page.get_by_role("radio", name="Orange").check()
    stroke(page, [(-5, -4), (-5, 4), (-3, 4), (-3, -4)])
    page.get_by_role("radio", name="Blue").check()
    stroke(page, [(5, -4), (5, 4), (3, 4), (3, -4)])
    page.wait_for_function("""() => { const s = bp.snapshot();
        return s.settings.dataset === "custom" && s.epoch !== null
            && s.session.pointCount === s.drawn.length && !s.stale; }""")
    return page.evaluate("() => bp.snapshot().drawn")


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


def wait_quiet(page, timeout=READY_MS):
    """The engine is up, the page's session is built, nothing trains or replays."""
    page.wait_for_function(
        """() => {
            const bp = window.bp;
            const s = bp && bp.snapshot();
            const ok = s && bp.engine.status === "ready" && !bp.engine.busy && s.epoch !== null
                && !s.training && !s.playing && !s.replay && s.hasWeights;
            window.__quiet = ok ? (window.__quiet || 0) + 1 : 0;
            return window.__quiet >= 5;
        }""",
        timeout=timeout,
        polling=100,
    )


def native_replay(link, *args, timeout=300):
    """`python -m bpcore replay LINK ARGS --json`, parsed; it must exit 0 (else its stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "bpcore", "replay", link, *args, "--json"],
        cwd=HERE.parents[1],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)
