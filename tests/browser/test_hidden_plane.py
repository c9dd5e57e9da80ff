"""A student opens "What the hidden layer sees", trains, and watches the plane bend: the
picture is drawn, it moves while training runs, and the pickers choose what it shows."""

from pages import READY_MS


def _picture(page):
    """The canvas's pixels, as a PNG data URL."""
    return page.evaluate("() => document.getElementById('plane-canvas').toDataURL()")


def _caption(page):
    return page.locator("#plane-caption").inner_text()


def test_the_hidden_layer_view_moves_while_training(page, base_url):
    page.goto(base_url + "index.html")
    page.wait_for_function(
        "() => window.bp && bp.engine.status === 'ready' && bp.stats.sessionAt", timeout=READY_MS
    )
    page.evaluate(
        "() => bp.configure({dataset: 'circle', layers: [3, 2], lr: 0.3, batch_size: 10})"
    )
    page.wait_for_function("() => bp.snapshot().session?.layerSizes?.join() === '2,3,2,1'")
    page.get_by_text("What the hidden layer sees").click()
    page.wait_for_function(
        "() => /principal components/.test(document.getElementById('plane-caption').textContent)"
        " && /\\d+\\s?%/.test(document.getElementById('plane-caption').textContent)"
    )
    canvas = page.get_by_role("img", name="Hidden layer 1 seen along its two principal components")
    assert canvas.is_visible()
    before = _picture(page)
    # the layer picker offers each hidden layer with its width
    options = page.get_by_label("Layer", exact=True).locator("option").all_inner_texts()
    assert options == ["Hidden layer 1 (3 neurons)", "Hidden layer 2 (2 neurons)"]

    page.evaluate("() => bp.play()")
    page.wait_for_function("() => bp.snapshot().epoch >= 30", timeout=60_000)
    page.wait_for_function(
        "before => document.getElementById('plane-canvas').toDataURL() !== before",
        arg=before,
        timeout=30_000,
    )
    page.evaluate("() => bp.pause()")
    assert _picture(page) != before

    # two neurons of the second layer, picked like a user
    page.get_by_label("Layer", exact=True).select_option(label="Hidden layer 2 (2 neurons)")
    page.get_by_label("Axes", exact=True).select_option(label="Two neurons")
    page.wait_for_function(
        "() => document.getElementById('plane-caption').textContent"
        " === 'Hidden layer 2: neuron 1 across, neuron 2 up.'"
    )
    page.get_by_label("Across", exact=True).select_option(label="Neuron 2")
    page.wait_for_function(
        "() => document.getElementById('plane-caption').textContent"
        " === 'Hidden layer 2: neuron 2 across, neuron 1 up.'"
    )
    assert page.get_by_label("Up", exact=True).input_value() == "0"


def _painted(page):
    """Whether any pixel of the picture is painted."""
    return page.evaluate(
        "() => { const c = document.getElementById('plane-canvas');"
        " return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v); }"
    )


def test_no_hidden_layer_leaves_no_stale_picture(page, base_url):
    """With the panel open, 0 hidden layers showed the last network's picture under the caption
    "This network has no hidden layer"."""
    page.goto(base_url + "index.html")
    page.wait_for_function(
        "() => window.bp && bp.engine.status === 'ready' && bp.stats.sessionAt", timeout=READY_MS
    )
    page.evaluate("() => bp.configure({layers: [3, 2]})")
    page.wait_for_function("() => bp.snapshot().session?.layerSizes?.join() === '2,3,2,1'")
    page.get_by_text("What the hidden layer sees").click()
    page.wait_for_function(
        "() => /principal components/.test(document.getElementById('plane-caption').textContent)"
    )
    page.wait_for_function(
        "() => { const c = document.getElementById('plane-canvas');"
        " return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v); }"
    )
    page.evaluate("() => bp.configure({layers: []})")
    page.wait_for_function("() => bp.snapshot().session?.layerSizes?.join() === '2,1'")
    page.wait_for_function(
        "() => /has no hidden layer/.test(document.getElementById('plane-caption').textContent)"
    )
    assert not _painted(page), "the last network's picture is still shown"
    # a hidden layer again: a picture again
    page.evaluate("() => bp.configure({layers: [4]})")
    page.wait_for_function(
        "() => { const c = document.getElementById('plane-canvas');"
        " return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v) => v); }",
        timeout=30_000,
    )
    assert "principal components" in _caption(page)
