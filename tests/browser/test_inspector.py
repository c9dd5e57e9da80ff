"""The backprop inspector (web/inspector.js, web/mathml.js) and the model-file buttons
(web/model-files.js) in a test-only harness, fed with real engine replies.

The `inspect` / `inspectNeuron` / `export*` replies are computed natively here with
bpcore.protocol.Engine (the worker runs the same code) and handed to inspector_harness.html as
JSON. The harness is served from tests/browser/ with /web/ mapped to web/ (no dist/ needed),
under a strict CSP; the `page` fixture fails any test that logs a console error.
Screenshots go to tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import json
import math
from decimal import Decimal

import numpy as np
import pytest
from artifacts import shoot
from pages import harness_events, open_harness

from bpcore.protocol import Engine

ARTICLE = {"dataset": "article", "layers": [2], "activation": ["sigmoid"]}


def fmt(v: float) -> str:
    """What inspector.js shows: 5 significant digits, a true minus sign, plain decimals from a
    millionth up to a million."""
    s = f"{abs(v):.5g}"
    if "e" in s and 1e-6 <= abs(v) < 1e6:
        s = format(Decimal(s), "f")
    elif "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}e{int(exp):+d}"
    return ("−" if v < 0 else "") + s


def engine(settings, points=None):
    e = Engine()
    e.handle("init", {"settings": settings, **({"points": points} if points else {})})
    return e


def plain(x):
    """Engine results -> JSON-able (typed arrays in the page; NumPy arrays here)."""
    return json.loads(json.dumps(x, default=lambda a: a.tolist()))


@pytest.fixture
def hp(page, harness_root):
    return open_harness(page, harness_root + "inspector_harness.html", viewport=(1280, 900))


@pytest.fixture(scope="module")
def article():
    e = engine(ARTICLE)
    return {
        "sample": plain(e.handle("inspect", {"index": 0})),
        "hidden": plain(e.handle("inspectNeuron", {"layer": 0, "i": 1})),
        "output": plain(e.handle("inspectNeuron", {"layer": 1, "i": 0})),
        "grid": plain(e.handle("grid", {"size": 32})),
    }


def show_sample(pg, result, **opts):
    pg.evaluate("([r, o]) => harness.showSample(r, o)", [result, opts])


events = harness_events


def table_cells(pg, caption):
    """[[(text, title), ...] per body row] of the table with this caption."""
    return pg.evaluate(
        """(cap) => {
            const t = [...document.querySelectorAll('table')]
                .find((x) => x.caption && x.caption.textContent === cap);
            if (!t) return null;
            return [...t.tBodies[0].rows].map((r) =>
                [...r.cells].filter((c) => c.tagName === 'TD')
                    .map((c) => [c.textContent, c.title]));
        }""",
        caption,
    )


# ---------------------------------------------------------------------------------------------
# one sample: the article's worked example


def test_article_sample_shows_the_articles_numbers(hp, article):
    show_sample(hp, article["sample"], article=True)
    # forward: W1 | b1 | z1 | a1 per hidden neuron, with the full value in the tooltip
    rows = table_cells(hp, "Layer 1 forward")
    assert [r[0][0] for r in rows] == ["0.3", "0.5"]  # W1's first column
    a1 = [r[-1] for r in rows]
    assert [t for t, _ in a1] == ["0.83202", "0.8808"]
    assert float(a1[0][1]) == pytest.approx(0.83201839, abs=5e-9)
    assert float(a1[1][1]) == pytest.approx(0.88079708, abs=5e-9)
    y = table_cells(hp, "Layer 2 forward")[0][-1]
    assert y[0] == "0.99189" and float(y[1]) == pytest.approx(0.99188931, abs=5e-9)

    # backward: delta_1 = (W2^T delta_2) * a1 (1 - a1), gradients as in bpcore
    s = article["sample"]
    back = table_cells(hp, "Layer 1 backward")
    a = np.array(s["layers"][0]["a"])
    d2 = s["output"][0] - 0.0
    want_delta = np.array([2.0, 3.0]) * d2 * a * (1 - a)
    for i, row in enumerate(back):
        w_t_delta, fprime, delta, dw1, dw2, db = (float(title) for _, title in row)
        assert w_t_delta == pytest.approx([2.0, 3.0][i] * d2, rel=1e-14)
        assert fprime == pytest.approx(a[i] * (1 - a[i]), rel=1e-14)
        assert delta == pytest.approx(want_delta[i], rel=1e-12)
        assert [dw1, dw2, db] == [*s["layers"][0]["dW"][i], s["layers"][0]["db"][i]]
    out = table_cells(hp, "Layer 2 backward")[0]
    assert [float(t) for _, t in out] == [d2, d2, *s["layers"][1]["dW"][0], d2]

    text = hp.locator("#inspector").inner_text()
    assert "Data point 1 (training point)" in text
    assert f"loss L = {fmt(s['loss'])}" in text
    assert (
        f"One SGD step on this sample (lr = {s['sgd']['lr']}) changes its loss from "
        f"{fmt(s['loss'])} to {fmt(s['sgd']['loss_after'])}, its output from "
        f"{fmt(s['output'][0])} to {fmt(s['sgd']['output_after'][0])}."
    ) in text

    # formulas are real MathML elements
    maths = hp.evaluate("""() => [...document.querySelectorAll('#inspector math')]
        .map((m) => m.namespaceURI)""")
    assert len(maths) >= 10
    assert set(maths) == {"http://www.w3.org/1998/Math/MathML"}
    assert hp.locator("#inspector mfrac").count() >= 5
    assert hp.locator("#inspector math").first.bounding_box()["height"] > 8  # laid out

    # the note on the article's slip, with the right numbers
    note = hp.get_by_role("note").inner_text()
    assert "The article's printed backward step multiplies by (1 − z)z" in note
    assert "the sigmoid's derivative is a(1 − a)" in note
    assert f"δ₁ = (W₂ᵀδ₂) ⊙ a₁(1 − a₁) = [{fmt(want_delta[0])}, {fmt(want_delta[1])}]" in note
    z1 = np.array(s["layers"][0]["z"])
    wrong = np.array([2.0, 3.0]) * d2 * (1 - z1) * z1
    assert f"would give δ₁ = [{fmt(wrong[0])}, {fmt(wrong[1])}]" in note


def test_no_article_note_without_the_flag(hp, article):
    show_sample(hp, article["sample"])
    assert hp.get_by_role("note").count() == 0
    # one reply holds every number: W and b too (no `weights` request joined to it), and the
    # backward pass's W^T delta and f' come from bpcore.inspect, not from weights the page
    # multiplies
    rows = table_cells(hp, "Layer 1 forward")
    # W1, b1, z1, a1
    assert [t for t, _ in rows[0]] == ["0.3", "0.4", "0.5", "1.6", "0.83202"]
    assert [float(t) for _, t in rows[0]][:3] == [0.3, 0.4, 0.5]
    back = table_cells(hp, "Layer 1 backward")[0]
    assert len(back) == 6  # W^T delta, f', delta, dW (2), db
    layer = article["sample"]["layers"][0]
    assert [float(t) for _, t in back[:2]] == [layer["backprop"][0], layer["dfz"][0]]


def test_hover_highlights_the_neuron(hp, article):
    show_sample(hp, article["sample"], article=True)
    table = hp.locator("table", has=hp.locator("caption", has_text="Layer 1 forward"))
    table.locator("tbody tr").nth(1).locator("td").nth(3).hover()  # z1 of neuron 2
    assert events(hp, "highlight")[-1]["ref"] == {"kind": "hidden", "layer": 0, "index": 1}
    table.locator("thead th", has_text="X₂").hover()  # W1's column for input x2
    assert events(hp, "highlight")[-1]["ref"] == {
        "kind": "feature",
        "layer": -1,
        "index": 1,
        "feature": "x2",
    }
    out = hp.locator("table", has=hp.locator("caption", has_text="Layer 2 backward"))
    out.locator("tbody td").first.hover()
    assert events(hp, "highlight")[-1]["ref"] == {"kind": "output", "layer": 1, "index": 0}
    n = len(events(hp, "highlight"))
    out.locator("tbody th").first.hover()  # the row header: the same neuron, no new event
    assert len(events(hp, "highlight")) == n
    hp.mouse.move(1250, 880)  # off the inspector
    assert events(hp, "highlight")[-1]["ref"] is None


def test_keyboard_details_and_close(hp, article):
    show_sample(hp, article["sample"])
    hp.locator(".bpi-close").focus()
    hp.keyboard.press("Tab")
    first = hp.locator("details").first
    assert hp.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert first.evaluate("(d) => d.open") is True
    hp.keyboard.press("Enter")
    assert first.evaluate("(d) => d.open") is False
    hp.keyboard.press("Enter")
    assert first.evaluate("(d) => d.open") is True
    # every scrolling table box is reachable and named
    boxes = hp.locator(".bpi-scroll")
    assert boxes.count() >= 5
    assert all(
        b.get_attribute("tabindex") == "0" and b.get_attribute("aria-label") for b in boxes.all()
    )
    assert hp.get_by_role("heading", name="Backward pass").count() == 1
    hp.get_by_role("button", name="Close inspector").press("Enter")
    assert len(events(hp, "close")) == 1
    hp.evaluate("harness.clear()")
    assert "Click a data point" in hp.locator("#inspector").inner_text()


def test_deep_multiclass_net_with_a_penalty(hp):
    e = engine(
        {
            "dataset": "blobs",
            "classes": 3,
            "n_points": 60,
            "layers": [20, 3],
            "activation": ["relu", "tanh"],
            "features": ["x1", "x2", "x1x2"],
            "reg": "l2",
            "reg_rate": 0.01,
        }
    )
    r = plain(e.handle("inspect", {"index": 5}))
    show_sample(hp, r, settings={"reg": "l2", "reg_rate": 0.01})
    assert r["loss_name"] == "softmax_ce" and r["penalty"] > 0
    # the input, 3 layers forward, 3 backward (output first); those touching 20 start closed
    opened = hp.evaluate("[...document.querySelectorAll('details')].map((d) => d.open)")
    assert opened == [True, False, False, True, True, False, False]
    for l, layer in enumerate(r["layers"]):
        rows = table_cells(hp, f"Layer {l + 1} backward")
        n_in = len(r["a0"]) if l == 0 else len(r["layers"][l - 1]["a"])
        for i, row in enumerate(rows):
            got = [float(t) for _, t in row[-1 - n_in : -1]]
            assert got == layer["dW"][i]
            assert float(row[-1][1]) == layer["db"][i]
    text = hp.locator("#inspector").inner_text()
    assert f"+ penalty {fmt(r['penalty'])}" in text
    # the output's refs point at the output layer (2), hidden refs at their layer
    out = hp.locator("table", has=hp.locator("caption", has_text="Layer 3 forward"))
    out.locator("tbody tr").nth(2).locator("td").first.hover(force=True)
    assert events(hp, "highlight")[-1]["ref"] == {"kind": "output", "layer": 2, "index": 2}
    hp.set_viewport_size({"width": 390, "height": 844})
    hp.locator("details").nth(1).locator("summary").click()
    box = hp.locator("details").nth(1).locator(".bpi-scroll")
    assert box.evaluate("(e) => e.scrollWidth > e.clientWidth")  # W2 (20 x 20) scrolls inside
    assert hp.evaluate("document.documentElement.scrollWidth") <= 390


def test_regression_and_no_hidden_layer(hp):
    pts = [[x, x / 3, math.tanh(x / 4)] for x in np.linspace(-5, 5, 12)]
    e = engine({"dataset": "custom", "problem": "regression", "layers": []}, pts)
    r = plain(e.handle("inspect", {"index": 3}))
    show_sample(hp, r)
    assert r["loss_name"] == "mse"
    text = hp.locator("#inspector").inner_text()
    assert "Output layer 1" in text and "target" in text
    want = 2 * (r["output"][0] - r["target"][0])  # delta = 2 (y - t) / (n K)
    row = table_cells(hp, "Layer 1 backward")[0]
    assert float(row[1][1]) == pytest.approx(want, rel=1e-14)


# ---------------------------------------------------------------------------------------------
# one neuron


def test_hidden_neuron_view(hp, article):
    g = article["grid"]
    thumb = {"size": g["size"], "values": g["neurons"][1], "view": [0, 4]}  # the article's window
    hp.evaluate(
        "([r, t]) => harness.showNeuron(r, t, {features: ['x1', 'x2']})", [article["hidden"], thumb]
    )
    r = article["hidden"]
    assert hp.get_by_role("heading", name="Layer 1, neuron 2").count() == 1
    rows = table_cells(hp, "Incoming weights, bias and gradients")
    assert [[float(t) for _, t in row] for row in rows] == [
        [r["weights"][0], r["grad_weights"][0]],
        [r["weights"][1], r["grad_weights"][1]],
        [r["bias"], r["grad_bias"]],
    ]
    text = hp.locator("#inspector").inner_text()
    assert "Activation: sigmoid" in text
    assert "x₁, x₂ from 0 to 4" in text  # the picture's window, said
    assert hp.locator("#inspector math").count() >= 3
    # the thumbnail is painted: sigmoid(0.5 x1 + 0.5 x2 + 0.5) over the article's window [0, 4]
    # is about 0.62 bottom-left (pale) and 0.99 top-right (blue)
    corners = hp.evaluate("""() => {
        const c = document.querySelector('.bpi-thumb canvas');
        const px = (x, y) => [...c.getContext('2d').getImageData(x, y, 1, 1).data];
        return {w: c.width, bl: px(0, c.height - 1), tr: px(c.width - 1, 0)};
    }""")
    assert corners["w"] == 32
    assert corners["bl"][0] > 150 and corners["bl"][0] > corners["tr"][0] + 100  # pale
    assert corners["tr"][2] > 150 and corners["tr"][0] < 60  # blue
    hp.get_by_role("rowheader").nth(1).hover()
    assert events(hp, "highlight")[-1]["ref"] == {
        "kind": "feature",
        "layer": -1,
        "index": 1,
        "feature": "x2",
    }


def test_output_neuron_view(hp, article):
    hp.evaluate("(r) => harness.showNeuron(r)", article["output"])
    assert hp.get_by_role("heading", name="Output neuron 1").count() == 1
    hp.get_by_role("rowheader").first.hover()
    assert events(hp, "highlight")[-1]["ref"] == {"kind": "hidden", "layer": 0, "index": 0}
    hp.get_by_role("rowheader", name="bias b").hover()
    assert events(hp, "highlight")[-1]["ref"] == {"kind": "output", "layer": 1, "index": 0}
    assert hp.locator(".bpi-thumb").count() == 0


# ---------------------------------------------------------------------------------------------
# model files


def set_reply(pg, type_, result=None, error=None):
    pg.evaluate(
        "([t, r, e]) => { harness.replies[t] = e ? {error: e} : {result: r}; }",
        [type_, result, error],
    )


@pytest.mark.parametrize(
    ("button", "type_", "filename"),
    [
        ("Download Python script", "exportScript", "bp_playground_run.py"),
        ("Download weights", "exportWeights", "weights.json"),
    ],
)
def test_downloads(hp, tmp_path, button, type_, filename):
    e = engine(ARTICLE)
    # the script: the page's epoch and language (its comments are in it)
    payload = {"epochs": 42, "lang": "en"} if type_ == "exportScript" else {}
    text = e.handle(type_, payload)["text"]
    set_reply(hp, type_, {"text": text})
    with hp.expect_download() as info:
        hp.get_by_role("button", name=button).click()
    d = info.value
    assert d.suggested_filename == filename
    path = tmp_path / filename
    d.save_as(path)
    assert path.read_text(encoding="utf-8") == text
    assert hp.evaluate("harness.calls") == [{"type": type_, "payload": payload}]
    assert events(hp, "notify")[-1] == {
        "type": "notify",
        "text": f"Saved {filename}",
        "kind": "info",
    }


def test_download_error_is_reported(hp):
    set_reply(hp, "exportWeights", error="no session yet: send init first")
    hp.get_by_role("button", name="Download weights").click()
    hp.wait_for_function("() => harness.events.some((e) => e.type === 'notify')")
    assert "no session yet: send init first" in hp.locator("#notice").inner_text()
    assert hp.get_by_role("button", name="Download weights").is_enabled()


def test_load_weights(hp):
    e = engine(ARTICLE)
    text = e.handle("exportWeights", {})["text"]
    result = plain(e.handle("loadWeights", {"text": text}))
    set_reply(hp, "loadWeights", result)
    hp.get_by_label("Load weights").set_input_files(
        files=[{"name": "weights.json", "mimeType": "application/json", "buffer": text.encode()}]
    )
    hp.wait_for_function("() => harness.events.some((e) => e.type === 'weightsLoaded')")
    assert hp.evaluate("harness.calls") == [{"type": "loadWeights", "payload": {"text": text}}]
    assert events(hp, "weightsLoaded")[0]["result"] == result
    assert hp.locator("#notice").inner_text() == "Loaded weights from weights.json"


def test_load_weights_error_shows_the_engines_message(hp):
    e = engine({"dataset": "circle", "layers": [3]})
    bad = json.dumps({"format": "something else"})
    with pytest.raises(ValueError) as exc:
        e.handle("loadWeights", {"text": bad})
    set_reply(hp, "loadWeights", error=str(exc.value))
    hp.get_by_label("Load weights").set_input_files(
        files=[{"name": "mine.json", "mimeType": "application/json", "buffer": bad.encode()}]
    )
    hp.wait_for_function("() => harness.events.some((e) => e.type === 'notify')")
    note = events(hp, "notify")[-1]
    assert note["kind"] == "error"
    assert note["text"] == "Could not load mine.json: weights: not a BP Playground weights file"
    assert hp.locator("#notice").inner_text() == note["text"]
    assert events(hp, "weightsLoaded") == []


# ---------------------------------------------------------------------------------------------
# static checks and screenshots


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(hp, article, width, height, scheme):
    hp.emulate_media(color_scheme=scheme)
    hp.set_viewport_size({"width": width, "height": height})
    show_sample(hp, article["sample"], article=True)
    assert hp.evaluate("document.documentElement.scrollWidth") <= width
    shoot(hp, f"inspector-sample-{width}-{scheme}")
    g = article["grid"]
    hp.evaluate(
        "([r, t]) => harness.showNeuron(r, t, {features: ['x1', 'x2']})",
        [article["hidden"], {"size": g["size"], "values": g["neurons"][1]}],
    )
    assert hp.evaluate("document.documentElement.scrollWidth") <= width
    shoot(hp, f"inspector-neuron-{width}-{scheme}")
