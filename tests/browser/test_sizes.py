"""Issue 19, item 8: readable at every size. At 1366x768 (a laptop), 1920x1080 (a teacher's
screen) and 390x844 (a phone), measured as boxes and pixels, not from screenshots alone:
a narrowed window refits the diagram; six layers of eight keep their headers and the charts'
tick labels apart; the step-through's labels sit on their own links, apart, with the bias
updates; the map grows with the screen and stays square; the panels line up and a cut table
shows it scrolls; small inspector numbers are plain decimals and a blown-up loss reads on one
line; a data set without a test split says so.

Every test here fails on the page before these changes (BP_DIST=<main's dist>). Screenshots
land in tests/artifacts/sizes-*.png, in English and in Chinese.
"""

import re

import pytest
from artifacts import shoot
from pages import new_context_page, open_index, painted, wait_snapshot

LAPTOP, WIDE, PHONE = (1366, 768), (1920, 1080), (390, 844)
SIZES = [LAPTOP, WIDE, PHONE]


def visitor(browser, base_url, size, locale="en-US"):
    """A fresh visitor at `size` (a phone: touch, mobile), the page open: (context, page)."""
    context, pg = new_context_page(browser, locale, size)
    if size[0] < 600:  # a phone's context, as test_readable's
        context.close()
        context = browser.new_context(
            locale=locale,
            viewport={"width": size[0], "height": size[1]},
            is_mobile=True,
            has_touch=True,
        )
        pg = context.new_page()
        pg.bp_errors = []
        pg.on("pageerror", lambda exc: pg.bp_errors.append(str(exc)))
        pg.on("console", lambda m: m.type == "error" and pg.bp_errors.append(m.text))
    open_index(pg, base_url)
    wait_snapshot(pg, "s.session && !s.session.preview && s.grid")
    return context, pg


def close(context, pg):
    errors = pg.bp_errors
    context.close()
    assert not errors, errors


def train_to(pg, epochs):
    pg.click("#play")
    pg.wait_for_function("(n) => bp.snapshot().metrics.epoch >= n", arg=epochs, timeout=120_000)
    pg.evaluate("() => bp.pause()")
    pg.wait_for_function("() => !bp.snapshot().playing && !bp.snapshot().training")
    painted(pg)


def no_page_overflow(pg):
    assert pg.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 0


# ---------------------------------------------------------------------- narrowing the window


@pytest.mark.parametrize("start", [1440, 1920])
def test_narrowing_the_window_refits_the_diagram(browser, base_url, start):
    """1440 or 1920 -> 1366: the per-layer activation selects keep their width and say their
    choice (they were squeezed to 26 px, blank, until a reload), and no scrollbar appears."""
    context, pg = visitor(browser, base_url, (start, 1080))
    try:
        painted(pg)
        pg.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
        # the diagram refits on its next frames (ResizeObserver)
        pg.wait_for_function("""() => {
            const r = document.querySelector('.bp-net-act').getBoundingClientRect();
            return document.getElementById('network-view').getBoundingClientRect().width < 700
                && r.width > 0;
        }""")
        painted(pg)
        painted(pg)
        selects = pg.evaluate("""() => [...document.querySelectorAll('.bp-net-act')].map((s) => ({
            width: s.getBoundingClientRect().width, text: s.options[s.selectedIndex].text,
            fits: s.scrollWidth <= s.clientWidth + 1}))""")
        assert selects and all(s["width"] >= 60 for s in selects), selects
        fresh_context, fresh = visitor(browser, base_url, LAPTOP)
        try:
            painted(fresh)
            widths = fresh.evaluate(
                "() => [...document.querySelectorAll('.bp-net-act')]"
                ".map((s) => s.getBoundingClientRect().width)"
            )
        finally:
            close(fresh_context, fresh)
        assert [round(s["width"]) for s in selects] == [round(w) for w in widths]
        scroll = pg.evaluate("""() => {
            const sc = document.querySelector('.bp-net-scroll');
            const view = document.getElementById('network-view');
            return {scrolls: view.classList.contains('bp-net-scrolls'),
                    track: !document.querySelector('.bp-net-track').hidden,
                    over: sc.scrollWidth - sc.clientWidth};
        }""")
        assert scroll == {"scrolls": False, "track": False, "over": 0}, scroll
        no_page_overflow(pg)
        shoot(pg, f"sizes-narrowed-{start}-to-1366", full_page=False)
    finally:
        close(context, pg)


