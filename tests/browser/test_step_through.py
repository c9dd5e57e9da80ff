"""The step-through on the network diagram (issue 13, part 1), in headless Chromium.

The article's example is walked through every stage with the buttons and the keyboard, and at
each stage the diagram's labels (their full-precision titles) and the inspector's marked section
show the article's numbers, computed here natively by bpcore: a1 = 0.83201839..., y' =
0.99188931..., delta_2 = y' - y (y = 0 for sample 1), the corrected delta_1, the weights after
the step w - lr dL/dw (the engine's own after sampleStep). Taking the step moves the metrics to
the engine's; Escape stops and the overlay goes. A softmax network and a regression one are
walked too. Screenshots of a forward and a backward stage at 1280x800 and 390x844 go to
tests/artifacts/walk-*.png.

Fails on the page before the step-through (BP_DIST=/tmp/dist-before): no "Step through" button.
"""

import pytest
from artifacts import ARTIFACTS
from pages import READY_MS, open_visitor

from bpcore.presets import SUGGESTED
from bpcore.protocol import Engine


def native():
    """bpcore's numbers for the article's sample 1: inspect, the weights before and after the
    step, the metrics after it."""
    e = Engine()
    e.handle("init", {"settings": dict(SUGGESTED["article"], dataset="article")})
    reply = e.handle("inspect", {"index": 0})
    before = e.handle("weights", {})
    metrics = e.handle("sampleStep", {"index": 0})["metrics"]
    after = e.handle("weights", {})
    return reply, before, after, metrics


def js(x):
    """A number as the page writes it in full (JavaScript's shortest round trip, a true minus)."""
    x = float(x)
    text = str(int(x)) if x.is_integer() and abs(x) < 1e16 else repr(x)
    return text.replace("-", "−")


@pytest.fixture(scope="module")
def wide(browser, base_url):
    context, pg = open_visitor(browser, base_url, viewport=(1280, 800))
    yield pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


@pytest.fixture(scope="module")
def phone(browser, base_url):
    context, pg = open_visitor(browser, base_url, viewport=(390, 844))
    yield pg
    context.close()
    assert not pg.bp_errors, pg.bp_errors


def at_stage(pg, stage):
    pg.wait_for_function(
        """(id) => bp.stepThrough.stage() === id && document.querySelector('.bp-net.is-walking')
            && document.querySelector('#inspector-panel .is-stage')?.dataset.stage === id""",
        arg=stage,
        timeout=20_000,
    )


def labels(pg):
    """What the diagram's overlay shows: [{kind, text, title}] (n: a neuron's, l: a link's)."""
    return pg.evaluate(
        """() => [...document.querySelectorAll('.bp-walk-n, .bp-walk-l')].map((e) => ({
            kind: e.classList.contains('bp-walk-n') ? 'n' : 'l',
            text: e.innerText.replace(/\\n/g, ' | '), title: e.title,
            l: e.dataset.l, i: e.dataset.i, j: e.dataset.j}))"""
    )


def titles(pg, kind="n"):
    return [x["title"] for x in labels(pg) if x["kind"] == kind]


def marked(pg):
    """The inspector's section marked for the stage: its text."""
    return pg.locator("#inspector-panel .is-stage").inner_text()


