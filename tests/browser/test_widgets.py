"""The page's widgets (network-view.js, draw.js, history.js, storage.js) in a test-only harness.

widgets_harness.html wires them the way main.js would, with a fake network, and records every
event in window.harness.events. It is served from tests/browser/ with /web/ mapped to web/, so
it needs no built dist/. Screenshots go to tests/artifacts/ (ignored by git). The undo history's
and storage's logic without the DOM is tested under node (tests/js/history.test.mjs,
storage.test.mjs).
"""

from __future__ import annotations

import json

import pytest
from artifacts import shoot
from pages import harness_events, link_spots, open_harness, painted, point_at_link

POINTS_KEY = "bp-playground:v1:points"


@pytest.fixture
def hp(page, harness_root):
    """The harness page, loaded, with empty storage."""
    return open_harness(page, harness_root + "widgets_harness.html", clear_storage=True)


events = harness_events


def points(pg):
    return pg.evaluate("harness.state.points")


def map_box(pg):
    return pg.locator("#overlay").bounding_box()


def to_screen(box, x1, x2):
    """Data coordinates -> page pixels over the drawing canvas ([-6, 6]^2, x2 up)."""
    return box["x"] + (x1 + 6) / 12 * box["width"], box["y"] + (6 - x2) / 12 * box["height"]


def drag(pg, start, end, steps=12):
    box = map_box(pg)
    pg.mouse.move(*to_screen(box, *start))
    pg.mouse.down()
    pg.mouse.move(*to_screen(box, *end), steps=steps)
    pg.mouse.up()


# ---------------------------------------------------------------------------------------------
# drawing


def test_click_adds_one_point_at_the_right_place_within_a_frame(hp):
    box = map_box(hp)
    hp.mouse.move(*to_screen(box, 3, 3))
    hp.mouse.down()
    # the preview dot is painted in the pointerdown handler itself, before the engine hears of it
    alpha = hp.evaluate(
        """() => {
            const c = document.getElementById('overlay');
            const r = c.getBoundingClientRect();
            const s = c.width / r.width;
            const x = Math.round((3 + 6) / 12 * r.width * s);
            const y = Math.round((6 - 3) / 12 * r.height * s);
            return c.getContext('2d').getImageData(x, y, 1, 1).data[3];
        }"""
    )
    assert alpha > 0, "the new point is not on the overlay while the pointer is still down"
    hp.mouse.up()
    pts = points(hp)
    assert len(pts) == 1
    x1, x2, label = pts[0]
    assert abs(x1 - 3) < 0.1 and abs(x2 - 3) < 0.1 and label == 0
    ends = events(hp, "strokeEnd")
    assert len(ends) == 1 and ends[0]["stroke"]["type"] == "add"


def test_mouse_drag_paints_spaced_points_as_one_undoable_stroke(hp):
    hp.select_option("#label", "1")
    drag(hp, (-4, 0), (4, 0))
    pts = points(hp)
    # 8 data units = 200 px over a 300 px canvas at 10 px spacing: about 20 points
    assert 15 <= len(pts) <= 25, len(pts)
    assert all(p[2] == 1 and abs(p[1]) < 0.1 for p in pts)
    xs = [p[0] for p in pts]
    gaps = [b - a for a, b in zip(xs, xs[1:])]
    assert min(gaps) > 0.3 and max(gaps) < 0.5, gaps  # evenly spaced, ~10 px = 0.4 units
    assert len(events(hp, "strokeEnd")) == 1
    assert events(hp, "pointer")[0]["pointerType"] == "mouse"
    hp.get_by_role("button", name="Undo").click()
    assert points(hp) == []


def test_touch_draws_points(hp):
    cdp = hp.context.new_cdp_session(hp)
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    box = map_box(hp)
    x, y = to_screen(box, -3, -3)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for k in range(1, 11):
        cdp.send(
            "Input.dispatchTouchEvent",
            {"type": "touchMove", "touchPoints": [{"x": x + 12 * k, "y": y - 6 * k}]},
        )
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    hp.wait_for_function("harness.events.some((e) => e.type === 'strokeEnd')")
    assert events(hp, "pointer")[0]["pointerType"] == "touch"
    pts = points(hp)
    assert len(pts) >= 8
    assert abs(pts[0][0] + 3) < 0.1 and abs(pts[0][1] + 3) < 0.1
    assert pts[-1][0] > pts[0][0] and pts[-1][1] > pts[0][1]  # moved right and (x2 up) up


