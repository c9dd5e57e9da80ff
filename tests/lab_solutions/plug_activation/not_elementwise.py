# expect: fail lab.check.elementwise_differs
# Normalising by the whole array's maximum: the value of one neuron depends on the others.
import numpy as np


def f(z):
    return np.tanh(z / np.abs(z).max())


def df(z):
    return (1 - np.tanh(z / np.abs(z).max()) ** 2) / np.abs(z).max()
