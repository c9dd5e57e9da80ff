# expect: pass
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


class Dense:
    def __init__(self, n_in, n_out, rng):
        self.W = rng.uniform(0, 1, (n_out, n_in))
        self.b = np.zeros(n_out)

    def forward(self, x):
        self.x = x
        self.a = sigmoid(x @ self.W.T + self.b)
        return self.a

    def backward(self, grad_a):
        delta = grad_a * self.a * (1 - self.a)  # dL/dz
        self.dW = delta.T @ self.x
        self.db = delta.sum(axis=0)
        return delta @ self.W


class Loss:
    def forward(self, y_hat, y):
        self.y_hat, self.y = y_hat, y
        return np.mean(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat))

    def backward(self):
        y_hat, y = self.y_hat, self.y
        return (-y / y_hat + (1 - y) / (1 - y_hat)) / len(y)


class Net:
    def __init__(self, n_in, n_hidden, n_out, rng):
        self.layers = [Dense(n_in, n_hidden, rng), Dense(n_hidden, n_out, rng)]
        self.loss = Loss()

    def predict(self, X):
        a = X
        for layer in self.layers:
            a = layer.forward(a)
        return a

    def train(self, X, y, epochs, lr):
        losses = []
        for _ in range(epochs):
            losses.append(self.loss.forward(self.predict(X), y))
            grad = self.loss.backward()
            for layer in reversed(self.layers):
                grad = layer.backward(grad)
            for layer in self.layers:
                layer.W -= lr * layer.dW
                layer.b -= lr * layer.db
        return losses
