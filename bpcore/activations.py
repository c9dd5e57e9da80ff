"""Hidden-layer activations, each written next to its derivative.

`f(z, out=None)` writes f(z) into `out` when given (the training loop computes it in place).
`df(a, out=None)` is the derivative f'(z) written in terms of the activation a = f(z): the
training loop keeps no z, and takes f' of every hidden neuron of the network in one or two
NumPy calls after the forward pass. `df` is None when f' = 1 (nothing to multiply by).
Where a does not tell z apart (SiLU and GELU dip and rise again, sine repeats), `by_z` is
True and df takes z itself: the training loop then writes f'(z) just before f overwrites z.
GELU is the tanh form (Hendrycks and Gimpel's approximation, as GPT-2 and BERT use it):
NumPy has no erf.
"""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

LEAKY_SLOPE = 0.01
# Constants as 0-d arrays: a NumPy call with a Python float converts it each time, which costs
# about 0.4 us in the browser; the same value as an array does not (and gives the same bits).
_ZERO, _HALF, _ONE, _LEAKY = (np.array(v) for v in (0.0, 0.5, 1.0, LEAKY_SLOPE))
GELU_C, GELU_K = np.sqrt(2.0 / np.pi), 0.044715  # gelu(z) = z/2 (1 + tanh(C (z + K z^3)))
_GELU_C, _GELU_K, _GELU_3K = (np.array(v) for v in (GELU_C, GELU_K, 3 * GELU_K))


class Activation(NamedTuple):
    f: Callable[..., np.ndarray]
    df: Callable[..., np.ndarray] | None
    formula: str  # plain-text definition, shown in the page and in --help
    by_z: bool = False  # df takes z, not a = f(z)


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


def _elu(z, out=None):
    # z if z > 0 else e^z - 1 (alpha = 1): max(z, e^min(z, 0) - 1), as e^z - 1 >= z
    # everywhere and is 0 for z >= 0 (min(z, 0): never an overflow)
    return np.maximum(z, np.expm1(np.minimum(z, _ZERO)), out=out)


def _delu(a, out=None):
    # elu'(z) = 1 if z > 0 else e^z = a + 1; a > 0 exactly when z > 0, and a + 1 = 1 at 0
    out = np.minimum(a, _ZERO, out=out)
    out += _ONE
    return out


def _softplus(z, out=None):
    # ln(1 + e^z), computed without overflow
    return np.logaddexp(_ZERO, z, out=out)


def _dsoftplus(a, out=None):
    # softplus'(z) = sigma(z) = 1 - e^-a (e^a = 1 + e^z); -expm1 keeps it exact for small a
    out = np.negative(a, out=out)
    np.expm1(out, out=out)
    return np.negative(out, out=out)


def _silu(z, out=None):
    # z sigma(z)
    s = sigmoid(z)
    return np.multiply(z, s, out=out)


def _dsilu(z, out=None):
    # silu'(z) = sigma(z) (1 + z (1 - sigma(z)))
    s = sigmoid(z)
    out = np.subtract(_ONE, s, out=out)
    out *= z
    out += _ONE
    out *= s
    return out


def _gelu_tanh(z):
    # t = tanh(C (z + K z^3)) = tanh(C z (1 + K z^2)), in a fresh array
    t = np.multiply(z, z)
    t *= _GELU_K
    t += _ONE
    t *= z
    t *= _GELU_C
    return np.tanh(t, out=t)


def _gelu(z, out=None):
    # z/2 (1 + t)
    t = _gelu_tanh(z)
    t += _ONE
    t *= _HALF
    return np.multiply(z, t, out=out)


def _dgelu(z, out=None):
    # gelu'(z) = (1 + t)/2 + z/2 (1 - t^2) C (1 + 3 K z^2)
    t = _gelu_tanh(z)
    out = np.multiply(t, t, out=out)
    np.subtract(_ONE, out, out=out)
    s = np.multiply(z, z)
    s *= _GELU_3K
    s += _ONE
    s *= _GELU_C
    s *= _HALF
    s *= z
    out *= s
    t += _ONE
    t *= _HALF
    out += t
    return out


def _dsine(z, out=None):
    # sin'(z) = cos(z)
    return np.cos(z, out=out)


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
    "elu": Activation(_elu, _delu, "z if z > 0, else exp(z) - 1"),
    "softplus": Activation(_softplus, _dsoftplus, "ln(1 + exp(z))"),
    "silu": Activation(_silu, _dsilu, "z / (1 + exp(-z))", by_z=True),
    "gelu": Activation(_gelu, _dgelu, "z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))", by_z=True),
    "sine": Activation(lambda z, out=None: np.sin(z, out=out), _dsine, "sin(z)", by_z=True),
}


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"activation: unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None
