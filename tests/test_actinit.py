"""More activations (ELU, softplus, SiLU, GELU's tanh form, sine), more initialisations
(Glorot normal, TF Playground's, zeros) and Reset / New weights (issue 22, items 2 and 3).

Every activation is checked against a reference written independently of activations.py
(plain math, one number at a time), its derivative against central differences, and the
network's gradient with it as the hidden activation against finite differences
(tests/gradcheck.py); test_fast_paths.py holds every fast path to Network.backward bit for bit
for every name in the table."""

import json
import math
import zlib

import numpy as np
import pytest
from gradcheck import numeric_grads, relative_error
from scriptrun import run_script

from bpcore.activations import ACTIVATIONS
from bpcore.cli import main
from bpcore.init import INITIALIZERS
from bpcore.inspect import inspect_sample
from bpcore.link import encode_link
from bpcore.network import Network
from bpcore.plugin import Plug
from bpcore.script import standalone_script
from bpcore.session import Session
from bpcore.settings import ACTIVATIONS as NAMES
from bpcore.settings import INITS, validate

NEW = ("elu", "softplus", "silu", "gelu", "sine")
_C = math.sqrt(2 / math.pi)

# f(z) and f'(z), one float at a time, from the textbook formulas (not activations.py's)
REFERENCE = {
    "elu": (lambda z: z if z > 0 else math.exp(z) - 1, lambda z: 1.0 if z > 0 else math.exp(z)),
    "softplus": (
        lambda z: math.log1p(math.exp(z)) if z < 30 else z + math.log1p(math.exp(-z)),
        lambda z: 1 / (1 + math.exp(-z)),
    ),
    "silu": (
        lambda z: z / (1 + math.exp(-z)),
        lambda z: (s := 1 / (1 + math.exp(-z))) + z * s * (1 - s),
    ),
    "gelu": (
        lambda z: 0.5 * z * (1 + math.tanh(_C * (z + 0.044715 * z**3))),
        lambda z: (
            0.5 * (1 + (t := math.tanh(_C * (z + 0.044715 * z**3))))
            + 0.5 * z * (1 - t * t) * _C * (1 + 3 * 0.044715 * z * z)
        ),
    ),
    "sine": (math.sin, math.cos),
}
Z = np.array([-30.0, -6.0, -3.0, -1.3, -1.0, -0.2, -1e-4, 0.0, 1e-4, 0.3, 1.0, 2.5, 6.0, 30.0])


def f_prime(act, z):
    """activations.py's f'(z): its df at z or at a = f(z)."""
    return np.ones_like(z) if act.df is None else act.df(z if act.by_z else act.f(z))


def test_the_settings_offer_every_activation_and_old_names_stay():
    assert set(NAMES) == set(ACTIVATIONS)
    assert {"sigmoid", "tanh", "relu", "leaky_relu", "linear", *NEW} <= set(NAMES)
    assert set(INITS) == set(INITIALIZERS)
    assert {"uniform", "glorot", "he", "glorot_normal", "tf_playground", "zeros"} <= set(INITS)
    assert validate({})["init"] == "uniform"  # the default: old links unchanged
    assert validate({"activation": ["gelu", "sine"], "layers": [3, 2]})["activation"] == [
        "gelu",
        "sine",
    ]


