"""A dense feed-forward network: forward pass, and a backward pass that computes gradients.

Samples are rows. Layer l maps a_l (n, n_in) to z_l = a_l W_l^T + b_l (n, n_out), with W_l of
shape (n_out, n_in) as in the article (z = W a + b), then a_{l+1} = f_l(z_l). The last layer's
f is the output function of the loss (sigmoid, softmax or linear). `backward` never changes a
weight: an optimiser applies the gradients (see optim.py).

Speed (in the browser every NumPy call costs a microsecond or more, so the count of calls is
the cost):
- each layer is stored as one matrix [W | b] of shape (n_out, n_in + 1), and each activation
  buffer carries a last column of ones, so one matmul gives z = W a + b and one gives both
  dL/dW and dL/db;
- all those matrices live in one flat vector `flat` (gradients in `flat_grad`), so an
  optimiser steps every parameter with a couple of calls, and the penalty's gradient is a
  couple of calls over `flat` too;
- the hidden activations of all layers sit side by side in one buffer, f computed in place of
  z: f' of every hidden neuron is then one or two calls (activations.py writes f' in terms of
  a = f(z));
- a training loop asks once for `gradient_fn(n)`, which has every buffer and view bound and
  checks nothing per call; for one sample (batch size 1) it works on 1-D vectors.
"""

import numpy as np

from .activations import get_activation
from .errors import CodedError, check_index
from .init import get_initializer
from .losses import LOSSES, OUTPUT_TO_LOSS

# applied to weights only, never biases;
# name -> (penalty(W), dpenalty/dW written into `out` unless it is W itself)
REGULARIZERS = {
    "l1": (lambda W: np.abs(W).sum(), np.sign),
    "l2": (lambda W: 0.5 * np.vdot(W, W), lambda W, out=None: W),
}
_MAX_CACHED_SIZES = 6  # batch sizes whose buffers are kept (batch, last batch, sets, grid)
# the one-sample path gathers every layer's gradient in one go when the network has at most
# this many parameters per layer: in Pyodide a gather costs ~0.6 us + ~10 ns per parameter,
# the outer product it replaces ~1.6 us per layer (measured: 1.2x faster for config c, 1.1x
# slower for d)
_GATHER_PER_LAYER = 40


class _Work:
    """Buffers for one forward and backward pass of n rows (n None: one sample, 1-D vectors).

    x1 = [x | 1]. `hidden` holds every hidden layer's [a_l | 1] side by side, a1[l] = [a_l | 1]
    and a[l] = a_l are views into it (a1[0] is x1); `fprime` holds f'(z_{l-1}) next to each
    a_l (fp[l] views it; None where f' = 1). z and y: the output layer's z_L and y = out(z_L);
    deltas[l] = dL/dz_l. For one sample, x1 and `hidden` are one vector, `acts`, the deltas
    another, `all_deltas`, and parameter p of the flat vector has its delta at row_of[p] and
    its activation at col_of[p]: dL/dp = all_deltas[row_of[p]] * acts[col_of[p]].
    """

    def __init__(self, sizes, acts, n):
        rows = () if n is None else (n,)
        hidden = sizes[1:-1]
        starts = np.cumsum([0] + [k + 1 for k in hidden]).tolist()
        first = sizes[0] + 1
        if n is None:  # [x | 1 | a_1 | 1 | ...] in one vector
            self.acts = np.ones(first + starts[-1])
            self.x1, self.hidden = self.acts[:first], self.acts[first:]
        else:
            self.x1, self.hidden = np.ones((n, first)), np.ones((n, starts[-1]))
        self.fprime = np.empty(rows + (starts[-1],))
        spans = list(zip(starts, hidden))
        self.a1 = [self.x1] + [self.hidden[..., s : s + k + 1] for s, k in spans]
        self.a = [a1[..., :-1] for a1 in self.a1]
        self.fp = [None] + [
            None if act.df is None else self.fprime[..., s : s + k]
            for act, (s, k) in zip(acts, spans)
        ]
        # f' is taken once per run of neighbouring layers with the same activation:
        # (df, a's, f'(z)'s) over the run's columns (the 1s in between cost nothing)
        self.runs, run_start = [], 0
        for l, act in enumerate(acts):
            if l + 1 < len(acts) and acts[l + 1] == act:
                continue
            if act.df is not None:
                s, e = starts[run_start], starts[l + 1]
                self.runs.append((act.df, self.hidden[..., s:e], self.fprime[..., s:e]))
            run_start = l + 1
        self.z = np.empty(rows + (sizes[-1],))
        self.y = np.empty(rows + (sizes[-1],))
        if n is not None:
            self.deltas = [np.empty((n, k)) for k in sizes[1:]]
            return
        d_starts = np.cumsum([0] + sizes[1:]).tolist()
        self.all_deltas = np.empty(d_starts[-1])
        self.deltas = [self.all_deltas[s : s + k] for s, k in zip(d_starts, sizes[1:])]
        # parameter p = [W_l | b_l][i, j] -> delta_l[i] and [a_l | 1][j]
        a_starts = [0] + [first + s for s in starts[:-1]]
        layers = list(enumerate(zip(sizes, sizes[1:])))
        self.row_of = np.concatenate(
            [np.repeat(np.arange(n_out) + d_starts[l], n_in + 1) for l, (n_in, n_out) in layers]
        )
        self.col_of = np.concatenate(
            [np.tile(np.arange(n_in + 1) + a_starts[l], n_out) for l, (n_in, n_out) in layers]
        )


