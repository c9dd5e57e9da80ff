# expect: fail lab.mistake.transposed lab.error.transpose_left
# W1.T @ x: the article's W1 is square, so it runs there, with the wrong numbers.
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(x, W1, b1, W2, b2):
    a1 = sigmoid(W1.T @ x + b1)
    y_hat = sigmoid(W2 @ a1 + b2)
    return a1, y_hat
