"""A link's training to replay: the epochs trained and the changes made on the way.

The changes ("edits", in the order they were made) are weight edits `[epoch, layer, i, j,
value]` (j = -1: the bias i of `layer`), setting changes `[epoch, name, value]` of a setting
that changes a running session in place (`LIVE_EVENTS`: the learning rate, the optimiser...)
and steps taken on one point `[epoch, "step", index]` (the step-through's "Take the step":
one plain SGD step on point `index`, Session.sample_step).
A part of a training would replay to other numbers, so any problem drops all of it (epoch 0,
no changes) with one notice ending "the training is not replayed (epoch 0)"."""

import math

from .. import settings as st
from .limits import MAX_EDITS, MAX_EPOCH, MAX_INDEX, MAX_POINTS
from .notices import Notices, show

KEYS = ("epoch", "edits")  # the payload JSON's keys that are not settings
# the settings a change of which is replayed at its epoch: those the engine changes in place
LIVE_EVENTS = tuple(s.name for s in st.TABLE if s.live == "yes")
STEP = "step"  # [epoch, "step", index]: one SGD step on point `index` (not a setting's name)


def _is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _whole(v, lo, hi):
    return _is_num(v) and math.isfinite(v) and v == math.floor(v) and lo <= v <= hi


def valid_value(name, v):
    """Is `v` exactly a valid value of the live setting `name` (no repair: a replay with
    another value would give other numbers)?"""
    s = st.SETTINGS[name]
    if s.kind == "choice":
        return isinstance(v, str) and v in s.choices
    if s.kind == "bool":
        return isinstance(v, bool)
    if not _is_num(v) or not math.isfinite(v) or (s.kind == "int" and v != math.floor(v)):
        return False
    above = v > s.lo if s.lo_open else v >= s.lo
    below = v < s.hi if s.hi_open else v <= s.hi
    return above and below


def _edit(e, epoch):
    """One change from a link -> (code, params) of why it is unusable, or None."""
    if isinstance(e, list) and len(e) == 3 and isinstance(e[1], str):
        at, name, value = e
        if not _whole(at, 0, epoch):
            return "edit_epoch", {"got": show(at), "max": epoch}
        if name == STEP:
            ok = _whole(value, 0, MAX_POINTS - 1)
            return None if ok else ("edit_step", {"got": show(value), "max": MAX_POINTS - 1})
        if name not in LIVE_EVENTS:
            return "edit_setting", {"got": show(name)}
        if not valid_value(name, value):
            return "edit_setting_value", {"field": name, "got": show(value)}
        return None
    if not isinstance(e, list) or len(e) != 5:
        return "edit_shape", {}
    at, layer, i, j, value = e
    if not _whole(at, 0, epoch):
        return "edit_epoch", {"got": show(at), "max": epoch}
    if not (_whole(layer, 0, MAX_INDEX) and _whole(i, 0, MAX_INDEX) and _whole(j, -1, MAX_INDEX)):
        return "edit_index", {}
    if not _is_num(value) or not math.isfinite(value):
        return "edit_value", {"got": show(value)}
    return None


def _problem(epoch, edits):
    """-> (code, params) of the first problem of the training, or None."""
    if not _whole(epoch, 0, MAX_EPOCH):
        return "epoch_bad", {"got": show(epoch), "max": MAX_EPOCH}
    if not isinstance(edits, list):
        return "edits_not_list", {"got": show(edits)}
    if len(edits) > MAX_EDITS:
        return "too_many_edits", {"count": len(edits), "max": MAX_EDITS}
    last = 0
    for k, e in enumerate(edits):
        why = _edit(e, int(epoch))
        if why is None and e[0] < last:
            why = "edit_order", {}
        if why is not None:
            return why[0], {"index": k, **why[1]}
        last = e[0]
    return None


def _canonical(e):
    """A checked change as the decoders give it: whole numbers as int, values as float64
    (a setting's as its table kind: int, float or the choice's string)."""
    if len(e) == 3:
        at, name, value = e
        kind = "int" if name == STEP else st.SETTINGS[name].kind
        value = int(value) if kind == "int" else float(value) + 0.0 if kind == "float" else value
        return [int(at), name, value]
    a, b, c, d, v = e
    return [int(a), int(b), int(c), int(d), float(v) + 0.0]


def is_setting(e):
    """Is this change a setting change [epoch, name, value] (else a weight edit)?"""
    return len(e) == 3


def training(raw, note):
    """The link's training (the payload object) -> (epoch, [change, ...]); any problem drops
    all of it with one notice."""
    epoch, edits = raw.get("epoch", 0), raw.get("edits", [])
    why = _problem(epoch, edits)
    if why is not None:
        note.add(why[0], **why[1], then="not_replayed")
        return 0, []
    return int(epoch), [_canonical(e) for e in edits]


def check_training(epoch, edits):
    """-> (epoch, edits as lists) or ValueError: what encode_link accepts for the training."""
    note = Notices()
    out = training({"epoch": epoch, "edits": [list(e) for e in edits]}, note)
    if note:
        raise ValueError(note[0])
    return out
