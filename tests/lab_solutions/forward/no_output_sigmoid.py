# expect: fail lab.mistake.no_sigmoid lab.check.article_differs
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(x, W1, b1, W2, b2):
    a1 = sigmoid(W1 @ x + b1)
    y_hat = W2 @ a1 + b2
    return a1, y_hat
