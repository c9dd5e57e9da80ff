"""The drawing kept in localStorage, in the real page (issue 11, items 8 and 9): bad saved rows
do not take the good ones with them, an unreadable record is kept aside with Download/Discard,
full storage is said (with the points as CSV), a link keeps the drawing it replaced one step
back (Restore), and two tabs never silently write over each other's points.

Saved values are planted before the page's scripts run (context.add_init_script, once per
context); the page is then used as a user would: its notices, buttons and downloads.
"""

import json
from pathlib import Path

import pytest
from pages import READY_MS, draw_two_classes, open_page, stroke, wait_snapshot

from bpcore import link

POINTS = "bp-playground:v1:points"
SETTINGS = "bp-playground:v1:settings"
NOTICES = "#notices .notice-box"


def plant(page, items):
    """Put {key: text} into localStorage before the page's first script, once per context."""
    page.context.add_init_script(
        f"""(() => {{
            if (localStorage.getItem("test-planted")) return;
            for (const [k, v] of Object.entries({json.dumps(items)})) localStorage.setItem(k, v);
            localStorage.setItem("test-planted", "1");
        }})();"""
    )


def stored(page, kind="points", where=None):
    """What storage keeps, as the page's facade says (bp.stored()): the text of the points or
    settings record, or of the one set aside ("aside") or replaced by a link ("previous")."""
    kept = page.evaluate("() => bp.stored()")
    return (kept[where] if where else kept)[kind]


def stored_points(page):
    return json.loads(stored(page))["points"]


def booted(page, base_url, fragment=""):
    """The page, once it has read the link or storage (no need for the engine)."""
    page.goto(base_url + "index.html" + fragment)
    page.wait_for_function("() => window.bp && bp.snapshot().settings", timeout=READY_MS)


def notice(page, text):
    """The notice that contains text (waits for it)."""
    box = page.locator(NOTICES, has_text=text)
    box.wait_for(timeout=10_000)
    return box


def custom_settings():
    settings = {"dataset": "custom", "problem": "classification", "classes": 2}
    return json.dumps({"v": 1, "settings": settings})


def grid_rows(n):
    """n valid quantised-looking points of two classes, all distinct."""
    return [[-5 + 0.25 * i, (-1) ** i * 2.0, i % 2] for i in range(n)]


# ---------------------------------------------------------------------------- item 8: reading


def test_one_bad_row_keeps_the_other_29_and_the_record_aside(page, base_url):
    rows = grid_rows(30)
    bad = [*rows[:7], [1, "a", 0], *rows[8:]]  # row 8 of 30 is broken
    raw = json.dumps({"v": 1, "points": bad})
    plant(page, {POINTS: raw, SETTINGS: custom_settings()})
    booted(page, base_url)
    wait_snapshot(page, "s.drawn.length > 0", timeout=10_000)
    assert page.evaluate("() => bp.snapshot().drawn") == rows[:7] + rows[8:]
    box = notice(page, "1 of 30 saved points could not be read")
    assert stored(page, "points", "aside") == raw
    with page.expect_download() as d:
        box.get_by_role("button", name="Download it").click()
    assert d.value.suggested_filename == "saved-drawing.json"
    assert Path(d.value.path()).read_text() == raw
    box.get_by_role("button", name="Discard").click()
    page.locator(NOTICES).wait_for(state="detached")
    assert stored(page, "points", "aside") is None


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        json.dumps({"v": 2, "points": [[0, 0, 0], [1, 1, 1]]}),  # a newer page's format
        '{"v": 1, "points": ' + "[" * 5000 + "]" * 5000 + "}",  # nested 5,000 deep
    ],
    ids=["corrupt", "version", "nested"],
)
def test_an_unreadable_drawing_is_kept_aside_and_said(page, base_url, raw):
    plant(page, {POINTS: raw, SETTINGS: "{broken"})
    booted(page, base_url)
    box = notice(page, "Your saved drawing could not be read; it is kept aside.")
    notice(page, "Your saved settings could not be read")
    assert stored(page, "points", "aside") == raw
    assert stored(page, "settings", "aside") == "{broken"
    with page.expect_download() as d:
        box.get_by_role("button", name="Download it").click()
    assert Path(d.value.path()).read_text() == raw
    # still offered after a reload (the page has written its own record over the bad one)
    page.reload()
    notice(page, "Your saved drawing could not be read; it is kept aside.")
    assert stored(page, "points", "aside") == raw


# ---------------------------------------------------------------------------- item 8: full storage


def fill_storage(page):
    """Fill localStorage to the last character (real QuotaExceededError, no stubs)."""
    return page.evaluate(
        """() => {
            let n = 0;
            for (let size = 1 << 20; size >= 1; size >>= 1) {
                const piece = "x".repeat(size);
                for (;;) {
                    try { localStorage.setItem("test-fill-" + n, piece); n++; } catch { break; }
                }
            }
            return n;
        }"""
    )


