# expect: pass
import numpy as np


def loss(y_hat, y):
    return np.mean(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat))
