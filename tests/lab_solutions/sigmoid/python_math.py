# expect: fail lab.check.raised lab.error.array_to_scalar
# math.exp works on one number, not on an array.
import math


def sigmoid(z):
    return 1 / (1 + math.exp(-z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1 - s)
