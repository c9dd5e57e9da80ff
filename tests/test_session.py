import numpy as np
import pytest

from bpcore.features import feature_matrix, grid_xy
from bpcore.session import Session


def weights_equal(a, b):
    return all(np.array_equal(p, q) for p, q in zip(a.net.params(), b.net.params()))


def test_defaults_build_a_session():
    s = Session()
    assert s.points.shape == (500, 3)
    # each point's membership is its own hash (datasets.split): about half train, not exactly
    assert (len(s.train_idx), len(s.test_idx)) == (249, 251)
    assert set(s.train_idx.tolist()).isdisjoint(s.test_idx.tolist())
    assert s.layer_sizes == [2, 4, 2, 1] and s.loss == "bce" and s.epoch == 0
    assert s.problem == "classification" and s.classes == 2


def test_output_size_follows_the_loss():
    assert Session({"dataset": "blobs", "classes": 4}).layer_sizes[-1] == 4
    assert Session({"dataset": "blobs", "classes": 2}).layer_sizes[-1] == 1
    assert Session({"dataset": "plane"}).layer_sizes[-1] == 1
    s = Session({"features": "x1,x2,x1x2,sinx1", "layers": []})
    assert s.layer_sizes == [4, 1]


def test_step_returns_the_metrics():
    s = Session()
    m = s.step(3)
    assert set(m) == {"epoch", "loss_train", "loss_test", "acc_train", "acc_test", "diverged"}
    assert m["epoch"] == s.epoch == 3 and m["diverged"] is False
    assert 0 <= m["acc_train"] <= 1 and m["loss_train"] > 0
    r = Session({"dataset": "plane"}).step(1)
    assert {"r2_train", "r2_test"} <= set(r) and "acc_train" not in r
    assert s.step(0)["epoch"] == 3


def test_metrics_match_a_direct_computation():
    s = Session({"dataset": "blobs", "classes": 3})
    s.step(2)
    m = s.metrics()
    X = feature_matrix(s.points[s.test_idx], ["x1", "x2"])
    labels = s.points[s.test_idx, 2].astype(int)
    y = s.net.forward(X)
    assert m["acc_test"] == np.mean(y.argmax(axis=1) == labels)
    assert np.isclose(m["loss_test"], -np.mean(np.log(y[np.arange(len(y)), labels])))


def test_loss_is_reported_without_the_penalty():
    a = Session({"reg": "l2", "reg_rate": 0.0})
    b = Session({"reg": "l2", "reg_rate": 1.0})
    assert a.metrics()["loss_train"] == b.metrics()["loss_train"]


def test_same_seed_same_run_bit_for_bit():
    settings = {"dataset": "spiral", "layers": [6, 6], "optimizer": "adam", "batch_size": 7}
    a, b = Session(settings), Session(settings)
    assert a.step(5) == b.step(5)
    assert weights_equal(a, b)
    c = Session({**settings, "seed": 2})
    c.step(5)
    assert not weights_equal(a, c)
    assert np.array_equal(a.points, c.points)  # data seed unchanged: same data


def test_data_seed_changes_the_data_only():
    a, b = Session({"data_seed": 1}), Session({"data_seed": 2})
    assert not np.array_equal(a.points, b.points)
    assert weights_equal(a, b)


def test_adding_a_point_never_moves_another():
    """Drawing point after point: every earlier point keeps its set, as the page shows it."""
    pts = custom_points()
    s = Session({"dataset": "custom", "classes": 2}, pts[:2])
    for n in range(3, len(pts) + 1):
        before = set(s.train_idx.tolist())
        s.configure({}, points=pts[:n])
        after = set(s.train_idx.tolist())
        assert after - {n - 1} == before or len(before) == 1, n  # only the lone forced point may
    s2 = Session({"dataset": "custom", "classes": 2}, pts[::-1])  # order does not matter either
    assert sorted((len(pts) - 1 - s2.train_idx).tolist()) == s.train_idx.tolist()


