"""Two runs in lockstep: run B is run A with some settings of its own, on A's data.

B's settings are A's with B's own values (`overrides`) for the settings a comparison may
change (COMPARE_KEYS: the network, its loss and initialisation, the optimiser and its
hyper-parameters, the batch size, the regularisation); everything else (the data, the split,
the features, the seed) is A's. B is a Session of its own, built on A's points and A's split.

Initial weights, the rule: weight layer l (counted from the input) of B starts with A's initial
W_l and b_l when B's `init` is A's and W_l has the same shape in both; every other layer keeps
what B's own seed drew. (An `init` of B's own is a comparison of initialisations: nothing is
copied then.) B's mini-batch order comes from its own model RNG (A's seed), exactly as a
separate Session with B's settings would draw it, so a lockstep run of A and B gives the
numbers of two separate runs bit for bit (tests/test_compare.py).

Lockstep: every `step` trains B as many epochs as A trained (A stops at its divergence, and B
with it; B diverging stops alone, so B's epoch is A's or less); a `reset` or a `configure`
that rebuilds A rebuilds B from the new A (with B's overrides; ones that no longer fit are
repaired to the nearest valid values); a live change of A (its learning rate...) is A's alone.
`init`/`restore` start a new run: the comparison ends.
"""

import time

import numpy as np

from .link.limits import COMPARE_KEYS
from .link.repair import repair
from .payload import fields, metrics, whole
from .session import Session
from .settings import validate


class Pair:
    """The comparison's state in the engine: run B and the settings B changes."""

    def __init__(self, b, overrides, shared):
        self.b, self.overrides, self.shared = b, overrides, shared


def b_settings(a_settings, overrides):
    """A's settings with B's overrides -> (B's settings, B's overrides as validated).
    Overrides outside COMPARE_KEYS raise ValueError; a combination settings.validate refuses
    raises its (coded) error."""
    if not isinstance(overrides, dict):
        raise ValueError(f"settings: expected a dict of B's settings, got {overrides!r}")
    bad = sorted(set(overrides) - set(COMPARE_KEYS))
    if bad:
        raise ValueError(
            f"settings: {bad[0]} is not a setting B can change; B changes {', '.join(COMPARE_KEYS)}"
        )
    s = validate({**a_settings, **overrides})
    return s, {k: s[k] for k in COMPARE_KEYS if k in overrides}


def shared_layers(a, b_sizes, b_init):
    """[bool per weight layer of B]: does it start with A's initial weights (the rule above)?"""
    a_sizes = a.net.sizes
    same_init = b_init == a.settings["init"]
    return [
        same_init
        and l + 1 < len(a_sizes)
        and (a_sizes[l], a_sizes[l + 1]) == (b_sizes[l], b_sizes[l + 1])
        for l in range(len(b_sizes) - 1)
    ]


def a_start_layers(a):
    """A's initial [W | b] per weight layer, from a.start_flat (the network's flat layout)."""
    out, start = [], 0
    for n_in, n_out in zip(a.net.sizes[:-1], a.net.sizes[1:]):
        stop = start + n_out * (n_in + 1)
        out.append(a.start_flat[start:stop].reshape(n_out, n_in + 1))
        start = stop
    return out


def build_b(a, overrides):
    """Run B for run A (a Session) -> Pair: B's own Session on A's points and split, at epoch 0,
    with A's initial weights where the rule says so."""
    settings, overrides = b_settings(a.settings, overrides)
    b = Session.__new__(Session)
    b.settings = settings
    b._build_data(a.points, split_idx=(a.train_idx, a.test_idx))
    b._build_model()
    shared = shared_layers(a, b.net.sizes, settings["init"])
    for Wb_b, Wb_a, same in zip(b.net._Wb, a_start_layers(a), shared):
        if same:
            Wb_b[...] = Wb_a
    b.start_flat = b.net.flat.copy()
    return Pair(b, overrides, shared)


