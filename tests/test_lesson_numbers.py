"""Every number the lesson quotes (web/lesson/numbers.js) is bpcore's, rounded as written.

The lesson walks the article's worked example from its starting weights (bpcore/presets.py):
sample 1 = x (1, 2) -> 0 is the one its "Show me" buttons open; the numbers come from the same
`inspect` reply the page's inspector and step-through show. tests/js/lesson.test.mjs checks that
the prose and the formulas quote numbers only through numbers.js.
"""

import re
from pathlib import Path

import pytest

from bpcore import presets
from bpcore.protocol import Engine

pytestmark = pytest.mark.native_only  # reads web/, which the in-Pyodide run does not ship
NUMBERS_JS = Path(__file__).resolve().parents[1] / "web" / "lesson" / "numbers.js"


def quoted() -> dict[str, str]:
    block = NUMBERS_JS.read_text(encoding="utf-8").split("Object.freeze({", 1)[1].split("});", 1)[0]
    return dict(re.findall(r'(\w+): "([^"]+)"', block))


def truth() -> dict[str, float]:
    e = Engine()
    e.handle("init", {"settings": {"dataset": "article", **presets.SUGGESTED["article"]}})
    s1, s2 = e.handle("inspect", {"index": 0}), e.handle("inspect", {"index": 1})
    hidden, out = s1["layers"]
    (x11, x12, y1), (x21, x22, y2) = presets.ARTICLE_POINTS
    (W1, W2), (b1, b2) = presets.ARTICLE_WEIGHTS, presets.ARTICLE_BIASES
    lr = presets.SUGGESTED["article"]["lr"]
    assert s1["sgd"]["lr"] == lr
    return {
        "x1_1": x11,
        "x1_2": x12,
        "y1": y1,
        "x2_1": x21,
        "x2_2": x22,
        "y2": y2,
        "w1_11": W1[0][0],
        "w1_12": W1[0][1],
        "w1_21": W1[1][0],
        "w1_22": W1[1][1],
        "b1_1": b1[0],
        "b1_2": b1[1],
        "w2_1": W2[0][0],
        "w2_2": W2[0][1],
        "b2": b2[0],
        "lr": lr,
        "z1_1": hidden["z"][0],
        "z1_2": hidden["z"][1],
        "a1_1": hidden["a"][0],
        "a1_2": hidden["a"][1],
        "z2": out["z"][0],
        "y_hat": s1["output"][0],
        "a1_1_s2": s2["layers"][0]["a"][0],
        "a1_2_s2": s2["layers"][0]["a"][1],
        "y_hat_s2": s2["output"][0],
        "loss": s1["loss"],
        "loss_s2": s2["loss"],
        "mean_loss": (s1["loss"] + s2["loss"]) / 2,
        "delta2": out["delta"][0],
        "dw2_1": out["dW"][0][0],
        "dw2_2": out["dW"][0][1],
        "back_1": hidden["backprop"][0],
        "back_2": hidden["backprop"][1],
        "dfz_1": hidden["dfz"][0],
        "dfz_2": hidden["dfz"][1],
        "delta1_1": hidden["delta"][0],
        "delta1_2": hidden["delta"][1],
        "dw1_11": hidden["dW"][0][0],
        "dw1_12": hidden["dW"][0][1],
        "w2_1_new": W2[0][0] - lr * out["dW"][0][0],
        "w2_2_new": W2[0][1] - lr * out["dW"][0][1],
        "b2_new": b2[0] - lr * out["db"][0],
        "w1_11_new": W1[0][0] - lr * hidden["dW"][0][0],
        "y_hat_after": s1["sgd"]["output_after"][0],
        "loss_after": s1["sgd"]["loss_after"],
        "slip_1": hidden["article"]["dfz"][0],
        "slip_2": hidden["article"]["dfz"][1],
        "slip_delta1_1": hidden["article"]["delta"][0],
        "slip_delta1_2": hidden["article"]["delta"][1],
        "and_lr": presets.SUGGESTED["and_gate"]["lr"],
    }


def and_epochs() -> int:
    """Epochs (in thousands) the AND gate preset trains until every output is within 0.05 of
    its target (the tutorial's outputs after its 1000 summed-gradient steps are within 0.02)."""
    e = Engine()
    e.handle("init", {"settings": {"dataset": "and_gate", **presets.SUGGESTED["and_gate"]}})
    targets = [p[2] for p in presets.AND_POINTS]
    for thousands in range(1, 11):
        e.handle("step", {"epochs": 1000})
        out = [e.handle("inspect", {"index": i})["output"][0] for i in range(4)]
        if max(abs(o - t) for o, t in zip(out, targets)) < 0.05:
            return 1000 * thousands
    raise AssertionError("the AND gate did not get within 0.05 in 10000 epochs")


TRUTH = {**truth(), "and_epochs": and_epochs()}


def test_every_quoted_number_is_checked_here():
    assert sorted(quoted()) == sorted(TRUTH)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_the_quoted_number_is_bpcore_s_rounded_as_written(name):
    text = quoted()[name]
    decimals = len(text.split(".")[1]) if "." in text else 0
    error = abs(float(text) - float(TRUTH[name]))
    assert error <= 0.5 * 10.0**-decimals + 1e-15, (name, text, TRUTH[name])


def test_the_numbers_are_the_article_s():
    """The article prints these (its forward pass and loss are right): the lesson agrees."""
    q = {k: float(v) for k, v in quoted().items()}
    assert q["a1_1"] == 0.83201839 and q["a1_2"] == 0.88079708
    assert q["y_hat"] == 0.99188931 and q["y_hat_s2"] == 0.99437826
    assert quoted()["mean_loss"] == "2.4101046854144412"
    # the output layer's delta is y' - y, the article's own first step backwards
    assert q["delta2"] == q["y_hat"] - q["y1"]


def test_the_and_gate_preset_pauses_where_the_lesson_says():
    """Picking the AND gate sets "stop at epoch" (presets.PACE, the page's pace for a lesson
    example) to the lesson's epoch count."""
    assert presets.PACE["and_gate"]["stop_at"] == TRUTH["and_epochs"]
    assert int(quoted()["and_epochs"]) == presets.PACE["and_gate"]["stop_at"]