@pytest.mark.parametrize("name", NEW)
def test_values_and_derivatives_against_the_textbook(name):
    act, (f, df) = ACTIVATIONS[name], REFERENCE[name]
    np.testing.assert_allclose(act.f(Z.copy()), [f(z) for z in Z], rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(f_prime(act, Z.copy()), [df(z) for z in Z], rtol=1e-12, atol=1e-15)
    # in place (training writes f over z), and `out` is written and returned
    h = Z.copy()
    assert act.f(h, out=h) is h and np.array_equal(h, act.f(Z.copy()))
    out = np.empty_like(Z)
    arg = Z.copy() if act.by_z else act.f(Z.copy())
    assert act.df(arg, out=out) is out and np.array_equal(out, f_prime(act, Z.copy()))


@pytest.mark.parametrize("name", NEW)
def test_derivatives_against_central_differences(name):
    act = ACTIVATIONS[name]
    z = np.array([-4.0, -2.0, -1.1, -0.4, -0.05, 0.07, 0.5, 1.7, 3.0])
    h = 1e-6
    numeric = (act.f(z + h) - act.f(z - h)) / (2 * h)
    np.testing.assert_allclose(f_prime(act, z), numeric, rtol=1e-7, atol=1e-9)


def test_a_does_not_tell_z_apart_for_the_by_z_ones():
    """Why SiLU, GELU and sine take z: two z with one a and different slopes."""
    for name, z1, z2 in [("silu", -0.5, -3.0), ("gelu", -0.4, -1.5), ("sine", 0.5, math.pi - 0.5)]:
        act = ACTIVATIONS[name]
        assert act.by_z
        a1, a2 = act.f(np.array([z1, z2]))
        if name != "sine":  # the dip: find z2' with the same a as z1 by bisection on (-inf, m)
            lo, hi = -20.0, -1.0 if name == "silu" else -0.75
            for _ in range(200):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if act.f(np.array([mid]))[0] > a1 else (lo, mid)
            z2 = lo
        d1, d2 = act.df(np.array([z1, z2]))
        assert abs(act.f(np.array([z2]))[0] - a1) < 1e-9 and abs(d1 - d2) > 0.1, name
    for name in ("elu", "softplus"):
        assert not ACTIVATIONS[name].by_z


@pytest.mark.parametrize("output", ["sigmoid", "softmax", "linear"])
@pytest.mark.parametrize(
    "acts",
    [[n, n] for n in NEW] + [["silu", "tanh", "gelu"], ["sine", "sine", "elu"], ["gelu", "relu"]],
    ids=lambda a: "-".join(a),
)
def test_the_network_gradient_with_each_as_hidden_activation(acts, output):
    rng = np.random.default_rng(zlib.crc32(f"{acts}{output}".encode()))
    k = 3 if output == "softmax" else 1
    net = Network([2, *([3] * len(acts)), k], acts, output, "glorot", rng)
    for b in net.biases:
        b[:] = rng.normal(0, 0.5, b.shape)
    X = rng.normal(0, 1.5, (6, 2))
    T = np.eye(k)[rng.integers(0, k, 6)] if k > 1 else rng.uniform(0, 1, (6, 1))
    numeric = numeric_grads(net, X, T, "l2", 0.01)
    for rows, call in [
        (6, lambda: net.backward(X, T, "l2", 0.01)),
        (6, lambda: net.gradient_fn(6, "l2", 0.01)(np.column_stack([X, np.ones(6)]), T)),
    ]:
        call()
        for l, (a, n) in enumerate(zip(net.grads, numeric)):
            assert relative_error(a, n) < 1e-6, f"{rows} rows, param {l}"
    one = numeric_grads(net, X[:1], T[:1], "l2", 0.01)
    net.gradient_fn(1, "l2", 0.01)(np.append(X[0], 1.0), T[0])
    for l, (a, n) in enumerate(zip(net.grads, one)):
        assert relative_error(a, n) < 1e-6, f"one sample, param {l}"


@pytest.mark.parametrize("name", ["silu", "gelu", "sine", "elu"])
def test_a_plugged_loss_trains_through_each_activation(name):
    """plugin.py's path (the lab's loss plugged) takes f' from z where a does not tell."""

    def loss(y_pred, y):
        return float(np.mean(-(y * np.log(y_pred) + (1 - y) * np.log(1 - y_pred))))

    rng = np.random.default_rng(5)
    net = Network([2, 4, 3, 1], [name, name], "sigmoid", "glorot", rng)
    net.plug_in(Plug("plug_loss", {"loss": loss, "delta": lambda yp, y: yp - y}))
    X = rng.normal(0, 1.5, (5, 2))
    T = rng.integers(0, 2, (5, 1)).astype(float)
    gW, gb = net.backward(X, T)
    analytic = [g.copy() for pair in zip(gW, gb) for g in pair]
    for l, (a, n) in enumerate(zip(analytic, numeric_grads(net, X, T))):
        assert relative_error(a, n) < 1e-6, f"param {l}"


@pytest.mark.parametrize("acts", [["silu", "gelu"], ["sine", "softplus"], ["elu", "sine"]])
def test_the_inspector_shows_f_prime_at_z(acts):
    rng = np.random.default_rng(2)
    net = Network([2, 3, 3, 1], acts, "sigmoid", "glorot", rng)
    r = inspect_sample(net, np.array([0.7, -1.2]), np.array([1.0]))
    for l, layer in enumerate(r["layers"][:-1]):
        assert layer["activation"] == acts[l] and layer["formula"] == ACTIVATIONS[acts[l]].formula
        want = [REFERENCE[acts[l]][1](z) for z in layer["z"]]
        np.testing.assert_allclose(layer["dfz"], want, rtol=1e-12)


# ---------------------------------------------------------------- initialisations


def test_old_init_names_draw_what_they_drew():
    """uniform, glorot and he: the same draws from the same seed as before (old links)."""
    for name, draw in [
        ("uniform", lambda r: r.uniform(-0.5, 0.5, (4, 3))),
        ("glorot", lambda r: r.uniform(-math.sqrt(6 / 7), math.sqrt(6 / 7), (4, 3))),
        ("he", lambda r: r.normal(0.0, math.sqrt(2 / 3), (4, 3))),
    ]:
        net = Network([3, 4, 1], ["tanh"], init=name, rng=np.random.default_rng(9))
        assert np.array_equal(net.weights[0], draw(np.random.default_rng(9))), name
        assert not net.biases[0].any()


def test_new_inits():
    big = Network([200, 300, 1], ["tanh"], init="glorot_normal", rng=np.random.default_rng(1))
    assert abs(big.weights[0].std() - math.sqrt(2 / 500)) < 0.02 * math.sqrt(2 / 500)
    assert abs(big.weights[0].mean()) < 0.01 * math.sqrt(2 / 500)
    tf = Network([2, 4, 3, 1], ["tanh", "tanh"], init="tf_playground", rng=np.random.default_rng(3))
    uni = Network([2, 4, 3, 1], ["tanh", "tanh"], init="uniform", rng=np.random.default_rng(3))
    for W, U, b in zip(tf.weights, uni.weights, tf.biases):
        assert np.array_equal(W, U) and np.all(b == 0.1)
    z = Network([2, 4, 3, 2], ["tanh", "tanh"], "softmax", init="zeros")
    assert not z.flat.any()


def test_zeros_keep_every_hidden_neuron_of_a_layer_identical():
    """Nothing breaks the symmetry: each neuron of a layer gets the same gradient, for ever."""
    s = Session(
        {"init": "zeros", "layers": [4, 3], "activation": ["sigmoid"], "lr": 0.3, "seed": 4}
    )
    s.step(30)
    net = s.net
    assert not s.diverged
    for l in range(len(net.weights) - 1):  # hidden layers: identical rows
        W, b = net.weights[l], net.biases[l]
        assert np.ptp(W, axis=0).max() == 0 and np.ptp(b) == 0
        assert np.abs(W).max() > 0  # they moved, together
    assert np.ptp(net.weights[-1], axis=1).max() == 0  # every hidden neuron counts the same
    neurons = s.grid(20)["neurons"]
    assert all(np.array_equal(neurons[0], img) for img in neurons[1:4])  # the pictures
    assert all(np.array_equal(neurons[4], img) for img in neurons[5:7])


# ---------------------------------------------------------------- Reset and New weights


def test_reset_gives_the_same_initial_weights_and_run():
    settings = {"dataset": "spiral", "layers": [5, 3], "activation": ["gelu"], "init": "he"}
    s = Session(settings)
    start = s.net.flat.copy()
    first = [s.step(1)["loss_train"] for _ in range(3)]
    s.reset()
    assert s.epoch == 0 and np.array_equal(s.net.flat, start)
    assert np.array_equal(s.start_flat, start)
    assert [s.step(1)["loss_train"] for _ in range(3)] == first  # the same batches too


def test_reset_restarts_from_the_runs_start_not_a_new_draw():
    """A run restored from a snapshot restarts from its own start (start_flat), whatever it
    was, not from what the seed draws now."""
    s = Session({"layers": [3], "seed": 8})
    s.step(4)
    snap = json.loads(json.dumps(s.snapshot()))
    own = np.linspace(-0.4, 0.4, len(snap["start"]))  # a start the seed does not draw
    snap["start"] = own.tolist()
    r = Session.restore(snap)
    r.reset()
    assert r.epoch == 0 and np.array_equal(r.net.flat, own) and np.array_equal(r.start_flat, own)


def test_new_weights_is_a_new_seed():
    s = Session({"seed": 1})
    s.step(3)
    before = s.start_flat.copy()
    assert s.configure({"seed": 2}) is True  # rebuilt: epoch 0, new weights
    assert s.epoch == 0 and not np.array_equal(s.net.flat, before)
    assert np.array_equal(s.net.flat, Session({"seed": 2}).net.flat)
    assert encode_link(s.settings) != encode_link({"seed": 1})  # the link says so


def test_the_engine_says_when_the_article_keeps_its_own_weights():
    from bpcore.protocol import Engine

    e = Engine()
    assert e.handle("init", {})["presetWeights"] is False
    article = {"dataset": "article", "layers": [2], "activation": ["sigmoid"], "batch_size": 2}
    assert e.handle("configure", {"settings": article})["presetWeights"] is True
    w = e.handle("weights", {})
    r = e.handle("configure", {"settings": {"seed": 77}})
    assert r["presetWeights"] is True and e.handle("weights", {}) == w  # the seed: no effect
    assert e.handle("configure", {"settings": {"layers": [3]}})["presetWeights"] is False


# ---------------------------------------------------------------- the exported script


SCRIPT_CASES = [
    {"dataset": "circle", "layers": [4, 3], "activation": ["elu", "softplus"], "batch_size": 7},
    {"dataset": "xor", "layers": [5], "activation": ["silu"], "init": "glorot_normal"},
    {"dataset": "moons", "layers": [5, 3], "activation": ["gelu", "silu"], "dropout": [0.2, 0.1]},
    {
        "dataset": "spiral",
        "layers": [4, 4],
        "activation": ["gelu", "sine"],
        "optimizer": "adam",
        "lr": 0.01,
        "init": "tf_playground",
    },
    {
        "dataset": "plane",
        "layers": [3],
        "activation": ["sine"],
        "init": "zeros",
        "batch_size": 1,
        "n_points": 60,
    },
]


@pytest.mark.native_only
@pytest.mark.parametrize("settings", SCRIPT_CASES, ids=lambda s: "-".join(s["activation"]))
def test_the_script_prints_what_replay_prints(settings, tmp_path, capsys):
    epochs = 10
    assert main(["replay", encode_link(settings), "--epochs", str(epochs), "--json"]) == 0
    want = json.loads(capsys.readouterr().out)
    path = tmp_path / "bp_playground_run.py"
    path.write_text(standalone_script(settings, None, epochs), encoding="utf-8")
    printed, train, test = run_script(path, "--every", 1)
    assert printed == list(range(epochs + 1))
    np.testing.assert_allclose(train[1:], want["loss_train"], rtol=1e-9, atol=0)
    np.testing.assert_allclose(test[1:], want["loss_test"], rtol=1e-9, atol=0)


def test_the_cli_takes_the_new_names(capsys):
    args = ["train", "--activation", "gelu,sine", "--layers", "3,2", "--init", "zeros"]
    assert main([*args, "--epochs", "2", "--json"]) == 0
    out = capsys.readouterr().out
    assert "loss_train" in out
