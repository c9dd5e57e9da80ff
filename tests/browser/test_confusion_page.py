"""The confusion box under the charts (issue 22.5), in real Chromium with real Pyodide: the
matrix of a 2-class and a 5-class run follows training in step with the map, the training and
test sets switch, a cell chosen by pointer or keyboard marks exactly its points on the map (and
clears again), a regression shows predicted against true with R², in English and in Chinese, at
1280 px and on a phone."""

import re

import pytest
from pages import new_context_page, open_index, wait_snapshot

READY = "bp.engine.status === 'ready' && bp.stats.sessionAt"
# paused, and the map (with its matrix) of the epoch shown has arrived
SETTLED = (
    "!s.training && !s.playing && s.confusion && s.metrics && s.confusion.epoch === s.metrics.epoch"
)


@pytest.fixture(scope="module")
def wide(browser, base_url):
    """One 1280x800 English page for the tests that share it."""
    context, pg = new_context_page(browser, "en-US", (1280, 800))
    open_index(pg, base_url)
    pg.wait_for_function(f"() => {READY}", timeout=120_000)
    yield pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


def until(page, cond, arg=None, timeout=30_000):
    """Wait until `cond` holds of bp.snapshot(), then for the frame that draws it."""
    wait_snapshot(page, cond, arg, timeout)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


def configure(page, settings, cond):
    page.evaluate("(s) => bp.configure(s)", settings)
    until(page, cond)


def train(page, epochs):
    """Play until `epochs` more epochs, then pause and wait for the map of the epoch shown."""
    start = page.evaluate("() => bp.snapshot().epoch")
    page.evaluate("() => bp.play()")
    wait_snapshot(page, "s.epoch >= arg", start + epochs, timeout=60_000)
    page.evaluate("() => bp.pause()")
    until(page, SETTLED)


def table_counts(page):
    """The matrix as the page shows it: [[count, ...] per true class] from the cells' text."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#confusion tbody tr')].map((tr) =>
             [...tr.querySelectorAll('.confusion-count')].map((c) => Number(c.textContent)))"""
    )


def expected_cell(page, r, c, set_):
    """The points of cell (r, c) computed from the engine independently of the box: each
    point's outputs (a grid's `outputs`, <= 100 points) and the session's split."""
    return page.evaluate(
        """async ([r, c, set]) => {
          const g = await bp.engine.request('grid', {size: 1, outputs: true});
          const snap = (await bp.engine.request('snapshot')).snapshot;
          const rows = bp.sessionPoints(), k = g.outputs.length / rows.length;
          const inSet = new Set(set === 'train' ? snap.train_idx : snap.test_idx);
          const out = [];
          rows.forEach((p, i) => {
            const y = Array.from(g.outputs.slice(i * k, (i + 1) * k));
            const pred = k === 1 ? Number(y[0] > 0.5) : y.indexOf(Math.max(...y));
            if (inSet.has(i) && p[2] === r && pred === c) out.push(i);
          });
          return out;
        }""",
        [r, c, set_],
    )


def said(r2):
    """R² as the page writes it: 3 decimals, a true minus sign."""
    return f"R² = {r2:.3f}".replace("-", "−")


def map_pixels(page):
    return page.evaluate("() => document.getElementById('heatmap').toDataURL()")


def test_a_two_class_matrix_follows_training_in_step_with_the_map(wide):
    page = wide
    configure(
        page,
        {"dataset": "circle", "n_points": 120, "layers": [4], "lr": 0.1, "seed": 3},
        "s.session?.pointCount === 120 && s.confusion?.classes === 2 && s.confusion.epoch === 0",
    )
    box = page.locator("#confusion")
    assert box.is_visible()
    assert page.get_by_role("heading", name="Confusion matrix").is_visible()
    assert page.get_by_role("columnheader", name="Class 1").count() == 1
    assert page.get_by_role("rowheader", name="Class 0").count() == 1
    assert page.get_by_role("columnheader", name="Predicted class").is_visible()
    s = page.evaluate("() => bp.snapshot()")
    assert sum(s["confusion"]["counts"]) == s["session"]["trainCount"]
    assert table_counts(page) == [s["confusion"]["counts"][0:2], s["confusion"]["counts"][2:4]]

    # while it trains the matrix changes epoch after epoch, and whenever the table is drawn it
    # is the matrix of the grid the map is drawn from in the same frame (one grid reply)
    page.evaluate("() => bp.play()")
    seen = page.evaluate(
        """() => new Promise((done) => {
          const table = document.querySelector('#confusion table'), epochs = new Set(), bad = [];
          const watch = new MutationObserver(() => {
            const s = bp.snapshot(), shown = Number(table.dataset.epoch);
            if (shown !== s.confusion.epoch) bad.push([shown, s.confusion.epoch]);
            epochs.add(shown);
            if (epochs.size < 4 || s.epoch < 40) return;
            watch.disconnect();
            done({epochs: [...epochs], bad});
          });
          watch.observe(table, {attributes: true, attributeFilter: ['data-epoch']});
        })"""
    )
    page.evaluate("() => bp.pause()")
    until(page, SETTLED)
    assert len(seen["epochs"]) >= 4 and seen["bad"] == []
    s = page.evaluate("() => bp.snapshot()")
    k = s["confusion"]["counts"]
    # the diagonal over the set is the accuracy shown beside it, of the same weights
    assert (k[0] + k[3]) / sum(k) == pytest.approx(s["metrics"]["accTrain"], abs=1e-12)
    assert table_counts(page) == [k[0:2], k[2:4]]
    name = f"{k[1]} point{'s' if k[1] != 1 else ''} of class 0 predicted as class 1"
    assert page.get_by_role("button", name=re.compile("^" + name)).count() == 1


