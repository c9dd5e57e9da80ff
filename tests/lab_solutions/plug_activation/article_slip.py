# expect: fail lab.mistake.df_of_a lab.check.fd_differs
# The sigmoid with the article's (1 - z) z: the derivative written for a = f(z), given z.
import numpy as np


def f(z):
    return 1 / (1 + np.exp(-z))


def df(z):
    return (1 - z) * z