def test_pen_draws_points(hp):
    cdp = hp.context.new_cdp_session(hp)
    box = map_box(hp)
    x, y = to_screen(box, 0, 4)

    def pen(kind, px, py, buttons):
        cdp.send(
            "Input.dispatchMouseEvent",
            {
                "type": kind,
                "x": px,
                "y": py,
                "button": "left",
                "buttons": buttons,
                "clickCount": 1,
                "pointerType": "pen",
                "force": 0.5,
            },
        )

    pen("mousePressed", x, y, 1)
    for k in range(1, 9):
        pen("mouseMoved", x, y + 10 * k, 1)
    pen("mouseReleased", x, y + 80, 0)
    assert events(hp, "pointer")[0]["pointerType"] == "pen"
    pts = points(hp)
    assert len(pts) >= 7
    assert all(abs(p[0]) < 0.1 for p in pts)
    assert pts[-1][1] < pts[0][1]  # dragged down the screen: x2 decreases


def test_erase_undo_redo(hp):
    drag(hp, (-4, 0), (4, 0))
    drawn = points(hp)
    n = len(drawn)
    hp.get_by_role("button", name="Erase", exact=True).click()
    drag(hp, (-1, 3), (-1, -3))  # a vertical sweep through the middle of the line
    after = points(hp)
    removed = n - len(after)
    assert 1 <= removed <= 4, removed
    assert all(abs(p[0] + 1) > 0.3 for p in after)  # nothing left under the eraser's path
    stroke = events(hp, "strokeEnd")[-1]["stroke"]
    assert stroke["type"] == "erase"
    idx = [r[0] for r in stroke["removed"]]
    assert idx == sorted(idx) and len(idx) == removed

    undo = hp.get_by_role("button", name="Undo")
    redo = hp.get_by_role("button", name="Redo")
    undo.click()
    assert points(hp) == drawn  # same points, same order
    redo.click()
    assert points(hp) == after
    undo.click()
    undo.click()
    assert points(hp) == []
    assert undo.is_disabled()
    redo.click()
    assert points(hp) == drawn
    # a new stroke after an undo drops the redo branch
    hp.get_by_role("button", name="Add", exact=True).click()
    drag(hp, (2, 2), (3, 3), steps=3)
    assert redo.is_disabled()


def test_off_mode_does_not_draw(hp):
    hp.get_by_role("button", name="Off", exact=True).click()
    box = map_box(hp)
    hp.mouse.click(*to_screen(box, 0, 0))
    assert points(hp) == []


def test_keyboard_adds_and_erases_points(hp):
    hp.locator("#overlay").focus()
    for key in ["ArrowRight"] * 4 + ["ArrowUp"] * 2 + ["Shift+ArrowUp"]:
        hp.keyboard.press(key)
    hp.keyboard.press("Enter")
    pts = points(hp)
    assert len(pts) == 1 and pts[0][:2] == [1, 1.5]
    hp.keyboard.press("Delete")
    assert points(hp) == []
    assert len(events(hp, "strokeEnd")) == 2  # each key press is one undoable action


# ---------------------------------------------------------------------------------------------
# network view


def find_free_link(pg, layer):
    """A point on some link of `layer` that the diagram picks there: [x, y, i, j]."""
    return point_at_link(pg, layer, root="#network")


def canvas_pixel(pg, x, y):
    """The links' canvas colour [r, g, b, a] under page point (x, y)."""
    return pg.evaluate(
        """([x, y]) => {
            const c = [...document.querySelectorAll('.bp-net-canvas')].find((e) => {
                const r = e.getBoundingClientRect();
                return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
            });
            const r = c.getBoundingClientRect();
            const s = c.width / r.width;
            const px = Math.round((x - r.left) * s), py = Math.round((y - r.top) * s);
            return [...c.getContext('2d').getImageData(px, py, 1, 1).data];
        }""",
        [x, y],
    )


