"""Dropout (issue 22.1): inverted dropout of the hidden layers in training steps only, its own
mask generator from the run's seed, the setting in the table, links, snapshots, the CLI, the
inspector's step and the exported script."""

import json
from pathlib import Path

import numpy as np
import pytest
from gradcheck import numeric_grads, relative_error
from scriptrun import run_script

from bpcore import dropout
from bpcore.cli import main
from bpcore.link import encode_link, read_link
from bpcore.network import Network
from bpcore.script import standalone_script
from bpcore.session import Session
from bpcore.settings import TABLE, coerce, repair, validate

SPIRAL = {"dataset": "spiral", "layers": [8, 6], "batch_size": 10, "n_points": 200}


def _masks(rng, n, sizes, rates):
    return [
        None if p == 0 else (rng.random((n, k)) >= p) * (1.0 / (1.0 - p))
        for p, k in zip(rates, sizes)
    ]


# ---------------------------------------------------------------- the gradient, fixed masks


@pytest.mark.parametrize(
    "acts, output",
    [
        (["tanh", "relu"], "sigmoid"),
        (["sigmoid", "linear"], "softmax"),
        (["leaky_relu", "tanh"], "linear"),
        (["silu", "gelu"], "sigmoid"),  # f' from z (activations.py by_z)
        (["sine", "softplus"], "linear"),
    ],
)
@pytest.mark.parametrize("n", [1, 5])
def test_gradient_with_a_fixed_mask_matches_finite_differences(acts, output, n):
    rng = np.random.default_rng(3)
    k = 3 if output == "softmax" else 1
    net = Network([2, 5, 4, k], acts, output, init="glorot", rng=rng)
    X = rng.normal(size=(n, 2))
    T = np.eye(k)[rng.integers(0, k, n)] if k > 1 else rng.uniform(0, 1, (n, 1))
    masks = _masks(rng, n, [5, 4], [0.5, 0.3])
    masks[0][0, :2] = 0.0  # two dropped neurons for sure
    gW, gb = dropout.backward(net, X, T, "l2", 0.01, masks)
    got = [g.copy() for pair in zip(gW, gb) for g in pair]

    def loss():
        zs, a = dropout.forward_all(net, X, masks)
        return net.data_loss(zs[-1], a[-1], T) + net.penalty("l2", 0.01)

    want = numeric_grads(net, X, T, loss=loss)
    for g, w in zip(got, want):
        assert relative_error(g, w) < 1e-6
    # a dropped neuron gets no gradient back (its weights only the penalty's)
    assert not net.deltas[0][0, :2].any()


def test_one_sample_path_equals_the_batch_of_one():
    """gradient_fn for n == 1 takes 1-D vectors (the training loop's batch of one)."""
    rng = np.random.default_rng(4)
    net = Network([2, 4, 3, 1], ["tanh", "relu"], "sigmoid", rng=rng)
    x1, t = np.array([0.3, -1.2, 1.0]), np.array([1.0])
    masks = _masks(rng, 1, [4, 3], [0.5, 0.5])
    dropout.gradient_fn(net, 1, "none", 0.0, lambda n: masks)(x1, t)
    one = net.flat_grad.copy()
    dropout.backward(net, x1[None, :2], t[None], "none", 0.0, masks)
    np.testing.assert_array_equal(one, net.flat_grad)


def test_all_ones_mask_is_the_plain_gradient():
    rng = np.random.default_rng(5)
    net = Network([2, 4, 3, 1], ["tanh", "linear"], "sigmoid", rng=rng)
    X, T = rng.normal(size=(6, 2)), rng.uniform(0, 1, (6, 1))
    net.backward(X, T)
    plain = net.flat_grad.copy()
    dropout.backward(net, X, T, "none", 0.0, [np.ones((6, 4)), None])
    np.testing.assert_allclose(net.flat_grad, plain, rtol=1e-12, atol=1e-15)


def test_masks_keep_one_minus_p_scaled_up():
    d = dropout.Dropout([0.3, 0.0], seed=7)
    (m, none) = d.draw(20000, [5, 3])
    assert none is None
    assert set(np.unique(m)) == {0.0, 1 / 0.7}
    assert abs((m == 0).mean() - 0.3) < 0.01
    assert abs(m.mean() - 1.0) < 0.02  # inverted: the expected input is unchanged


# ---------------------------------------------------------------- the run


def test_rate_zero_draws_nothing_and_trains_as_before():
    a, b = Session(SPIRAL), Session({**SPIRAL, "dropout": [0.0]})
    assert a.net.drop is None and b.net.drop is None
    a.step(3), b.step(3)
    np.testing.assert_array_equal(a.net.flat, b.net.flat)
    assert "mask" not in b.snapshot()["rng"]


