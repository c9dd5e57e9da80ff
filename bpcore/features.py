"""Input features computed from a point's coordinates (x1, x2).

Each feature is `fn(x1, x2, out=None) -> (n,)`: vectorised, and writing into `out` when given,
so the heatmap grid (evaluated every frame) can reuse one buffer.
"""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np


class Feature(NamedTuple):
    label: str  # for display
    spoken: str  # for screen readers
    fn: Callable[..., np.ndarray]  # (x1 (n,), x2 (n,), out=None) -> (n,)


FEATURES = {
    "x1": Feature("X₁", "X1", lambda x1, x2, out=None: np.positive(x1, out=out)),
    "x2": Feature("X₂", "X2", lambda x1, x2, out=None: np.positive(x2, out=out)),
    "x1sq": Feature("X₁²", "X1 squared", lambda x1, x2, out=None: np.multiply(x1, x1, out=out)),
    "x2sq": Feature("X₂²", "X2 squared", lambda x1, x2, out=None: np.multiply(x2, x2, out=out)),
    "x1x2": Feature("X₁X₂", "X1 times X2", lambda x1, x2, out=None: np.multiply(x1, x2, out=out)),
    "sinx1": Feature("sin(X₁)", "sine of X1", lambda x1, x2, out=None: np.sin(x1, out=out)),
    "sinx2": Feature("sin(X₂)", "sine of X2", lambda x1, x2, out=None: np.sin(x2, out=out)),
}


def check_features(names):
    """Validate a list of feature names; return it as a tuple."""
    if isinstance(names, str) or not hasattr(names, "__iter__"):
        raise ValueError(f"features must be a list of names, got {names!r}")
    names = tuple(names)
    if not names:
        raise ValueError("features must not be empty")
    seen = set()
    for name in names:
        if name not in FEATURES:
            raise ValueError(f"unknown feature {name!r} (choose from {', '.join(FEATURES)})")
        if name in seen:
            raise ValueError(f"feature {name!r} is repeated")
        seen.add(name)
    return names


def feature_matrix(points_or_xy, names, out=None):
    """Features of points (n, 3) or coordinates (n, 2) -> (n, len(names)) float64.

    Only columns 0 and 1 (x1, x2) are read. `out`, if given, must be a float64
    (n, len(names)) array; it is filled and returned.
    """
    names = check_features(names)
    xy = np.asarray(points_or_xy, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] not in (2, 3):
        raise ValueError(f"points must have shape (n, 2) or (n, 3), got {xy.shape}")
    shape = (len(xy), len(names))
    if out is None:
        out = np.empty(shape)
    elif not isinstance(out, np.ndarray) or out.shape != shape or out.dtype != np.float64:
        got = (out.shape, str(out.dtype)) if isinstance(out, np.ndarray) else type(out).__name__
        raise ValueError(f"out must be a float64 array of shape {shape}, got {got}")
    x1, x2 = xy[:, 0], xy[:, 1]
    for j, name in enumerate(names):
        FEATURES[name].fn(x1, x2, out=out[:, j])
    return out


def grid_xy(n, lo=-6.0, hi=6.0):
    """Pixel-centre coordinates of an n x n grid over [lo, hi]^2 -> (n*n, 2) [x1, x2].

    Row-major; row 0 is the top of the view (x2 near hi), column 0 the left (x1 near lo).
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"grid size n must be an integer >= 1, got {n!r}")
    if not lo < hi:
        raise ValueError(f"grid needs lo < hi, got lo={lo!r}, hi={hi!r}")
    centres = (np.arange(n) + 0.5) * ((hi - lo) / n)
    xy = np.empty((n * n, 2))
    xy[:, 0] = np.tile(lo + centres, n)
    xy[:, 1] = np.repeat(hi - centres, n)
    return xy


def grid_inputs(n, names, lo=-6.0, hi=6.0, out=None):
    """Feature matrix (n*n, len(names)) of the grid_xy(n, lo, hi) pixel centres."""
    return feature_matrix(grid_xy(n, lo, hi), names, out=out)
