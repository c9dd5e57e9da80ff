import json
from pathlib import Path

import numpy as np
import pytest
from gradcheck import numeric_grads, relative_error

from bpcore import Network
from bpcore.inspect import inspect_neuron, inspect_sample


def article_net():
    return Network.from_weights(
        [[[0.3, 0.4], [0.5, 0.5]], [[2.0, 3.0]]], [[0.5, 0.5], [0.5]], ["sigmoid"], "sigmoid"
    )


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


def test_each_links_terms_and_the_step_are_bpcores():
    """wa[i][j] = W[i, j] a_l[j] sum (with b) to z_l; wdelta[i][j] = W[i, j] delta_l[i] sum
    over i to W_l^T delta_l (the layer below's backprop); W_after = W - lr dL/dW."""
    rng = np.random.default_rng(3)
    net = Network([2, 3, 2, 1], ["tanh", "sigmoid"], "sigmoid", init="glorot", rng=rng)
    x = np.array([0.7, -1.2])
    r = inspect_sample(net, x, [1.0], lr=0.1)
    for l, layer in enumerate(r["layers"]):
        a_prev = x if l == 0 else np.array(r["layers"][l - 1]["a"])
        assert layer["W"] == net.weights[l].tolist() and layer["b"] == net.biases[l].tolist()
        assert layer["wa"] == (net.weights[l] * a_prev).tolist()
        np.testing.assert_allclose(np.sum(layer["wa"], axis=1) + layer["b"], layer["z"], rtol=1e-14)
        assert layer["wdelta"] == (net.weights[l] * np.array(layer["delta"])[:, None]).tolist()
        if l:
            np.testing.assert_allclose(
                np.sum(layer["wdelta"], axis=0), r["layers"][l - 1]["backprop"], rtol=1e-14
            )
        assert layer["W_after"] == (net.weights[l] - 0.1 * np.array(layer["dW"])).tolist()
        assert layer["b_after"] == (net.biases[l] - 0.1 * np.array(layer["db"])).tolist()


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


def _data_loss_from(net, l, a, t):
    """The data loss as a function of a_{l+1} (layer l's output): the rest of the network,
    written out plainly from the weights (independent of network.py's backward)."""
    from bpcore.activations import ACTIVATIONS
    from bpcore.losses import LOSSES

    for k in range(l + 1, len(net.weights)):
        z = net.weights[k] @ a + net.biases[k]
        if k == len(net.weights) - 1:
            return LOSSES[net.loss_name].loss(z[None, :], t[None, :])
        a = ACTIVATIONS[net.activations[k]].f(z)
    raise AssertionError("l must be a hidden layer")


@pytest.mark.parametrize("acts", [["tanh", "relu"], ["sigmoid", "leaky_relu"], ["linear", "tanh"]])
@pytest.mark.parametrize("output, k", [("sigmoid", 1), ("softmax", 3), ("linear", 1)])
def test_delta_factors_match_finite_differences(acts, output, k):
    """Per hidden layer: dfz = f'(z) and backprop = W^T delta = dL/da, both by central
    differences, and delta = backprop * dfz."""
    from bpcore.activations import ACTIVATIONS

    rng = np.random.default_rng(11)
    net = Network([3, 4, 3, k], acts, output, init="glorot", rng=rng)
    x = rng.normal(size=3)
    t = np.eye(k)[0] if output == "softmax" else np.array([0.0 if output == "sigmoid" else -0.4])
    r = inspect_sample(net, x, t)
    h = 1e-6
    for l, layer in enumerate(r["layers"][:-1]):
        z = np.array(layer["z"])
        f = ACTIVATIONS[acts[l]].f
        away = np.abs(z) > 1e-3  # relu's kink
        numeric_df = (f(z + h) - f(z - h)) / (2 * h)
        np.testing.assert_allclose(
            np.array(layer["dfz"])[away], numeric_df[away], rtol=1e-5, atol=1e-8
        )
        a = np.array(layer["a"])
        numeric_back = np.array(
            [
                (_data_loss_from(net, l, a + h * e, t) - _data_loss_from(net, l, a - h * e, t))
                / (2 * h)
                for e in np.eye(len(a))
            ]
        )
        np.testing.assert_allclose(layer["backprop"], numeric_back, rtol=1e-5, atol=1e-8)
        np.testing.assert_allclose(
            layer["delta"], np.multiply(layer["backprop"], layer["dfz"]), rtol=1e-12, atol=1e-15
        )
    assert r["layers"][-1]["dfz"] is None and r["layers"][-1]["backprop"] is None


def test_the_articles_printed_factor_and_the_output_flag():
    r = inspect_sample(article_net(), [1.0, 2.0], [0.0])
    h = r["layers"][0]
    z = np.array(h["z"])
    np.testing.assert_allclose(h["article"]["dfz"], (1 - z) * z)
    np.testing.assert_allclose(h["article"]["delta"], np.array(h["backprop"]) * (1 - z) * z)
    assert not np.allclose(h["article"]["delta"], h["delta"])  # the slip changes the numbers
    assert r["layers"][1]["article"] is None
    assert r["error"] == [r["output"][0] - 0.0]
    X, T = np.array([[1.0, 2.0]]), np.array([[0.0]])
    assert inspect_neuron(article_net(), 1, 0, X, T)["output"] is True
    assert inspect_neuron(article_net(), 0, 1, X, T)["output"] is False
    with pytest.raises(ValueError, match="i: neuron 2 is out of range"):
        inspect_neuron(article_net(), 0, 2, X, T)


# ---------------------------------------------------------------- the step-through's fixture
# tests/js/inspect_replies.json: real `inspect` replies (through the Engine, as the page gets
# them) and the weights the engine holds after `sampleStep` on the same point. The node test
# tests/js/walk.test.mjs checks that the step-through looks every number up in them (it
# computes none); `python tests/test_inspect.py` writes the file, and the test below fails
# when it is stale (bpcore changed its numbers).

REPLIES = Path(__file__).resolve().parent / "js" / "inspect_replies.json"
FIXTURE_RUNS = {
    # the seed article's 2-2-1 sigmoid network and its first sample
    "article": ({"dataset": "article", "layers": [2], "activation": ["sigmoid"]}, 0),
    # two hidden layers of other sizes, softmax over 3 classes, an L2 penalty
    "deep": (
        {
            "dataset": "blobs",
            "classes": 3,
            "n_points": 40,
            "layers": [3, 2],
            "activation": ["tanh", "relu"],
            "reg": "l2",
            "reg_rate": 0.01,
            "lr": 0.1,
        },
        7,
    ),
}


def fixture_replies():
    from bpcore.protocol import Engine

    out = {}
    for name, (settings, index) in FIXTURE_RUNS.items():
        e = Engine()
        e.handle("init", {"settings": settings})
        reply = e.handle("inspect", {"index": index})
        e.handle("sampleStep", {"index": index})
        after = e.handle("weights", {})
        sizes = [len(reply["a0"])] + [len(layer["z"]) for layer in reply["layers"]]
        out[name] = {"sizes": sizes, "reply": reply, "after": after}
    return json.loads(json.dumps(out, default=lambda a: a.tolist()))


@pytest.mark.native_only  # written natively: Pyodide's libm may differ in tanh's last bit
def test_the_step_throughs_fixture_is_bpcores_own():
    assert json.loads(REPLIES.read_text(encoding="utf-8")) == fixture_replies(), (
        "tests/js/inspect_replies.json is stale: run python tests/test_inspect.py"
    )


if __name__ == "__main__":
    REPLIES.write_text(json.dumps(fixture_replies(), indent=1) + "\n", encoding="utf-8")
