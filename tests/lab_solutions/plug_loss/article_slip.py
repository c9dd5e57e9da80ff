# expect: fail lab.mistake.loss_sign lab.check.right_higher
# The article's loss, without the minus sign: a right prediction costs more than a wrong one.
import numpy as np


def loss(y_pred, y):
    return np.mean(y * np.log(y_pred) + (1 - y) * np.log(1 - y_pred))


def delta(y_pred, y):
    return y_pred - y