def rebuilt(a, pair):
    """B again for a rebuilt (or reset) A, keeping B's overrides; ones that no longer fit A's
    new settings (a loss for another problem...) are repaired to the nearest valid value."""
    try:
        return build_b(a, pair.overrides)
    except ValueError:
        fixed, _ = repair({**a.settings, **pair.overrides})
        return build_b(a, {k: fixed[k] for k in pair.overrides})


# ------------------------------------------------------------ what the page gets


def described(pair):
    """What the page shows of B: its settings and overrides, sizes, loss, metrics, and which
    layers started with A's weights."""
    b = pair.b
    return {
        "settings": {k: list(v) if isinstance(v, list) else v for k, v in b.settings.items()},
        "overrides": dict(pair.overrides),
        "layerSizes": [int(n) for n in b.net.sizes],
        "loss": b.loss,
        "shared": list(pair.shared),
        "epoch": int(b.epoch),
        "metrics": metrics(b.metrics()),
    }


def _grid(s, size):
    return {"size": size, "output": np.ascontiguousarray(s.grid(size, False)["output"])}


# ------------------------------------------------------------ the messages


def _start(engine, payload):
    """compare {settings?}: A back to epoch 0 (its initial weights, as Reset), B built from A
    with these overrides. Again while comparing: B's new settings, both from epoch 0."""
    p = fields(payload, optional=("settings",))
    a = engine._s
    pair = build_b(a, p.get("settings") or {})  # (nothing is changed when B is refused)
    a.reset()
    engine.compare = pair
    return {"a": engine_described(a), "compare": described(pair)}


def _stop(engine, payload):
    """compareStop {}: back to one run (A as it is)."""
    fields(payload)
    engine.compare = None
    return {}


def _grid_msg(engine, payload):
    """compareGrid {size}: B's output on the map's grid (the paused map)."""
    p = fields(payload, ("size",))
    return _grid(_pair(engine).b, whole("size", p["size"], 1, 400))


def _pair(engine):
    pair = getattr(engine, "compare", None)
    if pair is None:
        raise ValueError("no comparison: send compare first")
    return pair


def engine_described(a):
    from .protocol import _described  # (protocol imports this module at its end)

    return _described(a)


def wrapped(base):
    """The handlers of `base` (protocol.HANDLERS) that B follows, wrapped: step trains B too
    (the same epochs, its time in ms.train), reset and a rebuilding configure rebuild B,
    init and restore end the comparison. Each adds `compare` (B's part) to its result."""
    base = dict(base)  # the handlers as they are now (the dict itself gets the wrappers)

    def step(engine, payload):
        pair = getattr(engine, "compare", None)
        before = engine.session.epoch if pair is not None else 0
        out = base["step"](engine, payload)
        if pair is not None:
            t0 = time.perf_counter()
            # the epochs A trained (not those asked: A stops where it diverges, or where a
            # stopping rule stops it, and B with it), so B's epoch is always A's
            m = pair.b.step(engine.session.epoch - before)
            t1 = time.perf_counter()
            size = int(payload.get("gridSize", 0) or 0)
            part = {"metrics": metrics(m)}
            if size:
                part["grid"] = _grid(pair.b, size)
            out["ms"]["train"] += (t1 - t0) * 1000
            out["ms"]["grid"] += (time.perf_counter() - t1) * 1000
            out["compare"] = part
        return out

    def follow(name):
        def handler(engine, payload):
            out = base[name](engine, payload)
            pair = getattr(engine, "compare", None)
            if pair is not None and out.get("rebuilt", True):
                engine.compare = rebuilt(engine.session, pair)
                out["compare"] = described(engine.compare)
            return out

        return handler

    def ending(name):
        def handler(engine, payload):
            out = base[name](engine, payload)
            engine.compare = None
            return out

        return handler

    return {
        "step": step,
        "reset": follow("reset"),
        "configure": follow("configure"),
        "init": ending("init"),
        "restore": ending("restore"),
    }


HANDLERS = {"compare": _start, "compareStop": _stop, "compareGrid": _grid_msg}
