"""More activations, initialisations, Reset and New weights in the page (issue 22, items 2 and
3), in real Chromium with the real engine: the menus offer bpcore's names and each trains; the
inspector shows f' of the new ones; Reset restarts from the very same weights; New weights
moves the seed, says so and the link carries it; zero weights keep every hidden neuron of a
layer identical, which the diagram's pictures show, and a hint says why."""

from __future__ import annotations

import math

import pytest
from pages import new_context_page, open_index, painted, wait_quiet, wait_snapshot

from bpcore.link import read_link
from bpcore.settings import SETTINGS

pytestmark = pytest.mark.browser

NEW = ["elu", "softplus", "silu", "gelu", "sine"]


@pytest.fixture(scope="module")
def pg(browser, base_url):
    context, page = new_context_page(browser)
    open_index(page, base_url)
    wait_quiet(page)
    yield page
    context.close()


def weights(pg):
    """The engine's weights and biases (the protocol's `weights`), as one flat list."""
    w = pg.evaluate("() => bp.engine.request('weights', {})")
    return [x for W in w["weights"] for row in W for x in row] + [x for b in w["biases"] for x in b]


def settle(pg, cond):
    wait_snapshot(pg, cond)
    wait_quiet(pg)


def test_the_activation_menus_offer_the_new_ones_and_each_trains(pg):
    values = "(os) => os.map((o) => o.value)"
    table = list(SETTINGS["activation"].choices)
    assert set(NEW) <= set(table)
    assert pg.locator("#activation option").evaluate_all(values)[: len(table)] == table
    layer0 = pg.locator('#network-view [data-key="activation-0"]')
    assert layer0.locator("option").evaluate_all(values) == table
    for name in NEW:
        pg.get_by_label("Activation", exact=True).select_option(name)
        settle(pg, f"s.settings.activation.join() === '{name}' && s.epoch === 0")
        pg.evaluate("() => bp.step()")
        settle(pg, "s.epoch > 0")
        m = pg.evaluate("() => bp.snapshot().metrics")
        assert math.isfinite(m["lossTrain"]), name
    # per layer, from the diagram: the first layer GELU, the second sine
    layer0.select_option("gelu")
    pg.locator('#network-view [data-key="activation-1"]').select_option("sine")
    settle(pg, "s.settings.activation.join() === 'gelu,sine'")
    pg.evaluate("() => bp.step()")
    settle(pg, "s.epoch > 0")


def test_the_inspector_writes_f_prime_of_the_new_ones(pg):
    pg.evaluate("() => bp.configure({activation: ['silu', 'sine']})")
    settle(pg, "s.settings.activation.join() === 'silu,sine'")
    pg.evaluate("() => bp.inspectPoint(0)")
    wait_snapshot(pg, "s.selected !== null")
    panel = pg.locator("#inspector-panel")
    pg.wait_for_function(
        "() => document.getElementById('inspector-panel').textContent.includes('cos')"
    )
    text = panel.text_content().replace(" ", "")
    # the backward sections' formulas (MathML: subscripts read inline) and the f' column's title
    assert "f′(z1)=σ(z1)(1+z1(1−σ(z1)))" in text, text
    assert "f′(z2)=cos(z2)" in text
    titles = panel.locator("[title]").evaluate_all("(es) => es.map((e) => e.title)")
    assert "f′(z2) = cos(z)" in titles
    pg.evaluate("() => bp.configure({activation: ['tanh']})")
    settle(pg, "s.settings.activation.join() === 'tanh'")


def test_the_init_menu_and_reset_gives_the_same_weights(pg):
    values = "(os) => os.map((o) => o.value)"
    assert pg.locator("#init option").evaluate_all(values) == list(SETTINGS["init"].choices)
    before = weights(pg)
    pg.get_by_label("Initialization").select_option("glorot_normal")
    settle(pg, "s.settings.init === 'glorot_normal' && s.epoch === 0")
    start = weights(pg)
    assert start != before
    pg.evaluate("() => bp.step()")
    settle(pg, "s.epoch > 0")
    assert weights(pg) != start
    pg.locator("#reset").click()
    settle(pg, "s.epoch === 0")
    assert weights(pg) == start  # the very same numbers
    pg.get_by_label("Initialization").select_option("tf_playground")
    settle(pg, "s.settings.init === 'tf_playground'")
    w = pg.evaluate("() => bp.engine.request('weights', {})")
    assert all(b == 0.1 for layer in w["biases"] for b in layer)
    # the menu says "TF Playground"; the hint under it says what that is (drawn the next frame)
    pg.wait_for_function("() => !document.getElementById('init-hint').hidden")
    assert "bias 0.1" in pg.locator("#init-hint").text_content()


