"""The training fast paths against the general path they stand in for.

- Network.gradient_fn(1): one sample on 1-D vectors, against backward() of that one row
  (the same bits) and against central finite differences;
- Network.gradient_fn(n): the batch path with [X | 1] handed in, against backward();
- Session's training loop (gradient functions bound once, batches as views, batch size 1 on
  vectors) against a plain loop over backward() and the optimiser, bit for bit;
- Session.metrics() (one forward pass over both sets stacked) against one pass per set;
- activations' f' written in terms of a = f(z) against f' in terms of z.
"""

import zlib

import numpy as np
import pytest
from gradcheck import numeric_grads, relative_error

from bpcore import Network
from bpcore.activations import ACTIVATIONS, LEAKY_SLOPE
from bpcore.losses import LOSSES
from bpcore.session import Session

# output -> number of output neurons; "linear2" is mse with two outputs (the vector tail of
# the one-sample path; one linear or sigmoid output takes the scalar tail)
OUTPUTS = {"sigmoid": 1, "softmax": 3, "linear": 1, "linear2": 2}
HIDDEN = [[], [4], [3, 5], [4, 3, 2]]


def make_net(activation, output, hidden, seed_text, n_in=3):
    rng = np.random.default_rng(zlib.crc32(seed_text.encode()))
    k = OUTPUTS[output]
    acts = activation if isinstance(activation, list) else [activation] * len(hidden)
    net = Network([n_in, *hidden, k], acts, output.rstrip("2"), init="glorot", rng=rng)
    for b in net.biases:
        b[:] = rng.normal(0, 0.5, b.shape)
    return net, rng


def targets(output, n, rng):
    k = OUTPUTS[output]
    if output == "sigmoid":
        return rng.integers(0, 2, (n, 1)).astype(float)
    if output == "softmax":
        return np.eye(k)[rng.integers(0, k, n)]
    return rng.uniform(-1, 1, (n, k))


def with_ones(X):
    return np.column_stack([X, np.ones(len(X))])


@pytest.mark.parametrize("hidden", HIDDEN, ids=lambda h: f"h{h}")
@pytest.mark.parametrize("reg", ["none", "l1", "l2"])
@pytest.mark.parametrize("output", list(OUTPUTS))
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_one_sample_path_gives_the_bits_of_backward(activation, output, reg, hidden):
    net, rng = make_net(activation, output, hidden, f"{activation}{output}{reg}{hidden}")
    for _ in range(3):  # a few samples: nothing may leak from one call into the next
        x = rng.normal(0, 1.5, 3)
        t = targets(output, 1, rng)
        net.backward(x[None], t, reg, 0.05)
        expected = net.flat_grad.copy()
        net.flat_grad[:] = np.nan  # every entry must be written
        net.gradient_fn(1, reg, 0.05)(np.append(x, 1.0), t[0])
        assert np.array_equal(net.flat_grad, expected)


@pytest.mark.parametrize(
    "activations",
    [
        ["relu", "tanh", "tanh"],
        ["linear", "sigmoid", "linear"],
        ["leaky_relu", "leaky_relu", "relu"],
    ],
)
@pytest.mark.parametrize("output", list(OUTPUTS))
def test_mixed_activations_one_sample_and_batch(activations, output):
    net, rng = make_net(activations, output, [4, 3, 5], f"{activations}{output}")
    X = rng.normal(0, 1.5, (6, 3))
    T = targets(output, 6, rng)
    net.backward(X[:1], T[:1], "l2", 0.01)
    one = net.flat_grad.copy()
    net.gradient_fn(1, "l2", 0.01)(np.append(X[0], 1.0), T[0])
    assert np.array_equal(net.flat_grad, one)
    net.backward(X, T, "l1", 0.01)
    batch = net.flat_grad.copy()
    net.flat_grad[:] = np.nan
    net.gradient_fn(6, "l1", 0.01)(with_ones(X), T)
    assert np.array_equal(net.flat_grad, batch)


@pytest.mark.parametrize("reg", ["none", "l1", "l2"])
@pytest.mark.parametrize("output", list(OUTPUTS))
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_fast_gradients_match_finite_differences(activation, output, reg):
    net, rng = make_net(activation, output, [4, 3], f"fd{activation}{output}{reg}")
    X = rng.normal(0, 1.5, (5, 3))
    T = targets(output, 5, rng)
    for rows, call in [
        (1, lambda: net.gradient_fn(1, reg, 0.05)(with_ones(X[:1])[0], T[0])),
        (5, lambda: net.gradient_fn(5, reg, 0.05)(with_ones(X), T)),
    ]:
        call()
        analytic = [g.copy() for g in net.grads]
        numeric = numeric_grads(net, X[:rows], T[:rows], reg, 0.05)
        for l, (a, n) in enumerate(zip(analytic, numeric)):
            assert relative_error(a, n) < 1e-6, f"{rows} rows, param {l}: {a} vs {n}"


