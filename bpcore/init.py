"""Seeded weight initialisers. Each returns W of shape (n_out, n_in); biases start at 0."""

import numpy as np


def uniform(rng: np.random.Generator, n_in: int, n_out: int) -> np.ndarray:
    return rng.uniform(-0.5, 0.5, size=(n_out, n_in))


def glorot(rng, n_in, n_out):
    # Glorot/Xavier uniform: Var(W) = 2 / (n_in + n_out)
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_out, n_in))


def he(rng, n_in, n_out):
    # He normal: Var(W) = 2 / n_in, suited to relu layers
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))


INITIALIZERS = {"uniform": uniform, "glorot": glorot, "he": he}


def get_initializer(name: str):
    try:
        return INITIALIZERS[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"init: unknown initialiser {name!r}; choose one of {', '.join(INITIALIZERS)}"
        ) from None