def test_link_click_gives_the_weight_and_the_editor_sets_it(hp):
    spot = find_free_link(hp, 1)
    assert spot, "no link of layer 1 can be clicked"
    x, y, i, j = spot
    hp.mouse.click(x, y)
    link = events(hp, "link")[-1]["link"]
    assert (link["layer"], link["i"], link["j"]) == (1, i, j)
    assert link["value"] == hp.evaluate(f"harness.state.weights[1][{i}][{j}]")

    editor = hp.get_by_label("Weight", exact=True)
    assert editor.is_visible() and editor.evaluate("(e) => e === document.activeElement")
    editor.fill("3.5")
    editor.press("Enter")
    edit = events(hp, "weightEdit")[-1]["link"]
    assert edit == {"layer": 1, "i": i, "j": j, "value": 3.5}
    assert hp.locator(".bp-weight-editor").count() == 0
    # |w| = 3.5 of the widest 4: a thick blue line there, and pointing at it names the value
    hp.mouse.move(5, 5)
    hp.mouse.move(x, y)
    tip = hp.locator(".bp-link-tip")
    hp.wait_for_function("() => /: 3\\.5/.test(document.querySelector('.bp-link-tip').textContent)")
    assert tip.is_visible()
    painted(hp)  # the canvas is redrawn in the next frame
    r, g, b, a = canvas_pixel(hp, x, y)
    assert a > 200 and b > r, (r, g, b, a)

    hp.mouse.click(x, y)
    hp.get_by_label("Weight", exact=True).press("Escape")
    assert hp.locator(".bp-weight-editor").count() == 0
    assert len(events(hp, "weightEdit")) == 1
    assert hp.evaluate("document.activeElement.classList.contains('bp-link-hit')")


def test_links_are_one_tab_stop_with_arrow_keys(hp):
    assert hp.locator(".bp-link-hit[tabindex='0'], .bp-bias[tabindex='0']").count() == 1
    hp.locator(".bp-link-hit[tabindex='0'], .bp-bias[tabindex='0']").focus()
    first = hp.evaluate("document.activeElement.getAttribute('aria-label')")
    assert first.startswith("Bias of layer 1 neuron 1")
    hp.keyboard.press("ArrowDown")
    label = hp.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label.startswith("Weight from X1 to layer 1 neuron 1: ")
    hp.keyboard.press("Enter")
    link = events(hp, "link")[-1]["link"]
    assert (link["layer"], link["i"], link["j"]) == (0, 0, 0)
    hp.keyboard.press("Escape")  # close the editor the harness opens
    hp.keyboard.press("ArrowRight")
    label = hp.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label.startswith("Weight from layer 1 neuron 1 to layer 2 neuron 1")
    assert hp.locator(".bp-link-hit[tabindex='0'], .bp-bias[tabindex='0']").count() == 1


def test_layer_and_neuron_buttons_fire_the_new_architecture(hp):
    hp.get_by_role("button", name="Add hidden layer").click()
    assert events(hp, "architecture")[-1]["layers"] == [4, 2, 2]
    hp.get_by_role("button", name="Remove neuron from layer 1").click()
    assert events(hp, "architecture")[-1]["layers"] == [3, 2, 2]
    hp.get_by_role("button", name="Remove hidden layer").click()
    assert events(hp, "architecture")[-1]["layers"] == [3, 2]
    assert hp.locator("#network .bp-net-hidden").count() == 2
    assert hp.locator("#network .bp-neuron").count() == 3 + 2 + 1


