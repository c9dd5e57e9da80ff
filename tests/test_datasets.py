"""Data set generators, split and check_points (pure functions, fast, no files)."""

import numpy as np
import pytest

from bpcore.datasets import (
    DATASETS,
    MAX_CLASSES,
    blobs,
    check_points,
    generate,
    split,
)

NAMES = [name for name, ds in DATASETS.items() if not ds.fixed]  # generated sets


def rng(seed=0):
    return np.random.default_rng(seed)


def make(name, n=200, noise=0, seed=0, classes=3):
    return generate(name, n, noise, rng(seed), classes=classes)


# ---------------------------------------------------------------- generators


def test_registry_lists_all_sets():
    assert NAMES == ["circle", "xor", "gaussian", "spiral", "moons", "blobs", "plane", "multigauss"]
    assert [n for n, ds in DATASETS.items() if ds.fixed] == ["article", "and_gate"]
    for name, ds in DATASETS.items():
        assert ds.name == name and ds.title
        assert ds.problem == ("regression" if name in ("plane", "multigauss") else "classification")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("noise", [0, 25, 50])
def test_shape_dtype_window_and_valid(name, noise):
    p = make(name, n=301, noise=noise)
    assert p.shape == (301, 3) and p.dtype == np.float64
    assert np.isfinite(p).all()
    assert (np.abs(p[:, :2]) <= 6.0).all()
    check_points(p, DATASETS[name].problem, 3 if name == "blobs" else None)


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_bytes_other_seed_differs(name):
    a, b = make(name, seed=7), make(name, seed=7)
    assert a.tobytes() == b.tobytes()
    assert a.tobytes() != make(name, seed=8).tobytes()


def test_same_generator_state_same_bytes():
    r1, r2 = rng(3), rng(3)
    r1.random(5)
    r2.random(5)
    assert circle_bytes(r1) == circle_bytes(r2)


def circle_bytes(r):
    return generate("circle", 50, 10, r).tobytes()


@pytest.mark.parametrize("name", NAMES)
def test_noise_changes_the_data(name):
    assert not np.array_equal(make(name, noise=0), make(name, noise=50))


@pytest.mark.parametrize("name", [n for n in NAMES if DATASETS[n].problem == "classification"])
@pytest.mark.parametrize("n", [3, 11, 200])
def test_classes_balanced_at_any_noise(name, n):
    k = 3 if name == "blobs" else 2
    for noise in (0, 50):
        counts = np.bincount(make(name, n=n, noise=noise, classes=k)[:, 2].astype(int))
        assert len(counts) == k and counts.max() - counts.min() <= 1


@pytest.mark.parametrize("k", [2, 3, 4, 5])
def test_blobs_classes_and_separation(k):
    p = blobs(500, 0, rng(1), classes=k)
    lab = p[:, 2].astype(int)
    assert sorted(set(lab)) == list(range(k))
    # nearest class mean already separates them: a small net can reach >= 95%
    means = np.array([p[lab == c, :2].mean(axis=0) for c in range(k)])
    d = ((p[:, None, :2] - means[None]) ** 2).sum(axis=2)
    assert (d.argmin(axis=1) == lab).mean() >= 0.99


def test_noise_free_sets_follow_their_rule():
    p = make("circle", 400)
    r = np.hypot(p[:, 0], p[:, 1])
    assert (r[p[:, 2] == 1] <= 2.5).all() and (r[p[:, 2] == 0] >= 3.5).all()
    p = make("xor", 400)
    assert ((p[:, 0] * p[:, 1] > 0) == (p[:, 2] == 1)).all()
    assert (np.abs(p[:, :2]) >= 0.3).all()
    p = make("gaussian", 400)
    assert ((p[:, 0] + p[:, 1] > 0) == (p[:, 2] == 1)).mean() > 0.97
    p = make("spiral", 400)
    assert (np.hypot(p[:, 0], p[:, 1]) <= 5.0 + 1e-12).all()
    p = make("plane", 400)
    assert np.allclose(p[:, 2], (p[:, 0] + p[:, 1]) / 12)


@pytest.mark.parametrize("name", ["plane", "multigauss"])
def test_regression_labels_in_range_and_spread(name):
    for noise in (0, 50):
        lab = make(name, 500, noise)[:, 2]
        assert (np.abs(lab) <= 1).all()
        assert lab.min() < -0.5 and lab.max() > 0.5


def test_rows_are_shuffled():
    lab = make("circle", 100)[:, 2]
    assert 0 < lab[:50].sum() < 50


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(name="square"), "unknown dataset 'square'"),
        (dict(n=1), "n must be an integer >= 2"),
        (dict(n=10.0), "n must be an integer >= 2"),
        (dict(noise=51), "noise must be a number in 0..50"),
        (dict(noise=-1), "noise must be a number in 0..50"),
        (dict(name="blobs", classes=6), "classes must be an integer in 2..5"),
        (dict(name="blobs", classes=1), "classes must be an integer in 2..5"),
        (dict(name="blobs", n=3, classes=4), "n must be at least classes"),
    ],
)
def test_generate_errors(kwargs, message):
    args = dict(name="circle", n=10, noise=0, classes=3) | kwargs
    with pytest.raises(ValueError, match=message):
        generate(args["name"], args["n"], args["noise"], rng(), classes=args["classes"])


def test_generate_needs_a_generator():
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        generate("circle", 10, 0, 1)


# ---------------------------------------------------------------- split


def random_points(n, seed=0):
    r = rng(seed)
    return np.column_stack([r.uniform(-6, 6, (n, 2)), r.integers(0, 3, n)])


