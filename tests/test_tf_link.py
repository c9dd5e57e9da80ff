"""TensorFlow Playground links open here (issue 24.1): bpcore/link/tfplay.py natively, and the
shared vectors tests/tf_link_vectors.json that web/domain/link-tf.js passes too (node:
tests/js/link-tf.test.mjs). `python tests/test_tf_link.py` writes the vectors from the cases
below, whose expectations (settings, notice codes, words) are written by hand."""

import json
from pathlib import Path

import pytest

from bpcore import link, settings
from bpcore.link.tfplay import pairs, seed_of

VECTORS = Path(__file__).resolve().parent / "tf_link_vectors.json"
TF = "https://playground.tensorflow.org/#"
# TF Playground's own link of its start page (every key written, a random seed string)
TF_DEFAULT = (
    "activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03"
    "&regularizationRate=0&noise=0&networkShape=4,2&seed=0.75331&showTestData=false"
    "&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false"
    "&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false"
    "&problem=classification&initZero=false&hideText=false"
)
S_75331 = seed_of("0.75331")
TFI = {"init": "tf_playground"}  # TF's weights (uniform +-0.5, biases 0.1): every TF link's

# name -> (link, the settings that differ from our defaults, notice codes in order, words)
CASES = {
    "TF's start page": (
        TF + TF_DEFAULT,
        {**TFI, "seed": S_75331, "data_seed": S_75331},
        ["tf_link"],
        ["cross-entropy", "squared error with a tanh output"],
    ),
    "classification with features and hide keys": (
        "#activation=relu&batchSize=20&dataset=spiral&learningRate=0.01&regularizationRate=0.001"
        "&regularization=L1&noise=15&networkShape=8,6,3&seed=42&showTestData=true&discretize=true"
        "&percTrainData=70&x=true&y=true&xTimesY=true&sinX=true&sinY=false&problem=classification"
        "&learningRate_hide=true&activation_hide=true&noise_hide=false",
        {
            **TFI,
            "dataset": "spiral",
            "activation": ["relu"],
            "batch_size": 20,
            "lr": 0.01,
            "reg": "l1",
            "reg_rate": 0.001,
            "noise": 15,
            "layers": [8, 6, 3],
            "seed": 42,
            "data_seed": 42,
            "show_test": True,
            "discretize": True,
            "train_ratio": 70,
            "features": ["x1", "x2", "x1x2", "sinx1"],
        },
        ["tf_link", "tf_ignored"],
        ["learningRate_hide, activation_hide: no equivalent here"],
    ),
    "regression with L2": (
        "activation=linear&regularization=L2&regularizationRate=0.03&regDataset=reg-gauss"
        "&dataset=spiral&problem=regression&learningRate=0.003&networkShape=5",
        {
            **TFI,
            "dataset": "multigauss",
            "problem": "regression",
            "activation": ["linear"],
            "reg": "l2",
            "reg_rate": 0.03,
            "lr": 0.003,
            "layers": [5],
        },
        ["tf_link_regression"],
        ["the same squared error"],
    ),
    "an empty networkShape: no hidden layer": (
        "#networkShape=&dataset=xor&xTimesY=true&x=false&y=false",
        {**TFI, "dataset": "xor", "layers": [], "features": ["x1x2"]},
        ["tf_link"],
        [],
    ),
    "initZero, and booleans true for anything but false": (
        "initZero=1&showTestData=0&discretize=FALSE&x=false&xSquared=&ySquared=yes",
        {
            "init": "zeros",
            "show_test": True,
            "discretize": True,
            "features": ["x2", "x1sq", "x2sq"],
        },
        ["tf_link"],
        [],
    ),
    "unknown values and keys, what has no equivalent": (
        "activation=swish&regularization=L3&dataset=moons&problem=both&collectStats=true"
        "&cosX=true&cosY=false&tutorial=dropout&hideText=true&foo=1&bar",
        TFI,
        ["tf_link", "tf_ignored"],
        [
            "problem=both, activation=swish, regularization=L3, dataset=moons, "
            "collectStats, cosX, tutorial, hideText, foo: no equivalent here; ignored"
        ],
    ),
    "bad numbers get the repair's notices": (
        "learningRate=abc&batchSize=0&networkShape=3,x,100&noise=80&percTrainData=55.5"
        "&regularizationRate=-1",
        {
            **TFI,
            "layers": [3, 64],
            "noise": 50,
            "train_ratio": 56,
            "batch_size": 1,
        },
        [
            "tf_link",
            "expected_number",
            "below_minimum",
            "expected_number",
            "above_maximum",
            "above_maximum",
            "not_whole",
            "below_minimum",
        ],
        ['lr: expected a number, got "abc"'],
    ),
    "a later key wins, a value ends at a second '='": (
        "learningRate=0.1&learningRate=0.3=5&seed=a=b",
        {**TFI, "lr": 0.3, "seed": seed_of("a"), "data_seed": seed_of("a")},
        ["tf_link"],
        [],
    ),
    "many ignored keys are cut": (
        "&".join(f"k{i}=1" for i in range(15)),
        TFI,
        ["tf_link", "tf_ignored"],
        ["k11, …: no equivalent"],
    ),
}


def non_defaults(s):
    return {k: v for k, v in s.items() if v != settings.DEFAULTS[k]}


@pytest.mark.parametrize("name", list(CASES))
def test_a_tf_link_opens_as_ours(name):
    text, want, codes, words = CASES[name]
    r = link.read_link(text)
    assert settings.validate(r.settings) == r.settings
    assert non_defaults(r.settings) == want, name
    assert [n.code for n in r.notices] == codes, [str(n) for n in r.notices]
    for w in words:
        assert any(w in n for n in r.notices), (w, [str(n) for n in r.notices])
    assert (r.points, r.epoch, r.edits, r.lab) == (None, 0, [], None)


def test_the_vectors_are_the_cases():
    """The committed vectors are what bpcore gives now (regenerate: python tests/test_tf_link.py)."""
    doc = json.loads(VECTORS.read_text(encoding="utf-8"))
    assert doc["vectors"] == vectors()


def test_tf_reading_rules():
    assert pairs("a=1&b&c=2=3&a=4") == {"a": "4", "c": "2"}
    assert seed_of("123") == 123 and seed_of("2147483648") != 2147483648
    assert 0 <= seed_of("0.75331") <= settings.SEED_MAX and seed_of("x") == seed_of("x")
    assert seed_of("\ud800x") == seed_of("\ufffdx")  # as the page's TextEncoder
    # one of ours stays ours; a TF-looking text too long for a link is refused as ours are
    assert link.read_link("v2.q64FABW_xTc").notices == []
    r = link.read_link("a=" + "1" * 100_000)
    assert [n.code for n in r.notices] == ["too_long"]


def vectors():
    out = []
    for name, (text, _want, _codes, _words) in CASES.items():
        r = link.read_link(text)
        out.append(
            {
                "name": name,
                "link": text,
                "settings": non_defaults(r.settings),
                "notices": [n.as_data() for n in r.notices],
            }
        )
    return out


if __name__ == "__main__":
    doc = {
        "about": "TensorFlow Playground links -> the state and notices both decoders give "
        "(bpcore/link/tfplay.py, web/domain/link-tf.js); written by tests/test_tf_link.py",
        "vectors": vectors(),
    }
    VECTORS.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