# ---------------------------------------------------------------------- six layers of eight

CHART_LABELS = """(id) => {
    // the x tick labels' ink in the chart's bottom strip, as runs of columns (a label each)
    const c = document.getElementById(id);
    const dpr = c.width / c.getBoundingClientRect().width;
    const top = Math.round(c.height - 12 * dpr);
    const d = c.getContext('2d').getImageData(0, top, c.width, c.height - top).data;
    const ink = [];
    for (let x = 0; x < c.width; x++) {
        let on = false;
        for (let y = 0; y < c.height - top && !on; y++) on = d[(y * c.width + x) * 4 + 3] > 90;
        ink.push(on);
    }
    const quiet = Math.ceil(3 * dpr); // digits of one label are closer than this
    const runs = [];
    ink.forEach((on, x) => {
        if (!on) return;
        const last = runs.at(-1);
        if (last && x - last[1] <= quiet) last[1] = x; else runs.push([x, x]);
    });
    // the widest label the axis can have: the last epoch, in the chart's font
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${Math.round(10 * dpr)}px ${getComputedStyle(c).fontFamily}`;
    const widest = ctx.measureText(String(bp.snapshot().metrics.epoch)).width;
    return {runs, width: c.width, widest, dpr};
}"""


@pytest.mark.parametrize(
    "size", [LAPTOP, (1440, 900), WIDE, PHONE], ids=["1366", "1440", "1920", "390"]
)
def test_six_layers_of_eight_keep_headers_and_ticks_apart(browser, base_url, size):
    """(At 1440 px, the power user's screen, the headers ran together: "8 NEURONS8 NEURONS".)"""
    context, pg = visitor(browser, base_url, size)
    try:
        # a few hundred epochs: the axis's next round tick lies past the data ("0 500 1000")
        train_to(pg, 600)
        # the charts' x labels: each no wider than one label, none cut at the canvas's edge
        for chart in ["loss-chart", "score-chart"]:
            pg.locator(f"#{chart}").scroll_into_view_if_needed()
            m = pg.evaluate(CHART_LABELS, chart)
            runs = m["runs"]
            assert len(runs) >= 2, m
            for a, b in runs:
                assert b - a + 1 <= m["widest"] + 2 * m["dpr"], (chart, m)  # "50001000"
            assert runs[-1][1] < m["width"] - 1, (chart, m)  # "1000C": the last one cut
        pg.locator(".charts").screenshot(path=str(_artifact(f"sizes-charts-{size[0]}")))
        # six layers of eight (the chart and the epoch stay)
        pg.fill("#layers", "8, 8, 8, 8, 8, 8")
        pg.press("#layers", "Enter")
        wait_snapshot(pg, "s.session && s.session.layerSizes.length === 8 && s.grid")
        painted(pg)
        # the layer headers: each one's visible text apart from the next ("8 NEURONS8 NEURONS")
        heads = pg.evaluate("""() => [...document.querySelectorAll('.bp-net-hidden .bp-net-title')]
            .map((t) => [...t.children].find((s) => getComputedStyle(s).display !== 'none'))
            .map((s) => { const r = s.getBoundingClientRect();
                          return {left: r.left, right: r.right, text: s.textContent}; })""")
        assert len(heads) == 6
        for a, b in zip(heads, heads[1:], strict=False):
            assert b["left"] >= a["right"] + 4, heads
        pg.locator("#network-view").scroll_into_view_if_needed()
        shoot(pg, f"sizes-6x8-{size[0]}", full_page=False)
    finally:
        close(context, pg)


