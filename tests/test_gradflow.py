"""bpcore.gradflow: each layer's gradient RMS as training computed it, and dead hidden units.

The RMS the step result carries must be the RMS of the gradient of the chunk's last mini-batch:
here that batch and the weights before its update are rebuilt independently (the snapshot one
epoch earlier, the epoch's permutation drawn from the same RNG, Network.backward per batch),
and for a full batch checked against central finite differences too.
"""

import json

import numpy as np
import pytest
from gradcheck import numeric_grads

from bpcore import gradflow
from bpcore.network import Network
from bpcore.presets import DEEP
from bpcore.protocol import Engine
from bpcore.session import Session

FLOW = {"epochs": 1, "gradFlow": True}


def rms(g):
    return float(np.sqrt(np.mean(np.square(g))))


def last_batch_grads(snap, bs):
    """Replay one epoch from a snapshot with Network.backward (not the training loop's fast
    path) and return (dW, db) of its last mini-batch, at the weights before its update."""
    s = Session.restore(snap)
    net, n = s.net, len(s._X_train)
    reg, rate = s._reg()
    X, T = s._X_train, s._T_train
    if bs < n:
        perm = s._rng.permutation(n)  # the draw Session._train makes for this epoch
        X, T = X[perm], T[perm]
    starts = list(range(0, n, bs))
    for i in starts[:-1]:
        net.backward(X[i : i + bs], T[i : i + bs], reg, rate)
        s.opt.step([net.flat_grad])
    i = starts[-1]
    gW, gb = net.backward(X[i : i + bs], T[i : i + bs], reg, rate)
    return [W.copy() for W in gW], [b.copy() for b in gb]


@pytest.mark.parametrize(
    "settings",
    [
        # config b's shape (spiral, 8x6, batch 10), momentum and an L2 penalty on the way
        {"dataset": "spiral", "layers": [8] * 6, "batch_size": 10, "n_points": 90},
        {
            "dataset": "xor",
            "layers": [5, 3],
            "batch_size": 7,
            "optimizer": "momentum",
            "reg": "l2",
            "reg_rate": 0.01,
            "n_points": 80,
            "activation": ["relu"],
        },
        # config d's shape: every feature, one sample per step (the 1-D fast path)
        {
            "dataset": "spiral",
            "layers": [8] * 6,
            "batch_size": 1,
            "n_points": 40,
            "features": ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"],
        },
        {
            "dataset": "blobs",
            "classes": 3,
            "layers": [4],
            "batch_size": 6,
            "n_points": 60,
            "optimizer": "adam",
        },
        {"dataset": "plane", "layers": [3, 3], "batch_size": 4, "n_points": 50},
    ],
)
def test_rms_is_that_of_the_last_batch_gradient(settings):
    e = Engine()
    e.handle("init", {"settings": settings})
    e.handle("step", {"epochs": 2})
    snap = e.session.snapshot()
    flow = e.handle("step", FLOW)["gradFlow"]
    gW, gb = last_batch_grads(snap, min(settings["batch_size"], len(e.session._X_train)))
    assert flow["epoch"] == 3
    assert len(flow["rmsW"]) == len(flow["rmsB"]) == len(settings["layers"]) + 1
    np.testing.assert_allclose(flow["rmsW"], [rms(g) for g in gW], rtol=1e-12, atol=0)
    np.testing.assert_allclose(flow["rmsB"], [rms(g) for g in gb], rtol=1e-12, atol=0)
    assert min(flow["rmsW"]) > 0


def test_full_batch_rms_against_finite_differences():
    s = Session(
        {
            "dataset": "circle",
            "layers": [3, 2],
            "n_points": 30,
            "batch_size": 10_000,
            "reg": "l1",
            "reg_rate": 0.003,
        }
    )
    before = s.net.flat.copy()
    s.step(1)
    flow = gradflow.sample(s)
    net = Network.from_weights(*_layers(before, s.net.sizes), s.net.activations, s.net.output)
    num = numeric_grads(net, s._X_train, s._T_train, "l1", 0.003)
    np.testing.assert_allclose(flow["rmsW"], [rms(g) for g in num[0::2]], rtol=1e-5)
    np.testing.assert_allclose(flow["rmsB"], [rms(g) for g in num[1::2]], rtol=1e-5)