def test_dropout_trains_differently_and_reproducibly():
    plain = Session(SPIRAL)
    a, b = Session({**SPIRAL, "dropout": 0.3}), Session({**SPIRAL, "dropout": "0.3"})
    for s in (plain, a, b):
        s.step(4)
    np.testing.assert_array_equal(a.net.flat, b.net.flat)
    assert not np.array_equal(a.net.flat, plain.net.flat)
    # the mask stream is its own: the model RNG (mini-batch order) drew what it draws without
    assert a._rng.bit_generator.state == plain._rng.bit_generator.state


def test_evaluation_uses_the_whole_network():
    """The map, the metrics and the inspector's neuron numbers never drop a neuron."""
    s = Session({**SPIRAL, "dropout": [0.5, 0.5]})
    s.step(2)
    whole = Network.from_weights(s.net.weights, s.net.biases, s.net.activations, s.net.output)
    state = s.net.drop.rng.bit_generator.state
    np.testing.assert_array_equal(
        s.grid(20)["output"],
        np.float32(
            whole.forward(
                __import__("bpcore.features", fromlist=["grid_inputs"]).grid_inputs(
                    20, ["x1", "x2"], -6, 6
                )
            )
        )[:, 0],
    )
    m1 = s.metrics()
    assert s.metrics() == m1
    s.inspect_neuron(0, 0)
    assert s.net.drop.rng.bit_generator.state == state  # nothing drew a mask


def test_snapshot_continues_a_dropout_run_bit_for_bit():
    s = Session({**SPIRAL, "dropout": [0.2, 0.4]})
    s.step(3)
    snap = json.loads(json.dumps(s.snapshot()))
    assert "mask" in snap["rng"]
    r = Session.restore(snap)
    s.step(2), r.step(2)
    np.testing.assert_array_equal(s.net.flat, r.net.flat)


def test_an_old_snapshot_without_the_mask_field_restores():
    s = Session(SPIRAL)
    s.step(1)
    snap = json.loads(json.dumps(s.snapshot()))
    assert set(snap["rng"]) == {"model", "data"}
    r = Session.restore(snap)
    s.step(1), r.step(1)
    np.testing.assert_array_equal(s.net.flat, r.net.flat)


# ---------------------------------------------------------------- the step-through's step


def test_the_sample_step_is_the_inspected_step_with_its_mask():
    s = Session({**SPIRAL, "dropout": [0.5, 0.0]})
    s.step(1)
    reply = s.inspect(3)
    again = s.inspect(3)  # inspecting draws nothing: the same mask again
    assert reply["layers"][0]["mask"] == again["layers"][0]["mask"]
    mask = reply["layers"][0]["mask"]
    assert reply["layers"][1]["mask"] is None  # rate 0 there
    assert "mask" not in reply["layers"][2]  # the output layer has none
    assert set(mask) <= {0.0, 2.0}
    dropped = [i for i, m in enumerate(mask) if m == 0]
    # a dropped neuron passes 0 on and gets no gradient
    for i in dropped:
        assert reply["layers"][0]["a"][i] == 0 and reply["layers"][0]["delta"][i] == 0
        assert reply["layers"][0]["W_after"][i] == reply["layers"][0]["W"][i]
    s.sample_step(3)
    for l, layer in enumerate(reply["layers"]):
        np.testing.assert_array_equal(s.net.weights[l], layer["W_after"])
        np.testing.assert_array_equal(s.net.biases[l], layer["b_after"])
    # the next inspection shows the next step's mask (the generator moved on by one draw)
    assert (
        s.net.drop.rng.bit_generator.state
        != Session({**SPIRAL, "dropout": [0.5, 0]}).net.drop.rng.bit_generator.state
    )


def test_without_dropout_the_reply_has_no_mask():
    reply = Session(SPIRAL).inspect(0)
    assert all("mask" not in layer for layer in reply["layers"])


# ---------------------------------------------------------------- settings, links, CLI


def test_the_setting_one_rate_or_one_per_layer():
    assert validate({"dropout": 0.2})["dropout"] == [0.2]
    assert validate({"layers": [4, 2], "dropout": "0, 0.3"})["dropout"] == [0.0, 0.3]
    assert coerce("dropout", [0, 0.9]) == [0.0, 0.9]
    with pytest.raises(ValueError, match="dropout"):
        validate({"dropout": 0.95})
    with pytest.raises(ValueError) as e:
        validate({"layers": [4, 2], "dropout": [0.1, 0.2, 0.3]})
    assert e.value.code == "dropout_count"


