"""Hidden-layer activations, each written next to its derivative.

`f(z, out=None)` writes f(z) into `out` when given (the training loop reuses buffers).
`df(z, a)` takes both the pre-activation z and the activation a = f(z), so each derivative
uses whichever is cheaper (sigmoid' = a(1 - a) needs no extra exp).
"""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

LEAKY_SLOPE = 0.01


class Activation(NamedTuple):
    f: Callable[..., np.ndarray]
    df: Callable[[np.ndarray, np.ndarray], np.ndarray]
    formula: str  # plain-text definition, shown in the page and in --help


def sigmoid(z, out=None):
    # 0.5 (1 + tanh(z/2)) equals 1/(1+e^-z) but never overflows for large |z|.
    out = np.multiply(z, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


ACTIVATIONS = {
    # sigma'(z) = a (1 - a)   (the article multiplies by (1 - z) z here, which is wrong)
    "sigmoid": Activation(sigmoid, lambda z, a: a * (1.0 - a), "1 / (1 + exp(-z))"),
    # tanh'(z) = 1 - a^2
    "tanh": Activation(lambda z, out=None: np.tanh(z, out=out),
                       lambda z, a: 1.0 - a * a, "tanh(z)"),
    # relu'(z) = 1 if z > 0 else 0
    "relu": Activation(lambda z, out=None: np.maximum(z, 0.0, out=out),
                       lambda z, a: np.greater(z, 0.0).astype(z.dtype), "max(0, z)"),
    # leaky'(z) = 1 if z > 0 else 0.01;  max(z, 0.01 z) is leaky relu because 0.01 < 1
    "leaky_relu": Activation(lambda z, out=None: np.maximum(z, LEAKY_SLOPE * z, out=out),
                             lambda z, a: np.where(z > 0, 1.0, LEAKY_SLOPE), "max(0.01 z, z)"),
    "linear": Activation(lambda z, out=None: np.positive(z, out=out),
                         lambda z, a: np.ones_like(z), "z"),
}


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"activation: unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None