def _artifact(name):
    from artifacts import ARTIFACTS

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / f"{name}.png"


# ---------------------------------------------------------------------- the step-through

LABEL_BOXES = """() => {
    const box = (e) => { const r = e.getBoundingClientRect();
                         return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
    const anchor = (e) => { const r = e.getBoundingClientRect();
                            return [r.left, r.right, r.top + r.height / 2]; };
    const thumb = (n) => n.querySelector('.bp-thumb') || n;
    const cols = [
        [...document.querySelectorAll('.bp-net-features .bp-feature[aria-pressed=true] .bp-thumb')],
        ...[...document.querySelectorAll('.bp-net-hidden')]
            .map((c) => [...c.querySelectorAll('.bp-neuron')].map(thumb)),
        [...document.querySelectorAll('.bp-net-output .bp-neuron')].map(thumb),
    ].map((col) => col.map(anchor));
    const labels = [...document.querySelectorAll('.bp-walk-n, .bp-walk-l')].map((e) => ({
        kind: e.classList.contains('bp-walk-n') ? 'n' : 'l', text: e.textContent, title: e.title,
        l: e.dataset.l, i: e.dataset.i, j: e.dataset.j, ...box(e)}));
    return {cols, labels, width: innerWidth,
            leaders: document.querySelectorAll('.bp-walk-leader').length};
}"""


def on_its_link(label, cols):
    """Whether a link's label has its own link (the diagram's curve: a cubic from the source's
    right edge to the target's left edge, both ends flat) running through it."""
    l, i, j = int(label["l"]), int(label["i"]), int(label["j"])
    s, d = cols[l][j], cols[l + 1][i]
    x0, y0, x3, y3 = s[1], s[2], d[0], d[2]
    mx = (x0 + x3) / 2
    for k in range(201):
        t = k / 200
        u = 1 - t
        x = u**3 * x0 + 3 * u * u * t * mx + 3 * u * t * t * mx + t**3 * x3
        y = u**3 * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y3 + t**3 * y3
        if label["left"] <= x <= label["right"] and label["top"] <= y <= label["bottom"]:
            return True
    return False


def apart(labels):
    """Pairs of labels that overlap or touch."""
    bad = []
    for k, a in enumerate(labels):
        for b in labels[k + 1 :]:
            if (
                a["left"] < b["right"] + 1
                and b["left"] < a["right"] + 1
                and a["top"] < b["bottom"] + 1
                and b["top"] < a["bottom"] + 1
            ):
                bad.append((a["text"], b["text"]))
    return bad


def at_stage(pg, stage):
    pg.wait_for_function(
        "(id) => bp.stepThrough.stage() === id && document.querySelector('.bp-net.is-walking')"
        " && document.querySelectorAll('.bp-walk-n').length > 0",
        arg=stage,
        timeout=30_000,
    )
    pg.locator("#network-view").scroll_into_view_if_needed()
    painted(pg)


