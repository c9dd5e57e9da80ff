"""A dense feed-forward network: forward pass, and a backward pass that computes gradients.

Samples are rows. Layer l maps a_l (n, n_in) to z_l = a_l W_l^T + b_l (n, n_out), with W_l of
shape (n_out, n_in) as in the article (z = W a + b), then a_{l+1} = f_l(z_l). The last layer's
f is the output function of the loss (sigmoid, softmax or linear). `backward` never changes a
weight: an optimiser applies the gradients (see optim.py).
"""

import numpy as np

from .activations import get_activation
from .init import get_initializer
from .losses import LOSSES, OUTPUT_TO_LOSS

# name -> (penalty(W), dpenalty/dW); applied to weights only, never biases
REGULARIZERS = {
    "l1": (lambda W: np.abs(W).sum(), np.sign),
    "l2": (lambda W: 0.5 * np.vdot(W, W), lambda W: W),
}


def _regularizer(reg):
    if reg in (None, "none"):
        return None
    try:
        return REGULARIZERS[reg]
    except (KeyError, TypeError):
        raise ValueError(f"reg: unknown regularisation {reg!r}; choose none, l1 or l2") from None


def _layer_sizes(sizes):
    sizes = [int(s) for s in sizes]
    if len(sizes) < 2:
        raise ValueError("layers: a network needs an input and an output size")
    for s in sizes:
        if s < 1:
            raise ValueError(f"layers: every layer needs at least 1 neuron, got {s}")
    return sizes


