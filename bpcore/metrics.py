"""A session's numbers after training: losses, accuracies or R², and whether it diverged."""

import math

import numpy as np


def measure(s):
    """{epoch, loss_train, loss_test, acc_train, acc_test (classification) or r2_train,
    r2_test (regression), diverged}. Losses are the mean data loss on the whole set,
    WITHOUT the regularisation penalty, so runs with different reg stay comparable.
    Test values are None when there is no test set."""
    n = len(s._X1_train)
    sets = [slice(0, n)] + ([slice(n, None)] if len(s._X1_all) > n else [])
    with np.errstate(all="ignore"):
        # one forward pass over the training rows and the test rows stacked below them
        z, y = s.net.forward1(s._X1_all)
        losses = s.net.data_loss(z, y, s._T_all, sets)
        if s.problem == "regression":
            scores = [r2(y[rows, 0], s._T_all[rows, 0]) for rows in sets]
        else:
            hits = predicted_class(y) == s._labels_all
            scores = [float(np.mean(hits[rows])) for rows in sets]
    (lt, st), (le, se) = (list(zip(losses, scores)) + [(None, None)])[:2]
    if not (math.isfinite(lt) and (le is None or math.isfinite(le))):
        s.diverged = True
    name = "r2" if s.problem == "regression" else "acc"
    return {
        "epoch": s.epoch,
        "loss_train": lt,
        "loss_test": le,
        f"{name}_train": st,
        f"{name}_test": se,
        "diverged": s.diverged,
    }


def predicted_class(y):
    """The class each output row (n, n_out) stands for: int64 (n,). One output: class 1 where
    it is over 0.5; several: the largest."""
    return (y[:, 0] > 0.5).astype(np.int64) if y.shape[1] == 1 else y.argmax(axis=1)


def r2(y, t):
    """Coefficient of determination of outputs y against targets t (both (n,))."""
    sse = float(np.square(y - t).sum())
    sst = float(np.square(t - t.mean()).sum())
    return 1.0 - sse / sst if sst > 0 else float(sse == 0)
