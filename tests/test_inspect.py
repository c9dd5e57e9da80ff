import numpy as np
import pytest
from gradcheck import numeric_grads, relative_error

from bpcore import Network
from bpcore.inspect import inspect_neuron, inspect_sample


def article_net():
    return Network.from_weights([[[0.3, 0.4], [0.5, 0.5]], [[2.0, 3.0]]], [[0.5, 0.5], [0.5]],
                                ["sigmoid"], "sigmoid")


def test_article_sample_numbers():
    r = inspect_sample(article_net(), [1.0, 2.0], [0.0], lr=0.1)
    np.testing.assert_allclose(r["layers"][0]["a"], [0.83201839, 0.88079708], atol=5e-9)
    np.testing.assert_allclose(r["output"], [0.99188931], atol=5e-9)
    # delta_2 = y' - y; delta_1 = (W2^T delta_2) * a1 (1 - a1)
    d2 = r["output"][0] - 0.0
    assert r["layers"][1]["delta"] == pytest.approx([d2])
    a1 = np.array(r["layers"][0]["a"])
    np.testing.assert_allclose(r["layers"][0]["delta"], np.array([2.0, 3.0]) * d2 * a1 * (1 - a1))
    assert r["loss"] == pytest.approx(-np.log(1 - r["output"][0]))
    assert r["sgd"]["loss_after"] < r["loss"]


@pytest.mark.parametrize("output, k", [("sigmoid", 1), ("softmax", 3), ("linear", 1)])
def test_sample_gradients_match_finite_differences(output, k):
    rng = np.random.default_rng(7)
    net = Network([3, 4, 3, k], ["tanh", "relu"], output, init="glorot", rng=rng)
    x = rng.normal(size=3)
    t = np.eye(k)[1] if output == "softmax" else np.array([1.0 if output == "sigmoid" else 0.3])
    before = [p.copy() for p in net.params()]
    r = inspect_sample(net, x, t, "l2", 0.01)
    assert all(np.array_equal(p, q) for p, q in zip(net.params(), before))  # untouched
    numeric = numeric_grads(net, x[None, :], t[None, :], "l2", 0.01)
    for l, layer in enumerate(r["layers"]):
        assert relative_error(np.array(layer["dW"]), numeric[2 * l]) < 1e-6
        assert relative_error(np.array(layer["db"]), numeric[2 * l + 1]) < 1e-6
        # dL/dW_l is the outer product delta_l a_l^T (plus the L2 term)
        a_prev = x if l == 0 else np.array(r["layers"][l - 1]["a"])
        outer = np.outer(layer["delta"], a_prev) + 0.01 * net.weights[l]
        np.testing.assert_allclose(layer["dW"], outer, rtol=1e-12, atol=1e-15)


def test_neuron_view():
    net = article_net()
    X = np.array([[1.0, 2.0], [2.0, 3.0]])
    T = np.array([[0.0], [1.0]])
    r = inspect_neuron(net, 0, 1, X, T)
    assert r["weights"] == [0.5, 0.5] and r["bias"] == 0.5 and r["activation"] == "sigmoid"
    numeric = numeric_grads(net, X, T)
    np.testing.assert_allclose(r["grad_weights"], numeric[0][1], rtol=1e-6)
    with pytest.raises(ValueError, match="^i:"):
        inspect_neuron(net, 0, 9, X, T)
