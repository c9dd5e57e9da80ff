"""bpcore.confusion: the confusion matrix and the predicted-vs-true numbers that ride on every
map the worker draws (checked against an independent forward pass, and against metrics)."""

import numpy as np
import pytest

from bpcore.confusion import confusion_of
from bpcore.features import feature_matrix
from bpcore.protocol import Engine
from bpcore.session import Session


def outputs(s):
    """The network's outputs for every point, in the points' order: (n, n_out)."""
    return s.net.forward(feature_matrix(s.points, s.settings["features"]))


def expected_counts(s, rows):
    """The K x K matrix of points `rows` counted one by one from the outputs."""
    y, k = outputs(s), s.classes
    m = np.zeros((k, k), dtype=int)
    for i in rows:
        pred = int(y[i, 0] > 0.5) if y.shape[1] == 1 else int(np.argmax(y[i]))
        m[int(s.points[i, 2]), pred] += 1
    return m


@pytest.mark.parametrize(
    "settings",
    [
        {"dataset": "circle", "n_points": 200, "layers": [4], "seed": 3},
        {"dataset": "xor", "n_points": 150, "layers": [5, 3], "seed": 1, "train_ratio": 70},
        {"dataset": "blobs", "classes": 3, "n_points": 210, "layers": [6], "seed": 2},
        {"dataset": "blobs", "classes": 4, "n_points": 240, "layers": [6], "seed": 4},
        {"dataset": "blobs", "classes": 5, "n_points": 300, "layers": [8], "seed": 5},
    ],
)
@pytest.mark.parametrize("epochs", [0, 15])
def test_the_matrix_counts_every_point_once_in_its_cell(settings, epochs):
    s = Session(settings)
    s.step(epochs)
    c = confusion_of(s)
    k = s.classes
    assert c["kind"] == "matrix" and c["classes"] == k and c["epoch"] == epochs
    train, test = np.array(c["train"]), np.array(c["test"])
    assert train.shape == test.shape == (k * k,)
    # counts sum to each set's size; each row to the set's points of that true class
    assert train.sum() == len(s.train_idx) and test.sum() == len(s.test_idx)
    for counts, idx in ((train, s.train_idx), (test, s.test_idx)):
        rows = counts.reshape(k, k).sum(axis=1)
        assert rows.tolist() == np.bincount(s.points[idx, 2].astype(int), minlength=k).tolist()
    assert (train.reshape(k, k) == expected_counts(s, s.train_idx)).all()
    assert (test.reshape(k, k) == expected_counts(s, s.test_idx)).all()
    # the predicted class of every point, in the points' order
    y = outputs(s)
    want = (y[:, 0] > 0.5).astype(int) if y.shape[1] == 1 else y.argmax(axis=1)
    assert c["predicted"].dtype == np.uint8 and c["predicted"].tolist() == want.tolist()
    # the diagonal over the set's size is the accuracy metrics() reports
    m = s.metrics()
    assert np.trace(train.reshape(k, k)) / train.sum() == pytest.approx(m["acc_train"], abs=1e-12)
    assert np.trace(test.reshape(k, k)) / test.sum() == pytest.approx(m["acc_test"], abs=1e-12)


def test_training_moves_points_to_the_diagonal():
    s = Session({"dataset": "blobs", "classes": 4, "n_points": 200, "layers": [6], "seed": 9})
    before = np.trace(np.reshape(confusion_of(s)["train"], (4, 4)))
    s.step(60)
    after = np.trace(np.reshape(confusion_of(s)["train"], (4, 4)))
    assert after > before and after >= 0.9 * len(s.train_idx)


def test_a_set_without_test_points_has_no_test_matrix():
    s = Session({"dataset": "and_gate"})
    c = confusion_of(s)
    assert c["test"] is None and sum(c["train"]) == 4 and len(c["predicted"]) == 4


@pytest.mark.parametrize("dataset", ["plane", "multigauss"])
def test_the_scatter_has_every_points_output_and_metrics_r2(dataset):
    s = Session({"dataset": dataset, "n_points": 160, "layers": [5], "seed": 2})
    s.step(10)
    c = confusion_of(s)
    assert c["kind"] == "scatter" and c["epoch"] == 10
    assert c["predicted"].dtype == np.float64
    assert np.allclose(c["predicted"], outputs(s)[:, 0], rtol=0, atol=1e-12)
    m = s.metrics()
    assert c["r2Train"] == m["r2_train"] and c["r2Test"] == m["r2_test"]
    # and R² is the textbook one, from the points themselves
    t, y = s.points[s.train_idx, 2], outputs(s)[s.train_idx, 0]
    r2 = 1 - np.sum((y - t) ** 2) / np.sum((t - t.mean()) ** 2)
    assert c["r2Train"] == pytest.approx(r2, abs=1e-12)


def test_a_diverged_run_still_answers():
    s = Session({"dataset": "circle", "n_points": 60, "lr": 10.0, "optimizer": "sgd", "seed": 1})
    s.net.flat[:] = np.inf
    c = confusion_of(s)
    assert sum(c["train"]) == len(s.train_idx)


def test_every_map_carries_the_matrix_of_its_weights():
    e = Engine()
    e.handle("init", {"settings": {"dataset": "blobs", "classes": 3, "n_points": 90, "seed": 3}})
    r = e.handle("step", {"epochs": 7, "gridSize": 20, "thumbSize": 8})
    c = r["grid"]["confusion"]
    assert c["epoch"] == r["metrics"]["epoch"] == 7
    assert np.trace(np.reshape(c["train"], (3, 3))) / sum(c["train"]) == pytest.approx(
        r["metrics"]["accTrain"]
    )
    assert "confusion" not in r["thumbs"]  # the thumbnails are not the map
    assert "grid" not in e.handle("step", {"epochs": 1})  # no map, no matrix
    g = e.handle("grid", {"size": 10})
    assert g["confusion"]["epoch"] == 8
    assert g["confusion"]["train"] == confusion_of(e.session)["train"]
