"""Hidden-layer activations, each written next to its derivative.

`f(z, out=None)` writes f(z) into `out` when given (the training loop computes it in place).
`df(a, out=None)` is the derivative f'(z) written in terms of the activation a = f(z): the
training loop keeps no z, and takes f' of every hidden neuron of the network in one or two
NumPy calls after the forward pass. `df` is None when f' = 1 (nothing to multiply by).
"""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

LEAKY_SLOPE = 0.01
# Constants as 0-d arrays: a NumPy call with a Python float converts it each time, which costs
# about 0.4 us in the browser; the same value as an array does not (and gives the same bits).
_ZERO, _HALF, _ONE, _LEAKY = (np.array(v) for v in (0.0, 0.5, 1.0, LEAKY_SLOPE))


class Activation(NamedTuple):
    f: Callable[..., np.ndarray]
    df: Callable[..., np.ndarray] | None
    formula: str  # plain-text definition, shown in the page and in --help


def sigmoid(z, out=None):
    # 0.5 (1 + tanh(z/2)) equals 1/(1+e^-z) but never overflows for large |z|.
    out = np.multiply(z, _HALF, out=out)
    np.tanh(out, out=out)
    out *= _HALF
    out += _HALF
    return out


def _dsigmoid(a, out=None):
    # sigma'(z) = a (1 - a)   (the article multiplies by (1 - z) z here, which is wrong)
    out = np.subtract(_ONE, a, out=out)
    out *= a
    return out


def _dtanh(a, out=None):
    # tanh'(z) = 1 - a^2
    out = np.multiply(a, a, out=out)
    return np.subtract(_ONE, out, out=out)


def _dleaky(a, out=None):
    # leaky'(z) = 1 if z > 0 else 0.01; a has the sign of z, so that is max(sign(a), 0.01)
    out = np.sign(a, out=out)
    return np.maximum(out, _LEAKY, out=out)


ACTIVATIONS = {
    "sigmoid": Activation(sigmoid, _dsigmoid, "1 / (1 + exp(-z))"),
    "tanh": Activation(np.tanh, _dtanh, "tanh(z)"),
    # relu'(z) = 1 if z > 0 else 0; a = max(z, 0) is > 0 exactly when z is, and never < 0,
    # so that is sign(a)
    "relu": Activation(lambda z, out=None: np.maximum(z, _ZERO, out=out), np.sign, "max(0, z)"),
    # max(z, 0.01 z) is leaky relu because 0.01 < 1
    "leaky_relu": Activation(
        lambda z, out=None: np.maximum(z, LEAKY_SLOPE * z, out=out), _dleaky, "max(0.01 z, z)"
    ),
    # linear'(z) = 1
    "linear": Activation(lambda z, out=None: np.positive(z, out=out), None, "z"),
}


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"activation: unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None