@pytest.mark.parametrize("n, ratio", [(2000, 50), (2000, 10), (2000, 90), (1000, 33)])
def test_split_sizes_follow_the_ratio(n, ratio):
    tr, te = split(random_points(n), ratio, 1)
    sd = (n * ratio / 100 * (1 - ratio / 100)) ** 0.5  # a binomial draw: within 4 sd
    assert abs(len(tr) - n * ratio / 100) < 4 * sd
    assert sorted(np.concatenate([tr, te]).tolist()) == list(range(n))


def test_split_is_per_point():
    """Adding, erasing or reordering points never moves another point between the sets."""
    p = random_points(300)
    key = lambda pts, idx: {tuple(pts[i]) for i in idx}  # noqa: E731
    tr = key(p, split(p, 50, 4)[0])
    for q in (p[:150], p[::-1], np.vstack([p, random_points(50, seed=9)]), np.delete(p, 7, 0)):
        assert key(q, split(q, 50, 4)[0]) & key(p, range(len(p))) == tr & key(q, range(len(q)))
    # a larger ratio only adds training points
    assert set(split(p, 30, 4)[0].tolist()) <= set(split(p, 70, 4)[0].tolist())


def test_split_reads_points_at_the_links_precision():
    from bpcore.link import quantize_points

    p = random_points(200)
    assert np.array_equal(split(p, 50, 3)[0], split(quantize_points(p), 50, 3)[0])
    p[:, 2] = rng(2).uniform(-1, 1, 200)
    a = split(p, 50, 3, "regression")[0]
    assert np.array_equal(a, split(quantize_points(p, "regression"), 50, 3, "regression")[0])


def test_split_is_seeded():
    p = random_points(100)
    a, b = split(p, 50, 4), split(p, 50, 4)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert not np.array_equal(a[0], split(p, 50, 5)[0])


def test_split_never_leaves_the_training_set_empty():
    for seed in range(200):
        tr, te = split(random_points(2, seed), 10, seed)
        assert len(tr) >= 1 and len(tr) + len(te) == 2
    assert len(split(random_points(3), 0, 1)[0]) == 1
    assert len(split(random_points(3), 100, 1)[1]) == 0


def test_split_errors():
    with pytest.raises(ValueError, match="at least 2 points"):
        split(np.zeros((1, 3)), 50, 1)
    with pytest.raises(ValueError, match="train_ratio must be a number in 0..100"):
        split(np.zeros((5, 3)), 150, 1)
    with pytest.raises(ValueError, match="seed must be"):
        split(np.zeros((5, 3)), 50, -1)


# ---------------------------------------------------------------- check_points

GOOD = np.array([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [2.0, 2.0, 1.0]])


def put(points, i, j, value):
    """A copy of points with points[i, j] = value."""
    out = points.copy()
    out[i, j] = value
    return out


@pytest.mark.parametrize(
    "points, problem, classes, message",
    [
        (np.zeros((3, 2)), "classification", None, r"shape \(n, 3\).*got \(3, 2\)"),
        (np.zeros(3), "classification", None, r"shape \(n, 3\)"),
        (np.zeros((0, 3)), "classification", None, "no points"),
        ([[0, 0, 0], ["a", 1, 1]], "classification", None, "must be numbers"),
        (put(GOOD, 1, 1, np.nan), "classification", None, "finite: point 2"),
        (put(GOOD, 0, 0, -np.inf), "classification", None, "finite: point 1"),
        (GOOD + [0, 0, 0.5], "classification", None, "label 0.5 of point 1 is not an integer"),
        (GOOD - [0, 0, 1], "classification", None, r"label -1 of point 1 is out of range 0..4"),
        (GOOD * [1, 1, 2], "classification", 2, r"label 2 of point 2 is out of range 0..1"),
        (GOOD + [0, 0, 5], "classification", None, r"out of range 0..4"),
        (GOOD * [1, 1, 0], "classification", None, "needs at least two classes; every label is 0"),
        (GOOD, "classification", 9, "classes must be an integer in 2..5"),
        (GOOD * [1, 1, 1.5], "regression", None, r"regression label 1.5 of point 2 .*\[-1, 1\]"),
        (GOOD, "ranking", None, "problem must be one of classification, regression"),
    ],
)
def test_check_points_errors(points, problem, classes, message):
    with pytest.raises(ValueError, match=message):
        check_points(points, problem, classes)


def test_check_points_accepts_and_returns_float64():
    out = check_points(GOOD.tolist(), "classification", 2)
    assert out.dtype == np.float64 and np.array_equal(out, GOOD)
    assert check_points(GOOD * [1, 1, -1], "regression").shape == (3, 3)
    assert check_points(GOOD * [1, 1, 4], "classification").shape == (3, 3)
    assert MAX_CLASSES == 5


def test_property_random_points_validate_consistently():
    r = rng(123)
    for _ in range(200):
        n = int(r.integers(2, 40))
        k = int(r.integers(2, 6))
        pts = np.column_stack([r.uniform(-6, 6, (n, 2)), r.integers(0, k, n)])
        ok = len(np.unique(pts[:, 2])) >= 2
        if ok:
            check_points(pts, "classification", k)
        else:
            with pytest.raises(ValueError, match="two classes"):
                check_points(pts, "classification", k)
        pts[:, 2] = r.uniform(-1, 1, n)
        check_points(pts, "regression")
        tr, te = split(pts, int(r.integers(10, 91)), int(r.integers(0, 2**31)), "regression")
        assert len(tr) >= 1 and len(tr) + len(te) == n
        assert len(set(tr.tolist()) | set(te.tolist())) == n
