"""The article's worked example as the lab's exercises use it: ONE sample, vectors 1-D.

x = (1, 2) with target y = 0 (the lesson's sample 1), the article's W1, b1, W2, b2
(presets.py). Every number is computed by bpcore (Network, activations, losses), never typed.
"""

import numpy as np

from ..activations import sigmoid
from ..network import Network
from ..presets import ARTICLE_BIASES, ARTICLE_POINTS, ARTICLE_WEIGHTS

X = np.array(ARTICLE_POINTS[0][:2])  # (2,)
Y = np.array(ARTICLE_POINTS[0][2:])  # (1,)
W1, W2 = (np.array(W, dtype=np.float64) for W in ARTICLE_WEIGHTS)  # (2, 2), (1, 2)
B1, B2 = (np.array(b, dtype=np.float64) for b in ARTICLE_BIASES)  # (2,), (1,)
# both samples, as the article's loss takes them: y' (2,) and y (2,)
Y_BOTH = np.array([p[2] for p in ARTICLE_POINTS])
LR = 0.01  # the article's learning rate


def net(W1=W1, b1=B1, W2=W2, b2=B2):
    return Network.from_weights([W1, W2], [b1, b2], ["sigmoid"], "sigmoid")


def forward(x, W1=W1, b1=B1, W2=W2, b2=B2):
    """(z1, a1, z2, y_hat) of one sample x (n_in,), by bpcore's Network."""
    zs, acts = net(W1, b1, W2, b2).forward_all(np.asarray(x, dtype=np.float64)[None, :])
    return zs[0][0], acts[1][0], zs[1][0], acts[2][0]


def backward(x, y, W1=W1, b1=B1, W2=W2, b2=B2):
    """(delta1, delta2, [dW1, db1, dW2, db2]) of one sample, by bpcore's Network.backward
    (for n = 1 the mean-loss gradients are the sample's own)."""
    n = net(W1, b1, W2, b2)
    gW, gb = n.backward(np.asarray(x, dtype=np.float64)[None, :], np.asarray(y)[None, :])
    grads = [gW[0].copy(), gb[0].copy(), gW[1].copy(), gb[1].copy()]
    return n.deltas[0][0].copy(), n.deltas[1][0].copy(), grads


Y_HAT_BOTH = np.array([forward(p[:2])[3][0] for p in ARTICLE_POINTS])  # (2,): the article's t
Z1 = forward(X)[0]  # (1.6, 2.0)
SIGMOID = sigmoid