def _forward_into(product, a, layers, WbT_out, z):
    """The forward pass of rows [a_0 | 1] (or one such vector) into the work buffers: z_l =
    [a_l | 1] [W_l | b_l]^T is written where a_{l+1} goes and f applied in place; the output
    layer's z_L into z. `product` is np.matmul for batches, np.dot for one sample."""
    for WbT, h, f, a1 in layers:
        product(a, WbT, out=h)
        if f is not None:
            f(h, out=h)
        a = a1
    product(a, WbT_out, out=z)


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
        # f applied in place in training (None: the identity, nothing to do)
        self._hidden_f = [None if a == "linear" else fa.f for a, fa in zip(activations, self._fs)]
        self.output = output
        self.loss_name = OUTPUT_TO_LOSS[output]
        self._loss = LOSSES[self.loss_name]
        self._outs = [fa.f for fa in self._fs] + [self._loss.out]  # f_l of every layer
        self._works = {}  # n (None: one sample) -> _Work
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
            raise ValueError(
                f"T: expected shape ({X.shape[0]}, {self.weights[-1].shape[0]}), got {T.shape}"
            )

    def _work(self, n):
        """The _Work for n rows (None: one sample), kept for the next call with the same n."""
        w = self._works.get(n)
        if w is None:
            if len(self._works) >= _MAX_CACHED_SIZES:
                self._works.pop(next(iter(self._works)))
            w = self._works[n] = _Work(self.sizes, self._fs, n)
        return w

    # ------------------------------------------------------------ forward

    def forward1(self, X1):
        """(z_L, y) for X1 = [X | 1] (n, n_in + 1): the output layer's logits and outputs
        (probabilities for sigmoid/softmax), from one forward pass into the buffers kept for
        n rows; valid until the next call with n rows. Nothing is checked."""
        w = self._work(len(X1))
        a = X1
        for WbT, h, f, a1 in zip(self._WbT, w.a[1:], self._hidden_f, w.a1[1:]):
            np.matmul(a, WbT, out=h)  # z_l = W_l a_l + b_l, written where a_{l+1} goes
            if f is not None:
                f(h, out=h)  # a_{l+1} = f(z_l), in place
            a = a1
        z = np.matmul(a, self._WbT[-1], out=w.z)
        y = z if self.output == "linear" else self._loss.out(z, out=w.y)
        return z, y

    def _forward(self, X):
        """forward1 for X (n, n_in), copied into the kept [X | 1] buffer."""
        w = self._work(len(X))
        w.x1[:, :-1] = X
        return self.forward1(w.x1)

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
        z, _ = self._forward(X)
        return self._loss.loss(z, T) + self.penalty(reg, reg_rate)

    # ------------------------------------------------------------ backward

    def backward(self, X, T, reg="none", reg_rate=0.0):
        """Gradients of loss(X, T, reg, reg_rate) into flat_grad; returns (grads_W, grads_b)
        as views shaped like the weights, valid until the next call. Backprop:
        delta_L = dL/dz_L = (y - t)/n;  dL/d[W_l | b_l] = delta_l^T [a_l | 1];
        delta_{l-1} = (delta_l W_l) * f'(z_{l-1}).
        """
        self._check(X, T)
        w = self._work(len(X))
        w.x1[:, :-1] = X
        self._batch_gradient(w, reg, reg_rate)(w.x1, T)
        self.deltas = w.deltas
        return self.grads[0::2], self.grads[1::2]

    def gradient_fn(self, n, reg="none", reg_rate=0.0):
        """For training loops: grad(X1, T) puts the gradient of loss(X, T, reg, reg_rate) of a
        batch of n rows into flat_grad, with X1 = [X | 1] (n, n_in + 1) and T (n, n_out).
        Shapes are the caller's business: nothing is checked per call. For n == 1, grad takes
        ONE sample as 1-D vectors, x1 = [x | 1] (n_in + 1,) and t (n_out,), and computes the
        very numbers of the batch path (the same operations in the same order) in fewer
        NumPy calls."""
        if n == 1:
            return self._sample_gradient(self._work(None), reg, reg_rate)
        return self._batch_gradient(self._work(n), reg, reg_rate)

    def _penalty_gradient(self, reg, reg_rate):
        """None, or a function adding reg_rate * dpenalty/dW to flat_grad: over the whole of
        flat at once, times a mask that is 0 for the biases."""
        rule = _regularizer(reg) if reg_rate else None
        if rule is None:
            return None
        dpenalty = rule[1]
        flat, grad, tmp = self.flat, self.flat_grad, np.empty_like(self.flat)
        scale = reg_rate * self._is_weight  # reg_rate for a weight, 0 for a bias

        def add_penalty():
            np.multiply(dpenalty(flat, out=tmp), scale, out=tmp)
            np.add(grad, tmp, out=grad)

        return add_penalty

    def _forward_plan(self, w):
        """What the forward pass walks, bound once: per hidden layer ([W_l | b_l]^T, where
        z_l and then a_{l+1} go, f, [a_{l+1} | 1]); and [W_L | b_L]^T of the output layer."""
        return list(zip(self._WbT, w.a[1:], self._hidden_f, w.a1[1:])), self._WbT[-1]

    def _back_plan(self, w, lead):
        """What the backward pass walks, output side first, for layers l > 0: (lead(delta_l),
        [a_l | 1], dL/d[W_l | b_l], delta_l, W_l, delta_{l-1}, f'(z_{l-1}))."""
        return [
            (
                lead(w.deltas[l]),
                w.a1[l],
                self._Gb[l],
                w.deltas[l],
                self.weights[l],
                w.deltas[l - 1],
                w.fp[l],
            )
            for l in range(len(self._Wb) - 1, 0, -1)
        ]

    def _batch_gradient(self, w, reg, reg_rate):
        """grad(X1, T) for a batch of rows (see gradient_fn), into the buffers of w."""
        matmul, out, delta_out = np.matmul, self._loss.out, self._loss.delta
        z, y, d_out = w.z, w.y, w.deltas[-1]
        linear = self.output == "linear"
        forward, WbT_out = self._forward_plan(w)
        runs = w.runs
        back = self._back_plan(w, lambda d: d.T)  # delta_l^T
        d0T, G0 = w.deltas[0].T, self._Gb[0]
        add_penalty = self._penalty_gradient(reg, reg_rate)

        def grad(X1, T):
            _forward_into(matmul, X1, forward, WbT_out, z)
            delta_out(z, z if linear else out(z, out=y), T, out=d_out)  # delta_L = (y - t)/n
            for df, a_run, fp_run in runs:
                df(a_run, out=fp_run)  # f'(z_l) of every hidden neuron, from a_{l+1}
            for dT, a1, G, d, W, d_prev, fp in back:
                matmul(dT, a1, out=G)  # dL/d[W_l | b_l] = delta_l^T [a_l | 1]
                matmul(d, W, out=d_prev)  # delta_{l-1} = (delta_l W_l) * f'(z_{l-1})
                if fp is not None:
                    d_prev *= fp
            matmul(d0T, X1, out=G0)
            if add_penalty is not None:
                add_penalty()

        return grad

    def _sample_gradient(self, w, reg, reg_rate):
        """grad(x1, t) for ONE sample on 1-D vectors (see gradient_fn), into the buffers of w.

        The batch path with n = 1, call for call, except: z_l = [W_l | b_l] [a_l; 1] is an
        np.dot of vectors; a single output neuron's delta_L = y - t (sigmoid) or 2 (z - t)
        (linear) is done on floats, with NumPy's tanh so that it gives the very same bits; and
        dL/d[W_l | b_l] = delta_l [a_l; 1]^T (a matmul over one term is just these products)
        is, for a small network, one gather-and-multiply for all layers at once,
        flat_grad[p] = delta[row_of[p]] * act[col_of[p]], else a broadcast product per layer.
        """
        dot, matmul, mul, tanh = np.dot, np.matmul, np.multiply, np.tanh
        z, y, d_out = w.z, w.y, w.deltas[-1]
        single = len(z) == 1 and self.output in ("sigmoid", "linear")
        sigmoid_out, linear = self.output == "sigmoid", self.output == "linear"
        out, delta_out = self._loss.out, self._loss.delta
        z2, y2, d2 = z[None], y[None], d_out[None]  # (1, n_out) views for the loss functions
        forward, WbT_out = self._forward_plan(w)
        runs = w.runs
        gather = self.flat.size <= _GATHER_PER_LAYER * len(self._Wb)
        back = self._back_plan(w, lambda d: d[:, None])  # delta_l as a column
        d0, G0 = w.deltas[0][:, None], self._Gb[0]
        x1_buf, acts, all_deltas, row_of, col_of = w.x1, w.acts, w.all_deltas, w.row_of, w.col_of
        gathered = np.empty((2, self.flat.size))
        flat_grad = self.flat_grad
        add_penalty = self._penalty_gradient(reg, reg_rate)

        def grad(x1, t):
            _forward_into(dot, x1, forward, WbT_out, z)
            if not single:  # delta_L = y - t as in the batch path (the / n is skipped for n = 1)
                delta_out(z2, z2 if linear else out(z2, out=y2), t, out=d2)
            elif sigmoid_out:  # y = sigmoid(z) = tanh(z/2)/2 + 1/2, as activations.sigmoid
                # (on Python floats: arithmetic on NumPy's scalars is slower, same bits)
                d_out[0] = float(tanh(float(z[0]) * 0.5)) * 0.5 + 0.5 - float(t[0])
            else:  # mse of one output: 2 (y - t) / (n k), n = k = 1
                d_out[0] = (float(z[0]) - float(t[0])) * 2.0
            for df, a_run, fp_run in runs:
                df(a_run, out=fp_run)  # f'(z_l) of every hidden neuron, from a_{l+1}
            for dcol, a1, G, d, W, d_prev, fp in back:
                if not gather:
                    mul(dcol, a1, out=G)  # dL/d[W_l | b_l] = delta_l [a_l; 1]^T
                # delta_{l-1} = (W_l^T delta_l) * f'(z_{l-1}); (np.dot would copy W_l, a view
                # with the biases left out, and give other bits than the batch path's matmul)
                matmul(d, W, out=d_prev)
                if fp is not None:
                    d_prev *= fp
            if gather:  # dL/d[W_l | b_l] = delta_l [a_l; 1]^T for every l
                x1_buf[...] = x1
                all_deltas.take(row_of, out=gathered[0], mode="clip")
                acts.take(col_of, out=gathered[1], mode="clip")
                mul(gathered[0], gathered[1], out=flat_grad)
            else:
                mul(d0, x1, out=G0)
            if add_penalty is not None:
                add_penalty()

        return grad

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