def test_architecture_buttons_work_from_the_keyboard_and_keep_focus(hp):
    add = hp.get_by_role("button", name="Add neuron to layer 2")
    add.focus()
    hp.keyboard.press("Enter")
    assert events(hp, "architecture")[-1]["layers"] == [4, 3]
    # the DOM was rebuilt; focus is on the new button of the same name, so Space repeats
    focused = hp.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Add neuron to layer 2"
    hp.keyboard.press("Space")
    assert events(hp, "architecture")[-1]["layers"] == [4, 4]
    # Tab order reaches the layer buttons from the start of the diagram
    hp.locator("#mode-add").focus()
    names = []
    for _ in range(12):
        hp.keyboard.press("Tab")
        names.append(hp.evaluate("document.activeElement.getAttribute('aria-label')"))
    assert "Add hidden layer" in names and "Remove hidden layer" in names


def test_limits_are_announced_not_silently_broken(hp):
    # the settings table's limit (10 hidden layers), not a number of the widget's own
    for _ in range(8):
        hp.get_by_role("button", name="Add hidden layer").click()
    assert events(hp, "architecture")[-1]["layers"] == [4] + [2] * 9
    add = hp.get_by_role("button", name="Add hidden layer")
    assert add.get_attribute("aria-disabled") == "true"
    count = len(events(hp, "architecture"))
    add.click(force=True)  # aria-disabled keeps it focusable; a click must do nothing
    add.press("Enter")
    assert len(events(hp, "architecture")) == count
    minus = hp.get_by_role("button", name="Remove neuron from layer 3")
    minus.click()
    assert events(hp, "architecture")[-1]["layers"][2] == 1
    minus = hp.get_by_role("button", name="Remove neuron from layer 3")
    assert minus.get_attribute("aria-disabled") == "true"


def test_activation_select_and_feature_toggles(hp):
    hp.get_by_label("Activation, layer 2").select_option("relu")
    assert events(hp, "activation")[-1] == {"type": "activation", "layer": 1, "name": "relu"}
    assert hp.get_by_label("Activation, layer 2").input_value() == "relu"
    assert hp.get_by_label("Activation, layer 1").input_value() == "tanh"

    sq = hp.get_by_role("button", name="X1 squared", exact=True)
    assert sq.get_attribute("aria-pressed") == "false"
    sq.click()
    assert events(hp, "features")[-1]["features"] == ["x1", "x2", "x1sq"]
    sq = hp.get_by_role("button", name="X1 squared", exact=True)
    assert sq.get_attribute("aria-pressed") == "true"
    # the new input is linked to the first layer: a link from X1 squared can be pointed at
    spots = [sp for sp in link_spots(hp, 0, "#network") if sp[3] == 2]
    assert len(spots) == 5 * 4  # 5 points along each of its 4 links
    assert point_at_link(hp, 0, root="#network") is not None
    hp.get_by_role("button", name="X1", exact=True).press("Enter")
    hp.get_by_role("button", name="X2", exact=True).press("Space")
    assert events(hp, "features")[-1]["features"] == ["x1sq"]
    # the last input cannot be switched off
    hp.get_by_role("button", name="X1 squared", exact=True).click()
    assert events(hp, "features")[-1]["features"] == ["x1sq"]


def test_neurons_hover_focus_and_click(hp):
    n = hp.get_by_role("button", name="Layer 1 neuron 2", exact=True)
    n.hover()
    assert events(hp, "neuronFocus")[-1]["ref"] == {"kind": "hidden", "layer": 0, "index": 1}
    hp.mouse.move(5, 5)
    assert events(hp, "neuronFocus")[-1]["ref"] is None
    hp.get_by_role("button", name="Layer 2 neuron 1", exact=True).focus()
    assert events(hp, "neuronFocus")[-1]["ref"] == {"kind": "hidden", "layer": 1, "index": 0}
    hp.keyboard.press("Enter")
    assert events(hp, "neuronClick")[-1]["ref"] == {"kind": "hidden", "layer": 1, "index": 0}
    hp.get_by_role("button", name="Output", exact=True).click()
    assert events(hp, "neuronClick")[-1]["ref"] == {"kind": "output", "layer": 2, "index": 0}
    output = hp.get_by_role("button", name="Output", exact=True)
    assert "is-selected" in output.get_attribute("class")
    # thumbnails are painted: the neuron's canvas is not blank
    painted = hp.evaluate(
        """() => {
            const c = document.querySelector('.bp-net-hidden .bp-thumb');
            return c.width > 1 && c.getContext('2d').getImageData(0, 0, 1, 1).data[3] === 255;
        }"""
    )
    assert painted


