"""The loss landscape's worker messages (docs/ARCHITECTURE.md, "Page <-> worker protocol"), and
the training path they project, kept on the engine side.

- `landscape` {size?, span?, draw?}: the plan: the directions of the slice (kept with the
  weights they are centred on), its lattice, the line's t values, the path projected. The
  losses then come in bands the page sizes (~150 ms each, however big the network), so it
  shows progress, can stop asking (cancel) and no request nears the engine's deadline:
- `landscapeLine` {from, to}: the training and test losses of the line's points from..to-1;
- `landscapeSlice` {from, to}: the training losses of the slice's lattice points from..to-1
  (row-major). Both refuse weights that changed since `landscape` (code landscape_stale).

The path: `record(engine)`, called once per `step` message, keeps the weights after each chunk
(at most MAX_PATH vectors, and MAX_PATH_FLOATS numbers unless that is fewer than 16 vectors:
past that every other one is dropped, the first kept), starting from the run's initial
weights; a new network (rebuild, reset, restore) starts a new path.
"""

import math

import numpy as np

from . import landscape as ls
from .errors import CodedError
from .payload import fields, whole

MAX_PATH = 256  # kept parameter vectors of the path (before thinning)
MAX_PATH_FLOATS = 1 << 20  # ... and at most 8 MB of them (a 10 x 64 network: 27 vectors)
LINE_COUNT = 61  # points of the line, t = 0, 0.025, ..., 1.5
LINE_STOP = 1.5
MAX_SPAN = 20.0


class _Path:
    """The weights along training of one network: flats (m, n_params) and their epochs."""

    def __init__(self, s):
        self.net = s.net  # (held: its identity tells a new network from this one)
        self.flats = [s.start_flat.copy()]
        self.epochs = [0]

    def add(self, s):
        if s.epoch == self.epochs[-1]:
            self.flats[-1] = s.net.flat.copy()  # (an edit without training: the latest)
            return
        self.flats.append(s.net.flat.copy())
        self.epochs.append(int(s.epoch))
        most = min(MAX_PATH, max(16, MAX_PATH_FLOATS // self.flats[0].size))
        if len(self.flats) > most:  # thin out: every other one, the first kept
            self.flats, self.epochs = self.flats[::2], self.epochs[::2]


def _path_of(engine):
    s = engine.session
    path = getattr(engine, "landscape_path", None)
    if path is None or path.net is not s.net:
        path = engine.landscape_path = _Path(s)
    return path


def record(engine):
    """After a step: the current weights join the path."""
    if engine.session is not None:
        _path_of(engine).add(engine.session)


def path_with_current(engine):
    """(flats (m, n_params), epochs): the path with the current weights last."""
    s = engine.session
    path = _path_of(engine)
    flats, epochs = list(path.flats), list(path.epochs)
    if epochs[-1] != s.epoch or not np.array_equal(flats[-1], s.net.flat):
        flats.append(s.net.flat.copy())
        epochs.append(int(s.epoch))
    return np.array(flats), epochs


class _Plan:
    """What `landscape` decided for the bands that follow: the start and the centre (the
    current weights), the directions, the lattice, the line's t values."""

    def __init__(self, s, dirs, span, size):
        self.net, self.centre, self.dirs = s.net, s.net.flat.copy(), dirs
        self.start = s.start_flat.copy()
        self.coords = ls.lattice(span, size)
        self.ts = ls.line_ts(LINE_COUNT, LINE_STOP)


def _plan_of(engine, name):
    """The plan of `landscape`, for the session's weights as they are, else landscape_stale."""
    s = engine._s
    plan = getattr(engine, "landscape_plan", None)
    if plan is None or plan.net is not s.net or not np.array_equal(plan.centre, s.net.flat):
        raise CodedError(
            "landscape_stale", f"{name}: the weights changed since `landscape`: ask again"
        )
    return s, plan


def _band(payload, count):
    p = fields(payload, ("from", "to"))
    lo = whole("from", p["from"], 0, count - 1)
    return lo, whole("to", p["to"], lo + 1, count)


def _auto_span(coords):
    """The slice's half-width: 1 (Li et al.'s), or enough to hold the path with a margin,
    rounded up to a half, at most MAX_SPAN."""
    far = float(np.max(np.abs(coords))) if coords.size else 0.0
    if not math.isfinite(far):
        return MAX_SPAN
    return min(MAX_SPAN, max(1.0, math.ceil(far * 1.15 * 2) / 2))


def landscape(engine, payload):
    p = fields(payload, optional=("size", "span", "draw"))
    s = engine._s
    size = whole("size", p.get("size", 41), 3, 101)
    if size % 2 == 0:
        raise ValueError(f"size: the lattice needs a middle point, an odd size, got {size}")
    draw = whole("draw", p.get("draw", 0), 0, 10**6)
    span = p.get("span", 0)
    if isinstance(span, bool) or not isinstance(span, (int, float)) or not 0 <= span <= MAX_SPAN:
        raise CodedError(
            "range",
            f"span: must be in 0..{MAX_SPAN}, got {span!r}",
            field="span",
            got=span,
            lo=0,
            hi=MAX_SPAN,
        )
    net = s.net
    dirs = ls.directions(net, s.settings["seed"], draw)
    flats, epochs = path_with_current(engine)
    coords = ls.project(dirs, net.flat, flats)
    span = float(span) or _auto_span(coords)
    plan = engine.landscape_plan = _Plan(s, dirs, span, size)
    return {
        "size": size,
        "span": span,
        "draw": draw,
        "epoch": int(s.epoch),
        "params": int(net.flat.size),
        "t": plan.ts,
        "test": len(s.test_idx) > 0,
        "path": {
            "alpha": np.ascontiguousarray(coords[:, 0]),
            "beta": np.ascontiguousarray(coords[:, 1]),
            "epochs": epochs,
        },
    }


def landscape_line(engine, payload):
    s, plan = _plan_of(engine, "landscapeLine")
    lo, hi = _band(payload, len(plan.ts))
    X1, T, sets = ls.all_rows(s)
    loss = ls.losses(s.net, X1, T, ls.line_flats(plan.start, plan.centre, plan.ts[lo:hi]), sets)
    test = np.ascontiguousarray(loss[:, 1]) if loss.shape[1] > 1 else None
    return {"from": lo, "to": hi, "train": np.ascontiguousarray(loss[:, 0]), "test": test}


def landscape_slice(engine, payload):
    s, plan = _plan_of(engine, "landscapeSlice")
    lo, hi = _band(payload, len(plan.coords) ** 2)
    flats = ls.slice_flats(plan.centre, plan.dirs, plan.coords, lo, hi)
    loss = ls.losses(s.net, *ls.train_rows(s), flats)
    return {"from": lo, "to": hi, "loss": np.ascontiguousarray(loss, dtype=np.float64)}


HANDLERS = {
    "landscape": landscape,
    "landscapeLine": landscape_line,
    "landscapeSlice": landscape_slice,
}
