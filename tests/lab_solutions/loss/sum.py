# expect: fail lab.mistake.loss_sum lab.check.article_number_differs
import numpy as np


def loss(y_hat, y):
    return np.sum(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat))
