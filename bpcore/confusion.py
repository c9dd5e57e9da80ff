"""How the network's answers fall against the truth, point by point: the confusion matrix of a
classification (true class x predicted class, for the training and the test set) and, for a
regression, each point's predicted value beside its true one with R².

It rides on every map the worker draws (protocol.py `_grid`), so the page's matrix and its map
always show the same weights. One forward pass over the points; the class of an output is
metrics.predicted_class's, so the matrix's diagonal over the set's size is the accuracy
metrics() reports, and R² is metrics' own.
"""

import numpy as np

from .metrics import predicted_class, r2


def confusion_of(s):
    """The numbers of session `s` now.

    Classification: {kind: "matrix", classes: K, epoch, predicted: uint8 (n,) each point's
    predicted class in the points' order, train: [K*K] counts row-major (row: the true class,
    column: the predicted one), test: the same, or None without a test set}.
    Regression: {kind: "scatter", epoch, predicted: float64 (n,) each point's output in the
    points' order, r2Train, r2Test (None without a test set)}.
    """
    n_train = len(s.train_idx)
    order = np.concatenate([s.train_idx, s.test_idx])  # the rows of s._X1_all
    with np.errstate(all="ignore"):  # a diverged run's NaN outputs: counted, not raised
        _, y = s.net.forward1(s._X1_all)
        if s.problem == "regression":
            out = np.empty(len(order))
            out[order] = y[:, 0]
            t = s._T_all[:, 0]
            has_test = len(order) > n_train
            return {
                "kind": "scatter",
                "epoch": int(s.epoch),
                "predicted": out,
                "r2Train": r2(y[:n_train, 0], t[:n_train]),
                "r2Test": r2(y[n_train:, 0], t[n_train:]) if has_test else None,
            }
        pred = predicted_class(y)
    k = int(s.classes)
    cell = (s._labels_all * k + pred).astype(np.intp)  # each point's cell, row-major
    counts = [
        np.bincount(cell[rows], minlength=k * k).tolist() for rows in _sets(n_train, len(order))
    ]
    predicted = np.empty(len(order), dtype=np.uint8)
    predicted[order] = pred
    return {
        "kind": "matrix",
        "classes": k,
        "epoch": int(s.epoch),
        "predicted": predicted,
        "train": counts[0],
        "test": counts[1] if len(counts) > 1 else None,
    }


def _sets(n_train, n):
    return [slice(0, n_train)] + ([slice(n_train, n)] if n > n_train else [])
