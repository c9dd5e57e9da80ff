"""Optimisers: they apply gradients to parameters, in place. The network only computes them.

Every optimiser takes the list of parameter arrays (Network.params()) and, at each step, the
gradients in the same order (Network.grads after backward()). Scratch buffers are allocated
once, so a step allocates nothing. The session hands over ONE array, the network's flat
parameter vector, so a step is a few NumPy calls over all parameters (SGD 2, momentum 4,
Adam 12: one per rounding of the formula, so every platform rounds alike).
"""

import math

import numpy as np


def sgd_step(params, grads, lr, scratch=None):
    """p <- p - lr dL/dp for every parameter, in place: the article's rule, the one SGD step of
    the optimiser, the inspector, the step-through and the generated script. `scratch`: one
    buffer per parameter, so that a step allocates nothing."""
    for p, g, tmp in zip(params, grads, scratch or [None] * len(params)):
        np.subtract(p, np.multiply(g, lr, out=tmp), out=p)


class SGD:
    """p <- p - lr g   (the article's rule)"""

    name = "sgd"
    hyper = ("lr",)

    def __init__(self, params, lr=0.03, **_):
        self.params = params
        self.lr = lr
        self.t = 0
        self._tmp = [np.empty_like(p) for p in params]
        self.buffers = {}

    def step(self, grads):
        self.t += 1
        sgd_step(self.params, grads, self.lr, self._tmp)

    def state_dict(self):
        """JSON-able: hyper-parameters, step count and the buffers as nested lists."""
        return {
            "name": self.name,
            "t": self.t,
            **{h: getattr(self, h) for h in self.hyper},
            "buffers": {k: [b.tolist() for b in bufs] for k, bufs in self.buffers.items()},
        }

    def load_state_dict(self, state):
        if state.get("name") != self.name:
            raise ValueError(f"optimizer: state is for {state.get('name')!r}, not {self.name!r}")
        self.t = int(state["t"])
        for h in self.hyper:
            setattr(self, h, float(state[h]))
        for k, saved in state["buffers"].items():
            for buf, values in zip(self.buffers[k], saved):
                buf[...] = np.asarray(values, dtype=np.float64).reshape(buf.shape)


class Momentum(SGD):
    """v <- mu v + g;  p <- p - lr v"""

    name = "momentum"
    hyper = ("lr", "momentum")

    def __init__(self, params, lr=0.03, momentum=0.9, **_):
        super().__init__(params, lr)
        self.momentum = momentum
        self.buffers = {"v": [np.zeros_like(p) for p in params]}

    def step(self, grads):
        self.t += 1
        mu, lr = self.momentum, self.lr
        for p, g, v, tmp in zip(self.params, grads, self.buffers["v"], self._tmp):
            np.multiply(v, mu, out=v)
            np.add(v, g, out=v)
            np.multiply(v, lr, out=tmp)
            np.subtract(p, tmp, out=p)


class Adam(SGD):
    """m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;
    p <- p - lr mhat / (sqrt(vhat) + eps), mhat = m/(1-b1^t), vhat = v/(1-b2^t)."""

    name = "adam"
    hyper = ("lr", "beta1", "beta2", "eps")

    def __init__(self, params, lr=0.03, beta1=0.9, beta2=0.999, eps=1e-8, **_):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.buffers = {
            "m": [np.zeros_like(p) for p in params],
            "v": [np.zeros_like(p) for p in params],
        }
        # the step's six scalars, as 0-d arrays viewing one vector refilled each step: NumPy
        # converts a Python float at every call, ~0.4 us each in the browser (same bits)
        self._k = np.empty(6)
        self._scalars = [self._k[i : i + 1].reshape(()) for i in range(6)]

    def step(self, grads):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        c1 = 1.0 - b1**self.t
        c2 = math.sqrt(1.0 - b2**self.t)
        # sqrt(vhat) + eps == (sqrt(v) + eps c2) / c2, so the step is lr c2/c1 m / (...)
        self._k[:] = (b1, 1.0 - b1, b2, 1.0 - b2, self.eps * c2, self.lr * c2 / c1)
        b1, b1c, b2, b2c, eps, scale = self._scalars
        mul, add = np.multiply, np.add
        for p, g, m, v, tmp in zip(
            self.params, grads, self.buffers["m"], self.buffers["v"], self._tmp
        ):
            mul(m, b1, out=m)  # m = b1 m + (1 - b1) g
            mul(g, b1c, out=tmp)
            add(m, tmp, out=m)
            mul(v, b2, out=v)  # v = b2 v + (1 - b2) g^2
            mul(g, g, out=tmp)
            mul(tmp, b2c, out=tmp)
            add(v, tmp, out=v)
            np.sqrt(v, out=tmp)
            add(tmp, eps, out=tmp)
            np.divide(m, tmp, out=tmp)
            mul(tmp, scale, out=tmp)
            np.subtract(p, tmp, out=p)


OPTIMIZERS = {cls.name: cls for cls in (SGD, Momentum, Adam)}


def make_optimizer(name, params, lr=0.03, **hyper):
    """A new optimiser over params; hyper: momentum, beta1, beta2, eps (extra ones ignored)."""
    if name not in OPTIMIZERS:
        raise ValueError(
            f"optimizer: unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}"
        )
    lr = float(lr)
    if not math.isfinite(lr) or lr <= 0:
        raise ValueError(f"lr: the learning rate must be a finite number > 0, got {lr}")
    return OPTIMIZERS[name](params, lr=lr, **hyper)
