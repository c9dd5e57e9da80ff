# expect: fail lab.mistake.loss_sign lab.check.article_number_differs
# The article's formula: L = y ln(y') + (1 - y) ln(1 - y'), without the minus sign.
import numpy as np


def loss(y_hat, y):
    return np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
