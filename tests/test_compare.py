"""Two runs in lockstep (bpcore/compare.py): B equals a separate run bit for bit, starts from
A's initial weights where the rule says so, follows A's resets and rebuilds; its link part
(bpcore/link/comparepart.py) and `python -m bpcore replay` of a link with both runs."""

import json

import numpy as np
import pytest

from bpcore import Session
from bpcore.cli import main
from bpcore.compare import build_b, shared_layers
from bpcore.link import encode_link, read_link
from bpcore.protocol import Engine

SPIRAL = {"dataset": "spiral", "layers": [8, 6], "batch_size": 10, "noise": 10}


def separate(a_settings, overrides, epochs, chunks=(7, 1, 12)):
    """B trained alone (built the same way), chunk by chunk -> its metrics per chunk."""
    b = build_b(Session(a_settings), overrides).b
    return [b.step(n) for n in chunks]


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"lr": 0.1, "optimizer": "adam"},
        {"layers": [8, 6, 3], "activation": ["relu"]},
        {"batch_size": 1, "reg": "l2", "reg_rate": 0.001},
        {"init": "he", "loss": "softmax_ce"},
    ],
)
def test_lockstep_equals_two_separate_runs_bit_for_bit(overrides):
    eng = Engine()
    eng.handle("init", {"settings": SPIRAL})
    eng.handle("compare", {"settings": overrides})
    got_a, got_b = [], []
    for n in (7, 1, 12):
        r = eng.handle("step", {"epochs": n, "gridSize": 5})
        got_a.append(r["metrics"])
        got_b.append(r["compare"]["metrics"])
        k = 2 if overrides.get("loss") == "softmax_ce" else 1  # class-major probabilities
        assert r["compare"]["grid"]["output"].shape == (25 * k,)
    a = Session(SPIRAL)
    want_a = [a.step(n) for n in (7, 1, 12)]
    want_b = separate(SPIRAL, overrides, 20)
    assert [m["lossTrain"] for m in got_a] == [m["loss_train"] for m in want_a]
    assert [m["lossTest"] for m in got_b] == [m["loss_test"] for m in want_b]
    assert eng.compare.b.epoch == eng.session.epoch == 20
    flat = build_b(Session(SPIRAL), overrides).b
    flat.step(20)  # one chunk: the same as 7 + 1 + 12
    assert np.array_equal(flat.net.flat, eng.compare.b.net.flat)


def test_b_starts_from_a_initial_weights_where_the_shapes_agree():
    a = Session(SPIRAL)
    a.step(5)  # B starts from A's INITIAL weights, not the trained ones
    layers = lambda s: [(W.copy(), b.copy()) for W, b in zip(s.net.weights, s.net.biases)]  # noqa: E731
    start = Session(SPIRAL)
    wider = build_b(a, {"layers": [8, 5], "lr": 0.3})
    assert wider.shared == [True, False, False]  # 2-8 agrees; 8-5 and 5-1 do not
    W0, b0 = layers(start)[0]
    Wb, bb = layers(wider.b)[0]
    assert np.array_equal(W0, Wb) and np.array_equal(b0, bb)
    assert layers(start)[1][0].shape != layers(wider.b)[1][0].shape
    same = build_b(a, {"activation": ["relu"], "optimizer": "momentum"})
    assert same.shared == [True, True, True]
    assert np.array_equal(same.b.net.flat, start.net.flat)
    assert np.array_equal(same.b.start_flat, start.start_flat)
    # an initialisation of B's own is a comparison of initialisations: nothing copied
    he = build_b(a, {"init": "he"})
    assert he.shared == [False, False, False]
    assert np.array_equal(he.b.net.flat, Session({**SPIRAL, "init": "he"}).net.flat)
    # a layer added at the end: the first two agree
    deeper = build_b(a, {"layers": [8, 6, 4]})
    assert deeper.shared == [True, True, False, False]
    assert shared_layers(a, [2, 8, 6, 1], "uniform") == [True, True, True]


def test_b_shares_a_data_and_split_custom_points_too():
    rng = np.random.default_rng(3)
    pts = np.column_stack([rng.uniform(-5, 5, (30, 2)), rng.integers(0, 2, 30)])
    pts[:2, 2] = [0, 1]
    a = Session({"dataset": "custom", "classes": 2, "layers": [3]}, pts)
    b = build_b(a, {"layers": [5, 5]}).b
    assert np.array_equal(a.points, b.points)
    assert np.array_equal(a.train_idx, b.train_idx) and np.array_equal(a.test_idx, b.test_idx)