def test_gradient_functions_never_change_the_weights():
    net, rng = make_net("tanh", "sigmoid", [4, 3], "still")
    before = net.flat.copy()
    net.gradient_fn(1, "l1", 0.1)(np.array([0.5, -1.0, 2.0, 1.0]), np.array([1.0]))
    net.gradient_fn(4, "l2", 0.1)(with_ones(rng.normal(size=(4, 3))), np.ones((4, 1)))
    assert np.array_equal(net.flat, before)


# ---------------------------------------------------------------- the session's loop


def plain_epochs(s, epochs):
    """Train session s the plain way, with the public API and its current settings: each
    epoch one permutation from the session's model RNG (none for a full batch), then
    backward() and an optimiser step per mini-batch. Returns s."""
    st = s.settings
    n = len(s._X_train)
    bs = min(st["batch_size"], n)
    rate = 0.0 if st["reg"] == "none" else st["reg_rate"]
    for _ in range(epochs):
        X, T = s._X_train, s._T_train
        if bs < n:
            perm = s._rng.permutation(n)
            X, T = X[perm], T[perm]
        for i in range(0, n, bs):
            s.net.backward(X[i : i + bs], T[i : i + bs], st["reg"], rate)
            s.opt.step([s.net.flat_grad])
    return s


def reference_run(settings, epochs):
    return plain_epochs(Session(settings), epochs)


PROBLEMS = {
    "bce": {"dataset": "circle"},
    "softmax_ce": {"dataset": "blobs", "classes": 3},
    "mse": {"dataset": "plane"},
}


@pytest.mark.parametrize("batch_size", [1, 7, 10000])  # 25 points: 7 leaves a batch of 4
@pytest.mark.parametrize("optimizer, reg", [("sgd", "none"), ("momentum", "l1"), ("adam", "l2")])
@pytest.mark.parametrize("problem", list(PROBLEMS))
def test_training_loop_equals_a_plain_loop(problem, optimizer, reg, batch_size):
    settings = {
        **PROBLEMS[problem],
        "n_points": 50,
        "layers": [4, 3],
        "activation": ["tanh", "relu"],
        "features": ["x1", "x2", "x1x2"],
        "optimizer": optimizer,
        "lr": 0.02,
        "reg": reg,
        "reg_rate": 0.01,
        "batch_size": batch_size,
        "seed": 7,
    }
    s = Session(settings)
    s.step(3)
    ref = reference_run(settings, 3)
    assert np.array_equal(s.net.flat, ref.net.flat)
    assert s.opt.t == ref.opt.t
    assert {**s.metrics(), "epoch": 0} == ref.metrics()


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_batch_size_one_and_a_last_batch_of_one(activation):
    # 26 training points in batches of 5 end with a batch of one row (the one-sample path)
    for bs in (1, 5):
        settings = {
            "dataset": "xor",
            "n_points": 52,
            "layers": [3, 3],
            "activation": activation,
            "optimizer": "momentum",
            "batch_size": bs,
            "seed": 3,
        }
        s = Session(settings)
        s.step(2)
        assert np.array_equal(s.net.flat, reference_run(settings, 2).net.flat)


def test_a_single_training_point_is_a_full_batch_of_one():
    # each point's split is a hash of its coordinates: data seed 3 leaves exactly one to train
    settings = {
        "dataset": "circle",
        "n_points": 10,
        "train_ratio": 10,
        "batch_size": 1,
        "data_seed": 3,
    }
    s = Session(settings)
    assert len(s.train_idx) == 1
    s.step(3)
    assert np.array_equal(s.net.flat, reference_run(settings, 3).net.flat)


def test_live_changes_between_chunks_follow_the_plain_loop():
    settings = {"dataset": "spiral", "n_points": 60, "layers": [5, 4], "batch_size": 1}
    changes = [
        {"batch_size": 4, "reg": "l2", "reg_rate": 0.01, "optimizer": "adam"},
        {"batch_size": 1, "reg_rate": 0.02},
    ]
    s, ref = Session(settings), Session(settings)
    s.step(2)
    plain_epochs(ref, 2)
    for change in changes:
        s.configure(change)
        ref.configure(change)
        s.step(2)
        plain_epochs(ref, 2)
    assert np.array_equal(s.net.flat, ref.net.flat)


# ---------------------------------------------------------------- metrics