def test_link_round_trip_and_old_links_unchanged():
    text = encode_link({**SPIRAL, "dropout": [0.1, 0.35]})
    r = read_link(text)
    assert r.settings["dropout"] == [0.1, 0.35] and not r.notices
    assert encode_link({**SPIRAL, "dropout": [0.0]}) == encode_link(SPIRAL)  # default unwritten
    assert read_link(encode_link(SPIRAL)).settings["dropout"] == [0.0]


def test_a_bad_dropout_in_a_link_is_repaired_with_notices():
    out, notes = repair({"layers": [4, 2], "dropout": [0.1, 0.2, 0.3]})
    assert out["dropout"] == [0.1, 0.2] and [n.code for n in notes] == ["dropout_kept"]
    out, notes = repair({"layers": [4, 2, 3], "dropout": [0.1, 0.2]})
    assert out["dropout"] == [0.1] and [n.code for n in notes] == ["dropout_one"]
    out, notes = repair({"dropout": [2]})
    assert out["dropout"] == [0.9] and notes[0].code == "above_maximum"
    out, notes = repair({"dropout": ["a"]})
    assert out["dropout"] == [0.0] and notes[0].code == "expected_number"


@pytest.mark.parametrize("flag, want", [("0.2", [0.2]), ("0,0.3", [0.0, 0.3])])
def test_cli_flag(flag, want, capsys):
    assert (
        main(
            [
                "train",
                "--dataset",
                "xor",
                "--layers",
                "4,2",
                "--dropout",
                flag,
                "--epochs",
                "2",
                "--json",
            ]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["settings"]["dropout"] == want


def test_cli_replay_of_a_dropout_link_is_the_session_s_run(capsys):
    settings = {**SPIRAL, "dropout": [0.3, 0.1]}
    assert main(["replay", encode_link(settings), "--epochs", "3", "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    s = Session(settings)
    want = [s.step(1)["loss_train"] for _ in range(3)]
    assert got["loss_train"] == want


# ---------------------------------------------------------------- the same in both codecs

CASES = json.loads((Path(__file__).parent / "dropout_links.json").read_text(encoding="utf-8"))


def _non_defaults(s):
    return {t.name: s[t.name] for t in TABLE if s[t.name] != t.default}


@pytest.mark.parametrize("case", CASES["repairs"], ids=lambda c: json.dumps(c["raw"]))
def test_repairs_shared_with_the_js_codec(case):
    """tests/js/dropout.test.mjs holds link-sanitize.js to the same file."""
    s, notes = repair(case["raw"])
    assert _non_defaults(s) == case["settings"]
    assert [n.as_data() for n in notes] == case["notices"]


@pytest.mark.parametrize("case", CASES["links"], ids=lambda c: c["link"][:16])
def test_links_shared_with_the_js_codec(case):
    r = read_link(case["link"])
    assert _non_defaults(r.settings) == case["settings"] and not r.notices
    assert encode_link(case["settings"]) == case["link"]


# ---------------------------------------------------------------- the exported script


@pytest.mark.native_only  # runs the script in a separate Python
@pytest.mark.parametrize(
    "settings, edits",
    [
        ({**SPIRAL, "dropout": [0.3, 0.1]}, []),
        ({**SPIRAL, "dropout": [0.5], "batch_size": 1, "n_points": 60}, []),
        # a sample step (the step-through's) and a change of the optimiser on the way
        ({"dataset": "xor", "layers": [5], "dropout": 0.4}, [[2, "step", 7], [3, "lr", 0.1]]),
    ],
)
def test_the_script_draws_the_same_masks_as_replay(settings, edits, tmp_path, capsys):
    epochs = 6
    link = encode_link(settings, epoch=epochs, edits=edits)
    assert main(["replay", link, "--json"]) == 0
    want = json.loads(capsys.readouterr().out)
    text = standalone_script(settings, None, epochs, edits=edits)
    assert "mask_rng" in text and "mask_rng" not in standalone_script(SPIRAL, None, epochs)
    path = tmp_path / "bp_playground_run.py"
    path.write_text(text, encoding="utf-8")
    printed, train, test = run_script(path, "--every", 1, "--epochs", epochs)
    assert printed == list(range(epochs + 1))
    np.testing.assert_allclose(train[1:], want["loss_train"], rtol=1e-9, atol=0)
    np.testing.assert_allclose(test[1:], want["loss_test"], rtol=1e-9, atol=0)
