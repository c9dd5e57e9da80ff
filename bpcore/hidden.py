"""What a hidden layer makes of the input plane (the view of Karpathy's ConvNetJS 2-D demo).

A square lattice of lines over the view window and the data points are pushed through the
network up to one hidden layer. A layer of two neurons is drawn as it is; a wider one is
projected onto two axes: two of its neurons, or its first two principal components (fitted
on the data points' activations, so the axes follow what the data does). As training runs,
the lattice bends until a straight line can separate the classes; that is the picture.
"""

import numpy as np

from .datasets import HI, LO
from .features import feature_matrix

LINES = 13  # lattice lines per direction
SAMPLES = 40  # points per line: enough for a smooth curve, few enough to send 10x a second
_REFERENCE_SEED = 12345  # fixed direction that orients each principal component (see _orient)


def lattice(lines=LINES, samples=SAMPLES, lo=LO, hi=HI):
    """(2 * lines * samples, 2) points: `lines` horizontal lines (x2 fixed, x1 varying), then
    `lines` vertical ones, each sampled at `samples` evenly spaced points from lo to hi."""
    ticks = np.linspace(lo, hi, lines)
    along = np.linspace(lo, hi, samples)
    horizontal = np.stack(np.broadcast_arrays(along[None, :], ticks[:, None]), axis=-1)
    vertical = horizontal[..., ::-1]
    return np.concatenate([horizontal, vertical]).reshape(-1, 2)


def _orient(components):
    """Give each component (row) a fixed sign, so the picture does not flip between frames:
    the sign that makes its dot product with a fixed random direction positive."""
    ref = np.random.default_rng(_REFERENCE_SEED).standard_normal(components.shape[1])
    signs = np.where(components @ ref < 0, -1.0, 1.0)
    return components * signs[:, None]


def principal_axes(acts):
    """The first two principal directions (2, width) of activations (n, width) and the
    share of the variance each explains. Fewer than two directions with any variance (one
    point, identical points, a dead layer): the missing rows are zero, share 0."""
    width = acts.shape[1]
    axes, shares = np.zeros((2, width)), [0.0, 0.0]
    if len(acts) < 2:
        return axes, shares
    centred = acts - acts.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    total = float(np.sum(s**2))
    if total <= 0.0 or not np.isfinite(total):
        return axes, shares
    k = min(2, len(s))
    axes[:k] = _orient(vt[:k])
    for i in range(k):
        shares[i] = float(s[i] ** 2 / total)
    return axes, shares


def hidden_view(
    net, features, points, layer, axes="pca", lines=LINES, samples=SAMPLES, view=(LO, HI)
):
    """The plane as hidden layer `layer` (0 = the first hidden layer) sees it.

    `points` (n, 3) are the data [x1, x2, label]; `axes` is "pca" or a pair of neuron indices
    of that layer; the lattice spans `view` (lo, hi) on both axes, the window the map shows.
    Returns {layer, width, axes, shares, lines, samples, lattice: float64
    (2*lines*samples*2,) x,y pairs in the lattice() order, points: float64 (n*2,)}. `shares`
    is the share of the data's variance along each principal axis (None for neuron axes).
    A layer of one neuron has one axis: its y values are all 0.
    """
    hidden = len(net.sizes) - 2
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)):
        raise ValueError(f"layer: expected a whole number, got {layer!r}")
    if not 0 <= layer < hidden:
        raise ValueError(
            f"layer: the network has {hidden} hidden layers (0..{hidden - 1}), got {layer}"
        )
    width = net.sizes[layer + 1]
    grid = lattice(lines, samples, *view)
    inputs = np.concatenate([feature_matrix(grid, features), feature_matrix(points, features)])
    with np.errstate(all="ignore"):
        acts = np.array(net.layer_outputs(inputs)[layer])  # copy: the buffer is reused
    data = acts[len(grid) :]
    shares = None
    if axes == "pca":
        basis, shares = principal_axes(data)
        centre = data.mean(axis=0) if len(data) else np.zeros(width)
        xy = (acts - centre) @ basis.T
    else:
        i, j = _pair(axes, width)
        xy = np.stack([acts[:, i], acts[:, j] if j is not None else np.zeros(len(acts))], axis=1)
    xy = np.nan_to_num(xy, nan=0.0, posinf=1e6, neginf=-1e6)
    return {
        "layer": int(layer),
        "width": int(width),
        "axes": "pca" if axes == "pca" else [int(a) for a in _pair(axes, width) if a is not None],
        "shares": shares,
        "lines": int(lines),
        "samples": int(samples),
        "lattice": np.ascontiguousarray(xy[: len(grid)]).ravel(),
        "points": np.ascontiguousarray(xy[len(grid) :]).ravel(),
    }


def _pair(axes, width):
    """(i, j) neuron indices; j is None for a layer of one neuron."""
    if width == 1:
        return 0, None
    if not isinstance(axes, (list, tuple)) or len(axes) != 2:
        raise ValueError(f'axes: expected "pca" or two neuron indices, got {axes!r}')
    for a in axes:
        if isinstance(a, bool) or not isinstance(a, (int, np.integer)) or not 0 <= a < width:
            raise ValueError(
                f"axes: neuron indices must be whole numbers in 0..{width - 1}, got {a!r}"
            )
    if axes[0] == axes[1]:
        raise ValueError(f"axes: pick two different neurons, got {axes[0]} twice")
    return int(axes[0]), int(axes[1])
