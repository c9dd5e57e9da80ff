from pathlib import Path

import numpy as np
import pytest

from bpcore import Session
from bpcore.export import load_weights_json, weights_json

ROOT = Path(__file__).resolve().parent.parent


def test_weights_round_trip():
    a = Session({"dataset": "xor", "layers": [5, 3]})
    a.step(3)
    b = Session({"dataset": "xor", "layers": [5, 3], "seed": 9})
    load_weights_json(b, weights_json(a))
    assert np.array_equal(a.net.flat, b.net.flat)
    assert b.epoch == 3 and b.metrics()["epoch"] == 3  # not "Epoch 0" after loading


@pytest.mark.parametrize(
    "text, message",
    [
        ("not json", "not valid JSON"),
        ('{"format": "other"}', "not a BP Playground weights file"),
        ('{"format": "bp-playground-weights", "version": 7}', "version 7"),
        ('{"format": "bp-playground-weights", "version": 1}', "incomplete"),
    ],
)
def test_bad_weight_files_say_why(text, message):
    with pytest.raises(ValueError, match=f"^weights: .*{message}"):
        load_weights_json(Session(), text)


def test_weights_of_another_shape_are_refused():
    text = weights_json(Session({"layers": [3]}))
    with pytest.raises(ValueError, match="2-3-1 network, this one is 2-4-2-1"):
        load_weights_json(Session(), text)