class Network:
    def __init__(self, sizes, activations, output="sigmoid", init="uniform", rng=None):
        """sizes [n_in, h_1, ..., n_out]; activations: one name per hidden layer;
        output: "sigmoid" (bce) | "softmax" (softmax_ce) | "linear" (mse)."""
        sizes = _layer_sizes(sizes)
        rng = np.random.default_rng(0) if rng is None else rng
        make = get_initializer(init)
        weights = [make(rng, n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        biases = [np.zeros(n_out) for n_out in sizes[1:]]
        self._setup(weights, biases, activations, output)

    @classmethod
    def from_weights(cls, weights, biases, activations, output="sigmoid"):
        """Build from explicit W_l (n_out, n_in) and b_l (n_out,) (copied, as float64)."""
        net = cls.__new__(cls)
        weights = [np.array(W, dtype=np.float64, ndmin=2) for W in weights]
        biases = [np.array(b, dtype=np.float64).reshape(-1) for b in biases]
        if len(weights) != len(biases) or not weights:
            raise ValueError("weights: need one bias vector per weight matrix")
        for l, (W, b) in enumerate(zip(weights, biases)):
            if W.ndim != 2 or b.shape != (W.shape[0],):
                raise ValueError(f"weights: layer {l} has W {W.shape} and b {b.shape}")
            if l and W.shape[1] != weights[l - 1].shape[0]:
                raise ValueError(f"weights: layer {l} expects {W.shape[1]} inputs, "
                                 f"layer {l - 1} gives {weights[l - 1].shape[0]}")
            if not (np.isfinite(W).all() and np.isfinite(b).all()):
                raise ValueError(f"weights: layer {l} holds NaN or inf")
        net._setup(weights, biases, activations, output)
        return net

    def _setup(self, weights, biases, activations, output):
        activations = [activations] if isinstance(activations, str) else list(activations)
        if len(activations) != len(weights) - 1:
            raise ValueError(f"activation: need one per hidden layer ({len(weights) - 1}), "
                             f"got {len(activations)}")
        if output not in OUTPUT_TO_LOSS:
            raise ValueError(f"output: unknown output {output!r}; choose sigmoid, softmax, linear")
        self.weights, self.biases = weights, biases
        self.activations = activations
        self._fs = [get_activation(a) for a in activations]
        self.output = output
        self.loss_name = OUTPUT_TO_LOSS[output]
        self._loss = LOSSES[self.loss_name]
        # gradient buffers, refilled by every backward() call; `grads` lists them in the
        # order of params(), which is what an optimiser's step() takes
        self._gW = [np.empty_like(W) for W in weights]
        self._gb = [np.empty_like(b) for b in biases]
        self.grads = [g for pair in zip(self._gW, self._gb) for g in pair]

    @property
    def sizes(self):
        return [self.weights[0].shape[1]] + [W.shape[0] for W in self.weights]

    def params(self):
        """[W_0, b_0, W_1, b_1, ...]: the arrays themselves, which optimisers update in place."""
        return [p for W, b in zip(self.weights, self.biases) for p in (W, b)]

    def _check(self, X, T=None):
        if X.ndim != 2 or X.shape[1] != self.weights[0].shape[1]:
            raise ValueError(f"X: expected shape (n, {self.weights[0].shape[1]}), got {X.shape}")
        if T is not None and T.shape != (X.shape[0], self.weights[-1].shape[0]):
            raise ValueError(f"T: expected shape ({X.shape[0]}, {self.weights[-1].shape[0]}), "
                             f"got {T.shape}")

    def forward_all(self, X):
        """(n, n_in) -> (zs, acts): zs[l] (n, n_l+1) and acts[0] = X, acts[l+1] = f_l(zs[l])."""
        self._check(X)
        zs, acts = [], [X]
        last = len(self.weights) - 1
        for l, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = acts[-1] @ W.T
            z += b
            zs.append(z)
            acts.append(self._loss.out(z) if l == last else self._fs[l].f(z))
        return zs, acts

    def forward(self, X):
        """(n, n_in) -> output (n, n_out): probabilities for sigmoid/softmax, values for linear."""
        return self.forward_all(X)[1][-1]

    def penalty(self, reg="none", reg_rate=0.0):
        rule = _regularizer(reg)
        if rule is None or reg_rate == 0:
            return 0.0
        return float(reg_rate * sum(rule[0](W) for W in self.weights))

    def loss(self, X, T, reg="none", reg_rate=0.0):
        """Mean loss over the rows of X against targets T (n, n_out), plus the penalty."""
        self._check(X, T)
        zs, _ = self.forward_all(X)
        return self._loss.loss(zs[-1], T) + self.penalty(reg, reg_rate)

    def backward(self, X, T, reg="none", reg_rate=0.0):
        """Gradients of loss(X, T, reg, reg_rate): (grads_W, grads_b), shaped like the weights.

        The returned arrays are buffers reused by the next call. Backprop:
        delta_L = dL/dz_L = (y - t)/n;  dL/dW_l = delta_l^T a_l;  dL/db_l = sum_rows delta_l;
        delta_{l-1} = (delta_l W_l) * f'(z_{l-1}).
        """
        self._check(X, T)
        rule = _regularizer(reg)
        zs, acts = self.forward_all(X)
        delta = self._loss.delta(zs[-1], acts[-1], T)
        for l in range(len(self.weights) - 1, -1, -1):
            np.matmul(delta.T, acts[l], out=self._gW[l])
            np.sum(delta, axis=0, out=self._gb[l])
            if rule is not None and reg_rate:
                self._gW[l] += reg_rate * rule[1](self.weights[l])
            if l:
                delta = delta @ self.weights[l]
                delta *= self._fs[l - 1].df(zs[l - 1], acts[l])
        return self._gW, self._gb

    def _index(self, l, i, j=None):
        if not 0 <= l < len(self.weights):
            raise ValueError(f"layer: {l} is out of range 0..{len(self.weights) - 1}")
        n_out, n_in = self.weights[l].shape
        if not 0 <= i < n_out:
            raise ValueError(f"i: neuron {i} is out of range 0..{n_out - 1} in layer {l}")
        if j is not None and not 0 <= j < n_in:
            raise ValueError(f"j: input {j} is out of range 0..{n_in - 1} in layer {l}")

    def get_weight(self, l, i, j):
        """The weight from input j of layer l to its neuron i."""
        self._index(l, i, j)
        return float(self.weights[l][i, j])

    def set_weight(self, l, i, j, value):
        self._index(l, i, j)
        self.weights[l][i, j] = _finite(value)

    def get_bias(self, l, i):
        self._index(l, i)
        return float(self.biases[l][i])

    def set_bias(self, l, i, value):
        self._index(l, i)
        self.biases[l][i] = _finite(value)


def _finite(value):
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"value: a weight must be a finite number, got {value}")
    return value
