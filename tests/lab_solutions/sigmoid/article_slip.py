# expect: fail lab.mistake.prime_of_z lab.check.article_differs
# The article's slip: (1 - z) z, the derivative written with z where a = sigmoid(z) belongs.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    return (1 - z) * z