def test_reset_and_rebuild_follow_a_and_a_live_change_is_a_alone():
    eng = Engine()
    eng.handle("init", {"settings": SPIRAL})
    eng.handle("step", {"epochs": 9})
    r = eng.handle("compare", {"settings": {"lr": 0.2}})
    assert r["a"]["epoch"] == 0 and r["compare"]["epoch"] == 0  # both from epoch 0
    assert r["compare"]["settings"]["lr"] == 0.2 and r["compare"]["overrides"] == {"lr": 0.2}
    eng.handle("step", {"epochs": 4})
    r = eng.handle("configure", {"settings": {"lr": 0.05}})  # live: A's alone
    assert "compare" not in r and eng.compare.b.settings["lr"] == 0.2
    assert eng.compare.b.epoch == 4
    r = eng.handle("configure", {"settings": {"layers": [3]}})  # rebuilt: B follows A's layers
    assert r["compare"]["layerSizes"] == [2, 3, 1] and r["compare"]["settings"]["lr"] == 0.2
    eng.handle("step", {"epochs": 3})
    r = eng.handle("reset", {})
    assert r["compare"]["epoch"] == 0 and eng.compare.b.epoch == 0
    # a rebuild B's overrides no longer fit: repaired (mse... softmax_ce for 2 classes)
    eng.handle("compare", {"settings": {"loss": "bce"}})
    r = eng.handle("configure", {"settings": {"dataset": "plane"}})
    assert r["compare"]["settings"]["loss"] == "auto" and r["compare"]["loss"] == "mse"
    eng.handle("compareStop", {})
    assert "compare" not in eng.handle("step", {"epochs": 1})


def test_a_diverging_stops_b_with_it_and_init_ends_the_comparison():
    eng = Engine()
    diverging = {"dataset": "plane", "lr": 10, "batch_size": 1, "activation": ["relu"]}
    eng.handle("init", {"settings": diverging})
    eng.handle("compare", {"settings": {"lr": 0.01}})
    for _ in range(5):
        r = eng.handle("step", {"epochs": 20})
    assert r["metrics"]["diverged"] and not r["compare"]["metrics"]["diverged"]
    assert eng.compare.b.epoch == eng.session.epoch < 100
    eng.handle("init", {"settings": SPIRAL})
    assert eng.compare is None
    with pytest.raises(ValueError, match="no comparison"):
        eng.handle("compareGrid", {"size": 4})


def test_b_refuses_settings_it_cannot_change_and_changes_nothing():
    eng = Engine()
    eng.handle("init", {"settings": SPIRAL})
    eng.handle("step", {"epochs": 3})
    with pytest.raises(ValueError, match="dataset is not a setting B can change"):
        eng.handle("compare", {"settings": {"dataset": "xor"}})
    with pytest.raises(ValueError, match="lr"):
        eng.handle("compare", {"settings": {"lr": 0}})
    assert eng.session.epoch == 3 and getattr(eng, "compare", None) is None


# ------------------------------------------------------------ the link


def test_a_link_carries_b_and_reads_back():
    text = encode_link(SPIRAL, epoch=12, compare={"lr": 0.1, "layers": [8, 6, 2]})
    r = read_link(text)
    assert r.compare == {"layers": [8, 6, 2], "lr": 0.1} and r.epoch == 12 and not r.notices
    assert list(r.compare) == ["layers", "lr"]  # COMPARE_KEYS order
    assert read_link(encode_link(SPIRAL)).compare is None
    assert read_link(encode_link(SPIRAL, compare={})).compare == {}
    # no comparison: the link is the very same as before the feature
    assert encode_link(SPIRAL, epoch=12) == encode_link(SPIRAL, epoch=12, compare=None)


def test_compare_vectors():
    """tests/compare_vectors.json: the JS decoder gives the same (tests/js/compare.test.mjs)."""
    from pathlib import Path

    doc = json.loads((Path(__file__).parent / "compare_vectors.json").read_text())
    for v in doc["vectors"]:
        r = read_link(v["link"])
        assert r.compare == v["compare"], v["name"]
        assert [n.as_data() for n in r.notices] == v["notices"], v["name"]
        assert r.epoch == v["epoch"], v["name"]


def test_replay_replays_both_runs(capsys):
    link = encode_link(SPIRAL, epoch=6, edits=[[2, "lr", 0.1]], compare={"optimizer": "adam"})
    assert main(["replay", link, "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    a = Session(SPIRAL)
    a.step(2)
    a.configure({"lr": 0.1})
    want_a = [a.step(1)["loss_train"] for _ in range(4)]
    assert got["loss_train"][2:] == want_a
    b = build_b(Session(SPIRAL), {"optimizer": "adam"}).b
    assert got["compare"]["loss_test"] == [b.step(1)["loss_test"] for _ in range(6)]
    assert got["compare"]["settings"]["optimizer"] == "adam"
    assert got["compare"]["settings"]["lr"] == 0.03  # A's start, not A's change on the way
    assert main(["replay", link]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len([x for x in lines if x.startswith("epoch ")]) == 6
    assert len([x for x in lines if x.startswith("B epoch ")]) == 6
