"""Seeded 2-D data sets in the view window [-6, 6]^2, shaped like TensorFlow Playground's.

Every generator takes `(n, noise, rng)` and returns points `(n, 3)` float64 with rows
`[x1, x2, label]` in a shuffled order. `noise` is a percentage 0..50, as in TF Playground.

- Classification labels are integers 0..K-1 and the classes are balanced exactly (counts differ
  by at most one). Noise moves points off their class's region instead of relabelling them, so
  it never changes the balance. Points pushed past the window are reflected back into it.
- Regression labels are floats in [-1, 1]; noise perturbs the position the label is read at.

The same `rng` state always gives the same bytes.
"""

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from . import presets
from .errors import CodedError

LO, HI = -6.0, 6.0  # the view window, both axes
MIN_CLASSES, MAX_CLASSES = 2, 5
MAX_POINTS = 5000  # drawn or imported points: what a share link and the page's storage hold
MIN_POINTS = 2  # a train/test split needs two (and classification MIN_CLASSES classes)
PROBLEMS = ("classification", "regression")
CUSTOM_TITLE = "Your own points"  # the title of dataset "custom" (drawn or imported data)


# ---------------------------------------------------------------- helpers


def _check_args(n, noise, rng):
    """Validate the common arguments; return noise as a fraction 0..0.5."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n must be an integer >= 2, got {n!r}")
    if (
        isinstance(noise, bool)
        or not isinstance(noise, (int, float, np.integer, np.floating))
        or not 0 <= noise <= 50
    ):
        raise ValueError(f"noise must be a number in 0..50 (percent), got {noise!r}")
    return float(noise) / 100.0


def _balanced_labels(n, k):
    """(n,) int labels 0..k-1, sorted, counts differing by at most one."""
    counts = np.full(k, n // k)
    counts[: n % k] += 1
    return np.repeat(np.arange(k), counts)


def _fold(v):
    """Reflect values into [LO, HI] like a ball bouncing between two walls (works for any v)."""
    span = HI - LO
    t = np.mod(v - LO, 2.0 * span)
    return LO + np.where(t > span, 2.0 * span - t, t)


def _pack(x1, x2, label, rng):
    """Stack columns into points (n, 3), fold x into the window, shuffle the rows."""
    pts = np.column_stack([_fold(x1), _fold(x2), label]).astype(np.float64)
    return pts[rng.permutation(len(pts))]


# ---------------------------------------------------------------- classification (0/1)


def circle(n, noise, rng):
    """Class 1 fills a disc of radius 2.5, class 0 a ring 3.5..5 around it. -> (n, 3)"""
    f = _check_args(n, noise, rng)
    lab = _balanced_labels(n, 2)
    r_lo, r_hi = np.array([3.5, 0.0]), np.array([5.0, 2.5])  # indexed by label
    r = r_lo[lab] + (r_hi[lab] - r_lo[lab]) * rng.random(n)
    angle = rng.uniform(0.0, 2.0 * math.pi, n)
    jitter = rng.uniform(-5.0, 5.0, (n, 2)) * f
    return _pack(r * np.sin(angle) + jitter[:, 0], r * np.cos(angle) + jitter[:, 1], lab, rng)


def xor(n, noise, rng):
    """Class 1 in quadrants I and III, class 0 in II and IV, 0.3 away from the axes. -> (n, 3)"""
    f = _check_args(n, noise, rng)
    lab = _balanced_labels(n, 2)
    mag = rng.uniform(0.3, 5.3, (n, 2))
    sx = np.where(rng.random(n) < 0.5, -1.0, 1.0)
    sy = np.where(lab == 1, sx, -sx)  # same signs -> x1 * x2 > 0 -> class 1
    jitter = rng.uniform(-5.0, 5.0, (n, 2)) * f
    return _pack(sx * mag[:, 0] + jitter[:, 0], sy * mag[:, 1] + jitter[:, 1], lab, rng)


def gaussian(n, noise, rng):
    """Two Gaussian clouds: class 1 around (2, 2), class 0 around (-2, -2). -> (n, 3)

    The variance grows linearly from 0.5 (noise 0) to 4 (noise 50).
    """
    f = _check_args(n, noise, rng)
    lab = _balanced_labels(n, 2)
    std = math.sqrt(0.5 + 7.0 * f)
    centre = np.where(lab == 1, 2.0, -2.0)
    z = rng.standard_normal((n, 2)) * std
    return _pack(centre + z[:, 0], centre + z[:, 1], lab, rng)


def spiral(n, noise, rng):
    """Two interleaved arms, 1.75 turns each, radius 0..5; class 0 is class 1 turned by pi."""
    f = _check_args(n, noise, rng)
    lab = _balanced_labels(n, 2)
    u = rng.random(n)  # position along the arm, 0 = centre
    r = 5.0 * u
    t = 3.5 * math.pi * u + np.where(lab == 1, 0.0, math.pi)
    jitter = rng.uniform(-1.0, 1.0, (n, 2)) * f
    return _pack(r * np.sin(t) + jitter[:, 0], r * np.cos(t) + jitter[:, 1], lab, rng)


def moons(n, noise, rng):
    """Two interlocking half circles: class 0 arches up, class 1 hangs down. -> (n, 3)

    Unit moons (radius 1) are centred on the origin and scaled by 2.5; the Gaussian jitter's
    standard deviation is 0..0.75 window units for noise 0..50.
    """
    f = _check_args(n, noise, rng)
    lab = _balanced_labels(n, 2)
    t = rng.uniform(0.0, math.pi, n)
    up = lab == 0
    u1 = np.where(up, np.cos(t), 1.0 - np.cos(t)) - 0.5
    u2 = np.where(up, np.sin(t), 0.5 - np.sin(t)) - 0.25
    z = rng.standard_normal((n, 2)) * (1.5 * f)
    return _pack(2.5 * u1 + z[:, 0], 2.5 * u2 + z[:, 1], lab, rng)


def blobs(n, noise, rng, classes=3):
    """`classes` Gaussian blobs (labels 0..K-1) evenly spaced on a circle of radius 3.5.

    Class 0 sits at the top; standard deviation 0.5 (noise 0) to 2 (noise 50). -> (n, 3)
    """
    f = _check_args(n, noise, rng)
    k = check_classes(classes)
    if n < k:
        raise ValueError(f"n must be at least classes ({k}), got {n}")
    lab = _balanced_labels(n, k)
    angle = math.pi / 2 + 2.0 * math.pi * lab / k
    z = rng.standard_normal((n, 2)) * (0.5 + 3.0 * f)
    return _pack(3.5 * np.cos(angle) + z[:, 0], 3.5 * np.sin(angle) + z[:, 1], lab, rng)


# ---------------------------------------------------------------- regression ([-1, 1])


def plane(n, noise, rng):
    """Label (x1 + x2) / 12, a tilted plane; noise shifts where it is read. -> (n, 3)"""
    f = _check_args(n, noise, rng)
    x = rng.uniform(LO, HI, (n, 2))
    e = rng.uniform(LO, HI, (n, 2)) * f
    label = np.clip((x.sum(axis=1) + e.sum(axis=1)) / 12.0, -1.0, 1.0)
    return _pack(x[:, 0], x[:, 1], label, rng)


# (cx, cy, sign): a bump of height sign * max(0, 1 - distance / 2) at each centre
_BUMPS = np.array(
    [
        [-4.0, 2.5, 1.0],
        [0.0, 2.5, -1.0],
        [4.0, 2.5, 1.0],
        [-4.0, -2.5, -1.0],
        [0.0, -2.5, 1.0],
        [4.0, -2.5, -1.0],
    ]
)


def multigauss(n, noise, rng):
    """Six cone-shaped bumps of alternating sign; a point takes the bump largest in |value|."""
    f = _check_args(n, noise, rng)
    x = rng.uniform(LO, HI, (n, 2))
    q = x + rng.uniform(LO, HI, (n, 2)) * f
    d = np.hypot(q[:, :1] - _BUMPS[:, 0], q[:, 1:] - _BUMPS[:, 1])  # (n, 6)
    v = _BUMPS[:, 2] * np.clip(1.0 - d / 2.0, 0.0, 1.0)
    label = v[np.arange(n), np.argmax(np.abs(v), axis=1)]
    return _pack(x[:, 0], x[:, 1], label, rng)


# ---------------------------------------------------------------- registry


class Dataset(NamedTuple):
    name: str
    problem: str  # "classification" | "regression"
    title: str  # for display
    generate: Callable[..., np.ndarray]  # (n, noise, rng[, classes]) -> (n, 3)
    takes_classes: bool = False  # True: generate also takes `classes`
    fixed: bool = False  # True: the same few points always, all of them for training
    view: tuple = (LO, HI)  # the window the map shows (both axes): the article's sets zoom in


DATASETS = {
    d.name: d
    for d in (
        Dataset("circle", "classification", "Circle", circle),
        Dataset("xor", "classification", "Exclusive or", xor),
        Dataset("gaussian", "classification", "Gaussian", gaussian),
        Dataset("spiral", "classification", "Spiral", spiral),
        Dataset("moons", "classification", "Moons", moons),
        Dataset("blobs", "classification", "Blobs", blobs, takes_classes=True),
        Dataset("plane", "regression", "Plane (regression)", plane),
        Dataset("multigauss", "regression", "Multi-Gaussian (regression)", multigauss),
        Dataset(
            "article",
            "classification",
            "Article example",
            presets.article,
            fixed=True,
            view=presets.ARTICLE_VIEW,
        ),
        Dataset(
            "and_gate",
            "classification",
            "AND gate",
            presets.and_gate,
            fixed=True,
            view=presets.AND_VIEW,
        ),
    )
}


def generate(name, n, noise, rng, classes=3):
    """Points (n, 3) of the named data set; `classes` is used only by sets that take it."""
    ds = DATASETS.get(name)
    if ds is None:
        raise ValueError(f"unknown dataset {name!r} (choose from {', '.join(DATASETS)})")
    if ds.takes_classes:
        return ds.generate(n, noise, rng, classes=classes)
    return ds.generate(n, noise, rng)


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix(z):
    """splitmix64's finaliser on a uint64 array: every input bit moves every output bit."""
    with np.errstate(over="ignore"):
        z = z + _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def split(points, train_ratio_percent, seed, problem="classification"):
    """Seeded train/test split -> (train_idx, test_idx), int64 index arrays in point order.

    Each point decides for itself: a hash of its link-quantised x1, x2, label and `seed` gives
    it a number u in [0, 1), and it trains when u < ratio. So adding, erasing or moving one point
    never moves another between the sets, a drawn copy of a preset's points keeps their split,
    and a larger ratio only adds training points. The sizes follow the ratio on average (a
    binomial draw, not an exact count). The one exception to "per point": a training set is
    never empty; if no point hashes into it, the point with the smallest u trains.
    """
    from .link import quantize_points  # link imports this module

    n = len(points)
    if n < MIN_POINTS:
        raise ValueError(f"split needs at least {MIN_POINTS} points, got {n}")
    r = train_ratio_percent
    if (
        isinstance(r, bool)
        or not isinstance(r, (int, float, np.integer, np.floating))
        or not 0 <= r <= 100
    ):
        raise ValueError(f"train_ratio must be a number in 0..100 (percent), got {r!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    bits = np.ascontiguousarray(quantize_points(points, problem)).view(np.uint64)
    h = _mix(np.full(n, _mix(np.array([seed], dtype=np.uint64))[0]))
    for c in range(3):
        h = _mix(h ^ bits[:, c])
    u = (h >> np.uint64(11)).astype(np.float64) / 2.0**53
    train = u < r / 100
    if not train.any():
        train[np.argmin(u)] = True
    idx = np.arange(n, dtype=np.int64)
    return idx[train], idx[~train]


# ---------------------------------------------------------------- validation


def check_classes(classes):
    """Validate a class count; return it as int."""
    if (
        isinstance(classes, bool)
        or not isinstance(classes, (int, np.integer))
        or not MIN_CLASSES <= classes <= MAX_CLASSES
    ):
        raise ValueError(
            f"classes must be an integer in {MIN_CLASSES}..{MAX_CLASSES}, got {classes!r}"
        )
    return int(classes)


def as_points(points, allow_empty=False):
    """Points as a float64 (n, 3) array of finite values, or a ValueError saying why not."""
    try:
        pts = np.asarray(points, dtype=np.float64)
    except (TypeError, ValueError):
        raise CodedError(
            "points_not_numbers", "points must be numbers in rows of [x1, x2, label]"
        ) from None
    if pts.ndim != 2 or pts.shape[1] != 3:
        raise CodedError(
            "points_shape",
            f"points must have shape (n, 3) [x1, x2, label], got {pts.shape}",
            shape=str(pts.shape),
        )
    if len(pts) == 0 and not allow_empty:
        raise CodedError("points_empty", "no points: the data set is empty")
    bad = ~np.isfinite(pts).all(axis=1)
    if bad.any():
        i = int(np.argmax(bad))
        raise CodedError(
            "points_not_finite",
            f"points must be finite: point {i + 1} is {pts[i].tolist()}",
            point=i + 1,
        )
    return pts


def check_points(points, problem, classes=None):
    """Validate points (n, 3) for a problem; return them as float64. Raises ValueError.

    classification: labels are integers 0..classes-1 (0..MAX_CLASSES-1 when classes is None)
    and at least two distinct classes occur. regression: labels lie in [-1, 1].
    Points are numbered from 1 in messages.
    """
    if problem not in PROBLEMS:
        raise ValueError(f"problem must be one of {', '.join(PROBLEMS)}, got {problem!r}")
    pts = as_points(points)
    label = pts[:, 2]
    if problem == "regression":
        bad = np.abs(label) > 1.0
        if bad.any():
            i = int(np.argmax(bad))
            raise CodedError(
                "points_value_label",
                f"regression label {float(label[i])!r} of point {i + 1} is outside [-1, 1]",
                label=float(label[i]),
                point=i + 1,
            )
        return pts
    k = MAX_CLASSES if classes is None else check_classes(classes)
    bad = label != np.round(label)
    if bad.any():
        i = int(np.argmax(bad))
        raise CodedError(
            "points_not_class",
            f"label {float(label[i])!r} of point {i + 1} is not an integer class",
            label=float(label[i]),
            point=i + 1,
        )
    bad = (label < 0) | (label >= k)
    if bad.any():
        i = int(np.argmax(bad))
        raise CodedError(
            "points_class_range",
            f"label {int(label[i])} of point {i + 1} is out of range 0..{k - 1}",
            label=int(label[i]),
            point=i + 1,
            max=k - 1,
        )
    present = np.unique(label)
    if len(present) < MIN_CLASSES:
        raise CodedError(
            "points_one_class",
            f"classification needs at least two classes; every label is {int(present[0])}",
            label=int(present[0]),
        )
    return pts