def test_full_storage_is_said_and_the_points_can_be_downloaded(page, base_url):
    open_page(page, base_url)
    draw_two_classes(page)
    saved = stored_points(page)
    assert fill_storage(page) > 0
    stroke(page, [(0, -5), (0, 5)])  # more points: the record no longer fits
    wait_snapshot(page, "s.drawn.length > arg", arg=len(saved))
    box = notice(page, "Your drawing is not being saved")
    assert stored_points(page) == saved  # nothing new was written...
    drawn = page.evaluate("() => bp.snapshot().drawn")
    with page.expect_download() as d:
        box.get_by_role("button", name="Download points (CSV)").click()
    lines = Path(d.value.path()).read_text().strip().splitlines()
    assert lines[0] == "x1,x2,label"
    assert [[float(v) for v in line.split(",")] for line in lines[1:]] == drawn
    # room again: the next stroke is saved and the notice goes
    page.evaluate(
        "() => Object.keys(localStorage).filter((k) => k.startsWith('test-fill-'))"
        ".forEach((k) => localStorage.removeItem(k))"
    )
    stroke(page, [(1, -5), (1, 5)])
    page.locator(NOTICES, has_text="not being saved").wait_for(state="detached")
    assert stored_points(page) == page.evaluate("() => bp.snapshot().drawn")


# ---------------------------------------------------------------------------- item 9: links


def test_a_link_keeps_the_drawing_it_replaced_one_step_back(page, base_url):
    open_page(page, base_url)
    mine = draw_two_classes(page)
    page.evaluate("() => bp.flushLink()")
    settings = page.evaluate("() => bp.snapshot().settings")
    xor = link.encode_link({**settings, "dataset": "xor"})  # someone's link: bpcore's codec
    page.goto("about:blank")
    booted(page, base_url, "#" + xor)  # someone's link, opened over my drawing
    box = notice(page, f"This link replaced the drawing saved in this browser ({len(mine)} points)")
    assert page.evaluate("() => bp.snapshot().settings.dataset") == "xor"
    box.get_by_role("button", name="Restore my previous drawing").click()
    wait_snapshot(page, "s.settings.dataset === 'custom' && s.drawn.length === arg", arg=len(mine))
    assert page.evaluate("() => bp.snapshot().drawn") == mine
    page.evaluate("() => bp.flushLink()")  # the restored settings saved too
    assert stored_points(page) == mine
    page.locator(NOTICES).wait_for(state="detached")
    # the same link again, while the page is open (hashchange): offered again; Dismiss
    page.evaluate("(h) => { location.hash = h; }", xor)
    box = notice(page, "This link replaced the drawing saved in this browser")
    box.get_by_role("button", name="Dismiss").click()
    page.locator(NOTICES).wait_for(state="detached")
    # a reload of the link the page itself wrote replaces nothing: no notice
    wait_snapshot(page, "s.epoch !== null", timeout=READY_MS)
    page.evaluate("() => bp.flushLink()")
    page.reload()
    wait_snapshot(page, "s.epoch !== null", timeout=READY_MS)
    assert page.locator(NOTICES).count() == 0


# ---------------------------------------------------------------------------- item 9: two tabs


def test_two_tabs_never_silently_overwrite_each_others_points(page, base_url):
    a = page
    open_page(a, base_url)
    draw_two_classes(a)
    b = a.context.new_page()
    open_page(b, base_url)  # the same drawing, from storage
    # tab B draws something else: tab A is told, and offered it
    b.get_by_role("button", name="Clear").click()
    b.get_by_role("button", name="Draw", exact=True).click()
    stroke(b, [(-2, 0), (2, 0)])
    wait_snapshot(b, "s.drawn.length > 0")
    theirs = b.evaluate("() => bp.snapshot().drawn")
    assert stored_points(a) == theirs
    box = notice(a, "Another tab saved a different drawing")
    # tab A keeps drawing: B's newer points are not written over without a word
    n = len(a.evaluate("() => bp.snapshot().drawn"))
    stroke(a, [(0, -5), (0, 5)])
    wait_snapshot(a, "s.drawn.length > arg", arg=n)
    assert stored_points(a) == theirs
    box.get_by_role("button", name="Load the other tab's drawing").click()
    wait_snapshot(a, "JSON.stringify(s.drawn) === JSON.stringify(arg)", arg=theirs)
    a.locator(NOTICES).wait_for(state="detached")
    # B changes again; this time A keeps its own, on purpose: then B is told
    stroke(b, [(4, -4), (4, 4)])
    box = notice(a, "Another tab saved a different drawing")
    box.get_by_role("button", name="Keep this tab's drawing").click()
    mine = a.evaluate("() => bp.snapshot().drawn")
    assert stored_points(a) == mine
    notice(b, "Another tab saved a different drawing")
