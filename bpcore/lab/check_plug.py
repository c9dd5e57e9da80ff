"""Exercise 8, "plug it in": a part of the playground written by the student, checked, then
handed to training (plug_parts). The shapes are those of bpcore's training loop:

  plug_activation  f(z) elementwise, any shape; df(z) its derivative AT z (not in terms of a)
  plug_loss        loss(y_pred, y) -> the MEAN over the n rows of y_pred (n, 1) = sigmoid(z);
                   delta(y_pred, y) -> (n, 1): dL_i/dz per row (not divided by n)
  plug_dense       backward(a_prev, W, delta) -> (dW, db, delta_prev): a_prev (n, n_in),
                   W (n_out, n_in), delta (n, n_out) = dL/dz of the layer;
                   dW = delta^T a_prev, db = delta summed over rows, delta_prev = delta W

There is no one right activation or loss, so those are checked against themselves: df
against finite differences of f, delta against finite differences of n * loss; a loss must
be a mean and lower for a right prediction than for a wrong one. The dense layer's backward
is compared with bpcore's formula too.
"""

import numpy as np

from ..activations import sigmoid
from ..errors import CodedError
from . import article
from .check_steps import same
from .compare import FD_ATOL, FD_RTOL, vjp

_STEP = 1e-6


def _bce_terms(y_pred, y):
    """Each row's binary cross-entropy of a prediction y_pred in (0, 1)."""
    return -y * np.log(y_pred) - (1 - y) * np.log(1 - y_pred)


def _central(f, z):
    """f'(z) elementwise by central differences (f: the student's, called on copies)."""
    up, down = np.asarray(f(z + _STEP), dtype=float), np.asarray(f(z - _STEP), dtype=float)
    return (up - down) / (2 * _STEP)


def _array_call(c, name, fn, args, shape):
    ok, got = c.call(name, fn, *args)
    return c.array(name, got, shape) if ok else None


def check_activation(c, rng):
    f, df = c.func("f"), c.func("df")
    if f is None or df is None:
        return
    z = rng.normal(0.0, 2.0, (6, 5))
    a = _array_call(c, "f", f, (z,), z.shape)
    if a is not None:  # elementwise: each number alone (a 1x1 array) gives the same
        alone = np.empty_like(a)
        for idx in np.ndindex(z.shape):
            one = _array_call(c, "f", f, (z[idx][None, None],), (1, 1))
            if one is None:
                break
            alone[idx] = one[0, 0]
        else:
            c.close("elementwise", "f", alone, a)
    wide = np.array([-30.0, -10.0, 0.5, 10.0, 30.0])
    for name, fn in (("f", f), ("df", df)):  # finite on a wide range (else a failed check)
        if _array_call(c, name, fn, (wide,), wide.shape) is not None:
            c.add("finite", True, name=name, lo=-30.0, hi=30.0)
    d = _array_call(c, "df", df, (z,), z.shape)
    if a is None or d is None:
        return
    ok, fd = c.call("f", _central, f, z)
    if not ok:
        return
    if not c.close("fd", "df", fd, d, FD_RTOL, FD_ATOL):
        ok, d_of_a = c.call("df", df, a)
        if ok and same(d_of_a, fd):
            c.note("df_of_a")
        elif same(d, (1 - z) * z):
            c.note("prime_of_z", z=float(z[0, 0]), got=float(d[0, 0]), expected=float(fd[0, 0]))