@pytest.mark.parametrize(
    ("size", "locale"),
    [(LAPTOP, "en-US"), (WIDE, "en-US"), (PHONE, "en-US"), (PHONE, "zh-CN")],
    ids=["1366", "1920", "390", "390-zh"],
)
def test_step_through_labels_sit_on_their_links_apart_with_the_biases(
    browser, base_url, size, locale
):
    context, pg = visitor(browser, base_url, size, locale)
    try:
        for stage in ["forward-1", "backward-1", "update"]:
            pg.evaluate("(id) => bp.stepThrough.showArticle(id)", stage)
            at_stage(pg, stage)
            m = pg.evaluate(LABEL_BOXES)
            links = [x for x in m["labels"] if x["kind"] == "l"]
            assert links, (stage, m["labels"])
            assert not apart(m["labels"]), (stage, size, apart(m["labels"]))
            phone = size == PHONE
            off = [x for x in links if not on_its_link(x, m["cols"])]
            if phone:  # on its own link: no callout far below it, never on a neighbour's link
                assert not off, (stage, size, off)
            else:  # a callout (no room along its link) has its leader line to the link
                assert len(off) <= m["leaders"], (stage, size, off, m["leaders"])
            for x in m["labels"]:  # inside the window, never cut at its edge
                assert x["left"] >= 0 and x["right"] <= m["width"], (stage, x)
            shoot(pg, f"sizes-walk-{stage}-{size[0]}-{locale}", full_page=False)
            if stage == "backward-1":
                # every dL/dw of layer 1; on a phone the one with no room on its link is left
                # to the inspector (which lists them all) rather than drawn far away
                grads = [x for x in links if x["l"] == "0"]
                assert len(grads) >= (3 if phone else 4), (size, grads)
        # the update: the biases step too (the lesson's b₂ → 0.49008), each neuron's
        biases = [x["title"] for x in m["labels"] if x["kind"] == "n" and "→" in x["title"]]
        assert len(biases) == 3, m["labels"]
        assert any(re.fullmatch(r"b: 0\.5 → 0\.49008\d*", t) for t in biases), biases
    finally:
        close(context, pg)


# ---------------------------------------------------------------------- the map grows


@pytest.mark.parametrize("size", SIZES, ids=["1366", "1920", "390"])
def test_the_map_grows_with_the_screen_and_stays_square_and_sharp(browser, base_url, size):
    context, pg = visitor(browser, base_url, size)
    try:
        painted(pg)
        m = pg.evaluate("""() => {
            const r = document.getElementById('map').getBoundingClientRect();
            const dpr = devicePixelRatio;
            const canvases = ['heatmap', 'draw-layer'].map((id) => {
                const c = document.getElementById(id); const b = c.getBoundingClientRect();
                return [c.width, Math.round(b.width * dpr),
                        c.height, Math.round(b.height * dpr)]; });
            return {w: r.width, h: r.height, left: r.left, right: r.right, canvases,
                    net: document.getElementById('network-view').getBoundingClientRect().width};
        }""")
        assert abs(m["w"] - m["h"]) <= 1, m  # square
        for c in m["canvases"]:  # as many pixels as it shows: crisp at any size
            assert c[0] == c[1] and c[2] == c[3], m
        assert m["left"] >= 0 and m["right"] <= size[0], m
        if size == WIDE:  # it was 340 px next to a 1118 px diagram
            assert m["w"] >= 480, m
            assert m["w"] >= 0.45 * m["net"], m
        else:
            assert m["w"] >= 300, m
        # the pointer still lands where it points: clicking a point selects that point
        x1, x2, _ = pg.evaluate("() => bp.sessionPoints()[0]")
        lo, hi = pg.evaluate("() => bp.snapshot().view")
        pg.locator("#map").scroll_into_view_if_needed()
        box = pg.locator("#draw-layer").bounding_box()
        pg.mouse.click(
            box["x"] + (x1 - lo) / (hi - lo) * box["width"],
            box["y"] + (hi - x2) / (hi - lo) * box["height"],
        )
        wait_snapshot(pg, "s.selected && s.selected.kind === 'point'")
        chosen = pg.evaluate("() => bp.snapshot().selected.index")
        cx1, cx2, _ = pg.evaluate("(i) => bp.sessionPoints()[i]", chosen)
        assert abs(cx1 - x1) < 0.3 and abs(cx2 - x2) < 0.3, (chosen, x1, x2, cx1, cx2)
        no_page_overflow(pg)
        shoot(pg, f"sizes-map-{size[0]}", full_page=False)
    finally:
        close(context, pg)


# ---------------------------------------------------------------------- panels

SCROLL_SHADE = """async ([png, x, y]) => {
    // a screenshot's pixel, read back through an image (the page's own CSP allows data: images)
    const img = new Image();
    img.src = 'data:image/png;base64,' + png;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
}"""


