"""The network's fast paths: the same numbers as the plain maths, in fewer NumPy calls.

In the browser every NumPy call costs a microsecond or more, so the count of calls is the cost:
- each layer is stored as one matrix [W | b] of shape (n_out, n_in + 1) (network.py), and each
  activation buffer carries a last column of ones, so one matmul gives z = W a + b and one
  gives both dL/dW and dL/db;
- all those matrices live in one flat vector `flat` (gradients in `flat_grad`), so an
  optimiser steps every parameter with a couple of calls, and the penalty's gradient is a
  couple of calls over `flat` too;
- the hidden activations of all layers sit side by side in one buffer, f computed in place of
  z: f' of every hidden neuron is then one or two calls (activations.py writes f' in terms of
  a = f(z));
- a training loop asks once for `gradient_fn(net, n)`, which has every buffer and view bound
  and checks nothing per call; for one sample (batch size 1) it works on 1-D vectors.
tests/test_fast_paths.py checks every path against Network.backward bit for bit.
"""

import numpy as np

from .losses import regularizer

MAX_CACHED_SIZES = 6  # batch sizes whose buffers are kept (batch, last batch, sets, grid)
# the one-sample path gathers every layer's gradient in one go when the network has at most
# this many parameters per layer: in Pyodide a gather costs ~0.6 us + ~10 ns per parameter,
# the outer product it replaces ~1.6 us per layer (measured: 1.2x faster for config c, 1.1x
# slower for d)
_GATHER_PER_LAYER = 40


class Work:
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
            if act.df is not None and not act.by_z:  # (by_z: written in the forward pass)
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


def forward_into(product, a, layers, WbT_out, z):
    """The forward pass of rows [a_0 | 1] (or one such vector) into the work buffers: z_l =
    [a_l | 1] [W_l | b_l]^T is written where a_{l+1} goes and f applied in place; the output
    layer's z_L into z. `product` is np.matmul for batches, np.dot for one sample."""
    for WbT, h, f, a1 in layers:
        product(a, WbT, out=h)
        if f is not None:
            f(h, out=h)
        a = a1
    product(a, WbT_out, out=z)


def work(net, n):
    """The Work for n rows (None: one sample), kept on the network for the next call."""
    w = net._works.get(n)
    if w is None:
        if len(net._works) >= MAX_CACHED_SIZES:
            net._works.pop(next(iter(net._works)))
        w = net._works[n] = Work(net.sizes, net._fs, n)
    return w


def forward1(net, X1):
    """(z_L, y) for X1 = [X | 1] (n, n_in + 1): the output layer's logits and outputs, from one
    forward pass into the buffers kept for n rows; valid until the next call with n rows."""
    w = work(net, len(X1))
    a = X1
    for WbT, h, f, a1 in zip(net._WbT, w.a[1:], net._hidden_f, w.a1[1:]):
        np.matmul(a, WbT, out=h)  # z_l = W_l a_l + b_l, written where a_{l+1} goes
        if f is not None:
            f(h, out=h)  # a_{l+1} = f(z_l), in place
        a = a1
    z = np.matmul(a, net._WbT[-1], out=w.z)
    y = z if net.output == "linear" else net._loss.out(z, out=w.y)
    return z, y


def layer_outputs(net, X):
    """[a_1, ..., a_L] for X (n, n_in), each computed in place of its z in contiguous buffers
    kept per n (fast for a 10,000-row grid); valid until the next call with the same n."""
    outs = net._eval_buffers.get(len(X))
    if outs is None:
        if len(net._eval_buffers) >= MAX_CACHED_SIZES:
            net._eval_buffers.pop(next(iter(net._eval_buffers)))
        outs = net._eval_buffers[len(X)] = [np.empty((len(X), s)) for s in net.sizes[1:]]
    a = X
    for W, b, f, z in zip(net.weights, net.biases, net._outs, outs):
        np.matmul(a, W.T, out=z)
        z += b
        a = f(z, out=z)
    return outs


def gradient_fn(net, n, reg="none", reg_rate=0.0):
    """grad(X1, T) for n rows, or for n == 1 grad(x1, t) on 1-D vectors (Network.gradient_fn)."""
    if n == 1:
        return sample_gradient(net, work(net, None), reg, reg_rate)
    return batch_gradient(net, work(net, n), reg, reg_rate)


