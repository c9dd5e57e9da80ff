# expect: fail lab.mistake.update_sign lab.check.article_differs
import numpy as np


def gradients(x, a1, delta1, delta2):
    return np.outer(delta1, x), delta1, np.outer(delta2, a1), delta2


def sgd_update(p, dp, lr):
    return p + lr * dp