def test_the_article_example_stage_by_stage(wide):
    pg = wide
    reply, before, after, metrics = native()
    hidden, out = reply["layers"]
    a1 = [float(x) for x in hidden["a"]]
    y_hat = float(out["a"][0])
    y = float(reply["target"][0])
    assert abs(a1[0] - 0.83201839) < 1e-8 and abs(y_hat - 0.99188931) < 1e-8  # the article's

    # the user's way: the data set, then the toolbar's button (no point picked: the first)
    pg.select_option("#dataset", "article")
    pg.wait_for_function(
        "() => bp.snapshot().settings.dataset === 'article' && bp.snapshot().epoch === 0"
        " && !document.getElementById('step-through').disabled",
        timeout=30_000,
    )
    pg.click("#step-through")
    at_stage(pg, "forward-1")
    assert pg.locator("#walk-bar").is_visible()
    # forward, layer 1: each hidden neuron its z and a (full precision in its title)
    shown = titles(pg)
    assert f"z = {js(hidden['z'][0])}, a = {js(a1[0])}" in shown, shown
    assert f"z = {js(hidden['z'][1])}, a = {js(a1[1])}" in shown, shown
    texts = [x["text"] for x in labels(pg)]
    assert "z = 1.6 | a = 0.83202" in texts, texts  # 5 digits at 1280 px
    assert "0.83202" in marked(pg)  # the inspector's layer 1, forward
    links = [x for x in labels(pg) if x["kind"] == "l"]
    assert links, "the stage's links carry w x a"
    for x in links:  # w x a of that link, the weights before the step
        w = before["weights"][0][int(x["i"])][int(x["j"])]
        a = reply["a0"][int(x["j"])]
        assert x["title"].replace("\u2009", " ") == f"{js(w)} × {js(a)} = {js(w * a)}", x
    pg.screenshot(path=str(ARTIFACTS / "walk-forward-1280.png"))

    # Next (the button): forward, layer 2 gives y'
    pg.get_by_role("button", name="Next").click()
    at_stage(pg, "forward-2")
    assert f"z = {js(out['z'][0])}, y′ = {js(y_hat)}" in titles(pg)  # y′: the output
    assert "0.99189" in marked(pg)

    # the arrow key: the loss, with the output, the target and the loss in the bar's formula
    pg.keyboard.press("ArrowRight")
    at_stage(pg, "loss")
    assert f"y′ = {js(y_hat)}, y = {js(y)}" in titles(pg)  # the output, the target
    loss = f"{reply['loss']:.5g}"
    assert loss in pg.locator("#walk-bar").inner_text()
    assert loss in marked(pg)

    # N: backward through the output layer, delta_2 = y' - y
    pg.keyboard.press("n")
    at_stage(pg, "backward-2")
    delta2 = float(out["delta"][0])
    assert delta2 == y_hat - y
    assert f"δ = {js(delta2)}" in titles(pg), titles(pg)
    assert "0.99189" in marked(pg)

    # N again: the hidden layer's corrected delta_1 = (W2^T delta_2) * a(1 - a)
    pg.keyboard.press("N")
    at_stage(pg, "backward-1")
    d1 = [float(x) for x in hidden["delta"]]
    assert abs(d1[0] - 0.27726042) < 1e-8 and abs(d1[1] - 0.31242604) < 1e-8
    for k in range(2):
        want = f"Wᵀδ = {js(hidden['backprop'][k])}, f′ = {js(hidden['dfz'][k])}, δ = {js(d1[k])}"
        assert want in titles(pg), titles(pg)
    assert "0.27726" in marked(pg) and "0.31243" in marked(pg)
    flows = pg.locator(".bp-walk-flow").count()
    assert flows == 2, "delta_2 flows back along both links of layer 2"
    grads = [x for x in labels(pg) if x["kind"] == "l" and x["l"] == "0"]
    assert len(grads) == 4, "every dL/dw of layer 1 is labelled (along the link or as a callout)"
    for x in grads:
        assert x["title"] == f"∂L/∂w = {js(hidden['dW'][int(x['i'])][int(x['j'])])}", x
    pg.screenshot(path=str(ARTIFACTS / "walk-backward-1280.png"))

    # P and ArrowLeft go back; Next to the update
    pg.keyboard.press("p")
    at_stage(pg, "backward-2")
    pg.keyboard.press("ArrowRight")
    pg.keyboard.press("ArrowRight")
    at_stage(pg, "update")
    moved = [x for x in labels(pg) if x["kind"] == "l"]
    assert len(moved) == 6, "all six weights show their step"
    for x in moved:  # w -> w - lr dL/dw: the engine's own weights after the step, bit for bit
        l, i, j = int(x["l"]), int(x["i"]), int(x["j"])
        w, w2 = before["weights"][l][i][j], after["weights"][l][i][j]
        assert x["title"].replace("\u2009", " ") == f"{js(w)} → {js(w2)}", x
    assert "0.99160" in marked(pg) or "0.9916" in marked(pg)  # y' after the step

    # Take the step: the metrics and the inspector are the engine's after its SGD step
    pg.get_by_role("button", name="Take the step").click()
    loss_after = metrics["lossTrain"]
    took = "(l) => bp.snapshot().metrics.lossTrain === l"
    pg.wait_for_function(took, arg=loss_after, timeout=20_000)
    at_stage(pg, "forward-1")
    # the walk starts again from the new weights (once the new inspect reply is in: the walk is
    # at its first stage a moment before, on the old reply)
    pg.wait_for_function(
        "(old) => document.querySelector('.bp-walk-n.is-now')?.title !== old",
        arg=f"z = {js(hidden['z'][0])}, a = {js(a1[0])}",
        timeout=20_000,
    )
    assert pg.evaluate("() => bp.snapshot().epoch") == 0  # one sample's step, not an epoch

    # Escape stops: the overlay and the bar go, the inspector stays on the point
    pg.keyboard.press("Escape")
    pg.wait_for_function("() => bp.stepThrough.stage() === null")
    pg.wait_for_function("() => !document.querySelector('.bp-walk, .bp-net.is-walking')")
    assert not pg.locator("#walk-bar").is_visible()
    assert pg.locator("#inspector-panel .is-stage").count() == 0
    assert pg.locator("#inspector-panel .bpi-title").count() == 1


