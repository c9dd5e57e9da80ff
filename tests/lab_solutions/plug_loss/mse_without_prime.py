# expect: fail lab.check.fd_differs
# The mean squared error with cross-entropy's delta: the sigmoid's y'(1 - y') is missing.
import numpy as np


def loss(y_pred, y):
    return np.mean((y_pred - y) ** 2)


def delta(y_pred, y):
    return 2 * (y_pred - y)
