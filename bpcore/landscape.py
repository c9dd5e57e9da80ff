"""The loss landscape around the current weights: the maths, no I/O.

- The line (Goodfellow et al., 2015): the loss at theta(t) = (1 - t) theta_0 + t theta_1, from
  the run's initial weights theta_0 (t = 0) to the current ones theta_1 (t = 1) and beyond.
- The slice (Li et al., 2018): the loss at theta_1 + alpha d + beta e on a size x size lattice,
  d and e random Gaussian directions drawn from the run's seed and normalised per neuron: each
  row of each weight matrix of d gets the norm of that neuron's row of weights in theta_1.
  The biases' entries of d and e are ZERO (Li et al. leave biases unperturbed), so the slice
  moves the weights only and each neuron's move is in proportion to its own weights.
- The training path: parameter vectors sampled along training (landscape_messages.py keeps
  them), each projected onto the plane by least squares: (alpha, beta) minimising
  |theta - theta_1 - alpha d - beta e|. The current weights project to (0, 0) exactly.

Losses are the mean data loss WITHOUT the penalty, as the page's loss chart and metrics().
Many parameter vectors are evaluated at once: a stack of P vectors is P [W | b] matrices per
layer, and one batched matmul per layer, (n, in + 1) @ (P, in + 1, out) -> (P, n, out), runs
the whole training set through all of them (bench: benchmarks/bench_landscape.py). A plugged
network (the lab's code, plugin.py) is evaluated vector by vector through its own forward and
loss, the very path metrics() takes.
"""

import numpy as np

STREAM = 0x4C53  # the directions' own stream of the run's seed ("LS"): no other draw moves
MAX_ELEMENTS = 1 << 18  # floats of one batched layer output (P x n x width) at a time: 2 MB


def directions(net, seed, draw=0):
    """Two filter-normalised random directions (2, n_params) in net.flat's layout, seeded by
    (seed, STREAM, draw). Per neuron i of layer l: d[W_l][i] = g_i |W_l[i]| / |g_i| with g_i
    standard normal; a neuron with no weights (all 0) gets a zero row; biases get 0."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, STREAM, draw])))
    out = np.zeros((2, net.flat.size))
    start = 0
    for Wb in net._Wb:
        rows, cols = Wb.shape
        stop = start + rows * cols
        W = Wb[:, :-1]
        norms = np.linalg.norm(W, axis=1)  # (rows,)
        for k in range(2):
            g = rng.standard_normal((rows, cols - 1))
            gn = np.linalg.norm(g, axis=1)
            scale = np.divide(norms, gn, out=np.zeros_like(norms), where=gn > 0)
            block = out[k, start:stop].reshape(rows, cols)
            block[:, :-1] = g * scale[:, None]  # the bias column stays 0
        start = stop
    return out


def project(dirs, centre, flats):
    """(m, 2) coordinates (alpha, beta) of parameter vectors `flats` (m, n_params) on the plane
    centre + alpha d + beta e (least squares; a degenerate plane gives the minimum-norm fit)."""
    flats = np.atleast_2d(np.asarray(flats, dtype=np.float64))
    coords = np.linalg.lstsq(dirs.T, (flats - centre).T, rcond=None)[0]
    return np.ascontiguousarray(coords.T)


def line_ts(count=61, stop=1.5):
    """t = i / k, i = 0..count-1 with k chosen so that t ends at `stop`: 0 and 1 are exact."""
    k = (count - 1) / stop
    return np.arange(count) / k


def line_flats(start, current, ts):
    """(len(ts), n_params) vectors (1 - t) start + t current: exactly start at t = 0 and
    exactly current at t = 1."""
    ts = np.asarray(ts, dtype=np.float64)[:, None]
    return (1.0 - ts) * start + ts * current


def lattice(span, size):
    """The slice's coordinates: `size` values from -span to span (the middle one 0 exactly)."""
    half = (size - 1) / 2
    return (np.arange(size) - half) * (span / half) if size > 1 else np.zeros(1)


def slice_flats(centre, dirs, coords, lo, hi):
    """(hi - lo, n_params): lattice points lo..hi-1 of the slice, row-major (point k at alpha =
    coords[k % size], beta = coords[k // size]): centre + alpha d + beta e."""
    k = np.arange(lo, hi)
    size = len(coords)
    a, b = coords[k % size][:, None], coords[k // size][:, None]
    return centre + a * dirs[0] + b * dirs[1]


def losses(net, X1, T, flats, sets=None):
    """The mean data loss (no penalty) of `net`'s architecture with each parameter vector of
    `flats` (P, n_params) on rows X1 = [X | 1] (n, in + 1) against T (n, k): (P,), or (P,
    len(sets)) for a list of row slices. net's own parameters are left as they were."""
    flats = np.atleast_2d(flats)
    if net.plug is not None:
        return _one_by_one(net, X1, T, flats, sets)
    n, widest = len(X1), max(net.sizes[1:]) + 1
    step = max(1, MAX_ELEMENTS // (n * widest))
    parts = [_batched(net, X1, T, flats[i : i + step], sets) for i in range(0, len(flats), step)]
    return np.concatenate(parts) if parts else np.zeros((0,) if sets is None else (0, len(sets)))


def _layers(net, flats):
    """Per layer, the stacked transposed [W | b]: (P, in + 1, out), from flats (P, n_params)."""
    out, start = [], 0
    for Wb in net._Wb:
        rows, cols = Wb.shape
        stop = start + rows * cols
        out.append(flats[:, start:stop].reshape(len(flats), rows, cols).transpose(0, 2, 1))
        start = stop
    return out


def _batched(net, X1, T, flats, sets):
    P, n = len(flats), len(X1)
    a = X1  # (n, in + 1), shared by every vector at layer 0
    fs = [act.f for act in net._fs]  # bpcore's own (a plugged network goes _one_by_one)
    with np.errstate(all="ignore"):  # a diverged run's vectors overflow: inf / nan losses
        layers = _layers(net, flats)
        for WbT, f in zip(layers[:-1], fs):
            h = np.ones((P, n, WbT.shape[2] + 1))
            np.matmul(a, WbT, out=h[:, :, :-1])  # z_l = [a_l | 1] [W_l | b_l]^T
            f(h[:, :, :-1], out=h[:, :, :-1])  # a_{l+1} = f(z_l), in place
            a = h
        z = np.matmul(a, layers[-1])  # (P, n, k): the output layer's logits
        k = z.shape[2]
        Tp = np.broadcast_to(T, (P, n, k)).reshape(P * n, k)
        terms = net._loss.terms(z.reshape(P * n, k), Tp).reshape(P, n, -1)
    if sets is None:
        return terms.mean(axis=(1, 2))
    return np.stack([terms[:, rows].mean(axis=(1, 2)) for rows in sets], axis=1)


def _one_by_one(net, X1, T, flats, sets):
    kept = net.flat.copy()
    out = []
    try:
        with np.errstate(all="ignore"):
            for flat in flats:
                net.flat[...] = flat
                z, y = net.forward1(X1)
                out.append(net.data_loss(z, y, T, sets))
    finally:
        net.flat[...] = kept
    return np.array(out, dtype=np.float64)


def train_rows(s):
    """([X | 1], T) of the session's training set."""
    return s._X1_train, s._T_train


def all_rows(s):
    """([X | 1], T, sets) of the training and the test set stacked (test absent: one set)."""
    n = len(s._X1_train)
    sets = [slice(0, n)] + ([slice(n, None)] if len(s._X1_all) > n else [])
    return s._X1_all, s._T_all, sets
