# expect: fail lab.check.article_differs lab.check.fd_differs
# sigmoid_prime returns sigmoid itself: the derivative of e^z is e^z, not of the sigmoid.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return sigmoid(z)