def check_loss(c, rng):
    loss, delta = c.func("loss"), c.func("delta")
    if loss is None or delta is None:
        return
    n = 6
    z = rng.normal(0.0, 2.0, (n, 1))
    y = rng.integers(0, 2, (n, 1)).astype(float)
    y[:2] = [[0.0], [1.0]]  # both classes
    y_pred = sigmoid(z)
    ok, value = c.call("loss", loss, y_pred, y)
    value = c.array("loss", value, ()) if ok else None
    if value is None:
        return
    rows = []
    for i in range(n):
        ok, v = c.call("loss", loss, y_pred[i : i + 1], y[i : i + 1])
        v = c.array("loss", v, ()) if ok else None
        if v is None:
            return
        rows.append(float(v))
    c.close("mean", "loss", np.mean(rows), value)
    right, wrong = np.where(y > 0, 0.9, 0.1), np.where(y > 0, 0.1, 0.9)
    ok_r, l_right = c.call("loss", loss, right, y)
    ok_w, l_wrong = c.call("loss", loss, wrong, y)
    l_right = c.array("loss", l_right, ()) if ok_r else None
    l_wrong = c.array("loss", l_wrong, ()) if ok_w else None
    if l_right is None or l_wrong is None:
        return
    lower = float(l_right) < float(l_wrong)
    c.add("right_lower" if lower else "right_higher", lower, None, right=float(l_right),
          wrong=float(l_wrong))  # fmt: skip
    bce = float(np.mean(_bce_terms(right, y)))
    if not lower and same(l_right, -bce, bce):  # the article's loss, without its minus sign
        c.note("loss_sign", expected=bce, got=float(l_right))
    d = _array_call(c, "delta", delta, (y_pred, y), (n, 1))
    if d is None:
        return
    # dL_i/dz_i = d (n * mean loss) / dz_i, by finite differences through the sigmoid
    ok, fd = c.call("loss", vjp, lambda v: n * float(np.asarray(loss(sigmoid(v), y))), z, 1.0)
    if not ok:
        return
    if not c.close("fd", "delta", fd, d, FD_RTOL, FD_ATOL):
        if same(d, -fd):
            c.note("delta_flipped", expected=float(fd[0, 0]), got=float(d[0, 0]))
        elif same(d, fd / n):
            c.note("delta_mean", expected=float(fd[0, 0]), got=float(d[0, 0]), n=n)


def check_dense(c, rng):
    fn = c.func("backward")
    if fn is None:
        return
    d1, d2, _ = article.backward(article.X, article.Y)
    a1 = article.forward(article.X)[1]
    cases = [
        ("article", a1[None, :], article.W2, d2[None, :]),
        ("random", rng.normal(0, 1, (5, 3)), rng.normal(0, 1, (4, 3)), rng.normal(0, 1, (5, 4))),
    ]
    for case, a_prev, W, delta in cases:
        want = (delta.T @ a_prev, delta.sum(axis=0), delta @ W)
        ok, got = c.call("backward", fn, a_prev, W, delta)
        if not ok:
            continue
        if not (isinstance(got, (tuple, list)) and len(got) == 3):
            c.add("not_tuple", False, name="backward", expected=["dW", "db", "delta_prev"],
                  count=len(got) if isinstance(got, (tuple, list)) else 1)  # fmt: skip
            continue
        b = np.zeros(W.shape[0])
        fds = (  # d sum(delta * z) with z = a_prev W^T + b
            vjp(lambda v, a_prev=a_prev, b=b: a_prev @ v.T + b, W, delta),
            vjp(lambda v, a_prev=a_prev, W=W: a_prev @ W.T + v, b, delta),
            vjp(lambda v, W=W, b=b: v @ W.T + b, a_prev, delta),
        )
        for name, g, w, fd in zip(("dW", "db", "delta_prev"), got, want, fds):
            if name == "dW" and same(g, a_prev.T @ delta):
                c.note("dw_transposed")
            elif name == "db" and same(g, delta.mean(axis=0), w):
                c.note("mean_not_sum", name="db")
            arr = c.array(name, g, w.shape)
            if arr is None:
                continue
            c.close(case, name, w, arr)
            if case == "random":
                c.close("fd", name, fd, arr, FD_RTOL, FD_ATOL)


PLUG_CHECKS = {
    "plug_activation": check_activation,
    "plug_loss": check_loss,
    "plug_dense": check_dense,
}


def plug_parts(exercise, source):
    """{"f", "df"} | {"loss", "delta"} | {"backward"}: the student's callables, once the
    source passes its exercise's checks; CodedError lab_not_passed otherwise."""
    from . import check_run, exercise_of

    ex = exercise_of(exercise)
    if ex.plug is None:
        raise CodedError("lab_not_pluggable", f"exercise: {ex.id} has nothing to plug in",
                         exercise=ex.id)  # fmt: skip
    result, ns = check_run(ex.id, source)
    if not result["passed"]:
        raise CodedError("lab_not_passed", f"{ex.id}: the code does not pass its checks",
                         exercise=ex.id)  # fmt: skip
    return {name: ns[name] for name in ex.names}