def penalty_gradient(net, reg, reg_rate):
    """None, or a function adding reg_rate * dpenalty/dW to flat_grad: over the whole of
    flat at once, times a mask that is 0 for the biases."""
    rule = regularizer(reg) if reg_rate else None
    if rule is None:
        return None
    dpenalty = rule[1]
    flat, grad, tmp = net.flat, net.flat_grad, np.empty_like(net.flat)
    scale = reg_rate * net._is_weight  # reg_rate for a weight, 0 for a bias

    def add_penalty():
        np.multiply(dpenalty(flat, out=tmp), scale, out=tmp)
        np.add(grad, tmp, out=grad)

    return add_penalty


def forward_plan(net, w):
    """What the forward pass walks, bound once: per hidden layer ([W_l | b_l]^T, where
    z_l and then a_{l+1} go, f, [a_{l+1} | 1]); and [W_L | b_L]^T of the output layer.
    An activation whose f' needs z (activations.py by_z) writes f'(z_l) first."""
    fs = [
        _z_first(act, fp) if act.by_z else f for act, f, fp in zip(net._fs, net._hidden_f, w.fp[1:])
    ]
    return list(zip(net._WbT, w.a[1:], fs, w.a1[1:])), net._WbT[-1]


def _z_first(act, fp):
    """f in place, having written f'(z) into fp while z is still there."""
    f, df = act.f, act.df

    def f_and_df(h, out):
        df(h, out=fp)
        return f(h, out=out)

    return f_and_df


def back_plan(net, w, lead):
    """What the backward pass walks, output side first, for layers l > 0: (lead(delta_l),
    [a_l | 1], dL/d[W_l | b_l], delta_l, W_l, delta_{l-1}, f'(z_{l-1}))."""
    return [
        (
            lead(w.deltas[l]),
            w.a1[l],
            net._Gb[l],
            w.deltas[l],
            net.weights[l],
            w.deltas[l - 1],
            w.fp[l],
        )
        for l in range(len(net._Wb) - 1, 0, -1)
    ]


def batch_gradient(net, w, reg, reg_rate):
    """grad(X1, T) for a batch of rows (see Network.gradient_fn), into the buffers of w."""
    matmul, out, delta_out = np.matmul, net._loss.out, net._loss.delta
    z, y, d_out = w.z, w.y, w.deltas[-1]
    linear = net.output == "linear"
    forward, WbT_out = forward_plan(net, w)
    runs = w.runs
    back = back_plan(net, w, lambda d: d.T)  # delta_l^T
    d0T, G0 = w.deltas[0].T, net._Gb[0]
    add_penalty = penalty_gradient(net, reg, reg_rate)

    def grad(X1, T):
        forward_into(matmul, X1, forward, WbT_out, z)
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


def sample_gradient(net, w, reg, reg_rate):
    """grad(x1, t) for ONE sample on 1-D vectors (see Network.gradient_fn), into the buffers of w.

    The batch path with n = 1, call for call, except: z_l = [W_l | b_l] [a_l; 1] is an
    np.dot of vectors; a single output neuron's delta_L is done on floats (losses.py delta1,
    the very same bits); and
    dL/d[W_l | b_l] = delta_l [a_l; 1]^T (a matmul over one term is just these products)
    is, for a small network, one gather-and-multiply for all layers at once,
    flat_grad[p] = delta[row_of[p]] * act[col_of[p]], else a broadcast product per layer.
    """
    dot, matmul, mul = np.dot, np.matmul, np.multiply
    z, y, d_out = w.z, w.y, w.deltas[-1]
    linear = net.output == "linear"
    out, delta_out, delta1 = net._loss.out, net._loss.delta, net._loss.delta1
    single = len(z) == 1 and delta1 is not None
    z2, y2, d2 = z[None], y[None], d_out[None]  # (1, n_out) views for the loss functions
    forward, WbT_out = forward_plan(net, w)
    runs = w.runs
    gather = net.flat.size <= _GATHER_PER_LAYER * len(net._Wb)
    back = back_plan(net, w, lambda d: d[:, None])  # delta_l as a column
    d0, G0 = w.deltas[0][:, None], net._Gb[0]
    x1_buf, acts, all_deltas, row_of, col_of = w.x1, w.acts, w.all_deltas, w.row_of, w.col_of
    gathered = np.empty((2, net.flat.size))
    flat_grad = net.flat_grad
    add_penalty = penalty_gradient(net, reg, reg_rate)

    def grad(x1, t):
        forward_into(dot, x1, forward, WbT_out, z)
        if single:  # one output: delta_L on Python floats (losses.py delta1, the same bits)
            d_out[0] = delta1(float(z[0]), float(t[0]))
        else:  # delta_L = y - t as in the batch path (the / n is skipped for n = 1)
            delta_out(z2, z2 if linear else out(z2, out=y2), t, out=d2)
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