def walk_all(pg):
    """Every stage of the shown network: each has labels; returns the stage ids seen."""
    seen = []
    while True:
        stage = pg.evaluate("() => bp.stepThrough.stage()")
        at_stage(pg, stage)
        shown = labels(pg)
        assert [x for x in shown if x["kind"] == "n"], f"{stage}: neurons labelled"
        seen.append(stage)
        if stage == "update":
            return seen
        pg.keyboard.press("ArrowRight")
        pg.wait_for_function("(s) => bp.stepThrough.stage() !== s", arg=stage)


def test_a_softmax_network_and_a_regression_one(wide):
    pg = wide
    blobs = "{dataset: 'blobs', classes: 3, layers: [4, 3], activation: ['tanh'], loss: 'auto'}"
    pg.evaluate(f"() => bp.configure({blobs})")
    three = "() => bp.snapshot().session?.layerSizes.at(-1) === 3 && bp.snapshot().epoch === 0"
    pg.wait_for_function(three, timeout=30_000)
    pg.evaluate("() => bp.stepThrough.start(3)")
    forward = ["forward-1", "forward-2", "forward-3"]
    assert walk_all(pg) == [*forward, "loss", "backward-3", "backward-2", "backward-1", "update"]
    pg.keyboard.press("Escape")
    pg.evaluate("() => bp.configure({dataset: 'plane', layers: [3], activation: ['relu']})")
    regression = "() => bp.snapshot().session?.problem === 'regression' && !bp.snapshot().epoch"
    pg.wait_for_function(regression, timeout=30_000)
    pg.evaluate("() => bp.stepThrough.start(0)")
    assert walk_all(pg) == ["forward-1", "forward-2", "loss", "backward-2", "backward-1", "update"]
    pg.evaluate("() => bp.stepThrough.go('loss')")
    at_stage(pg, "loss")
    assert "L = (y′ − y)²" in pg.locator("#walk-bar").inner_text()
    pg.get_by_role("button", name="Stop").click()
    pg.wait_for_function("() => bp.stepThrough.stage() === null")


def test_on_a_phone_fewer_digits_and_full_ones_on_hover(phone):
    pg = phone
    pg.evaluate("() => bp.stepThrough.showArticle('forward-1')")
    at_stage(pg, "forward-1")
    pg.locator("#network-view").scroll_into_view_if_needed()
    texts = [x["text"] for x in labels(pg)]
    assert "z = 1.6 | a = 0.832" in texts, texts  # 3 significant digits at 390 px
    pg.screenshot(path=str(ARTIFACTS / "walk-forward-390.png"))
    # pointing at the neuron shows its numbers in full
    pg.locator('[data-key="neuron-0-0"]').hover()
    pg.wait_for_function(
        """() => [...document.querySelectorAll('.bp-walk-n')]
            .some((e) => e.innerText.includes('0.8320183851339245'))"""
    )
    pg.evaluate("() => bp.stepThrough.go('backward-1')")
    at_stage(pg, "backward-1")
    pg.locator("#network-view").scroll_into_view_if_needed()
    pg.mouse.move(0, 0)
    pg.screenshot(path=str(ARTIFACTS / "walk-backward-390.png"))
    # leaving: the inspector closed ends the walk
    pg.locator("#inspector-panel .bpi-close").click()
    pg.wait_for_function("() => !bp.stepThrough.stage() && !document.querySelector('.bp-walk')")


def test_the_walk_and_the_diagram_speak_chinese(browser, base_url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(base_url + "index.html")
    pg.wait_for_function("() => window.bp && bp.snapshot().epoch !== null", timeout=READY_MS)
    assert pg.locator("#step-through").inner_text() == "逐步查看"
    title = "() => document.querySelector('.bp-net-features .bp-net-title').textContent"
    assert pg.evaluate(title) == "特征"
    layers = pg.evaluate("() => bp.snapshot().settings.layers.length")
    assert pg.locator("#network-view .bp-net-count").inner_text() == f"{layers} 个隐藏层"
    pg.evaluate("() => bp.stepThrough.showArticle('backward-1')")
    at_stage(pg, "backward-1")
    bar = pg.locator("#walk-bar").inner_text()
    assert "反向传播，第 1 层" in bar and "执行这一步" in bar, bar
    # English at once, the same stage and overlay
    pg.select_option("#lang", "en")
    pg.wait_for_function(title + " === 'Features'")
    at_stage(pg, "backward-1")
    assert "Backward pass, layer 1" in pg.locator("#walk-bar").inner_text()
    assert pg.locator(".bp-walk-n").count() >= 3
    context.close()
    assert not errors, errors
