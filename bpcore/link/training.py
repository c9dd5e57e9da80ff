"""A link's training to replay: the epochs trained and the weight edits made on the way.

A part of a training would replay to other numbers, so any problem drops all of it (epoch 0,
no edits) with one notice ending "the training is not replayed (epoch 0)"."""

import math

from .limits import MAX_EDITS, MAX_EPOCH, MAX_INDEX
from .notices import Notices, show

KEYS = ("epoch", "edits")  # the payload JSON's keys that are not settings


def _is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _whole(v, lo, hi):
    return _is_num(v) and math.isfinite(v) and v == math.floor(v) and lo <= v <= hi


def _edit(e, epoch):
    """One edit from a link -> (code, params) of why it is unusable, or None."""
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


def training(raw, note):
    """The link's training (the payload object) -> (epoch, [[epoch, layer, i, j, value], ...]);
    any problem drops all of it with one notice."""
    epoch, edits = raw.get("epoch", 0), raw.get("edits", [])
    why = _problem(epoch, edits)
    if why is not None:
        note.add(why[0], **why[1], then="not_replayed")
        return 0, []
    out = [[int(a), int(b), int(c), int(d), float(v) + 0.0] for a, b, c, d, v in edits]
    return int(epoch), out


def check_training(epoch, edits):
    """-> (epoch, edits as lists) or ValueError: what encode_link accepts for the training."""
    note = Notices()
    out = training({"epoch": epoch, "edits": [list(e) for e in edits]}, note)
    if note:
        raise ValueError(note[0])
    return out