@pytest.mark.parametrize(
    ("size", "locale"),
    [(LAPTOP, "en-US"), (WIDE, "en-US"), (PHONE, "en-US"), (PHONE, "zh-CN")],
    ids=["1366", "1920", "390", "390-zh"],
)
def test_panels_line_up_and_a_cut_table_shows_it_scrolls(browser, base_url, size, locale):
    import base64

    context, pg = visitor(browser, base_url, size, locale)
    try:
        pg.evaluate("() => bp.inspectPoint(0)")
        pg.locator("#inspector-panel .bpi-title").wait_for()
        painted(pg)
        edges = pg.evaluate("""() => Object.fromEntries(['.panel.data', '.panel.output',
                '#inspector-panel', '#plane-panel', '#model-files', '#lesson'].map((s) => {
            const e = document.querySelector(s); const r = e.getBoundingClientRect();
            return [s, {left: r.left, right: r.right, border: getComputedStyle(e).borderTopWidth,
                        buttons: e.querySelectorAll('button, .bp-model-load').length}]; }))""")
        left, right = edges[".panel.data"]["left"], edges[".panel.output"]["right"]
        for sel in ["#inspector-panel", "#plane-panel", "#model-files", "#lesson"]:
            assert abs(edges[sel]["left"] - left) <= 1 and abs(edges[sel]["right"] - right) <= 1, (
                sel,
                edges,
            )
        # the three model-file buttons sit in a panel of their own (a border, like the others)
        assert edges["#model-files"]["border"] == "1px", edges
        assert edges["#model-files"]["buttons"] == 3, edges
        no_page_overflow(pg)
        shoot(pg, f"sizes-panels-{size[0]}-{locale}")
        if size != PHONE:
            return
        # a phone: a table wider than its box shows a shade at the cut edge, none at the end
        box = pg.locator("#inspector-panel .bpi-scroll").evaluate_all(
            "(els) => els.map((e, k) => ({k, over: e.scrollWidth - e.clientWidth}))"
            ".filter((x) => x.over > 8)"
        )
        assert box, "some table is wider than a phone"
        scroller = pg.locator("#inspector-panel .bpi-scroll").nth(box[0]["k"])
        scroller.scroll_into_view_if_needed()
        painted(pg)

        def edge_shade():
            r = scroller.bounding_box()
            png = base64.b64encode(pg.screenshot()).decode()
            dpr = pg.evaluate("devicePixelRatio")
            y = int((r["y"] + 1) * dpr)  # above the first row's text
            bg = pg.evaluate(SCROLL_SHADE, [png, int((r["x"] + r["width"] / 2) * dpr), y])
            px = pg.evaluate(SCROLL_SHADE, [png, int((r["x"] + r["width"] - 2) * dpr), y])
            return sum(bg) - sum(px)

        assert edge_shade() >= 30, "the cut edge looks like the end of the table"
        scroller.evaluate("(e) => { e.scrollLeft = e.scrollWidth; }")
        painted(pg)
        assert edge_shade() < 15, "at the end, no shade says there is more"
    finally:
        close(context, pg)


# ---------------------------------------------------------------------- numbers


