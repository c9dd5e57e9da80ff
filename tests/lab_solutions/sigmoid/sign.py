# expect: fail lab.check.article_differs
# exp(z) where exp(-z) belongs: the mirror image of the sigmoid.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)
