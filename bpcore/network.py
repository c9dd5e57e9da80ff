"""A dense feed-forward network: forward pass, and a backward pass that computes gradients.

Samples are rows. Layer l maps a_l (n, n_in) to z_l = a_l W_l^T + b_l (n, n_out), with W_l of
shape (n_out, n_in) as in the article (z = W a + b), then a_{l+1} = f_l(z_l). The last layer's
f is the output function of the loss (sigmoid, softmax or linear). `backward` never changes a
weight: an optimiser applies the gradients (see optim.py).

The layout that makes it fast in the browser (one [W | b] matrix per layer, all of them in
one flat vector) is set up here; the fast forward and backward paths that use it, with the
same numbers as the plain maths, are in fastpath.py.
"""

import numpy as np

from . import dropout, fastpath, plugin
from .activations import get_activation
from .errors import CodedError, check_index
from .init import get_initializer
from .losses import LOSSES, OUTPUT_TO_LOSS, regularizer


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
        weights = [make.weights(rng, n_in, n_out) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        biases = [np.full(n_out, make.bias) for n_out in sizes[1:]]
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
                raise ValueError(
                    f"weights: layer {l} expects {W.shape[1]} inputs, "
                    f"layer {l - 1} gives {weights[l - 1].shape[0]}"
                )
            if not (np.isfinite(W).all() and np.isfinite(b).all()):
                raise ValueError(f"weights: layer {l} holds NaN or inf")
        net._setup(weights, biases, activations, output)
        return net

    def _setup(self, weights, biases, activations, output):
        activations = [activations] if isinstance(activations, str) else list(activations)
        if len(activations) != len(weights) - 1:
            raise ValueError(
                f"activation: need one per hidden layer ({len(weights) - 1}), "
                f"got {len(activations)}"
            )
        if output not in OUTPUT_TO_LOSS:
            raise ValueError(f"output: unknown output {output!r}; choose sigmoid, softmax, linear")
        self.flat = np.concatenate(
            [np.column_stack([W, b]).ravel() for W, b in zip(weights, biases)]
        )
        self.flat_grad = np.zeros_like(self.flat)
        self._Wb, self._Gb = [], []  # per layer [W | b] views into flat and flat_grad
        is_weight = np.ones_like(self.flat)  # 1 for a weight, 0 for a bias (the penalty's mask)
        start = 0
        for W in weights:
            shape = (W.shape[0], W.shape[1] + 1)
            stop = start + shape[0] * shape[1]
            self._Wb.append(self.flat[start:stop].reshape(shape))
            self._Gb.append(self.flat_grad[start:stop].reshape(shape))
            is_weight[start:stop].reshape(shape)[:, -1] = 0.0
            start = stop
        self._is_weight = is_weight
        self._WbT = [Wb.T for Wb in self._Wb]
        self.weights = [Wb[:, :-1] for Wb in self._Wb]  # views: writing them writes flat
        self.biases = [Wb[:, -1] for Wb in self._Wb]
        self.grads = [g for G in self._Gb for g in (G[:, :-1], G[:, -1])]  # params() order
        self.activations = activations
        self._fs = [get_activation(a) for a in activations]
        self.output = output
        self.loss_name = OUTPUT_TO_LOSS[output]
        self._loss = LOSSES[self.loss_name]
        self._works = {}  # n (None: one sample) -> fastpath.Work
        self.deltas = []  # delta_l = dL/dz_l of the last backward() call (its buffers)
        self._eval_buffers = {}  # n -> contiguous outputs of layer_outputs
        self.drop = None  # dropout.Dropout of the training steps (None: none)
        self.plug_in(None)

    def plug_in(self, plug):
        """Train, measure and inspect with `plug` (a plugin.Plug: the student's activation of
        every hidden layer, loss or dense backward), or with bpcore's own parts (None)."""
        self.plug = plug  # (plugin.py)
        self._works.clear()
        self._eval_buffers.clear()
        f = plug.f if plug is not None and plug.kind == "activation" else None
        # f applied in place in training (None: the identity, nothing to do)
        self._hidden_f = (
            [f] * len(self._fs)
            if f
            else [None if a == "linear" else fa.f for a, fa in zip(self.activations, self._fs)]
        )
        self._outs = [f or fa.f for fa in self._fs] + [self._loss.out]  # f_l of every layer

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
            raise ValueError(
                f"T: expected shape ({X.shape[0]}, {self.weights[-1].shape[0]}), got {T.shape}"
            )

    # ------------------------------------------------------------ forward

    def forward1(self, X1):
        """(z_L, y) for X1 = [X | 1] (n, n_in + 1): the output layer's logits and outputs
        (probabilities for sigmoid/softmax), valid until the next call with n rows. Nothing
        is checked (fastpath.forward1)."""
        return fastpath.forward1(self, X1)

    def _forward(self, X):
        """forward1 for X (n, n_in), copied into the kept [X | 1] buffer."""
        w = fastpath.work(self, len(X))
        w.x1[:, :-1] = X
        return fastpath.forward1(self, w.x1)

    def forward_all(self, X):
        """(n, n_in) -> (zs, acts), fresh contiguous arrays: zs[l] (n, n_{l+1}); acts[0] = X,
        acts[l+1] = f_l(zs[l]); acts[-1] is the output. (Training uses forward1 instead.)"""
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
        return fastpath.layer_outputs(self, X)

    def forward(self, X):
        """(n, n_in) -> output (n, n_out): probabilities for sigmoid/softmax, values for linear."""
        return self.layer_outputs(X)[-1].copy()

    def evaluate(self, X, T):
        """(mean data loss without penalty, output (n, n_out)) from one forward pass."""
        self._check(X, T)
        zs, acts = self.forward_all(X)
        return self.data_loss(zs[-1], acts[-1], T), acts[-1]

    def data_loss(self, z, y, T, sets=None):
        """The mean loss of outputs y = out(z) against T, without penalty: a float, or one per
        block of rows in `sets` (slices). A plugged loss is the student's, from y."""
        if self.plug is not None and self.plug.kind == "loss":
            if sets is None:
                return self.plug.loss(y, T)
            return [self.plug.loss(y[rows], T[rows]) for rows in sets]
        if sets is None:
            return self._loss.loss(z, T)
        terms = self._loss.terms(z, T)
        return [float(np.mean(terms[rows])) for rows in sets]

    def penalty(self, reg="none", reg_rate=0.0):
        rule = regularizer(reg)
        if rule is None or reg_rate == 0:
            return 0.0
        return float(reg_rate * sum(rule[0](W) for W in self.weights))

    def loss(self, X, T, reg="none", reg_rate=0.0):
        """Mean loss over the rows of X against targets T (n, n_out), plus the penalty."""
        self._check(X, T)
        z, y = self._forward(X)
        return self.data_loss(z, y, T) + self.penalty(reg, reg_rate)

    # ------------------------------------------------------------ backward

    def backward(self, X, T, reg="none", reg_rate=0.0):
        """Gradients of loss(X, T, reg, reg_rate) into flat_grad; returns (grads_W, grads_b)
        as views shaped like the weights, valid until the next call. Backprop:
        delta_L = dL/dz_L = (y - t)/n;  dL/d[W_l | b_l] = delta_l^T [a_l | 1];
        delta_{l-1} = (delta_l W_l) * f'(z_{l-1}).
        """
        self._check(X, T)
        if self.plug is not None:
            plugin.backward(self, X, T, reg, reg_rate)
            return self.grads[0::2], self.grads[1::2]
        w = fastpath.work(self, len(X))
        w.x1[:, :-1] = X
        fastpath.batch_gradient(self, w, reg, reg_rate)(w.x1, T)
        self.deltas = w.deltas
        return self.grads[0::2], self.grads[1::2]

    def gradient_fn(self, n, reg="none", reg_rate=0.0):
        """For training loops: grad(X1, T) puts the gradient of loss(X, T, reg, reg_rate) of a
        batch of n rows into flat_grad, with X1 = [X | 1] (n, n_in + 1) and T (n, n_out).
        Shapes are the caller's business: nothing is checked per call. For n == 1, grad takes
        ONE sample as 1-D vectors, x1 = [x | 1] (n_in + 1,) and t (n_out,), and computes the
        very numbers of the batch path (the same operations in the same order) in fewer
        NumPy calls (fastpath.py). With a plug, plugin.py's path (the same maths). With
        dropout (self.drop), each call draws its masks first (dropout.py; plugged too)."""
        masks_for = None
        if self.drop is not None and self.drop.on:
            draw, hidden = self.drop.draw, self.sizes[1:-1]
            masks_for = lambda rows: draw(rows, hidden)  # noqa: E731
        if self.plug is not None:
            return plugin.gradient_fn(self, n, reg, reg_rate, masks_for)
        if masks_for is not None:
            return dropout.gradient_fn(self, n, reg, reg_rate, masks_for)
        return fastpath.gradient_fn(self, n, reg, reg_rate)

    def _index(self, l, i, j=None):
        check_index([w.shape for w in self.weights], l, i, j)

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
        raise CodedError(
            "weight_not_finite", f"value: a weight must be a finite number, got {value}", got=value
        )
    return value
