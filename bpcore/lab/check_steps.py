"""Checks of the exercises that follow the article's derivation, one sample at a time.

Each runs the student's function on the article's numbers (article.py) and on random ones,
compares with bpcore, checks each derivative against central finite differences, and looks
for the known slips (a tailored `mistake`), on the article's numbers where the article made
them. Signatures (the statements in web/lab/ say the same):
  sigmoid(z), sigmoid_prime(z)                  elementwise, any shape; sigmoid_prime AT z
  forward(x, W1, b1, W2, b2) -> (a1, y_hat)     x (n_in,), W1 (h, n_in), W2 (1, h)
  loss(y_hat, y) -> float                       the MEAN binary cross-entropy over (n,)
  delta_out(y_hat, y) -> (n,)                   dL_i/dz2 per sample: y_hat - y
  delta_hidden(W2, delta2, z1, a1) -> (h,)      W2^T delta2 * sigma'(z1)
  gradients(x, a1, delta1, delta2) -> (dW1, db1, dW2, db2);  sgd_update(p, dp, lr) -> new p
"""

import numpy as np

from ..activations import ACTIVATIONS, sigmoid
from ..losses import LOSSES
from . import article
from .compare import FD_ATOL, FD_RTOL, central_diff, vjp

_dsigmoid = ACTIVATIONS["sigmoid"].df
_bce = LOSSES["bce"]


def same(got, wrong, right=None):
    """Whether the student's result is the known wrong one (and not the right one)."""
    try:
        wrong = np.asarray(wrong, dtype=np.float64)
        if got is None or np.shape(got) != wrong.shape or not np.allclose(got, wrong, 1e-6, 1e-9):
            return False
        return right is None or not np.allclose(got, right, 1e-6, 1e-9)
    except Exception:  # whatever the student returned, it is not that mistake
        return False


def values(c, case, name, fn, args, expected, rtol=None, pick=None):
    """Call fn(*args), read its result shaped like `expected`, compare: the array or None.
    pick(result) -> the part to read (for functions that return a tuple)."""
    expected = np.asarray(expected, dtype=np.float64)
    ok, got = c.call(name, fn, *args)
    if not ok:
        return None
    if pick is not None:
        got = pick(got)
        if got is None:
            return None
    arr = c.array(name, got, expected.shape)
    if arr is None:
        return None
    kw = {} if rtol is None else {"rtol": rtol, "atol": FD_ATOL}
    c.close(case, name, expected, arr, **kw)
    return arr


def parts(c, name, got, names):
    """The elements of a returned tuple (a list is fine too), else None after a failed check."""
    if isinstance(got, (tuple, list)) and len(got) == len(names):
        return list(got)
    count = len(got) if isinstance(got, (tuple, list)) else 1
    c.add("not_tuple", False, name=name, expected=list(names), count=count)
    return None


def _logit(p):
    return np.log(p) - np.log1p(-p)


def _fd_elementwise(f, z, h=1e-6):
    return (np.asarray(f(z + h), dtype=np.float64) - np.asarray(f(z - h), dtype=np.float64)) / (
        2 * h
    )


# ---------------------------------------------------------------- 1. sigmoid
def check_sigmoid(c, rng):
    f, fp = c.func("sigmoid"), c.func("sigmoid_prime")
    cases = [
        ("article", article.Z1),
        ("random", rng.normal(0.0, 3.0, (3, 4))),
        ("extreme", np.array([-800.0, -40.0, 0.0, 40.0, 800.0])),
        ("integers", np.array([-3, -1, 0, 2, 5])),  # an int array: the result is still floats
    ]
    if f is not None:
        for case, z in cases:
            values(c, case, "sigmoid", f, (z,), sigmoid(z))
    if fp is None:
        return
    for case, z in cases:
        s = sigmoid(z)
        got = values(c, case, "sigmoid_prime", fp, (z,), _dsigmoid(s))
        if case == "article" and same(got, (1 - z) * z):
            i = int(np.argmax(np.abs(got - _dsigmoid(s))))
            c.note("prime_of_z", z=float(z[i]), got=float(got[i]), expected=float(_dsigmoid(s)[i]))
    # the derivative against finite differences of bpcore's sigmoid, at random z
    z = cases[1][1]
    ok, got = c.call("sigmoid_prime", fp, z)
    if ok and (arr := c.array("sigmoid_prime", got, z.shape)) is not None:
        c.close("fd", "sigmoid_prime", _fd_elementwise(sigmoid, z), arr, FD_RTOL, FD_ATOL)


