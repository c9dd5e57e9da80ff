# expect: pass
import numpy as np


def gradients(x, a1, delta1, delta2):
    dW1 = np.outer(delta1, x)
    db1 = delta1
    dW2 = np.outer(delta2, a1)
    db2 = delta2
    return dW1, db1, dW2, db2


def sgd_update(p, dp, lr):
    return p - lr * dp
