"""A link's comparison: run B's own settings beside run A's (bpcore/compare.py).

In the payload JSON it is the key "compare": {name: value, ...} with B's overrides, only
settings of COMPARE_KEYS (limits.py), each exactly a valid value, written in COMPARE_KEYS order
with canonical values; `{}` is a B that is A's clone. B trains in lockstep with A: it has no
training of its own in the link (A's epoch is B's; A's changes on the way are A's alone).
A part that cannot be used is dropped whole with one notice ending "run B is not compared"
(then: no_compare): a B with another setting would be another run. A's part of the link
(its settings, points and training) stays as it is either way."""

from .. import settings as st
from .limits import COMPARE_KEYS
from .notices import Notices, show
from .repair import _js_order, between, fields

KEY = "compare"


def problem(part, a_settings):
    """The payload's compare part against A's (valid) settings -> (code, params) of why it is
    unusable, or None."""
    if not isinstance(part, dict):
        return "compare_not_object", {"got": show(part)}
    for key in _js_order(part):
        if key not in COMPARE_KEYS:
            return "compare_setting", {"got": show(key)}
        note = Notices()
        out, _ = fields({key: part[key]}, note)
        if note or out[key] != part[key]:
            return "compare_value", {"field": key, "got": show(part[key])}
    merged = {**a_settings, **part}
    note = Notices()
    between(merged, set(part), note)
    if note:
        return "compare_fit", {}
    return None


def canonical(part, a_settings):
    """B's overrides in COMPARE_KEYS order, each as settings.validate gives it."""
    s = st.validate({**a_settings, **part})
    return {k: s[k] for k in COMPARE_KEYS if k in part}


def compare_part(raw, a_settings, note):
    """The payload object's compare part -> B's overrides {name: value} or None (no part, or
    an unusable one: dropped with one notice)."""
    if KEY not in raw:
        return None
    why = problem(raw[KEY], a_settings)
    if why is not None:
        note.add(why[0], **why[1], then="no_compare")
        return None
    return canonical(raw[KEY], a_settings)


def check_compare(part, a_settings):
    """-> the part as the payload holds it, or ValueError: what encode_link accepts."""
    if part is None:
        return None
    why = problem(part, a_settings)
    if why is not None:
        raise ValueError(f"compare: {why[0]} {why[1]}")
    return canonical(part, a_settings)
