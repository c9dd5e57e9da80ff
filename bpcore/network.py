"""A dense feed-forward network: forward pass, and a backward pass that computes gradients.

Samples are rows. Layer l maps a_l (n, n_in) to z_l = a_l W_l^T + b_l (n, n_out), with W_l of
shape (n_out, n_in) as in the article (z = W a + b), then a_{l+1} = f_l(z_l). The last layer's
f is the output function of the loss (sigmoid, softmax or linear). `backward` never changes a
weight: an optimiser applies the gradients (see optim.py).

Speed (in the browser every NumPy call costs microseconds, so the count of calls is the cost):
- each layer is stored as one matrix [W | b] of shape (n_out, n_in + 1), and each activation
  buffer carries a last column of ones, so one matmul gives z = W a + b and one gives both
  dL/dW and dL/db;
- all those matrices live in one flat vector `flat` (gradients in `flat_grad`), so an
  optimiser steps every parameter with a couple of calls;
- activations, pre-activations and deltas go into buffers kept per batch size.
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
_MAX_CACHED_SIZES = 6  # batch sizes whose buffers are kept (batch, last batch, sets, grid)


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
        self.flat = np.concatenate([np.column_stack([W, b]).ravel()
                                    for W, b in zip(weights, biases)])
        self.flat_grad = np.zeros_like(self.flat)
        self._Wb, self._Gb = [], []  # per layer [W | b] views into flat and flat_grad
        start = 0
        for W in weights:
            shape = (W.shape[0], W.shape[1] + 1)
            stop = start + shape[0] * shape[1]
            self._Wb.append(self.flat[start:stop].reshape(shape))
            self._Gb.append(self.flat_grad[start:stop].reshape(shape))
            start = stop
        self.weights = [Wb[:, :-1] for Wb in self._Wb]  # views: writing them writes flat
        self.biases = [Wb[:, -1] for Wb in self._Wb]
        self._gW = [G[:, :-1] for G in self._Gb]
        self.grads = [g for G in self._Gb for g in (G[:, :-1], G[:, -1])]  # params() order
        self.activations = activations
        self._fs = [get_activation(a) for a in activations]
        self.output = output
        self.loss_name = OUTPUT_TO_LOSS[output]
        self._loss = LOSSES[self.loss_name]
        self._outs = [fa.f for fa in self._fs] + [self._loss.out]  # f_l of every layer
        self._buffers = {}  # n -> training buffers (see _buffers_for)
        self.deltas = []  # delta_l = dL/dz_l of the last backward() call (its buffers)
        self._eval_buffers = {}  # n -> contiguous outputs of layer_outputs

    @property
    def sizes(self):
        return [self.weights[0].shape[1]] + [W.shape[0] for W in self.weights]

    def params(self):
        """[W_0, b_0, W_1, b_1, ...]: views into `flat`; updating them updates the network."""
        return [p for W, b in zip(self.weights, self.biases) for p in (W, b)]

    def _check(self, X, T=None):
        if X.ndim != 2 or X.shape[1] != self.weights[0].shape[1]:
            raise ValueError(f"X: expected shape (n, {self.weights[0].shape[1]}), got {X.shape}")
        if T is not None and T.shape != (X.shape[0], self.weights[-1].shape[0]):
            raise ValueError(f"T: expected shape ({X.shape[0]}, {self.weights[-1].shape[0]}), "
                             f"got {T.shape}")

    def _buffers_for(self, n):
        """(acts, zs, deltas) for a batch of n rows; acts[l] is (n, size_l + 1), last column 1."""
        bufs = self._buffers.get(n)
        if bufs is None:
            if len(self._buffers) >= _MAX_CACHED_SIZES:
                self._buffers.pop(next(iter(self._buffers)))
            sizes = self.sizes
            acts = [np.ones((n, s + 1)) for s in sizes[:-1]] + [np.empty((n, sizes[-1]))]
            zs = [np.empty((n, s)) for s in sizes[1:]]
            deltas = [np.empty((n, s)) for s in sizes[1:]]
            bufs = self._buffers[n] = (acts, zs, deltas)
        return bufs

    def _forward(self, X):
        """Forward pass into the buffers for len(X); returns (acts, zs), valid until the next
        call with the same n. acts[l][:, :-1] is a_l; acts[-1] is the output."""
        acts, zs, _ = self._buffers_for(len(X))
        acts[0][:, :-1] = X
        last = len(self._Wb) - 1
        for l, Wb in enumerate(self._Wb):
            np.matmul(acts[l], Wb.T, out=zs[l])
            if l == last:
                self._loss.out(zs[l], out=acts[l + 1])
            else:
                self._fs[l].f(zs[l], out=acts[l + 1][:, :-1])
        return acts, zs

    def forward_all(self, X):
        """(n, n_in) -> (zs, acts), fresh contiguous arrays: zs[l] (n, n_{l+1}); acts[0] = X,
        acts[l+1] = f_l(zs[l]); acts[-1] is the output. (Training uses _forward instead.)"""
        self._check(X)
        zs, acts = [], [X]
        for W, b, f in zip(self.weights, self.biases, self._outs):
            z = acts[-1] @ W.T
            z += b
            zs.append(z)
            acts.append(f(z))
        return zs, acts

    def layer_outputs(self, X):
        """[a_1, ..., a_L] for X (n, n_in): forward_all's acts[1:], each computed in place of
        its z in contiguous buffers kept per n (fast for a 10,000-row grid); valid until the
        next call with the same n."""
        self._check(X)
        outs = self._eval_buffers.get(len(X))
        if outs is None:
            if len(self._eval_buffers) >= _MAX_CACHED_SIZES:
                self._eval_buffers.pop(next(iter(self._eval_buffers)))
            outs = self._eval_buffers[len(X)] = [np.empty((len(X), s)) for s in self.sizes[1:]]
        a = X
        for W, b, f, z in zip(self.weights, self.biases, self._outs, outs):
            np.matmul(a, W.T, out=z)
            z += b
            a = f(z, out=z)
        return outs

    def forward(self, X):
        """(n, n_in) -> output (n, n_out): probabilities for sigmoid/softmax, values for linear."""
        return self.layer_outputs(X)[-1].copy()

    def evaluate(self, X, T):
        """(mean data loss without penalty, output (n, n_out)) from one forward pass."""
        self._check(X, T)
        zs, acts = self.forward_all(X)
        return self._loss.loss(zs[-1], T), acts[-1]

    def penalty(self, reg="none", reg_rate=0.0):
        rule = _regularizer(reg)
        if rule is None or reg_rate == 0:
            return 0.0
        return float(reg_rate * sum(rule[0](W) for W in self.weights))

    def loss(self, X, T, reg="none", reg_rate=0.0):
        """Mean loss over the rows of X against targets T (n, n_out), plus the penalty."""
        self._check(X, T)
        _, zs = self._forward(X)
        return self._loss.loss(zs[-1], T) + self.penalty(reg, reg_rate)

    def backward(self, X, T, reg="none", reg_rate=0.0):
        """Gradients of loss(X, T, reg, reg_rate) into flat_grad; returns (grads_W, grads_b)
        as views shaped like the weights, valid until the next call. Backprop:
        delta_L = dL/dz_L = (y - t)/n;  dL/d[W_l | b_l] = delta_l^T [a_l | 1];
        delta_{l-1} = (delta_l W_l) * f'(z_{l-1}).
        """
        self._check(X, T)
        rule = _regularizer(reg) if reg_rate else None
        acts, zs = self._forward(X)
        deltas = self.deltas = self._buffers[len(X)][2]
        delta = self._loss.delta(zs[-1], acts[-1], T, out=deltas[-1])
        for l in range(len(self._Wb) - 1, -1, -1):
            np.matmul(delta.T, acts[l], out=self._Gb[l])
            if rule is not None:
                self._gW[l] += reg_rate * rule[1](self.weights[l])
            if l:
                delta = np.matmul(delta, self.weights[l], out=deltas[l - 1])
                delta *= self._fs[l - 1].df(zs[l - 1], acts[l][:, :-1])
        return self.grads[0::2], self.grads[1::2]

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
