"""Every gradient path against central finite differences (float64, relative error < 1e-6)."""

import zlib

import numpy as np
import pytest
from gradcheck import numeric_grads, relative_error

from bpcore import Network
from bpcore.activations import ACTIVATIONS

OUTPUTS = {"sigmoid": 1, "softmax": 3, "linear": 2}


def targets(output, n, k, rng):
    if output == "sigmoid":
        return rng.integers(0, 2, (n, 1)).astype(float)
    if output == "softmax":
        return np.eye(k)[rng.integers(0, k, n)]
    return rng.uniform(-1, 1, (n, k))


@pytest.mark.parametrize("hidden", [[], [3], [4, 3], [3, 4, 2, 3]], ids=lambda h: f"h{h}")
@pytest.mark.parametrize("reg", ["none", "l1", "l2"])
@pytest.mark.parametrize("output", list(OUTPUTS))
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_backward_matches_finite_differences(activation, output, reg, hidden):
    rng = np.random.default_rng(zlib.crc32(f"{activation}{output}{reg}{hidden}".encode()))
    k = OUTPUTS[output]
    net = Network([2, *hidden, k], [activation] * len(hidden), output, init="glorot", rng=rng)
    for b in net.biases:
        b[:] = rng.normal(0, 0.5, b.shape)
    X = rng.normal(0, 1.5, (7, 2))
    T = targets(output, 7, k, rng)
    gW, gb = net.backward(X, T, reg, 0.05)
    analytic = [g.copy() for pair in zip(gW, gb) for g in pair]
    numeric = numeric_grads(net, X, T, reg, 0.05)
    for l, (a, n) in enumerate(zip(analytic, numeric)):
        assert relative_error(a, n) < 1e-6, f"param {l}: {a} vs {n}"


def test_backward_never_changes_the_weights():
    rng = np.random.default_rng(1)
    net = Network([2, 4, 1], ["tanh"], "sigmoid", rng=rng)
    before = [p.copy() for p in net.params()]
    net.backward(rng.normal(size=(5, 2)), np.ones((5, 1)), "l2", 0.1)
    for p, q in zip(net.params(), before):
        assert np.array_equal(p, q)


def test_loss_is_stable_for_huge_logits():
    net = Network.from_weights([[[1e4, 0.0]]], [[0.0]], [], "sigmoid")
    X = np.array([[1.0, 0.0], [-1.0, 0.0]])
    assert net.loss(X, np.array([[1.0], [0.0]])) == pytest.approx(0.0, abs=1e-12)
    assert net.loss(X, np.array([[0.0], [1.0]])) == pytest.approx(1e4)
    soft = Network.from_weights([[[1e4, 0.0], [-1e4, 0.0]]], [[0.0, 0.0]], [], "softmax")
    assert np.isfinite(soft.loss(X, np.eye(2)))
