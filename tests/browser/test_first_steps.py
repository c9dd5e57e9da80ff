"""A first-time user's first steps (issue 10, items 1, 4 and 11), in a real browser:

- every data set is reachable from every other through the Dataset menu (an article preset's
  suggested settings used to refuse Blobs, Plane, Multi-Gaussian and "Your own points");
- drawing point after point never moves an earlier point between the training and the test set,
  and the drawn test points are shown;
- during loading Play says it is queued, Step presses are kept, and drawing adds to the preset.
"""

import re

from artifacts import ARTIFACTS
from pages import READY_MS, map_box, open_page, painted, to_px, wait_snapshot
from playwright.sync_api import expect

from bpcore.session import Session
from bpcore.settings import SETTINGS

NAMES = [
    "circle", "xor", "gaussian", "spiral", "moons", "blobs", "plane", "multigauss",
    "article", "and_gate", "custom",
]  # fmt: skip
NATIVE = {name for name, row in SETTINGS.items() if row.live != "view"}
REFUSED = re.compile(r"^[a-z_0-9]+: |use softmax_ce|needs")
# the address bar's link has not changed for a second (links.js writes it debounced)
STEADY_HASH = """() => { const h = location.hash, t = performance.now();
    if (window.__hash !== h) { window.__hash = h; window.__since = t; return false; }
    return h.length > 1 && t - window.__since > 1000; }"""


def every_ordered_pair(names):
    """A walk through the menu choosing every data set right after every other (an Eulerian
    circuit of the complete directed graph: n(n-1) moves)."""
    out = {a: [b for b in names if b != a] for a in names}
    stack, walk = [names[0]], []
    while stack:
        v = stack[-1]
        if out[v]:
            stack.append(out[v].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]


def engine_settled(page):
    """Every request sent so far has been answered (replies come in order) and handled, and the
    views have drawn the result (two animation frames)."""
    page.evaluate("""async () => { await bp.engine.request('versions', {});
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))); }""")


def click_point(page, x1, x2):
    page.mouse.click(*to_px(map_box(page), x1, x2))


def split_of(page):
    """{(x1, x2, label): trains?} of the engine's points, from its own snapshot."""
    snap = page.evaluate("async () => (await bp.engine.request('snapshot', {})).snapshot")
    pts, train = snap["points"], set(snap["train_idx"])
    return {tuple(p): i in train for i, p in enumerate(pts)}


# How far the pixels on a point's ring (at 3/4 of a dot's radius) are from the map at its
# centre, in RGB: ~0 where no point is drawn (the map is smooth at that scale).
RING_CONTRAST = """([x1, x2]) => {
    const c = document.getElementById('heatmap'), [lo, hi] = bp.snapshot().view;
    const x = (x1 - lo) / (hi - lo) * c.width, y = (hi - x2) / (hi - lo) * c.height;
    const ctx = c.getContext('2d'), r = 0.75 * Math.max(2, c.width / 110);
    const at = (px, py) => ctx.getImageData(Math.round(px), Math.round(py), 1, 1).data;
    const mid = at(x, y);
    let most = 0;
    for (let k = 0; k < 16; k++) {
        const p = at(x + r * Math.cos(k * Math.PI / 8), y + r * Math.sin(k * Math.PI / 8));
        most = Math.max(most, Math.hypot(p[0] - mid[0], p[1] - mid[1], p[2] - mid[2]));
    }
    return most;
}"""


def draw_mode(page):
    """The pen on (picking "Your own points" may have turned it on already)."""
    if page.evaluate("() => bp.snapshot().mode") != "add":
        page.get_by_role("button", name="Draw", exact=True).click()
    wait_snapshot(page, "s.mode === 'add'")


# ---------------------------------------------------------------------------- item 1


def test_every_data_set_is_reachable_from_every_other(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, base_url)
    menu = page.get_by_label("Dataset")
    # some points of two classes of the user's own, so "Your own points" can train
    menu.select_option("custom")
    # the run shown is kept first (the way back), then the data set changes and the pen turns on
    wait_snapshot(page, "s.settings.dataset === 'custom'")
    draw_mode(page)
    for x1, label in ((-4, "Orange"), (-3, "Orange"), (3, "Blue"), (4, "Blue")):
        page.get_by_role("radio", name=label).check()
        click_point(page, x1, 1)
    wait_snapshot(page, "s.drawn.length === 4 && !s.stale && s.session.pointCount === 4")
    # leaving a preset gives back what it changed (here the defaults the page opened with)
    before = page.evaluate("() => bp.snapshot().settings")
    for name in ("and_gate", "circle"):
        menu.select_option(name)
        engine_settled(page)
    after = page.evaluate("() => bp.snapshot().settings")
    for key in ("loss", "lr", "batch_size", "layers", "activation"):
        assert after[key] == before[key], key
    expect(page.get_by_label("Learning rate")).to_have_value(str(before["lr"]))
    menu.select_option("custom")
    walk = every_ordered_pair(NAMES)
    assert len(walk) == len(NAMES) * (len(NAMES) - 1) + 1
    prev = "custom"
    for name in walk:
        if name == prev:
            continue
        menu.select_option(name)
        engine_settled(page)
        s = page.evaluate("() => bp.snapshot()")
        notice = s["notice"] if isinstance(s["notice"], str) else ""
        where = f"{prev} -> {name}: {notice!r}"
        assert menu.input_value() == name, where
        assert s["settings"]["dataset"] == name, where
        assert not REFUSED.search(notice), where
        prev = name