# ---------------------------------------------------------------- 2. forward
def _forward_case(rng):
    n_in, h = 3, 4
    W1, b1 = rng.normal(0, 1, (h, n_in)), rng.normal(0, 1, h)
    W2, b2 = rng.normal(0, 1, (1, h)), rng.normal(0, 1, 1)
    return rng.normal(0, 1, n_in), W1, b1, W2, b2


def check_forward(c, rng):
    fn = c.func("forward")
    if fn is None:
        return
    cases = [("article", (article.X, article.W1, article.B1, article.W2, article.B2)),
             ("random", _forward_case(rng))]  # fmt: skip
    for case, args in cases:
        _, a1, _, y_hat = article.forward(*args)
        ok, got = c.call("forward", fn, *args)
        got = parts(c, "forward", got, ("a1", "y_hat")) if ok else None
        if got is None:
            continue
        a1_got = c.array("a1", got[0], a1.shape)
        if a1_got is not None:
            c.close(case, "a1", a1, a1_got)
        y_got = c.array("y_hat", got[1], y_hat.shape)
        if y_got is not None:
            c.close(case, "y_hat", y_hat, y_got)
        if case != "article":
            continue
        x, W1, b1, W2, b2 = args
        if same(a1_got, sigmoid(W1.T @ x + b1), a1):
            c.note("transposed", name="W1")
        elif same(a1_got, sigmoid(W1 @ x), a1):
            c.note("no_bias", name="b1")
        elif same(a1_got, W1 @ x + b1, a1):
            c.note("no_sigmoid", name="a1", got=float(a1_got[0]), expected=float(a1[0]))
        elif a1_got is not None and same(y_got, W2 @ a1_got + b2, y_hat):
            c.note("no_sigmoid", name="y_hat", got=float(y_got[0]), expected=float(y_hat[0]))


# ---------------------------------------------------------------- 3. loss
def _random_targets(rng, n=5):
    return rng.uniform(0.05, 0.95, n), rng.integers(0, 2, n).astype(float)


def _bce_mean(y_hat, y):
    return _bce.loss(_logit(y_hat), y)


def check_loss(c, rng):
    fn = c.func("loss")
    if fn is None:
        return
    cases = [("article", article.Y_HAT_BOTH, article.Y_BOTH), ("random", *_random_targets(rng))]
    for case, y_hat, y in cases:
        want = _bce_mean(y_hat, y)
        got = values(c, case, "loss", fn, (y_hat, y), want)
        if case == "article" and got is not None:
            if same(got, -want, want):
                c.note("loss_sign", expected=want, got=float(got))
            elif same(got, want * len(y), want):
                c.note("loss_sum", expected=want, got=float(got), n=len(y))


# ---------------------------------------------------------------- 4. delta_out
def check_delta_out(c, rng):
    fn = c.func("delta_out")
    if fn is None:
        return
    cases = [("article", article.Y_HAT_BOTH, article.Y_BOTH), ("random", *_random_targets(rng))]
    for case, y_hat, y in cases:
        z = _logit(y_hat)
        # bpcore's delta is dL/dz of the MEAN loss; per sample it is n times that
        want = _bce.delta(z[:, None], y_hat[:, None], y[:, None])[:, 0] * len(z)
        got = values(c, case, "delta_out", fn, (y_hat, y), want)
        if got is None:
            continue
        if case == "random":  # dL_i/dz_i by finite differences of each sample's loss
            fd = _fd_elementwise(lambda v, y=y: _bce.terms(v, y), z)
            c.close("fd", "delta_out", fd, got, FD_RTOL, FD_ATOL)
            continue
        i = 0
        if same(got, y - y_hat, want):
            c.note("delta_sign", expected=float(want[i]), got=float(got[i]))
        elif same(got, -y / y_hat + (1 - y) / (1 - y_hat), want):
            c.note("delta_wrt_yhat", expected=float(want[i]), got=float(got[i]))
        elif same(got, (y_hat - y) * y_hat * (1 - y_hat), want):
            c.note("delta_extra_prime", expected=float(want[i]), got=float(got[i]))
        elif same(got, want / len(y), want):
            c.note("delta_mean", expected=float(want[i]), got=float(got[i]), n=len(y))


