# expect: fail lab.check.integers_differs
# The result is written into an array made like z: for an int z it rounds every value down.
import numpy as np


def sigmoid(z):
    out = np.empty_like(z)
    out[...] = 1 / (1 + np.exp(-z))
    return out


def sigmoid_prime(z):
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)