@pytest.mark.parametrize(
    "settings",
    [
        {"dataset": "circle", "layers": [4, 2]},
        {"dataset": "blobs", "classes": 4, "layers": [5], "activation": "relu"},
        {"dataset": "plane", "layers": [3], "activation": "sigmoid"},
        {"dataset": "xor", "layers": []},
        {"dataset": "and_gate", "layers": [2]},  # no test set
    ],
    ids=lambda s: s["dataset"],
)
def test_stacked_metrics_equal_one_pass_per_set(settings):
    s = Session({**settings, "n_points": 80})
    s.step(2)
    m = s.metrics()
    loss = LOSSES[s.loss]
    for name, X, T, idx in [
        ("train", s._X_train, s._T_train, s.train_idx),
        ("test", s._X_test, s._T_test, s.test_idx),
    ]:
        if len(X) == 0:
            assert m[f"loss_{name}"] is None
            continue
        z, y = s.net._forward(X)  # this set alone, through the same forward pass
        assert m[f"loss_{name}"] == loss.loss(z, T)
        assert m[f"loss_{name}"] == pytest.approx(s.net.evaluate(X, T)[0], rel=1e-12)
        labels = s.points[idx, 2]
        if s.problem == "regression":
            t = T[:, 0]
            r2 = 1 - np.square(y[:, 0] - t).sum() / np.square(t - t.mean()).sum()
            assert m[f"r2_{name}"] == pytest.approx(r2, rel=1e-12)
        else:
            pred = (y[:, 0] > 0.5) if y.shape[1] == 1 else y.argmax(axis=1)
            assert m[f"acc_{name}"] == np.mean(pred == labels)


# ---------------------------------------------------------------- activations and losses


Z = np.array([-30.0, -3.0, -1.0, -1e-3, -1e-300, -0.0, 0.0, 1e-300, 1e-3, 0.5, 1.0, 3.0, 30.0])


def test_derivatives_in_terms_of_a_are_the_derivatives_in_terms_of_z():
    by_z = {
        "sigmoid": lambda z: ACTIVATIONS["sigmoid"].f(z) * (1 - ACTIVATIONS["sigmoid"].f(z)),
        "tanh": lambda z: 1 - np.tanh(z) ** 2,
        "relu": lambda z: (z > 0).astype(float),
        "leaky_relu": lambda z: np.where(z > 0, 1.0, LEAKY_SLOPE),
        "linear": lambda z: np.ones_like(z),
        # the same numbers, from other formulas: not bit for bit (tests/test_actinit.py)
        "elu": lambda z: np.where(z > 0, 1.0, np.expm1(np.minimum(z, 0)) + 1),
        "softplus": lambda z: -np.expm1(-np.logaddexp(0, z)),
    }
    for name, act in ACTIVATIONS.items():
        if act.by_z:  # its df takes z (tests/test_actinit.py)
            continue
        a = act.f(Z.copy())
        got = np.ones_like(Z) if act.df is None else act.df(a)
        assert np.array_equal(got, by_z[name](Z)), name
        out = np.empty_like(Z)
        if act.df is not None:
            assert act.df(a, out=out) is out and np.array_equal(out, got), name
        in_place = Z.copy()
        act.f(in_place, out=in_place)  # training computes f in place of z
        assert np.array_equal(in_place, a), name


def test_derivatives_match_finite_differences():
    z = np.array([-2.0, -0.7, -0.2, 0.3, 0.9, 2.5])
    h = 1e-6
    for name, act in ACTIVATIONS.items():
        numeric = (act.f(z + h) - act.f(z - h)) / (2 * h)
        analytic = np.ones_like(z) if act.df is None else act.df(z if act.by_z else act.f(z))
        assert np.allclose(analytic, numeric, rtol=1e-6, atol=1e-9), name


@pytest.mark.parametrize("name", list(LOSSES))
def test_loss_is_the_mean_of_its_terms_and_one_sample_delta(name):
    rng = np.random.default_rng(4)
    pair = LOSSES[name]
    k = 3 if name == "softmax_ce" else 1
    z = rng.normal(size=(6, k))
    t = np.eye(k)[rng.integers(0, k, 6)] if k > 1 else rng.integers(0, 2, (6, 1)).astype(float)
    terms = pair.terms(z, t)
    assert pair.loss(z, t) == float(np.mean(terms))
    assert pair.loss(z[:4], t[:4]) == float(np.mean(terms[:4]))  # blocks of rows
    # one row: the delta is y - t (mse: 2 (y - t) / k), no division by n = 1
    y = pair.out(z[:1].copy())
    scale = 2.0 / k if name == "mse" else 1.0
    assert np.array_equal(pair.delta(z[:1], y, t[:1]), (y - t[:1]) * scale)