def test_new_weights_moves_the_seed_and_the_link_says_so(pg):
    pg.get_by_label("Initialization").select_option("uniform")
    settle(pg, "s.settings.init === 'uniform'")
    pg.evaluate("() => bp.step()")
    settle(pg, "s.epoch > 0")
    seed, start = pg.evaluate("() => bp.snapshot().settings.seed"), weights(pg)
    button = pg.get_by_role("button", name="New weights")
    button.click()
    settle(pg, f"s.settings.seed !== {seed} && s.epoch === 0")
    new_seed = pg.evaluate("() => bp.snapshot().settings.seed")
    assert weights(pg) != start
    notice = pg.evaluate("() => bp.snapshot().notice")
    assert f"seed {new_seed}" in notice and "epoch 0" in notice
    text = pg.evaluate("() => bp.flushLink()")
    assert read_link(text).settings["seed"] == new_seed
    pg.wait_for_function("(t) => location.hash === '#' + t", arg=text)


def test_new_weights_on_the_articles_net_says_it_keeps_its_weights(pg):
    pg.get_by_label("Dataset").select_option("article")
    settle(pg, "s.settings.dataset === 'article' && s.session.pointCount === 2")
    start = weights(pg)
    seed = pg.evaluate("() => bp.snapshot().settings.seed")
    pg.get_by_role("button", name="New weights").click()
    settle(pg, f"s.settings.seed !== {seed} && s.epoch === 0")
    assert weights(pg) == start
    assert "article's own weights" in pg.evaluate("() => bp.snapshot().notice")
    pg.get_by_label("Dataset").select_option("circle")
    settle(pg, "s.settings.dataset === 'circle'")


def _thumbs(pg, layer, n):
    return pg.evaluate(
        """([l, n]) => Array.from({length: n}, (_, i) => document.querySelector(
            `#network-view [data-key="neuron-${l}-${i}"] canvas`).toDataURL())""",
        [layer, n],
    )


def test_zeros_keep_every_hidden_neuron_identical_and_say_why(pg):
    hint = pg.locator("#init-hint")
    assert hint.is_hidden()
    pg.evaluate(
        "() => bp.configure({init: 'zeros', activation: ['sigmoid'], layers: [4, 2], lr: 0.3})"
    )
    settle(pg, "s.settings.init === 'zeros' && s.epoch === 0")
    assert hint.is_visible() and "symmetry" in hint.text_content()
    assert not any(weights(pg))
    painted(pg)
    flat = _thumbs(pg, 0, 4)[0]
    pg.evaluate("() => bp.play()")
    wait_snapshot(pg, "s.epoch >= 40", timeout=60_000)
    pg.evaluate("() => bp.pause()")
    wait_quiet(pg)
    w = pg.evaluate("() => bp.engine.request('weights', {})")
    for W, b in zip(w["weights"][:-1], w["biases"][:-1]):  # hidden layers: identical rows
        assert all(row == W[0] for row in W) and len(set(b)) == 1
    assert any(x != 0 for x in w["weights"][0][0])  # they moved, all together
    pg.wait_for_function(
        """([flat]) => {
            const c = (l, i) => document.querySelector(
                `#network-view [data-key="neuron-${l}-${i}"] canvas`).toDataURL();
            const a = [0, 1, 2, 3].map((i) => c(0, i));
            return a[0] !== flat && a.every((x) => x === a[0]);
        }""",
        arg=[flat],
    )
    second = _thumbs(pg, 1, 2)
    assert second[0] == second[1]
    pg.get_by_label("Initialization").select_option("he")
    settle(pg, "s.settings.init === 'he'")
    assert hint.is_hidden()
