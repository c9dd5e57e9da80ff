"""Seeded weight initialisers. Each draws W of shape (n_out, n_in) from the model RNG; the
biases start at the initialiser's constant (0 but for TF Playground's 0.1).

Old names keep their meaning (and their draws, so old links replay): "uniform" is U(-0.5,
0.5), "glorot" Glorot/Xavier uniform, "he" He normal. "zeros" draws nothing: every neuron of
a layer then computes the same thing and gets the same gradient, so they stay identical for
ever (the symmetry only random weights break).
"""

from typing import NamedTuple

import numpy as np


class Init(NamedTuple):
    weights: object  # (rng, n_in, n_out) -> W (n_out, n_in)
    bias: float = 0.0


def uniform(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    return rng.uniform(-0.5, 0.5, size=(n_out, n_in))


def glorot(rng, n_in, n_out):
    # Glorot/Xavier uniform: Var(W) = 2 / (n_in + n_out)
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_out, n_in))


def glorot_normal(rng, n_in, n_out):
    # Glorot/Xavier normal: the same variance, 2 / (n_in + n_out), from a normal
    return rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_out, n_in))


def he(rng, n_in, n_out):
    # He normal: Var(W) = 2 / n_in, suited to relu layers
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))


def zeros(rng, n_in, n_out):
    return np.zeros((n_out, n_in))


INITIALIZERS = {
    "uniform": Init(uniform),
    "glorot": Init(glorot),
    "he": Init(he),
    "glorot_normal": Init(glorot_normal),
    # TF Playground's (nn.ts): Math.random() - 0.5 for a weight, 0.1 for a bias
    "tf_playground": Init(uniform, 0.1),
    "zeros": Init(zeros),
}


def get_initializer(name: str) -> Init:
    try:
        return INITIALIZERS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"init: unknown initialiser {name!r}; choose one of {', '.join(INITIALIZERS)}"
        ) from None
