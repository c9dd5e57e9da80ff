# expect: fail lab.mistake.delta_flipped lab.check.fd_differs
import numpy as np


def loss(y_pred, y):
    return np.mean(-y * np.log(y_pred) - (1 - y) * np.log(1 - y_pred))


def delta(y_pred, y):
    return y - y_pred
