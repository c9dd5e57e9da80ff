# expect: fail lab.check.not_array
import numpy as np


def gradients(x, a1, delta1, delta2):
    return np.outer(delta1, x), list(delta1), np.outer(delta2, a1), list(delta2)


def sgd_update(p, dp, lr):
    return p - lr * dp
