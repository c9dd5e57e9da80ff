# expect: fail lab.mistake.transposed lab.check.article_differs
import numpy as np


def gradients(x, a1, delta1, delta2):
    return np.outer(x, delta1), delta1, np.outer(delta2, a1), delta2


def sgd_update(p, dp, lr):
    return p - lr * dp
