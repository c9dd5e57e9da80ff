"""Gradient flow: how large each layer's gradient is, and which hidden units are dead.

Read from what training already computed, never a second backward pass: after a chunk of
epochs, `net.flat_grad` holds the gradient of the chunk's LAST mini-batch (the one the last
update used: the mean loss over that batch plus the penalty, at the weights before that
update). Per weight layer l (0 = into the first hidden layer, L = into the output):

    rms_w[l] = sqrt(mean over i, j of (dL/dW_l[i, j])^2)     (the RMS of dL/dW_l)
    rms_b[l] = sqrt(mean over i of (dL/db_l[i])^2)

A network whose early layers' RMS is orders of magnitude below the last layer's has
vanishing gradients (a deep sigmoid network: each layer back multiplies delta by
sigma'(z) <= 1/4). A hidden unit is dead when its output is exactly 0 on every training
point (a ReLU stuck below 0: f'(z) = 0 there, so no gradient reaches its weights again);
one forward pass over the training set counts them.
"""

import math
from functools import lru_cache

import numpy as np


@lru_cache(maxsize=8)
def _segments(sizes):
    """For a network of these sizes: the indices into flat_grad of layer 0's weights, layer 0's
    biases, layer 1's weights, ... one after the other; where each group starts; its size."""
    order, starts, counts, at = [], [], [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        Wb = np.arange(at, at + n_out * (n_in + 1)).reshape(n_out, n_in + 1)  # [W | b] rows
        for part in (Wb[:, :-1].ravel(), Wb[:, -1]):
            starts.append(len(order))
            counts.append(part.size)
            order.extend(part.tolist())
        at += Wb.size
    return np.array(order), np.array(starts), np.array(counts, dtype=np.float64)


def layer_rms(net):
    """([rms of dL/dW_l], [rms of dL/db_l]) per weight layer, from net.flat_grad as it is (a
    few NumPy calls for the whole network: in the browser each call costs); None where it is
    not finite."""
    order, starts, counts = _segments(tuple(net.sizes))
    with np.errstate(all="ignore"):
        g = np.take(net.flat_grad, order)
        np.multiply(g, g, out=g)
        ms = np.add.reduceat(g, starts)
        ms /= counts
        rms = np.sqrt(ms, out=ms).tolist()
    rms = [r if math.isfinite(r) else None for r in rms]
    return rms[0::2], rms[1::2]


def dead_units(net, X):
    """Per hidden layer, the indices of the units whose output is 0 on every row of X (n, d)."""
    if len(X) == 0:
        return [[] for _ in net.sizes[1:-1]]
    with np.errstate(all="ignore"):
        acts = net.layer_outputs(X)[:-1]  # a_1 .. a_{L}: the hidden layers' outputs
    return [np.flatnonzero(~a.any(axis=0)).tolist() for a in acts]


def _dead_after_metrics(s):
    """dead_units(s.net, the training set) without a forward pass of its own: Session.metrics()
    has just run one over the training rows and the test rows below them (fastpath.forward1),
    which leaves every hidden layer's output side by side in its buffers (Work.hidden: [a_1 | 1
    | a_2 | 1 | ...]); one call over the training rows then finds every dead unit (the 1s
    between layers never are), and a second lists them."""
    n, hidden = len(s._X1_train), s.net.sizes[1:-1]
    w = s.net._works.get(len(s._X1_all))
    if w is None or not n or w.hidden.ndim != 2:  # (not left by metrics(): compute them)
        return dead_units(s.net, s._X_train)
    out = [[] for _ in hidden]
    columns = np.flatnonzero(~w.hidden[:n].any(axis=0)).tolist()  # usually none
    if columns:
        layer_of = [l for l, k in enumerate(hidden) for _ in range(k + 1)]
        start = [a for l, k in enumerate(hidden) for a in [sum(hidden[:l]) + l] * (k + 1)]
        for c in columns:
            out[layer_of[c]].append(c - start[c])
    return out


def sample(s):
    """The step result's `gradFlow` for Session s right after s.step() (whose metrics() ran
    last): {epoch, rmsW, rmsB (one per weight layer; None for a non-finite one), dead (the
    count per hidden layer), deadUnits (their indices)}."""
    rms_w, rms_b = layer_rms(s.net)
    dead = _dead_after_metrics(s)
    return {
        "epoch": int(s.epoch),
        "rmsW": rms_w,
        "rmsB": rms_b,
        "dead": [len(d) for d in dead],
        "deadUnits": dead,
    }
