"""Central finite differences, the independent reference for every gradient in bpcore."""

import numpy as np


def numeric_grads(net, X, T, reg="none", reg_rate=0.0, h=1e-6, loss=None):
    """dL/dp for every parameter array in net.params(), by (L(p+h) - L(p-h)) / 2h.
    loss: a function of no arguments giving L (default net.loss(X, T, reg, reg_rate))."""
    loss = loss or (lambda: net.loss(X, T, reg, reg_rate))
    grads = []
    for p in net.params():
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + h
            up = loss()
            p[idx] = old - h
            down = loss()
            p[idx] = old
            g[idx] = (up - down) / (2 * h)
        grads.append(g)
    return grads


def relative_error(a, b, floor=1e-3):
    """||a - b|| / (||a|| + ||b||); the floor keeps vanishing gradients (deep leaky-relu
    paths give ~1e-5) from turning finite-difference round-off (~1e-10) into a false alarm."""
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), floor)
