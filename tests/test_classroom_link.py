"""Classroom links (issue 24): TensorFlow Playground links open here (bpcore/link/tfplay.py), and
links hide controls and set a goal (bpcore/link/classroom.py); natively, and through the shared
vectors tests/classroom_link_vectors.json that the page's codec passes too (node:
tests/js/link-classroom.test.mjs). `python tests/test_classroom_link.py` writes the vectors from
the cases below, whose expectations (settings, hidden controls, goal, notice codes, words) are
written by hand."""

import json
from pathlib import Path

import pytest
from test_link import raw_link

from bpcore import link, settings
from bpcore.link.tfplay import pairs, seed_of

VECTORS = Path(__file__).resolve().parent / "classroom_link_vectors.json"
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
GOAL = {"metric": "loss_test", "target": 0.1, "neurons": 8}


def case(link_text, settings_=None, codes=(), words=(), hide=(), goal=None):
    """What a link must give: the settings that differ from our defaults, the notice codes in
    order, words some notice says, the controls hidden, the goal."""
    return {
        "link": link_text,
        "settings": settings_ or {},
        "codes": list(codes),
        "words": list(words),
        "hide": list(hide),
        "goal": goal,
    }


CASES = {
    "TF's start page": case(
        TF + TF_DEFAULT,
        {**TFI, "seed": S_75331, "data_seed": S_75331},
        ["tf_link"],
        ["cross-entropy", "squared error with a tanh output"],
    ),
    "classification with features and hide keys": case(
        "#activation=relu&batchSize=20&dataset=spiral&learningRate=0.01&regularizationRate=0.001"
        "&regularization=L1&noise=15&networkShape=8,6,3&seed=42&showTestData=true&discretize=true"
        "&percTrainData=70&x=true&y=true&xTimesY=true&sinX=true&sinY=false&problem=classification"
        "&noise_hide=false&activation_hide=true&learningRate_hide=true&playButton_hide=true",
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
        ["tf_link"],
        hide=["playButton", "learningRate", "activation"],
    ),
    "regression with L2": case(
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
    "an empty networkShape: no hidden layer": case(
        "#networkShape=&dataset=xor&xTimesY=true&x=false&y=false",
        {**TFI, "dataset": "xor", "layers": [], "features": ["x1x2"]},
        ["tf_link"],
    ),
    "initZero, and booleans true for anything but false": case(
        "initZero=1&showTestData=0&discretize=FALSE&x=false&xSquared=&ySquared=yes",
        {
            "init": "zeros",
            "show_test": True,
            "discretize": True,
            "features": ["x2", "x1sq", "x2sq"],
        },
        ["tf_link"],
    ),
    "unknown values and keys, what has no equivalent": case(
        "activation=swish&regularization=L3&dataset=moons&problem=both&collectStats=true"
        "&cosX=true&cosY=false&tutorial=dropout&hideText=true&foo=1&bar&ui_hide=true&x_hide=false",
        TFI,
        ["tf_link", "tf_ignored"],
        [
            "problem=both, activation=swish, regularization=L3, dataset=moons, "
            "collectStats, cosX, tutorial, foo, ui_hide: no equivalent here; ignored"
        ],
        hide=["lesson"],
    ),
    "bad numbers get the repair's notices": case(
        "learningRate=abc&batchSize=0&networkShape=3,x,100&noise=80&percTrainData=55.5"
        "&regularizationRate=-1",
        {**TFI, "layers": [3, 64], "noise": 50, "train_ratio": 56, "batch_size": 1},
        [
            "tf_link",
            "expected_number",  # lr, in TF's order of its keys
            "below_minimum",  # reg_rate
            "below_minimum",  # batch_size
            "above_maximum",  # noise
            "not_whole",  # train_ratio
            "expected_number",  # layers[1]
            "above_maximum",  # layers[2]
        ],
        ['lr: expected a number, got "abc"'],
    ),
    "a later key wins, a value ends at a second '='": case(
        "learningRate=0.1&learningRate=0.3=5&seed=a=b",
        {**TFI, "lr": 0.3, "seed": seed_of("a"), "data_seed": seed_of("a")},
        ["tf_link"],
    ),
    "many ignored keys are cut": case(
        "&".join(f"k{i}=1" for i in range(15)),
        TFI,
        ["tf_link", "tf_ignored"],
        ["k11, …: no equivalent"],
    ),
    # our own links' classroom part
    "a classroom link: hidden controls and a goal": case(
        link.encode_link({"dataset": "spiral"}, hide=["lesson", "learningRate", "lab"], goal=GOAL),
        {"dataset": "spiral"},
        hide=["learningRate", "lesson", "lab"],
        goal=GOAL,
    ),
    "a goal of accuracy, no neuron limit": case(
        link.encode_link({}, goal={"metric": "acc_test", "target": 0.95}),
        goal={"metric": "acc_test", "target": 0.95},
    ),
    "hide: unknown names and a non-list": case(
        raw_link(b'{"hide":["noise",3,"bogus","noise"],"goal":{"metric":"acc_test","target":2}}'),
        codes=["hide_unknown", "hide_unknown", "goal_bad"],
        words=['hide[2]: "bogus" is not a control a link can hide; dropped', "goal:"],
        hide=["noise"],
    ),
    "hide not a list, a goal with junk": case(
        raw_link(b'{"hide":"lesson","goal":{"metric":"loss_test","target":0.1,"x":1}}'),
        codes=["hide_not_list", "goal_bad"],
    ),
}


def non_defaults(s):
    return {k: v for k, v in s.items() if v != settings.DEFAULTS[k]}


@pytest.mark.parametrize("name", list(CASES))
def test_a_link_opens_as_it_should(name):
    c = CASES[name]
    r = link.read_link(c["link"])
    assert settings.validate(r.settings) == r.settings
    assert non_defaults(r.settings) == c["settings"], name
    assert [n.code for n in r.notices] == c["codes"], [str(n) for n in r.notices]
    for w in c["words"]:
        assert any(w in n for n in r.notices), (w, [str(n) for n in r.notices])
    assert (list(r.hide), r.goal) == (c["hide"], c["goal"])
    assert (r.points, r.epoch, r.edits, r.lab) == (None, 0, [], None)


def test_a_classroom_link_keeps_its_part_when_written_again():
    r = link.read_link(link.encode_link({}, hide=["noise", "dataset"], goal=GOAL))
    again = link.read_link(link.encode_link(r.settings, hide=r.hide, goal=r.goal))
    assert (list(again.hide), again.goal) == (["dataset", "noise"], GOAL)
    for hide, goal in ((["bogus"], None), ([], {"metric": "acc_test", "target": 1.5})):
        with pytest.raises(ValueError):
            link.encode_link({}, hide=hide, goal=goal)


def test_the_vectors_are_the_cases():
    """The committed vectors are what bpcore gives now (python tests/test_classroom_link.py
    writes them)."""
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
    for name, c in CASES.items():
        r = link.read_link(c["link"])
        out.append(
            {
                "name": name,
                "link": c["link"],
                "settings": non_defaults(r.settings),
                "hide": list(r.hide),
                "goal": r.goal,
                "notices": [n.as_data() for n in r.notices],
            }
        )
    return out


if __name__ == "__main__":
    doc = {
        "about": "TensorFlow Playground links and classroom links -> the state (settings that "
        "differ from the defaults, hidden controls, goal) and notices both decoders give "
        "(bpcore/link/tfplay.py, classroom.py; web/domain/link-tf.js, link-classroom.js); "
        "written by tests/test_classroom_link.py",
        "vectors": vectors(),
    }
    VECTORS.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.mark.parametrize("text", [TF + TF_DEFAULT, TF_DEFAULT, "#" + TF_DEFAULT])
def test_replay_takes_a_tf_link(text, capsys):
    from bpcore.cli import main

    assert main(["replay", text, "--epochs", "2"]) == 0
    out = capsys.readouterr()
    assert "TensorFlow Playground link" in out.err
    assert out.out.strip().splitlines()[-1].startswith("epoch 2 ")  # trained