def test_five_classes_a_cell_marks_exactly_its_points_by_pointer_and_keyboard(wide):
    page = wide
    configure(
        page,
        {"dataset": "blobs", "classes": 5, "n_points": 80, "noise": 40, "layers": [6], "seed": 2},
        "s.session?.classes === 5 && s.session.pointCount === 80 && s.confusion?.classes === 5",
    )
    train(page, 25)
    s = page.evaluate("() => bp.snapshot()")
    counts = s["confusion"]["counts"]
    assert len(table_counts(page)) == 5 and sum(counts) == s["session"]["trainCount"]
    # the fullest cell off the diagonal, else the fullest
    off = [i for i in range(25) if i // 5 != i % 5 and counts[i]]
    i = max(off or range(25), key=lambda j: counts[j])
    r, c = divmod(i, 5)
    cell = page.locator(f'#confusion .confusion-cell[data-row="{r}"][data-col="{c}"]')
    before = map_pixels(page)

    cell.click()
    until(page, "s.confusion.cell && s.confusion.cell.join() === arg", f"{r},{c}")
    assert cell.get_attribute("aria-pressed") == "true"
    marked = page.evaluate("() => bp.snapshot().confusion.highlight")
    assert len(marked) == counts[i]
    assert marked == expected_cell(page, r, c, "train")
    status = page.locator("#confusion [role=status]").inner_text()
    assert status.startswith(f"{counts[i]} point")
    page.wait_for_function("b => document.getElementById('heatmap').toDataURL() !== b", arg=before)
    marked_map = map_pixels(page)

    cell.click()  # again: cleared, the map as it was
    until(page, "s.confusion.cell === null")
    assert cell.get_attribute("aria-pressed") == "false"
    page.wait_for_function("b => document.getElementById('heatmap').toDataURL() === b", arg=before)

    # by keyboard: Enter marks, Escape clears, Space marks, Space again clears
    cell.focus()
    page.keyboard.press("Enter")
    until(page, "s.confusion.cell && s.confusion.cell.join() === arg", f"{r},{c}")
    page.wait_for_function(
        "b => document.getElementById('heatmap').toDataURL() === b", arg=marked_map
    )
    page.keyboard.press("Escape")
    until(page, "s.confusion.cell === null")
    page.keyboard.press("Space")
    until(page, "s.confusion.cell !== null")
    assert page.evaluate("() => bp.snapshot().confusion.highlight") == marked
    page.keyboard.press("Space")
    until(page, "s.confusion.cell === null")
    page.wait_for_function("b => document.getElementById('heatmap').toDataURL() === b", arg=before)


def test_the_test_set_switch(wide):
    page = wide
    configure(
        page,
        {"dataset": "blobs", "classes": 3, "n_points": 90, "layers": [5], "seed": 4},
        "s.session?.classes === 3 && s.session.pointCount === 90 && s.confusion?.classes === 3",
    )
    train(page, 10)
    test_button = page.get_by_role("button", name="Test set")
    train_button = page.get_by_role("button", name="Training set")
    assert train_button.get_attribute("aria-pressed") == "true"
    test_button.click()
    until(page, "s.confusion.set === 'test'")
    assert test_button.get_attribute("aria-pressed") == "true"
    s = page.evaluate("() => bp.snapshot()")
    k = s["confusion"]["counts"]
    assert sum(k) == s["session"]["pointCount"] - s["session"]["trainCount"]
    assert (k[0] + k[4] + k[8]) / sum(k) == pytest.approx(s["metrics"]["accTest"], abs=1e-12)
    assert table_counts(page) == [k[0:3], k[3:6], k[6:9]]
    # a test cell marks test points
    r = max(range(3), key=lambda j: k[j * 4])
    page.locator(f'#confusion .confusion-cell[data-row="{r}"][data-col="{r}"]').click()
    until(page, "s.confusion.cell !== null")
    marked = page.evaluate("() => bp.snapshot().confusion.highlight")
    assert marked == expected_cell(page, r, r, "test") and len(marked) == k[r * 4]
    train_button.click()  # back: the other set's cell is not kept
    until(page, "s.confusion.set === 'train' && s.confusion.cell === null")

    # a data set without test points: the switch says so and shows the training set
    configure(page, {"dataset": "and_gate"}, "s.session?.pointCount === 4 && s.confusion")
    assert test_button.is_disabled()
    assert page.evaluate("() => bp.snapshot().confusion.set") == "train"
    assert sum(page.evaluate("() => bp.snapshot().confusion.counts")) == 4


def test_a_regression_shows_predicted_against_true_with_r2(wide):
    page = wide
    configure(
        page,
        {"dataset": "plane", "n_points": 100, "layers": [4], "seed": 1},
        "s.session?.problem === 'regression' && s.confusion?.kind === 'scatter'",
    )
    train(page, 20)
    assert page.get_by_role("heading", name="Predicted against true value").is_visible()
    assert page.locator("#confusion table").count() == 0
    s = page.evaluate("() => bp.snapshot()")
    assert s["confusion"]["r2"] == s["metrics"]["r2Train"]
    assert len(s["confusion"]["truth"]) == s["session"]["trainCount"]
    caption = page.locator("#confusion figcaption").inner_text()
    assert caption == said(s["metrics"]["r2Train"])
    plot = page.get_by_role("img", name=re.compile(r"^\d+ points: the network's output"))
    assert plot.is_visible() and said(s["metrics"]["r2Train"]) in plot.get_attribute("aria-label")
    page.get_by_role("button", name="Test set").click()
    until(page, "s.confusion.set === 'test'")
    caption = page.locator("#confusion figcaption").inner_text()
    assert caption == said(s["metrics"]["r2Test"])
    box = page.locator("#confusion").bounding_box()
    panel = page.locator(".panel.output").bounding_box()
    assert box["x"] >= panel["x"] and box["x"] + box["width"] <= panel["x"] + panel["width"] + 0.5


def test_in_chinese_on_a_phone(browser, base_url):
    context, page = new_context_page(browser, "zh-CN", (390, 844))
    try:
        open_index(page, base_url)
        page.wait_for_function(f"() => {READY}", timeout=120_000)
        configure(
            page,
            {"dataset": "blobs", "classes": 5, "n_points": 100, "layers": [6], "seed": 5},
            "s.session?.classes === 5 && s.confusion?.classes === 5",
        )
        train(page, 10)
        page.locator("#confusion").scroll_into_view_if_needed()
        assert page.get_by_role("heading", name="混淆矩阵").is_visible()
        assert page.get_by_role("columnheader", name="预测类别").is_visible()
        assert page.get_by_role("button", name="训练集").get_attribute("aria-pressed") == "true"
        k = page.evaluate("() => bp.snapshot().confusion.counts")
        cell = page.locator('#confusion .confusion-cell[data-row="2"][data-col="2"]')
        assert cell.get_attribute("aria-label").startswith(f"{k[12]} 个类别 2 的点被预测为类别 2")
        # readable on the phone: the whole table on screen, no sideways scrolling, cells big
        # enough to tap
        table = page.locator("#confusion table").bounding_box()
        assert table["x"] >= 0 and table["x"] + table["width"] <= 390
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        size = cell.bounding_box()
        assert size["width"] >= 40 and size["height"] >= 40
        cell.click()
        until(page, "s.confusion.cell !== null")
        assert "地图上标出了" in page.locator("#confusion [role=status]").inner_text()
        # the other language at once, the cell still marked; and back
        page.get_by_label(re.compile("Language / 语言|语言 / Language")).select_option("en")
        page.wait_for_function("() => document.documentElement.lang === 'en'")
        assert page.get_by_role("heading", name="Confusion matrix").is_visible()
        assert cell.get_attribute("aria-label").startswith(f"{k[12]} point")
        assert cell.get_attribute("aria-pressed") == "true"
        page.get_by_label(re.compile("Language / 语言|语言 / Language")).select_option("zh-CN")
        page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
        # a regression's scatter in Chinese, readable on the phone
        configure(
            page,
            {"dataset": "plane", "n_points": 100, "layers": [4], "seed": 1},
            "s.confusion?.kind === 'scatter'",
        )
        assert page.get_by_role("heading", name="预测值与真实值").is_visible()
        r2 = page.evaluate("() => bp.snapshot().metrics.r2Train")
        assert page.locator("#confusion figcaption").inner_text() == said(r2)
        plot = page.get_by_role("img", name=re.compile(r"^\d+ 个点：网络的输出"))
        shape = plot.bounding_box()
        assert shape["width"] >= 200 and shape["x"] + shape["width"] <= 390
        assert abs(shape["width"] - shape["height"]) < 1
        assert not page.bp_errors, page.bp_errors
    finally:
        context.close()
