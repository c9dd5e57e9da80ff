"""Output layers paired with their losses, computed from the logits z for stability.

Every loss is the MEAN over the batch. `delta(z, y, t)` is dL/dz for the whole batch (already
divided by n): for each pairing it simplifies to (y - t) / n, the article's delta_2 = y' - y.
"""

from typing import Callable, NamedTuple

import numpy as np

from .activations import sigmoid


class OutputLoss(NamedTuple):
    output: str  # "sigmoid" | "softmax" | "linear"
    out: Callable[[np.ndarray], np.ndarray]  # z (n, k) -> y (n, k)
    loss: Callable[[np.ndarray, np.ndarray], float]  # (z, t) -> mean loss
    delta: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]  # (z, y, t) -> dL/dz


def _softplus(z):
    # log(1 + e^z) without overflow: max(z, 0) + log1p(e^-|z|)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _bce(z, t):
    # -t log y - (1-t) log(1-y) with y = sigmoid(z)  ==  softplus(z) - t z
    return float(np.mean(_softplus(z) - t * z))


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _softmax_ce(z, t):
    # -sum t log softmax(z) == logsumexp(z) - sum t z
    m = z.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    return float(np.mean(lse - (t * z).sum(axis=1)))


def _mse(z, t):
    return float(np.mean((z - t) ** 2))


def _delta_ce(z, y, t):
    # d/dz of sigmoid+bce and of softmax+ce are both (y - t), per sample
    return (y - t) / len(z)


def _delta_mse(z, y, t):
    return (2.0 / z.size) * (y - t)


LOSSES = {
    "bce": OutputLoss("sigmoid", sigmoid, _bce, _delta_ce),
    "softmax_ce": OutputLoss("softmax", softmax, _softmax_ce, _delta_ce),
    "mse": OutputLoss("linear", lambda z: z, _mse, _delta_mse),
}
OUTPUT_TO_LOSS = {pair.output: name for name, pair in LOSSES.items()}


def get_loss(name: str) -> OutputLoss:
    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        raise ValueError(f"loss: unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None