@pytest.mark.parametrize("size", SIZES, ids=["1366", "1920", "390"])
def test_small_numbers_are_plain_and_a_blown_up_loss_reads_on_one_line(browser, base_url, size):
    context, pg = visitor(browser, base_url, size)
    try:
        # an ordinary small weight: the inspector writes −0.000085887, not −8.5887e-5
        pg.evaluate("() => bp.editWeight({layer: 0, i: 0, j: 0, value: -0.000085887})")
        pg.evaluate("() => bp.inspectPoint(0)")
        pg.locator("#inspector-panel .bpi-title").wait_for()
        cells = pg.locator("#inspector-panel .bpi-v").all_inner_texts()
        assert "−0.000085887" in cells, [c for c in cells if "85887" in c]
        assert not [c for c in cells if re.search(r"\de[−-]?\d", c)], cells
        # divergence: each value in words on one line
        pg.select_option("#dataset", "plane")
        pg.select_option("#lr", "10")
        pg.select_option("#activation", "relu")
        pg.wait_for_function("() => bp.snapshot().settings.activation[0] === 'relu'")
        pg.click("#play")
        pg.wait_for_function("() => bp.snapshot().metrics.diverged", timeout=30_000)
        pg.wait_for_function("() => !bp.snapshot().playing && !bp.snapshot().training")
        painted(pg)
        pg.locator(".losses").scroll_into_view_if_needed()
        rows = pg.evaluate("""() => [...document.querySelectorAll('.losses dd')].map((d) => {
            const range = document.createRange(); range.selectNodeContents(d);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            const r = d.getBoundingClientRect();
            return {text: d.textContent, lines: lines.size, right: r.right};
        })""")
        for r in rows:
            assert "undefined" not in r["text"] and "NaN" not in r["text"], rows
            assert r["lines"] == 1, rows
            assert r["right"] <= size[0], rows
        assert any("diverged" in r["text"] for r in rows), rows
        pg.locator(".losses").screenshot(path=str(_artifact(f"sizes-diverged-{size[0]}")))
    finally:
        close(context, pg)


# ---------------------------------------------------------------------- no test split


@pytest.mark.parametrize(
    ("size", "locale"),
    [(LAPTOP, "en-US"), (WIDE, "zh-CN"), (PHONE, "en-US")],
    ids=["1366", "1920-zh", "390"],
)
def test_a_data_set_without_a_test_split_says_so(browser, base_url, size, locale):
    context, pg = visitor(browser, base_url, size, locale)
    try:
        words = {
            "en-US": ("all (no test set)", "no test set"),
            "zh-CN": ("全部（无测试集）", "无测试集"),
        }[locale]
        # a split data set first: the slider is there to choose it, and says its share
        assert not pg.locator("#train_ratio").is_disabled()
        assert pg.locator("#train_ratio-out").inner_text() == "50%"
        pg.select_option("#dataset", "and_gate")
        wait_snapshot(pg, "s.settings.dataset === 'and_gate' && s.session && !s.session.preview")
        painted(pg)
        assert pg.locator("#train_ratio").is_disabled()
        assert pg.locator("#train_ratio-out").inner_text() == words[0]
        assert pg.locator("#loss-test").inner_text() == words[1]
        assert pg.locator("#score-test").inner_text() == words[1]
        out = pg.evaluate("""() => {
            const o = document.getElementById('train_ratio-out').getBoundingClientRect();
            const f = document.getElementById('train_ratio').closest('.field')
                .getBoundingClientRect();
            return o.right <= f.right + 0.5 && o.left >= f.left; }""")
        assert out, "the slider's word fits its field"
        cut = pg.evaluate("""() => {
            const box = document.querySelector('.losses').getBoundingClientRect();
            return [...document.querySelectorAll('.losses dd')].filter((d) => {
                const r = d.getBoundingClientRect();
                return r.right > box.right + 0.5 || r.left < box.left;
            }).map((d) => d.textContent); }""")
        assert not cut, cut  # "0.678" and "75.0%" pushed out of a phone's panel
        train_to(pg, 10)
        assert pg.locator("#loss-test").inner_text() == words[1]
        shoot(pg, f"sizes-no-test-split-{size[0]}-{locale}", full_page=False)
        # back to a split set: the slider again
        pg.select_option("#dataset", "circle")
        wait_snapshot(pg, "s.settings.dataset === 'circle' && s.session && !s.session.preview")
        painted(pg)
        assert not pg.locator("#train_ratio").is_disabled()
        assert pg.locator("#train_ratio-out").inner_text() == "50%"
        assert re.fullmatch(r"\d\.\d{3}", pg.locator("#loss-test").inner_text())
    finally:
        close(context, pg)
