# expect: pass
# softplus, a smooth relu: f(z) = log(1 + e^z), f'(z) = sigmoid(z)
import numpy as np


def f(z):
    return np.logaddexp(0, z)


def df(z):
    return 1 / (1 + np.exp(-z))
