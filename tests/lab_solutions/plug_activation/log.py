# expect: fail lab.check.not_finite
# log(z) is NaN for z < 0.
import numpy as np


def f(z):
    return np.log(z)


def df(z):
    return 1 / z
