"""Check of exercise 7: the article's class set, in its spirit, trained on the AND gate.

  class Dense:  __init__(self, n_in, n_out, rng): W (n_out, n_in) ~ U(0, 1), b zeros (n_out,)
                forward(self, x): x (n, n_in) -> a = sigmoid(x W^T + b) (n, n_out)
                backward(self, grad_a): dL/da (n, n_out) -> dL/dx (n, n_in); sets dW, db
  class Loss:   forward(self, y_hat, y) -> the mean binary cross-entropy (a number)
                backward(self) -> dL/dy_hat (n, 1) of that mean
  class Net:    __init__(self, n_in, n_hidden, n_out, rng)
                train(self, X, y, epochs, lr) -> the loss of each epoch (a list)
                predict(self, X) -> (n, n_out)
Dense and Loss are checked against bpcore and finite differences; the net must bring all four
AND outputs within 0.05 of their targets in at most MAX_EPOCHS full-batch epochs of lr LR.
The loss per epoch is the result's `curve`.
"""

import numpy as np

from ..activations import sigmoid
from ..losses import LOSSES
from .check_steps import same
from .compare import FD_ATOL, FD_RTOL, vjp

AND_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
AND_Y = np.array([[0.0], [0.0], [0.0], [1.0]])
LR = 1.0  # on the MEAN loss (the article's 0.1 on the summed loss is 0.4): a few hundred epochs
CHUNK = 100  # epochs per train() call
MAX_EPOCHS = 3000
WITHIN = 0.05


def _bce(y_hat, y):
    return LOSSES["bce"].loss(np.log(y_hat) - np.log1p(-y_hat), y)


def _instance(c, name, cls, *args):
    ok, obj = c.call(name, cls, *args)
    return obj if ok else None


def _method(c, obj, cls_name, method):
    try:
        f = getattr(obj, method, None) if obj is not None else None
    except Exception:  # a __getattr__ that raises: no such method
        f = None
    if callable(f):
        return f
    c.add("missing", False, name=f"{cls_name}.{method}")
    return None


def _attr(c, obj, name, shape):
    try:
        value = getattr(obj, name.split(".")[-1], None)
    except Exception:  # a property that raises: the attribute is not there to read
        value = None
    return c.array(name, value, shape)


def check_dense(c, rng):
    cls = c.func("Dense")
    d = _instance(c, "Dense", cls, 3, 2, np.random.default_rng(1)) if cls else None
    if d is None:
        return
    W, b = _attr(c, d, "Dense.W", (2, 3)), _attr(c, d, "Dense.b", (2,))
    fwd, bwd = _method(c, d, "Dense", "forward"), _method(c, d, "Dense", "backward")
    if W is None or b is None or fwd is None or bwd is None:
        return
    x, g = rng.normal(0, 1, (5, 3)), rng.normal(0, 1, (5, 2))
    ok, a = c.call("Dense.forward", fwd, x)
    a = c.array("Dense.forward", a, (5, 2)) if ok else None
    if a is None:
        return
    c.close("random", "Dense.forward", sigmoid(x @ W.T + b), a)
    ok, gx = c.call("Dense.backward", bwd, g)
    gx = c.array("Dense.backward", gx, (5, 3)) if ok else None
    dW, db = _attr(c, d, "Dense.dW", (2, 3)), _attr(c, d, "Dense.db", (2,))
    # d sum(g * a) by finite differences of the layer's maths with the student's W and b
    refs = (
        ("Dense.backward", gx, vjp(lambda v: sigmoid(v @ W.T + b), x, g)),
        ("Dense.dW", dW, vjp(lambda v: sigmoid(x @ v.T + b), W, g)),
        ("Dense.db", db, vjp(lambda v: sigmoid(x @ W.T + v), b, g)),
    )
    for name, got, fd in refs:
        if got is not None:
            c.close("fd", name, fd, got, FD_RTOL, FD_ATOL)


def check_loss_class(c, rng):
    cls = c.func("Loss")
    obj = _instance(c, "Loss", cls) if cls else None
    fwd, bwd = _method(c, obj, "Loss", "forward"), _method(c, obj, "Loss", "backward")
    if fwd is None or bwd is None:
        return
    y_hat, y = rng.uniform(0.05, 0.95, (5, 1)), rng.integers(0, 2, (5, 1)).astype(float)
    ok, value = c.call("Loss.forward", fwd, y_hat, y)
    value = c.array("Loss.forward", value, ()) if ok else None
    if value is None:
        return
    want = _bce(y_hat, y)
    c.close("random", "Loss.forward", want, value)
    if same(value, -want, want):
        c.note("loss_sign", expected=want, got=float(value))
    ok, grad = c.call("Loss.backward", bwd)
    grad = c.array("Loss.backward", grad, (5, 1)) if ok else None
    if grad is None:
        return
    fd = vjp(lambda v: _bce(v, y), y_hat, 1.0)
    c.close("fd", "Loss.backward", fd, grad, FD_RTOL, FD_ATOL)
    if same(grad, fd * len(y), fd):
        c.note("loss_grad_sum", n=len(y))


def check_net(c, seed):
    cls = c.func("Net")
    net = _instance(c, "Net", cls, 2, 4, 1, np.random.default_rng(seed)) if cls else None
    train, predict = _method(c, net, "Net", "train"), _method(c, net, "Net", "predict")
    if train is None or predict is None:
        return
    curve, epochs, y_hat = [], 0, None
    while epochs < MAX_EPOCHS:
        ok, losses = c.call("Net.train", train, AND_X, AND_Y, CHUNK, LR)
        losses = _losses(c, losses) if ok else None
        if losses is None:
            return
        epochs += CHUNK
        curve.extend(float(v) for v in losses)
        ok, y_hat = c.call("Net.predict", predict, AND_X)
        y_hat = c.array("Net.predict", y_hat, (4, 1)) if ok else None
        if y_hat is None:
            return
        if np.all(np.abs(y_hat - AND_Y) < WITHIN):
            break
    c.curve = curve
    worst = int(np.argmax(np.abs(y_hat - AND_Y)[:, 0]))
    err = float(abs(y_hat[worst, 0] - AND_Y[worst, 0]))
    c.add("curve_falls" if curve[-1] < curve[0] else "curve_flat", curve[-1] < curve[0], None,
          first=curve[0], last=curve[-1])  # fmt: skip
    c.add("and_gate" if err < WITHIN else "and_gate_far", err < WITHIN, None, epochs=epochs,
          index=[worst], got=float(y_hat[worst, 0]), expected=float(AND_Y[worst, 0]),
          within=WITHIN)  # fmt: skip


def _losses(c, v):
    """What train() returned (a list of CHUNK numbers, or an array) as an array, or None."""
    if isinstance(v, (list, tuple)):
        if len(v) != CHUNK:
            c.add("shape", False, name="Net.train", expected=[CHUNK], got=[len(v)])
            return None
        if all(isinstance(x, (int, float, np.number)) and not isinstance(x, bool) for x in v):
            v = np.array(v, dtype=np.float64)
    return c.array("Net.train", v, (CHUNK,))


def check_classes(c, rng):
    check_dense(c, rng)
    check_loss_class(c, rng)
    if c.passed:  # train only classes that are right, and only then draw their curve
        check_net(c, int(rng.integers(2**31)))
