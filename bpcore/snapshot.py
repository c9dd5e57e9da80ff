"""Session snapshots: plain JSON-able data from which a run continues bit for bit.

Floats are stored as Python floats (json writes them with repr, which reads back exactly).
The RNG states hold 128-bit integers, which a browser's JSON (doubles) would round, so every
integer inside them is stored as a decimal string. A snapshot keeps the points and the split
themselves, so it does not depend on the data generators staying the same.
"""

import numpy as np

FORMAT = "bpcore-snapshot"
VERSION = 1


def dump_rng(rng):
    """np.random.Generator -> its bit generator's state, integers as strings."""

    def conv(v):
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        return str(int(v)) if isinstance(v, (int, np.integer)) else v

    return conv(rng.bit_generator.state)


def load_rng(rng, state):
    """Set rng's bit generator to a dump_rng() state."""

    def conv(k, v):
        if isinstance(v, dict):
            return {kk: conv(kk, x) for kk, x in v.items()}
        return v if k == "bit_generator" else int(v)

    try:
        rng.bit_generator.state = conv(None, state)
    except (TypeError, ValueError, KeyError, AttributeError) as e:
        raise ValueError(f"snapshot: bad RNG state ({e})") from None


def take(s):
    """Session -> JSON-able dict."""
    d = {
        "format": FORMAT,
        "version": VERSION,
        "settings": {k: list(v) if isinstance(v, list) else v for k, v in s.settings.items()},
        "points": s.points.tolist(),
        "train_idx": s.train_idx.tolist(),
        "test_idx": s.test_idx.tolist(),
        "weights": [W.tolist() for W in s.net.weights],
        "biases": [b.tolist() for b in s.net.biases],
        "optimizer": s.opt.state_dict(),
        "epoch": s.epoch,
        "diverged": s.diverged,
        "rng": {"model": dump_rng(s._rng), "data": dump_rng(s._data_rng)},
        "start": s.start_flat.tolist(),  # the run's initial parameters (optional on restore)
        "stopping": s.rules.as_data(),  # the stopping rules' state (optional on restore)
    }
    if s.net.drop is not None:  # dropout's mask generator (optional: only a run with dropout)
        d["rng"]["mask"] = dump_rng(s.net.drop.rng)
    return d


def _check_split(n, train_idx, test_idx):
    both = np.concatenate(
        [np.asarray(train_idx, dtype=np.int64), np.asarray(test_idx, dtype=np.int64)]
    )
    if len(train_idx) == 0 or not np.array_equal(np.sort(both), np.arange(n)):
        raise ValueError(
            "snapshot: train_idx and test_idx must split the points (the training set non-empty)"
        )


# The type of every top-level field: a tampered file gets a one-line error naming the field,
# never a traceback or, worse, a silent default (weights: null would train fresh weights).
_FIELDS = {
    "settings": dict,
    "points": list,
    "train_idx": list,
    "test_idx": list,
    "weights": list,
    "biases": list,
    "optimizer": dict,
    "epoch": int,
    "diverged": bool,
    "rng": dict,
}


def _check_fields(d):
    for name, kind in _FIELDS.items():
        if name not in d:
            raise ValueError(f"snapshot: missing field {name!r}")
        v = d[name]
        if not isinstance(v, kind) or (kind is int and isinstance(v, bool)):
            raise ValueError(
                f"snapshot: {name} must be a JSON {_JSON_NAMES[kind]}, got {_json_type(v)}"
            )
    if d["epoch"] < 0:
        raise ValueError(f"snapshot: epoch must be >= 0, got {d['epoch']}")
    for key in ("model", "data"):
        if not isinstance(d["rng"].get(key), dict):
            raise ValueError(f"snapshot: rng.{key} must be an object")
    opt = d["optimizer"]
    t = opt.get("t")
    if isinstance(t, bool) or not isinstance(t, int) or t < 0:
        raise ValueError(f"snapshot: optimizer.t must be a whole number >= 0, got {t!r}")
    if not isinstance(opt.get("buffers"), dict):
        raise ValueError("snapshot: optimizer.buffers must be an object")


_JSON_NAMES = {dict: "object", list: "array", int: "whole number", bool: "true or false"}


def _json_type(v):
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        type(None): "null",
        int: "a number",
        float: "a number",
    }.get(type(v), type(v).__name__)


def _start(start, shape):
    flat = np.asarray(start, dtype=np.float64)
    if flat.shape != shape or not np.isfinite(flat).all():
        raise ValueError(f"snapshot: start must be {shape[0]} finite numbers")
    return flat


def restore(cls, d):
    """JSON-able dict from take() -> a new `cls` (Session) in exactly that state."""
    if not isinstance(d, dict) or d.get("format") != FORMAT:
        raise ValueError("snapshot: not a bpcore snapshot")
    if d.get("version") != VERSION:
        raise ValueError(
            f"snapshot: version {d.get('version')!r} is not supported (this is version {VERSION})"
        )
    _check_fields(d)
    from .settings import validate
    from .stopping import Rules

    s = cls.__new__(cls)
    try:
        s.settings = validate(d["settings"])
        points = np.asarray(d["points"], dtype=np.float64)
        _check_split(len(points), d["train_idx"], d["test_idx"])
        s._build_data(
            points, split_idx=(d["train_idx"], d["test_idx"]), data_rng_state=d["rng"]["data"]
        )
        s._build_model(weights=d["weights"], biases=d["biases"])
        s.opt.load_state_dict(d["optimizer"])
        load_rng(s._rng, d["rng"]["model"])
        if s.net.drop is not None and d["rng"].get("mask") is not None:
            load_rng(s.net.drop.rng, d["rng"]["mask"])
        s.epoch = d["epoch"]
        s.diverged = d["diverged"]
        start = d.get("start")  # older snapshots: the restored weights stand for the start
        if start is not None:
            s.start_flat = _start(start, s.start_flat.shape)
        if d.get("stopping") is not None:  # older snapshots: no rule has looked yet
            s.rules = Rules.from_data(d["stopping"], len(s.net.flat))
    except KeyError as e:
        raise ValueError(f"snapshot: missing field {e}") from None
    except (TypeError, IndexError, AttributeError, ZeroDivisionError) as e:
        raise ValueError(f"snapshot: malformed ({type(e).__name__}: {e})") from None
    return s