def _layers(flat, sizes):
    Ws, bs, at = [], [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        Wb = flat[at : at + n_out * (n_in + 1)].reshape(n_out, n_in + 1)
        Ws.append(Wb[:, :-1])
        bs.append(Wb[:, -1])
        at += Wb.size
    return Ws, bs


POINTS = np.array([[x, y, float(x > y)] for x in (-2.0, -1.0, 1.0, 2.0) for y in (-1.5, 0.5, 2.5)])


def test_dead_units_on_a_constructed_network():
    """Layer 1: unit 0 sees -x1 - 3 < 0 on every point (x1 >= -2): dead; unit 1 is x1 + x2 + 10
    > 0: alive; unit 2 is x1, 0 for half the points only: alive. Layer 2: unit 0 adds up
    -(unit 1) - 1 < 0: dead (though its input is alive); unit 1 copies unit 1: alive."""
    W = [[[-1.0, 0.0], [1.0, 1.0], [1.0, 0.0]], [[0.5, -1.0, 0.0], [0.0, 1.0, 0.0]], [[1.0, 1.0]]]
    b = [[-3.0, 10.0, 0.0], [-1.0, 0.0], [0.0]]
    X = POINTS[:, :2]
    net = Network.from_weights(W, b, ["relu", "relu"], "sigmoid")
    assert gradflow.dead_units(net, X) == [[0], [0]]
    # the step result counts them on the session's training set
    s = Session(
        {"dataset": "custom", "layers": [3, 2], "activation": ["relu"], "classes": 2}, points=POINTS
    )
    s.load_weights(W, b)
    s.metrics()  # (sample() reads what the metrics' forward pass left, as after a step)
    flow = gradflow.sample(s)
    assert flow["dead"] == [1, 1] and flow["deadUnits"] == [[0], [0]]
    # no unit is dead where no output is exactly 0 on every point
    s2 = Session(
        {"dataset": "custom", "layers": [3, 2], "activation": ["tanh"], "classes": 2}, points=POINTS
    )
    s2.load_weights(W, b)
    s2.metrics()
    assert gradflow.sample(s2)["dead"] == [0, 0]
    # and a network with no hidden layer has none to count
    s3 = Session({"dataset": "custom", "layers": [], "classes": 2}, points=POINTS)
    s3.metrics()
    assert gradflow.sample(s3)["dead"] == []


@pytest.mark.parametrize("seed", range(6))
def test_dead_counts_from_the_metrics_pass_equal_a_forward_pass_of_their_own(seed):
    """sample() reads the hidden outputs metrics() left (training rows, then test rows); they
    must be exactly what a forward pass over the training set alone finds."""
    s = Session(
        {
            "dataset": "spiral",
            "n_points": 120,
            "layers": [6, 5, 4],
            "seed": seed,
            "activation": ["relu"],
            "init": "he",
            "lr": 0.3,
            "batch_size": 5,
        }
    )
    s.step(3)  # a high rate kills some units
    s.grid(7)  # other passes in between do not matter
    s.step(1)
    flow = gradflow.sample(s)
    assert flow["deadUnits"] == gradflow.dead_units(s.net, s._X_train)
    assert flow["dead"] == [len(d) for d in flow["deadUnits"]]


def test_a_dead_unit_gets_no_gradient():
    """What "dead" means for training: the weights into a dead ReLU get dL/dW = 0."""
    s = Session(
        {"dataset": "custom", "layers": [3], "activation": ["relu"], "batch_size": 4, "classes": 2},
        points=POINTS,
    )
    s.load_weights(
        [[[-1.0, 0.0], [1.0, 1.0], [1.0, 0.0]], [[1.0, 1.0, 1.0]]], [[-3.0, 1.0, 0.0], [0.0]]
    )
    before = s.net.weights[0][0].copy()
    s.step(5)
    flow = gradflow.sample(s)
    assert flow["deadUnits"][0][:1] == [0]
    np.testing.assert_array_equal(s.net.weights[0][0], before)
    assert not s.net.grads[0][0].any()


def test_step_result_only_when_asked_and_trained():
    e = Engine()
    e.handle("init", {"settings": {"dataset": "xor", "n_points": 40, "layers": [3]}})
    assert "gradFlow" not in e.handle("step", {"epochs": 1})
    assert "gradFlow" not in e.handle("step", {"epochs": 0, "gradFlow": True})
    r = e.handle("step", {"epochs": 2, "gradFlow": True, "gridSize": 4})
    json.dumps(r["gradFlow"])  # plain data the worker hands on
    assert set(r["gradFlow"]) == {"epoch", "rmsW", "rmsB", "dead", "deadUnits"}
    assert r["gradFlow"]["epoch"] == r["metrics"]["epoch"] == 3


def test_a_diverged_run_sends_none():
    e = Engine()
    e.handle(
        "init",
        {
            "settings": {
                "dataset": "plane",
                "layers": [4],
                "lr": 10,
                "activation": ["relu"],
                "n_points": 40,
            }
        },
    )
    r = e.handle("step", {"epochs": 50, "gradFlow": True})
    assert r["metrics"]["diverged"]
    assert "gradFlow" not in r


def test_the_lesson_runs_sigmoid_vanishes_relu_does_not():
    """The lesson's claim (section 5): six sigmoid layers on the AND gate get gradients into the
    first layer about a million times smaller than into the output; ReLU's stay within ~10x."""
    from bpcore.presets import SUGGESTED

    flows = {}
    for name, changes in DEEP.items():
        e = Engine()
        e.handle("init", {"settings": {"dataset": "and_gate", **SUGGESTED["and_gate"], **changes}})
        flows[name] = e.handle("step", FLOW)["gradFlow"]["rmsW"]
    sig, relu = flows["deep_sigmoid"], flows["deep_relu"]
    assert sig[0] / sig[-1] < 1e-5
    assert all(a < b for a, b in zip(sig, sig[1:]))  # smaller at every step back
    assert relu[0] / relu[-1] > 1e-2
