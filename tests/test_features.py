"""Input features and the heatmap grid."""

import numpy as np
import pytest

from bpcore.features import FEATURES, check_features, feature_matrix, grid_inputs, grid_xy

REFERENCE = {  # independent formulas, one per feature
    "x1": lambda x, y: x,
    "x2": lambda x, y: y,
    "x1sq": lambda x, y: x**2,
    "x2sq": lambda x, y: y**2,
    "x1x2": lambda x, y: x * y,
    "sinx1": lambda x, y: np.sin(x),
    "sinx2": lambda x, y: np.sin(y),
}


def test_names_order_and_labels():
    assert list(FEATURES) == ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"]
    assert [f.label for f in FEATURES.values()] == [
        "X₁",
        "X₂",
        "X₁²",
        "X₂²",
        "X₁X₂",
        "sin(X₁)",
        "sin(X₂)",
    ]


def test_feature_matrix_matches_formulas_for_points_and_xy():
    pts = np.array([[1.5, -2.0, 1.0], [0.0, 3.0, 0.0], [-6.0, 6.0, 1.0]])
    m = feature_matrix(pts, list(FEATURES))
    assert m.shape == (3, 7) and m.dtype == np.float64
    for j, name in enumerate(FEATURES):
        assert np.array_equal(m[:, j], REFERENCE[name](pts[:, 0], pts[:, 1]))
    assert np.array_equal(feature_matrix(pts[:, :2], list(FEATURES)), m)


def test_feature_matrix_writes_into_out_and_leaves_input_alone():
    pts = np.array([[1.0, 2.0, 0.0], [3.0, 4.0, 1.0]])
    before = pts.copy()
    out = np.full((2, 2), np.nan)
    res = feature_matrix(pts, ["x1x2", "x1"], out=out)
    assert res is out
    assert np.array_equal(out, [[2.0, 1.0], [12.0, 3.0]])
    assert np.array_equal(pts, before)


def test_property_random_subsets_match_reference():
    r = np.random.default_rng(5)
    names_all = list(FEATURES)
    for _ in range(100):
        n = int(r.integers(1, 30))
        xy = r.uniform(-6, 6, (n, 2))
        names = list(r.permutation(names_all)[: int(r.integers(1, 8))])
        m = feature_matrix(xy, names)
        ref = np.column_stack([REFERENCE[k](xy[:, 0], xy[:, 1]) for k in names])
        assert np.array_equal(m, ref)


@pytest.mark.parametrize(
    "names, message",
    [
        ([], "features must not be empty"),
        (["x1", "x3"], "unknown feature 'x3'"),
        (["x1", "x2", "x1"], "feature 'x1' is repeated"),
        ("x1", "features must be a list of names"),
    ],
)
def test_bad_names(names, message):
    with pytest.raises(ValueError, match=message):
        check_features(names)
    with pytest.raises(ValueError, match=message):
        feature_matrix(np.zeros((2, 2)), names)


@pytest.mark.parametrize(
    "out, message",
    [
        (np.zeros((3, 2)), r"out must be a float64 array of shape \(2, 2\)"),
        (np.zeros((2, 2), dtype=np.float32), "out must be a float64 array"),
        ([[0.0, 0.0], [0.0, 0.0]], "out must be a float64 array"),
    ],
)
def test_bad_out(out, message):
    with pytest.raises(ValueError, match=message):
        feature_matrix(np.zeros((2, 3)), ["x1", "x2"], out=out)


def test_bad_points_shape():
    with pytest.raises(ValueError, match=r"shape \(n, 2\) or \(n, 3\)"):
        feature_matrix(np.zeros((2, 4)), ["x1"])


def test_grid_orientation_and_pixel_centres():
    xy = grid_xy(4)  # step 3: centres -4.5, -1.5, 1.5, 4.5
    assert xy.shape == (16, 2)
    assert np.allclose(xy[0], [-4.5, 4.5])  # row 0 = top, column 0 = left
    assert np.allclose(xy[3], [4.5, 4.5])  # end of the top row
    assert np.allclose(xy[4], [-4.5, 1.5])  # next row goes down
    assert np.allclose(xy[-1], [4.5, -4.5])
    g = grid_xy(100)
    assert g[:, 0].min() > -6 and g[:, 1].max() < 6
    assert np.allclose(g[:, 0].reshape(100, 100).mean(axis=0), g[:100, 0])


def test_grid_inputs_and_out_reuse():
    m = grid_inputs(3, ["x2", "x1sq"], lo=-3, hi=3)
    assert m.shape == (9, 2)
    assert np.allclose(m[:, 0], np.repeat([2.0, 0.0, -2.0], 3))
    assert np.allclose(m[:, 1], np.tile([4.0, 0.0, 4.0], 3))
    out = np.empty((9, 2))
    assert grid_inputs(3, ["x2", "x1sq"], lo=-3, hi=3, out=out) is out
    assert np.array_equal(out, m)


def test_grid_errors():
    with pytest.raises(ValueError, match="grid size n must be an integer >= 1"):
        grid_xy(0)
    with pytest.raises(ValueError, match="lo < hi"):
        grid_xy(4, lo=1, hi=1)
