import numpy as np
import pytest

from bpcore import Network


def test_same_seed_same_weights_for_every_initializer():
    for init in ["uniform", "glorot", "he"]:
        a = Network([2, 8, 8, 1], ["relu", "tanh"], init=init, rng=np.random.default_rng(5))
        b = Network([2, 8, 8, 1], ["relu", "tanh"], init=init, rng=np.random.default_rng(5))
        assert all(np.array_equal(p, q) for p, q in zip(a.params(), b.params()))


def test_uniform_init_range():
    net = Network([2, 16, 16, 1], ["tanh", "tanh"], rng=np.random.default_rng(0))
    for W in net.weights:
        assert W.min() >= -0.5 and W.max() <= 0.5


def test_zero_hidden_layers_and_ten():
    X = np.zeros((3, 2))
    assert Network([2, 1], []).forward(X).shape == (3, 1)
    deep = Network([2, *[5] * 10, 4], ["relu"] * 10, "softmax")
    y = deep.forward(np.ones((3, 2)))
    assert y.shape == (3, 4) and np.allclose(y.sum(axis=1), 1.0)


def test_get_and_set_single_weights():
    net = Network([2, 3, 1], ["tanh"], rng=np.random.default_rng(0))
    net.set_weight(0, 2, 1, 0.75)
    assert net.get_weight(0, 2, 1) == 0.75 and net.weights[0][2, 1] == 0.75
    net.set_bias(1, 0, -0.5)
    assert net.get_bias(1, 0) == -0.5


@pytest.mark.parametrize(
    "args, field",
    [
        ((5, 0, 0), "layer"),
        ((0, 3, 0), "i"),
        ((0, 0, 2), "j"),
    ],
)
def test_weight_index_errors_name_the_field(args, field):
    net = Network([2, 3, 1], ["tanh"])
    with pytest.raises(ValueError, match=f"^{field}:"):
        net.get_weight(*args)


def test_non_finite_weight_is_refused():
    net = Network([2, 3, 1], ["tanh"])
    with pytest.raises(ValueError, match="^value:"):
        net.set_weight(0, 0, 0, float("nan"))


@pytest.mark.parametrize(
    "kwargs, field",
    [
        (dict(sizes=[2, 0, 1], activations=["tanh"]), "layers"),
        (dict(sizes=[2, 3, 1], activations=["swish"]), "activation"),
        (dict(sizes=[2, 3, 1], activations=["tanh", "tanh"]), "activation"),
        (dict(sizes=[2, 3, 1], activations=["tanh"], output="cosine"), "output"),
        (dict(sizes=[2, 3, 1], activations=["tanh"], init="ones"), "init"),
    ],
)
def test_bad_network_settings_name_the_field(kwargs, field):
    with pytest.raises(ValueError, match=f"^{field}:"):
        Network(**kwargs)


def test_from_weights_checks_shapes_and_values():
    with pytest.raises(ValueError, match="^weights:"):
        Network.from_weights([[[1.0, 2.0]], [[1.0, 2.0]]], [[0.0], [0.0]], ["tanh"])
    with pytest.raises(ValueError, match="^weights:"):
        Network.from_weights([[[np.nan, 2.0]]], [[0.0]], [])


def test_wrong_input_shapes_name_the_field():
    net = Network([2, 3, 1], ["tanh"])
    with pytest.raises(ValueError, match="^X:"):
        net.forward(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="^T:"):
        net.backward(np.zeros((4, 2)), np.zeros((3, 1)))
