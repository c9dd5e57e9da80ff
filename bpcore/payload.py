"""Reading a worker message's payload and writing its metrics: the helpers every handler
module shares (bpcore/protocol.py and the feature modules whose handlers it adds)."""

import numpy as np

from .datasets import as_points
from .errors import CodedError


def camel(name):
    """loss_train -> lossTrain."""
    head, *rest = name.split("_")
    return head + "".join(w.capitalize() for w in rest)


def fields(payload, required=(), optional=()):
    """payload (dict or None) -> payload, checking for missing and unknown keys."""
    payload = {} if payload is None else payload
    if not isinstance(payload, dict):
        raise ValueError(f"payload: expected an object, got {type(payload).__name__}")
    missing = [k for k in required if k not in payload]
    if missing:
        raise ValueError(f"{missing[0]}: missing from the payload")
    unknown = sorted(set(payload) - set(required) - set(optional))
    if unknown:
        known = ", ".join((*required, *optional)) or "nothing"
        raise ValueError(f"{unknown[0]}: unknown payload field; expected {known}")
    return payload


def whole(name, value, lo, hi):
    """A whole number in lo..hi (JS sends 3 or 3.0), else ValueError naming `name`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise CodedError(
            "whole", f"{name}: expected a whole number, got {value!r}", field=name, got=value
        )
    if not lo <= value <= hi:
        raise CodedError(
            "range",
            f"{name}: must be in {lo}..{hi}, got {value!r}",
            field=name,
            got=value,
            lo=lo,
            hi=hi,
        )
    return int(value)


def points(points):
    """[[x1, x2, label], ...] -> float64 (n, 3) (Session checks the labels)."""
    if points is None:
        return None
    try:
        return as_points(points, allow_empty=True)
    except ValueError as e:
        msg = f"points: {str(e).removeprefix('points ')}"
        if isinstance(e, CodedError):  # the code travels on (the page says it)
            raise CodedError(e.code, msg, **e.params) from None
        raise ValueError(msg) from None


def metrics(m):
    # None stays None: a set with no test points has no test loss
    return {
        camel(k): (
            None
            if v is None
            else bool(v)
            if isinstance(v, (bool, np.bool_))
            else int(v)
            if k == "epoch"
            else float(v)
        )
        for k, v in m.items()
    }
