"""The article's worked example and its AND-gate net (../shared/seed), reproduced."""

import numpy as np
from gradcheck import numeric_grads, relative_error

from bpcore import Network, make_optimizer

# The article's samples are the COLUMNS of x; ours are rows.
X = np.array([[1.0, 2.0], [2.0, 3.0]]).T
T = np.array([[0.0], [1.0]])
W1 = [[0.3, 0.4], [0.5, 0.5]]
W2 = [[2.0, 3.0]]


def article_net():
    return Network.from_weights([W1, W2], [[0.5, 0.5], [0.5]], ["sigmoid"], "sigmoid")


def test_forward_numbers_match_the_article():
    zs, acts = article_net().forward_all(X)
    a1_article = np.array([[0.83201839, 0.90887704], [0.88079708, 0.95257413]])
    np.testing.assert_allclose(acts[1].T, a1_article, atol=5e-9)
    np.testing.assert_allclose(acts[2][:, 0], [0.99188931, 0.99437826], atol=5e-9)


def test_mean_loss_matches_the_article():
    assert abs(article_net().loss(X, T) - 2.4101046854144412) < 1e-12


def test_backward_is_right_where_the_article_is_not():
    net = article_net()
    zs, acts = net.forward_all(X)
    gW, gb = net.backward(X, T)
    numeric = numeric_grads(net, X, T)
    for ours, ref in zip([gW[0], gb[0], gW[1], gb[1]], numeric):
        assert relative_error(ours, ref) < 1e-7
    # delta_2 = y' - y, as printed by the article (ours is divided by n for the mean loss)
    delta2 = acts[2] - T
    np.testing.assert_allclose(delta2[:, 0], [0.99188931, -0.00562174], atol=5e-9)
    # The article multiplies by (1 - z1) z1; sigmoid'(z1) = a1 (1 - a1) is right.
    article_delta1 = (delta2 @ np.array(W2)) * (1 - zs[0]) * zs[0]
    right_delta1 = (delta2 @ np.array(W2)) * acts[1] * (1 - acts[1])
    article_gW1 = article_delta1.T @ X / len(X)
    right_gW1 = right_delta1.T @ X / len(X)
    np.testing.assert_allclose(gW[0], right_gW1, rtol=1e-12)
    assert relative_error(article_gW1, numeric[0]) > 0.5


def test_and_gate_learns_like_the_article():
    """2-4-1 sigmoid, lr 0.1, 1000 full-batch steps, weights U(0, 1), biases 0.

    The article's layers sum the per-sample gradients (its loss gradient is not divided by n),
    so its lr 0.1 step on the summed loss is our mean-loss step with lr 0.1 * n.
    """
    X_and = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    T_and = np.array([[0.0], [0.0], [0.0], [1.0]])
    rng = np.random.default_rng(0)
    net = Network.from_weights(
        [rng.uniform(0, 1, (4, 2)), rng.uniform(0, 1, (1, 4))],
        [np.zeros(4), np.zeros(1)],
        ["sigmoid"],
        "sigmoid",
    )
    opt = make_optimizer("sgd", net.params(), lr=0.1 * len(X_and))
    for _ in range(1000):
        net.backward(X_and, T_and)
        opt.step(net.grads)
    y = net.forward(X_and)[:, 0]
    assert (y[:3] < 0.05).all() and y[3] > 0.95, y
