"""Output layers paired with their losses, computed from the logits z for stability.

Every loss is the MEAN over the batch: the mean of `terms(z, t)`, one term per sample (or per
sample and output), so the loss of any block of rows is the mean of their terms (the session
measures the training and the test set in one pass). `delta(z, y, t, out)` is dL/dz for the
whole batch (already divided by n): for each pairing it simplifies to (y - t) / n, the
article's delta_2 = y' - y. `out(z, out=None)` is the output function, writing into `out`
when given.
"""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .activations import sigmoid


class OutputLoss(NamedTuple):
    output: str  # "sigmoid" | "softmax" | "linear"
    out: Callable[..., np.ndarray]  # z (n, k) -> y (n, k)
    terms: Callable[[np.ndarray, np.ndarray], np.ndarray]  # (z, t) -> (n, k) or (n,)
    delta: Callable[..., np.ndarray]  # (z, y, t, out) -> dL/dz

    def loss(self, z, t):
        """The mean loss of z (n, k) against t (n, k), a float."""
        return float(np.mean(self.terms(z, t)))


def _softplus(z):
    # log(1 + e^z) without overflow: max(z, 0) + log1p(e^-|z|)
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _bce(z, t):
    # -t log y - (1-t) log(1-y) with y = sigmoid(z)  ==  softplus(z) - t z
    return _softplus(z) - t * z


def softmax(z, out=None):
    out = np.subtract(z, z.max(axis=1, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= out.sum(axis=1, keepdims=True)
    return out


def _softmax_ce(z, t):
    # -sum t log softmax(z) == logsumexp(z) - sum t z
    m = z.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    return lse - (t * z).sum(axis=1)


def _mse(z, t):
    return (z - t) ** 2


def _delta_ce(z, y, t, out=None):
    # d/dz of sigmoid+bce and of softmax+ce are both (y - t), per sample
    out = np.subtract(y, t, out=out)
    if len(z) > 1:  # (for one sample, / 1 changes nothing: skip the call)
        out *= 1.0 / len(z)
    return out


def _delta_mse(z, y, t, out=None):
    out = np.subtract(y, t, out=out)
    out *= 2.0 / z.size
    return out


LOSSES = {
    "bce": OutputLoss("sigmoid", sigmoid, _bce, _delta_ce),
    "softmax_ce": OutputLoss("softmax", softmax, _softmax_ce, _delta_ce),
    "mse": OutputLoss("linear", lambda z, out=None: np.positive(z, out=out), _mse, _delta_mse),
}
OUTPUT_TO_LOSS = {pair.output: name for name, pair in LOSSES.items()}


def get_loss(name: str) -> OutputLoss:
    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        choices = ", ".join(LOSSES)
        raise ValueError(f"loss: unknown loss {name!r}; choose one of {choices}") from None
