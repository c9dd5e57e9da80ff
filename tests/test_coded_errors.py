"""Every error the page can show has a catalogue key with its parameters (issue 20, item 11):
the engine's refusals of a weight, neuron or layer it does not have carry a code and their
numbers, a weights file without its biases names the part, the fields of the engine's requests
have labels in both languages, and every code bpcore raises is in both catalogues."""

import ast
import re
from pathlib import Path

import pytest

from bpcore import Session
from bpcore.errors import CodedError
from bpcore.export import load_weights_json
from bpcore.protocol import Engine
from bpcore.replay import apply_edit

# every test here reads web/'s catalogues, which the Pyodide run does not carry
pytestmark = pytest.mark.native_only

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("en", "zh-CN")


def catalogue(lang):
    text = (ROOT / "web" / "domain" / "messages" / f"{lang}.js").read_text(encoding="utf-8")
    return set(re.findall(r'^\s*"([^"]+)":', text, re.M))


def raised_codes():
    """The codes of every CodedError("code", ...) written in bpcore."""
    codes = set()
    for path in (ROOT / "bpcore").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "CodedError":
                if node.args and isinstance(node.args[0], ast.Constant):
                    codes.add(node.args[0].value)
    return codes


@pytest.fixture
def eng():
    e = Engine()
    e.handle("init", {"settings": {"dataset": "xor", "layers": [4]}})
    return e


@pytest.mark.parametrize(
    "payload, code, params",
    [
        ({"layer": 0, "i": 999, "j": 0, "value": 1.0}, "index_neuron",
         {"got": 999, "hi": 3, "layer": 0}),
        ({"layer": 1, "i": 0, "j": 9, "value": 1.0}, "index_input",
         {"got": 9, "hi": 3, "layer": 1}),
        ({"layer": 5, "i": 0, "j": 0, "value": 1.0}, "range",
         {"field": "layer", "got": 5, "lo": 0, "hi": 1}),
        ({"layer": 0, "i": 0, "j": 0, "value": "x"}, "not_number",
         {"field": "value", "got": "x"}),
    ],
)  # fmt: skip
def test_a_weight_the_network_does_not_have_is_refused_with_a_code(eng, payload, code, params):
    with pytest.raises(ValueError):
        eng.handle("setWeight", payload)
    f = eng.failure
    assert f is not None and f["code"] == code
    assert {k: f[k] for k in params} == params
    for lang in LANGS:
        assert f"error.{code}" in catalogue(lang) or code == "range"


def test_a_replayed_edit_keeps_its_code():
    s = Session({"dataset": "xor", "layers": [4]})
    with pytest.raises(CodedError) as exc:
        apply_edit(s, [8, 0, 999, 0, 1.0], k=2)
    assert exc.value.code == "index_neuron"
    assert str(exc.value) == "edits[2]: i: neuron 999 is out of range 0..3 in layer 0"  # the CLI's


def test_an_inspected_neuron_out_of_range_has_a_code():
    s = Session({"dataset": "xor", "layers": [4]})
    with pytest.raises(CodedError) as exc:
        s.inspect_neuron(0, 7)
    assert (exc.value.code, exc.value.params) == ("index_neuron", {"got": 7, "hi": 3, "layer": 0})


def test_a_weights_file_without_its_biases_names_the_part():
    text = '{"format": "bp-playground-weights", "version": 1, "weights": []}'
    with pytest.raises(CodedError) as exc:
        load_weights_json(Session(), text)
    assert (exc.value.code, exc.value.params) == ("weights_missing", {"part": "biases"})


@pytest.mark.parametrize("lang", LANGS)
def test_every_code_and_request_field_is_in_the_catalogue(lang):
    keys = catalogue(lang)
    missing = sorted(c for c in raised_codes() - {"range"} if f"error.{c}" not in keys)
    assert missing == []
    protocol = (ROOT / "bpcore" / "protocol.py").read_text(encoding="utf-8")
    fields = set(re.findall(r'_whole\("([a-z_]+)"', protocol)) | {"value"}
    assert sorted(f for f in fields if f"field.{f}" not in keys) == []
