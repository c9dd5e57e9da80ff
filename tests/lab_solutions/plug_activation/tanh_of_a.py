# expect: fail lab.mistake.df_of_a lab.check.fd_differs
# tanh'(z) = 1 - a^2 with a = tanh(z); here z is used where a belongs.
import numpy as np


def f(z):
    return np.tanh(z)


def df(z):
    return 1 - z**2
