from pathlib import Path

import numpy as np
import pytest

from bpcore import Session
from bpcore.errors import CodedError
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


@pytest.mark.parametrize(
    "text, code",
    [
        ("not json", "json_invalid"),
        ('{"format": "other"}', "weights_not_file"),
        ('{"format": "bp-playground-weights", "version": 7}', "weights_version"),
        ('{"format": "bp-playground-weights", "version": 1}', "weights_missing"),
        ("[" * 100, "json_too_deep"),
    ],
)
def test_bad_weight_files_carry_a_code_for_the_page(text, code):
    """The page says these in the user's language (issue 12): a code and its parameters."""
    with pytest.raises(CodedError) as exc:
        load_weights_json(Session(), text)
    assert exc.value.code == code
    assert str(exc.value).startswith("weights: ")  # the CLI's English text is unchanged


def test_weights_of_another_shape_name_both_networks_for_the_page():
    with pytest.raises(CodedError) as exc:
        load_weights_json(Session(), weights_json(Session({"layers": [3]})))
    assert exc.value.code == "weights_network"
    assert exc.value.params == {"theirs": "2-3-1", "ours": "2-4-2-1"}