# ---------------------------------------------------------------------------- item 4


def test_drawn_points_keep_their_set_and_stay_in_sight(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, base_url)
    page.get_by_label("Dataset").select_option("custom")
    wait_snapshot(page, "s.settings.dataset === 'custom'")
    page.get_by_role("button", name="Clear").click()
    wait_snapshot(page, "s.drawn.length === 0")
    draw_mode(page)
    seen = {}
    clicks = [(-4 + 0.7 * i, (-1) ** i * (1 + 0.4 * i), i % 2) for i in range(12)]
    for n, (x1, x2, label) in enumerate(clicks, start=1):
        page.get_by_role("radio", name=["Orange", "Blue"][label]).check()
        click_point(page, x1, x2)
        wait_snapshot(page, "s.drawn.length === arg", n)
        if n < 2:
            continue
        wait_snapshot(page, "!s.stale && s.session.pointCount === arg", n)
        engine_settled(page)
        split = split_of(page)
        assert len(split) == n
        for p, trains in seen.items():
            assert split[p] == trains, f"point {p} moved after drawing point {n}"
        seen.update(split)
    assert 0 < sum(seen.values()) < len(seen), "both sets have drawn points"
    # "Show test data" stays as the user had it (off), and the drawn test points stay in sight:
    # a faint hollow ring of their colour (not nothing, as a hidden point would be)
    assert not page.get_by_label("Show test data").is_checked()
    assert page.evaluate("() => bp.snapshot().settings.show_test") is False
    painted(page)
    tests = [p for p, trains in seen.items() if not trains]
    assert all(page.evaluate(RING_CONTRAST, [p[0], p[1]]) > 40 for p in tests), tests
    page.locator("#heatmap").screenshot(path=str(ARTIFACTS / "drawn-test-points.png"))
    # the link (and storage) bring back the same points with the same split
    page.wait_for_function(STEADY_HASH)
    page.reload()
    wait_snapshot(page, "s.epoch !== null && s.session.pointCount === 12", timeout=READY_MS)
    assert split_of(page) == seen
    # bpcore run natively (the CLI, replay) splits the page's points the same way
    s = page.evaluate("() => bp.snapshot()")
    native = Session({k: v for k, v in s["settings"].items() if k in NATIVE}, s["drawn"])
    assert {tuple(p): i in set(native.train_idx.tolist()) for i, p in enumerate(s["drawn"])} == seen


# ---------------------------------------------------------------------------- item 11


def hold_the_engine(page):
    """Hold worker.mjs (so the engine cannot start) until the returned release() is called."""
    held = []
    page.route("**/worker.mjs", lambda route: held.append(route))

    def release():
        for route in held:
            route.continue_()
        page.unroute("**/worker.mjs")

    return release


def test_play_and_step_during_loading_are_kept(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    release = hold_the_engine(page)
    page.goto(base_url + "index.html")
    wait_snapshot(page, "s.session && s.session.preview && s.load.status === 'loading'")
    page.get_by_role("button", name="Step", exact=True).click()
    page.get_by_role("button", name="Step", exact=True).click()
    wait_snapshot(page, "/2 epochs will run when the engine is ready/.test(s.notice)")
    expect(page.locator("#notice")).to_have_text(re.compile("^Step: 2 epochs"))
    release()
    wait_snapshot(page, "s.epoch === 2 && !s.playing", timeout=READY_MS)
    expect(page.locator("#notice")).to_have_text("")


def test_play_during_loading_says_it_starts_when_ready(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    release = hold_the_engine(page)
    page.goto(base_url + "index.html")
    wait_snapshot(page, "s.session && s.session.preview && s.load.status === 'loading'")
    page.locator("#play").click()
    expect(page.locator("#play-label")).to_have_text("Starts when ready")
    expect(page.locator("#notice")).to_contain_text("starts when the engine is ready")
    # drawing during loading adds to the preset's points (the preview shows them)
    draw_mode(page)
    click_point(page, 1, 1)
    wait_snapshot(page, "s.drawn.length === 501 && s.settings.dataset === 'custom'")
    release()
    trained = "s.epoch >= 5 && s.playing && s.session.pointCount === 501"
    wait_snapshot(page, trained, timeout=READY_MS)
    expect(page.locator("#play-label")).to_have_text("Pause")
    page.locator("#play").click()
