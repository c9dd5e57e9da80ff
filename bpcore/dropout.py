"""Inverted dropout of the hidden layers, in training steps only.

In a training step each hidden neuron of layer l is kept with probability 1 - p_l and dropped
(its output set to 0) otherwise; a kept neuron's output is divided by 1 - p_l, so the expected
input of the next layer is what the whole network gives (evaluation, the map, the metrics and
the inspector's forward use the whole network, untouched). With the scaled mask
m = [u >= p] / (1 - p) (u uniform in [0, 1)), per sample and neuron:
    a_{l+1} = f(z_l) * m_l;    delta_l = (delta_{l+1} W_{l+1}) * f'(z_l) * m_l,
so a dropped neuron passes nothing forward and gets no gradient back.

The masks come from their own generator, PCG64 seeded by SeedSequence([seed, SALT]): a run
without dropout never touches it, so it draws exactly what it drew before dropout existed.
Every training step (a mini-batch of n rows, or the step-through's step on one sample) draws,
layer by layer from the input side, rng.random((n, k_l)) for each hidden layer with p_l > 0.
"""

import numpy as np

from . import fastpath, plugin

SALT = 0x64726F70  # "drop": the mask stream's second seed word


def mask_rng(seed):
    """The mask generator of a run with model seed `seed`."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([int(seed), SALT])))


def hidden_rates(settings):
    """One dropout rate per hidden layer (a single rate applies to every layer)."""
    rates, n = settings["dropout"], len(settings["layers"])
    return [float(p) for p in rates] if len(rates) == n else [float(rates[0])] * n


def of(settings):
    """The Dropout of a run's settings, or None when every rate is 0 (nothing is drawn)."""
    rates = hidden_rates(settings)
    return Dropout(rates, settings["seed"]) if any(rates) else None


class Dropout:
    """The rates of a network's hidden layers and the generator of their masks."""

    def __init__(self, rates, seed):
        self.rates = [float(p) for p in rates]
        self.rng = mask_rng(seed)
        self._buffers = {}  # n -> the masks' buffers for n rows (reused: draw's result is
        # valid until the next draw for as many rows)

    @property
    def on(self):
        return any(p > 0 for p in self.rates)

    def draw(self, n, sizes):
        """Scaled masks (n, k_l) per hidden layer of widths `sizes` (None where p_l = 0):
        (rng.random((n, k_l)) >= p_l) * (1 / (1 - p_l)), written into kept buffers."""
        masks = self._buffers.get(n)
        if masks is None:
            if len(self._buffers) >= 4:  # batch, last batch, one sample
                self._buffers.pop(next(iter(self._buffers)))
            masks = [None if p == 0 else np.empty((n, k)) for p, k in zip(self.rates, sizes)]
            self._buffers[n] = masks
        random, ge = self.rng.random, np.greater_equal
        for p, m in zip(self.rates, masks):
            if m is not None:
                random(out=m)  # u, uniform in [0, 1): the numbers rng.random((n, k)) gives
                ge(m, p, out=m)  # 1.0 where kept (u >= p), 0.0 where dropped
                m *= 1.0 / (1.0 - p)
        return masks

    def peek(self, n, sizes):
        """Copies of the masks the next draw(n, sizes) will give; the generator stays put."""
        state = self.rng.bit_generator.state
        try:
            return [None if m is None else m.copy() for m in self.draw(n, sizes)]
        finally:
            self.rng.bit_generator.state = state


def forward_all(net, X, masks):
    """(zs, acts) as Network.forward_all, with hidden layer l's output times masks[l]
    (None: kept whole): acts[l + 1] = f(zs[l]) * m_l."""
    zs, acts = [], [X]
    for l, (W, b, f) in enumerate(zip(net.weights, net.biases, net._outs)):
        z = acts[-1] @ W.T
        z += b
        zs.append(z)
        a = f(z)
        if l < len(masks) and masks[l] is not None:
            a = a * masks[l]
        acts.append(a)
    return zs, acts


def gradient_fn(net, n, reg, reg_rate, masks_for):
    """grad(X1, T) for n rows (1-D vectors when n == 1, as Network.gradient_fn) with dropout:
    masks_for(n) gives the scaled masks of the step (Dropout.draw, or fixed ones in a check).
    Into flat_grad, as fastpath's batch path, with f'(z_l) * m_l where the plain path has
    f'(z_l); the deltas in work(net, n).deltas."""
    w = fastpath.work(net, n)
    matmul = np.matmul
    out, delta_out = net._loss.out, net._loss.delta
    linear = net.output == "linear"
    forward, WbT_out = fastpath.forward_plan(net, w)
    hidden = net.sizes[1:-1]
    dfs = [fa.df for fa in net._fs]
    # where a does not tell z apart (activations.py by_z), the plan's f wrote f'(z_l) there
    by_z = [fp if fa.by_z else None for fa, fp in zip(net._fs, w.fp[1:])]
    fps = [np.empty((n, k)) for k in hidden]  # f'(z_l) * m_l of every hidden layer
    back = [
        (w.deltas[l].T, w.a1[l], net._Gb[l], w.deltas[l], net.weights[l], w.deltas[l - 1])
        for l in range(len(net._Wb) - 1, 0, -1)
    ]
    add_penalty = fastpath.penalty_gradient(net, reg, reg_rate)

    def grad(X1, T):
        if X1.ndim == 1:  # one sample as 1-D vectors
            X1, T = X1[None], T[None]
        masks = masks_for(n)
        a = X1
        for (WbT, h, f, a1), df, fp, m, fz in zip(forward, dfs, fps, masks, by_z):
            matmul(a, WbT, out=h)  # z_l, where a_{l+1} goes
            if f is not None:
                f(h, out=h)  # f(z_l), in place
            if df is None:
                fp.fill(1.0)
            elif fz is not None:
                np.copyto(fp, fz)
            else:
                df(h, out=fp)  # f'(z_l) from f(z_l), before the mask
            if m is not None:
                h *= m  # a_{l+1} = f(z_l) * m_l
                fp *= m  # f'(z_l) * m_l
            a = a1
        z = matmul(a, WbT_out, out=w.z)
        delta_out(z, z if linear else out(z, out=w.y), T, out=w.deltas[-1])
        for (dT, a1, G, d, W, d_prev), fp in zip(back, reversed(fps)):
            matmul(dT, a1, out=G)  # dL/d[W_l | b_l] = delta_l^T [a_l | 1]
            matmul(d, W, out=d_prev)  # delta_{l-1} = (delta_l W_l) * f'(z_{l-1}) * m_{l-1}
            d_prev *= fp
        matmul(w.deltas[0].T, X1, out=net._Gb[0])
        if add_penalty is not None:
            add_penalty()

    return grad


def backward(net, X, T, reg, reg_rate, masks):
    """Network.backward with fixed scaled masks: gradients into flat_grad, deltas kept in
    net.deltas; -> (grads_W, grads_b)."""
    net._check(X, T)
    if net.plug is not None:  # the student's part, with these masks
        plugin.backward(net, X, T, reg, reg_rate, masks)
        return net.grads[0::2], net.grads[1::2]
    n = len(X)
    w = fastpath.work(net, n)
    w.x1[:, :-1] = X
    gradient_fn(net, n, reg, reg_rate, lambda _n: masks)(w.x1, T)
    net.deltas = w.deltas
    return net.grads[0::2], net.grads[1::2]
