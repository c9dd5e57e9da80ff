"""Every point's output, for the page's table of a small data set (the AND gate's four points
beside the network's answer for each; web/views/points-table.js)."""

import numpy as np

from .features import feature_matrix

MAX_POINTS = 100  # a grid carries the points' outputs up to this many points


def point_outputs(session):
    """The network's output for every point of `session`, in the points' order, row by row:
    float64 (n * n_out,) (binary: p(class 1); multi-class: each class's probability;
    regression: the value). ValueError over MAX_POINTS points."""
    if len(session.points) > MAX_POINTS:
        raise ValueError(f"outputs: only for at most {MAX_POINTS} points")
    X = feature_matrix(session.points, session.settings["features"])
    return np.ascontiguousarray(session.net.forward(X), dtype=np.float64).ravel()