# ---------------------------------------------------------------- 5. delta_hidden
def check_delta_hidden(c, rng):
    fn = c.func("delta_hidden")
    if fn is None:
        return
    delta1, delta2, _ = article.backward(article.X, article.Y)
    z1, a1 = article.forward(article.X)[:2]
    W2 = rng.normal(0, 1, (3, 4))
    z_r = rng.normal(0, 2, 4)
    cases = [("article", (article.W2, delta2, z1, a1), delta1),
             ("random", (W2, rng.normal(0, 1, 3), z_r, sigmoid(z_r)), None)]  # fmt: skip
    for case, args, want in cases:
        W, d2, z, a = args
        if want is None:
            want = (W.T @ d2) * _dsigmoid(a)
        got = values(c, case, "delta_hidden", fn, args, want)
        if got is None:
            continue
        if case == "random":  # d (delta2 . W2 sigmoid(z1)) / dz1
            fd = vjp(lambda v, W=W: W @ sigmoid(v), z, d2)
            c.close("fd", "delta_hidden", fd, got, FD_RTOL, FD_ATOL)
        elif same(got, (W.T @ d2) * (1 - z) * z, want):
            i = int(np.argmax(np.abs(got - want)))
            c.note("hidden_prime_of_z", got=float(got[i]), expected=float(want[i]),
                   z=float(z[i]), a=float(a[i]))  # fmt: skip
        elif same(got, W.T @ d2, want):
            c.note("hidden_no_prime", got=float(got[0]), expected=float(want[0]))


# ---------------------------------------------------------------- 6. gradients and update
GRAD_NAMES = ("dW1", "db1", "dW2", "db2")


def _random_net(rng):
    n_in, h, n_out = 3, 4, 1  # one sigmoid output, as the article (and bce) has
    W1, b1 = rng.normal(0, 1, (h, n_in)), rng.normal(0, 1, h)
    W2, b2 = rng.normal(0, 1, (n_out, h)), rng.normal(0, 1, n_out)
    x, y = rng.normal(0, 1, n_in), rng.integers(0, 2, n_out).astype(float)
    return x, y, [W1, b1, W2, b2]


def _loss(x, y, W1, b1, W2, b2):
    """One sample's loss written out: sigmoid layers, bpcore's cross-entropy of the logits."""
    z2 = W2 @ sigmoid(W1 @ x + b1) + b2
    return float(np.sum(_bce.terms(z2, y)))


def _numeric(x, y, params):
    """dL/dp by central differences of the loss, for each of [W1, b1, W2, b2]."""
    out = []
    for k, p in enumerate(params):

        def loss_of(v, k=k):
            ps = list(params)
            ps[k] = v
            return _loss(x, y, *ps)

        out.append(central_diff(loss_of, p))
    return out


def check_gradients(c, rng):
    fn, upd = c.func("gradients"), c.func("sgd_update")
    if fn is not None:
        x_r, y_r, params_r = _random_net(rng)
        params_a = [article.W1, article.B1, article.W2, article.B2]
        cases = [("article", article.X, article.Y, params_a), ("random", x_r, y_r, params_r)]
        for case, x, y, params in cases:
            _, a1, _, _ = article.forward(x, *params)
            delta1, delta2, want = article.backward(x, y, *params)
            ok, got = c.call("gradients", fn, x, a1, delta1, delta2)
            got = parts(c, "gradients", got, GRAD_NAMES) if ok else None
            if got is None:
                continue
            numeric = _numeric(x, y, params) if case == "random" else None
            for k, name in enumerate(GRAD_NAMES):
                arr = c.array(name, got[k], want[k].shape)
                if case == "article" and name == "dW1" and same(got[k], delta1 * x):
                    c.note("grad_elementwise", name=name)
                if arr is None:
                    continue
                c.close(case, name, want[k], arr)
                if numeric is not None:
                    c.close("fd", name, numeric[k], arr, FD_RTOL, FD_ATOL)
                elif k % 2 == 0 and same(arr, want[k].T, want[k]):
                    c.note("transposed", name=name)
    if upd is not None:
        _, _, grads = article.backward(article.X, article.Y)
        W_r, g_r = rng.normal(0, 1, (3, 4)), rng.normal(0, 1, (3, 4))
        for case, p, g, lr in [("article", article.W2, grads[2], article.LR),
                               ("random", W_r, g_r, 0.5)]:  # fmt: skip
            got = values(c, case, "sgd_update", upd, (p, g, lr), p - lr * g)
            if case == "article" and same(got, p + lr * g, p - lr * g):
                c.note("update_sign", expected=float(p[0, 0] - lr * g[0, 0]),
                       got=float(got[0, 0]))  # fmt: skip


CHECKS = {
    "sigmoid": check_sigmoid,
    "forward": check_forward,
    "loss": check_loss,
    "delta_out": check_delta_out,
    "delta_hidden": check_delta_hidden,
    "gradients": check_gradients,
}
