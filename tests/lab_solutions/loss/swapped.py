# expect: fail lab.check.not_finite_number
# y and y_hat swapped: log(0) for a target of 0.
import numpy as np


def loss(y_hat, y):
    return np.mean(-y_hat * np.log(y) - (1 - y_hat) * np.log(1 - y))
