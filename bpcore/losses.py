"""Output layers paired with their losses, computed from the logits z for stability.

Every loss is the MEAN over the batch: the mean of `terms(z, t)`, one term per sample (or per
sample and output), so the loss of any block of rows is the mean of their terms (the session
measures the training and the test set in one pass). `delta(z, y, t, out)` is dL/dz for the
whole batch (already divided by n): for each pairing it simplifies to (y - t) / n, the
article's delta_2 = y' - y. `out(z, out=None)` is the output function, writing into `out`
when given. `delta1(z, t)` is the same dL/dz for ONE sample with ONE output, on Python
floats (the training loop's batch-size-1 path; the same bits as `delta`), None for softmax.
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
    delta1: Callable[[float, float], float] | None  # one sample, one output: (z, t) -> dL/dz

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


def _delta1_bce(z, t, tanh=np.tanh):
    # y - t with y = sigmoid(z) = tanh(z/2)/2 + 1/2 as activations.sigmoid computes it
    # (NumPy's tanh for its bits; arithmetic on Python floats: on NumPy's scalars it is slower)
    return float(tanh(z * 0.5)) * 0.5 + 0.5 - t


def _delta1_mse(z, t):
    return (z - t) * 2.0  # 2 (y - t) / (n k) with n = k = 1


LOSSES = {
    "bce": OutputLoss("sigmoid", sigmoid, _bce, _delta_ce, _delta1_bce),
    "softmax_ce": OutputLoss("softmax", softmax, _softmax_ce, _delta_ce, None),
    "mse": OutputLoss(
        "linear", lambda z, out=None: np.positive(z, out=out), _mse, _delta_mse, _delta1_mse
    ),
}
OUTPUT_TO_LOSS = {pair.output: name for name, pair in LOSSES.items()}


def get_loss(name: str) -> OutputLoss:
    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        choices = ", ".join(LOSSES)
        raise ValueError(f"loss: unknown loss {name!r}; choose one of {choices}") from None


# The regularisation penalty, added to the data loss: on the weights only, never the biases;
# name -> (penalty(W), dpenalty/dW written into `out` unless it is W itself)
REGULARIZERS = {
    "l1": (lambda W: np.abs(W).sum(), np.sign),
    "l2": (lambda W: 0.5 * np.vdot(W, W), lambda W, out=None: W),
}


def regularizer(reg):
    """REGULARIZERS[reg], or None for no penalty."""
    if reg in (None, "none"):
        return None
    try:
        return REGULARIZERS[reg]
    except (KeyError, TypeError):
        raise ValueError(f"reg: unknown regularisation {reg!r}; choose none, l1 or l2") from None
