import json
import math

import numpy as np
import pytest

from bpcore import Network, make_optimizer
from bpcore.optim import OPTIMIZERS


def toy():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 2))
    T = (X[:, :1] * X[:, 1:] > 0).astype(float)  # xor-like quadrants
    return Network([2, 6, 1], ["tanh"], "sigmoid", init="glorot", rng=rng), X, T


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_each_optimizer_lowers_the_loss(name):
    net, X, T = toy()
    opt = make_optimizer(name, net.params(), lr=0.05 if name == "adam" else 0.5)
    before = net.loss(X, T)
    for _ in range(200):
        net.backward(X, T)
        opt.step(net.grads)
    assert net.loss(X, T) < 0.7 * before


def test_one_adam_step_by_hand():
    W = np.array([[0.5, -0.25]])
    b = np.array([0.1])
    net = Network.from_weights([W], [b], [], "linear")
    X = np.array([[1.0, 2.0], [-1.0, 0.5]])
    T = np.array([[0.3], [-0.2]])
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    opt = make_optimizer("adam", net.params(), lr=lr, beta1=b1, beta2=b2, eps=eps)
    # by hand: mse gradient, then Adam's first step
    y = X @ W.T + b
    g_W = 2 * (y - T).T @ X / len(X)
    g_b = 2 * (y - T).sum(axis=0) / len(X)
    expected = []
    for p, g in [(W, g_W), (b, g_b)]:
        m = (1 - b1) * g
        v = (1 - b2) * g * g
        mhat, vhat = m / (1 - b1), v / (1 - b2)
        expected.append(p - lr * mhat / (np.sqrt(vhat) + eps))
    net.backward(X, T)
    opt.step(net.grads)
    np.testing.assert_allclose(net.weights[0], expected[0], rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(net.biases[0], expected[1], rtol=1e-14, atol=1e-15)
    # the first Adam step moves every parameter by about lr (mhat/sqrt(vhat) = sign(g))
    assert np.allclose(np.abs(net.weights[0] - W), lr, rtol=1e-5)


def test_momentum_step_by_hand():
    net = Network.from_weights([[[1.0, 1.0]]], [[0.0]], [], "linear")
    X, T = np.array([[1.0, 0.0]]), np.array([[0.0]])
    opt = make_optimizer("momentum", net.params(), lr=0.1, momentum=0.5)
    for expected in [1.0 - 0.1 * 2.0, None]:
        net.backward(X, T)
        opt.step(net.grads)
        if expected is not None:
            assert net.weights[0][0, 0] == pytest.approx(expected)
    # second step: b went to -0.2 too, so y = 0.6, g = 1.2, v = 0.5 * 2 + 1.2, w = 0.8 - 0.22
    assert net.weights[0][0, 0] == pytest.approx(0.58)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_state_round_trips_through_json(name):
    net, X, T = toy()
    opt = make_optimizer(name, net.params(), lr=0.05)
    for _ in range(3):
        net.backward(X, T)
        opt.step(net.grads)
    state = json.loads(json.dumps(opt.state_dict()))
    twin = Network.from_weights(net.weights, net.biases, net.activations, net.output)
    opt2 = make_optimizer(name, twin.params(), lr=1.0)
    opt2.load_state_dict(state)
    for a, b in [(net, opt), (twin, opt2)]:
        a.backward(X, T)
        b.step(a.grads)
    for p, q in zip(net.params(), twin.params()):
        assert np.array_equal(p, q)


@pytest.mark.parametrize("lr", [0, -1, math.nan, math.inf])
def test_bad_learning_rate_names_the_field(lr):
    net, _, _ = toy()
    with pytest.raises(ValueError, match="^lr:"):
        make_optimizer("sgd", net.params(), lr=lr)


def test_unknown_optimizer_names_the_field():
    net, _, _ = toy()
    with pytest.raises(ValueError, match="^optimizer:.*'rmsprop'"):
        make_optimizer("rmsprop", net.params())