def test_every_control_has_an_accessible_name(hp):
    hp.get_by_role("button", name="Add hidden layer").click()
    cdp = hp.context.new_cdp_session(hp)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    interactive = {"button", "combobox", "spinbutton", "checkbox", "textbox", "application"}
    unnamed = [
        n
        for n in nodes
        if not n.get("ignored")
        and n.get("role", {}).get("value") in interactive
        and not (n.get("name", {}).get("value") or "").strip()
    ]
    assert not unnamed, json.dumps(unnamed[:3], indent=1)
    roles = [n.get("role", {}).get("value") for n in nodes if not n.get("ignored")]
    assert roles.count("button") > 20


# ---------------------------------------------------------------------------------------------
# storage


def test_drawn_points_survive_a_reload(hp):
    drag(hp, (-2, -2), (2, 2))
    drawn = points(hp)
    assert drawn
    stored = json.loads(hp.evaluate(f"localStorage.getItem('{POINTS_KEY}')"))
    assert stored == {"v": 1, "points": drawn}
    hp.reload()
    hp.wait_for_function("window.harness && window.harness.ready")
    assert points(hp) == drawn
    assert hp.evaluate("harness.restoredReason") is None


@pytest.mark.parametrize(
    ("stored", "reason"),
    [
        ("{not json", "corrupt"),
        ('{"v": 1, "points": [[1, 2]]}', "invalid"),
        ('{"v": 1, "points": [[1, "a", 0]]}', "invalid"),
        ('{"v": 99, "points": []}', "invalid"),
        ("null", "invalid"),
    ],
)
def test_corrupt_storage_is_reported_not_thrown(hp, stored, reason):
    hp.evaluate("([k, v]) => localStorage.setItem(k, v)", [POINTS_KEY, stored])
    hp.reload()
    hp.wait_for_function("window.harness && window.harness.ready")
    assert hp.evaluate("harness.restoredReason") == reason
    assert points(hp) == []
    drag(hp, (0, 0), (1, 0), steps=2)  # and the page still works, overwriting the bad record
    assert json.loads(hp.evaluate(f"localStorage.getItem('{POINTS_KEY}')"))["v"] == 1


# ---------------------------------------------------------------------------------------------
# look: screenshots for a human, and no page-wide overflow on a phone


@pytest.mark.parametrize(
    ("width", "height", "scheme"),
    [(1280, 800, "light"), (390, 844, "light"), (1280, 800, "dark"), (390, 844, "dark")],
)
def test_screenshots_and_phone_layout(hp, width, height, scheme):
    hp.emulate_media(color_scheme=scheme)
    hp.set_viewport_size({"width": width, "height": height})
    drag(hp, (-4, 3), (3, -2))
    hp.get_by_role("button", name="Layer 1 neuron 3", exact=True).hover()
    shoot(hp, f"widgets-{width}x{height}-{scheme}")
    # a deep, wide network: the diagram scrolls inside its own box, the page never does
    for _ in range(4):
        hp.get_by_role("button", name="Add hidden layer").click()
    for _ in range(6):
        hp.get_by_role("button", name="Add neuron to layer 1").click()
    page_width = hp.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width, f"the page scrolls sideways at {width}px: {page_width}"
    # every column fits the diagram's box, or the diagram scrolls with a visible track
    fits = hp.evaluate("""() => {
        const s = document.querySelector('.bp-net-scroll');
        const out = document.querySelector('.bp-net-output').getBoundingClientRect();
        const track = document.querySelector('.bp-net-track');
        return out.right <= s.getBoundingClientRect().right + 1
            || (s.scrollWidth > s.clientWidth && !track.hidden && track.offsetHeight > 0);
    }""")
    assert fits
    shoot(hp, f"widgets-{width}x{height}-{scheme}-deep")