def test_a_drawn_copy_of_a_preset_keeps_its_split():
    from bpcore.link import quantize_points

    s = Session({"dataset": "moons", "n_points": 200, "noise": 20})
    copy = quantize_points(s.points)
    c = Session({"dataset": "custom", "classes": 2}, copy)
    assert np.array_equal(c.train_idx, s.train_idx)


def test_batch_sizes_one_partial_and_full():
    for bs in (1, 7, 250, 10000):
        s = Session({"batch_size": bs, "n_points": 100})
        n = len(s.train_idx)
        m = s.step(2)
        assert not m["diverged"] and s.opt.t == 2 * -(-n // min(bs, n))


def test_full_batch_is_one_gradient_step_per_epoch():
    s = Session({"batch_size": 10000})
    X = feature_matrix(s.points[s.train_idx], ["x1", "x2"])
    T = s.points[s.train_idx, 2:]
    s.net.backward(X, T)
    expected = s.net.flat - 0.03 * s.net.flat_grad
    s.step(1)
    assert np.allclose(s.net.flat, expected, rtol=0, atol=1e-15)


def test_reset_gives_the_initial_weights_back():
    s = Session({"optimizer": "momentum"})
    first = [p.copy() for p in s.net.params()]
    s.step(4)
    s.reset()
    assert s.epoch == 0
    assert all(np.array_equal(p, q) for p, q in zip(first, s.net.params()))
    assert s.step(4) == Session({"optimizer": "momentum"}).step(4)


def test_configure_live_keeps_the_weights():
    s = Session()
    s.step(2)
    before = s.net.flat.copy()
    assert s.configure({"lr": 0.1, "batch_size": 5, "reg": "l2", "reg_rate": 0.01}) is False
    assert np.array_equal(s.net.flat, before) and s.epoch == 2 and s.opt.lr == 0.1
    s.step(1)
    assert s.epoch == 3


def test_configure_optimizer_type_makes_a_fresh_one():
    s = Session({"optimizer": "momentum"})
    s.step(2)
    before = s.net.flat.copy()
    assert s.configure({"optimizer": "adam", "beta1": 0.8}) is False
    assert s.opt.name == "adam" and s.opt.t == 0 and s.opt.beta1 == 0.8
    assert np.array_equal(s.net.flat, before)
    s.configure({"beta2": 0.99, "momentum": 0.5})
    assert s.opt.beta2 == 0.99


def test_configure_non_live_rebuilds():
    s = Session()
    s.step(2)
    assert s.configure({"layers": [3]}) is True
    assert s.layer_sizes == [2, 3, 1] and s.epoch == 0
    points = s.points.copy()
    assert s.configure({"seed": 5}) is True
    assert np.array_equal(s.points, points)
    assert s.configure({"dataset": "blobs", "classes": 4}) is True
    assert s.layer_sizes[-1] == 4 and s.points[:, 2].max() == 3
    assert s.configure({"features": "x1,x2,x1sq"}) is True and s.layer_sizes[0] == 3


def test_configure_rejects_bad_settings_and_keeps_the_old_ones():
    s = Session()
    with pytest.raises(ValueError, match="^lr:"):
        s.configure({"lr": -1})
    with pytest.raises(ValueError, match="^points:"):
        s.configure({"dataset": "custom"})
    assert s.settings["lr"] == 0.03 and s.settings["dataset"] == "circle"
    s.step(1)


def custom_points():
    rng = np.random.default_rng(0)
    xy = rng.uniform(-6, 6, (40, 2))
    return np.column_stack([xy, (xy[:, 0] > 0).astype(float)])


def test_custom_points():
    pts = custom_points()
    s = Session({"dataset": "custom", "classes": 2}, pts)
    assert np.array_equal(s.points, pts) and len(s.train_idx) == 19
    half = s.train_idx
    s.step(3)
    assert s.configure({"lr": 0.1}) is False
    assert s.configure({"seed": 3}) is True and np.array_equal(s.points, pts)
    # a larger ratio only adds training points
    assert s.configure({"train_ratio": 80}) is True and len(s.train_idx) == 34
    assert set(half.tolist()) <= set(s.train_idx.tolist())
    with pytest.raises(ValueError, match="^points:"):
        Session({"dataset": "custom"})
    with pytest.raises(ValueError, match="^points:"):
        Session({"dataset": "custom", "classes": 2}, pts[:, :2])
    bad = pts.copy()
    bad[3, 2] = 7
    with pytest.raises(ValueError, match="^points:.*point 4"):
        Session({"dataset": "custom", "classes": 2}, bad)


def test_custom_regression_points():
    pts = custom_points()
    pts[:, 2] = pts[:, 0] / 6
    s = Session({"dataset": "custom", "problem": "regression"}, pts)
    assert s.loss == "mse" and "r2_test" in s.step(5)


def test_diverging_run_stops_and_reports():
    s = Session(
        {"dataset": "plane", "n_points": 2000, "layers": [32, 32], "activation": "relu", "lr": 10}
    )
    m = s.step(20)
    assert m["diverged"] is True and s.epoch < 20
    epoch, flat = s.epoch, s.net.flat.copy()
    m2 = s.step(5)
    assert m2["diverged"] and s.epoch == epoch
    assert np.array_equal(s.net.flat, flat, equal_nan=True)
    s.grid(8)  # still drawable
    s.reset()
    assert s.diverged is False and s.epoch == 0
    s.configure({"lr": 0.001})
    assert not s.step(3)["diverged"]
    # configure clears the flag; a run that is still non-finite reports it again
    s.configure({"lr": 10})
    assert s.step(20)["diverged"]
    s.configure({"lr": 0.001})
    assert s.diverged is False and s.step(1)["diverged"]


def test_step_rejects_bad_epochs():
    s = Session()
    for bad in (-1, 1.5, "3", True):
        with pytest.raises((ValueError, TypeError)):
            s.step(bad)


def test_grid_shapes_and_orientation():
    s = Session({"layers": [3, 2]})
    g = s.grid(5)
    assert g["output"].dtype == np.float32 and g["output"].shape == (25,)
    assert len(g["neurons"]) == 5
    assert all(n.dtype == np.float32 and n.shape == (25,) for n in g["neurons"])
    # against the network's own forward pass on the pixel centres
    X = feature_matrix(grid_xy(5), ["x1", "x2"])
    _, acts = s.net.forward_all(X)
    assert np.allclose(g["output"], acts[-1][:, 0], atol=1e-6)
    hidden = np.column_stack(acts[1:-1])
    for i, n in enumerate(g["neurons"]):
        assert np.allclose(n, hidden[:, i], atol=1e-6)
    # row 0 is the top (x2 = +6), column 0 the left (x1 = -6)
    assert grid_xy(5)[0, 0] < 0 < grid_xy(5)[0, 1]


def test_grid_multiclass_is_class_major():
    s = Session({"dataset": "blobs", "classes": 3, "layers": []})
    g = s.grid(4)
    assert g["output"].shape == (3 * 16,) and g["neurons"] == []
    p = g["output"].reshape(3, 16)
    assert np.allclose(p.sum(axis=0), 1, atol=1e-6)
    X = feature_matrix(grid_xy(4), ["x1", "x2"])
    assert np.allclose(p.T, s.net.forward(X), atol=1e-6)


def test_grid_follows_training_and_rebuilds():
    s = Session()
    before = s.grid(10)["output"].copy()
    s.step(2)
    assert not np.array_equal(before, s.grid(10)["output"])
    s.configure({"layers": [5], "features": "x1,x2,x1x2"})
    assert len(s.grid(10)["neurons"]) == 5
    with pytest.raises(ValueError, match="^size:"):
        s.grid(0)
