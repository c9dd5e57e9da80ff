"""Lenient repair beside strict validation: settings as JSON gives them -> the nearest valid
settings and one notice per change (settings.validate, by contrast, raises at the first
problem). A link's settings are read this way; so are the page's stored settings.

The rules (docs/ARCHITECTURE.md, "Reading a bad link") take their bounds, lengths and choices
from the settings table, which the page gets generated (web/domain/settings.js); the JS
repair (web/domain/link-sanitize.js) gives the same settings and notices (tests/link_vectors.json).
"""

import math
import re

from .. import settings as st
from .notices import Notices, fmt, show


def _is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _where(t, index):
    return {"field": t.name} if index is None else {"field": t.name, "index": index}


def _number(t, v, note, index=None):
    """A JSON number for an int/float setting (or one list entry) -> nearest valid, or None
    when it cannot be used (with its notice)."""
    who = _where(t, index)
    if not _is_num(v):
        note.add("expected_number", **who, got=show(v))
        return None
    x = float(v)
    if not math.isfinite(x):
        note.add("not_finite", **who, got=show(v))
        return None
    integer = t.kind in ("int", "ints")
    if integer and x != math.floor(x):
        r = float(math.floor(x + 0.5))
        note.add("not_whole", **who, got=fmt(x), value=fmt(r))
        x = r
    if x < t.lo or (t.lo_open and x == t.lo):
        if t.lo_open:
            note.add("must_be_above", **who, got=fmt(x), lo=fmt(t.lo))
            return None
        note.add("below_minimum", **who, got=fmt(x), lo=fmt(t.lo))
        x = float(t.lo)
    elif x > t.hi or (t.hi_open and x == t.hi):
        if t.hi_open:
            note.add("must_be_below", **who, got=fmt(x), hi=fmt(t.hi))
            return None
        note.add("above_maximum", **who, got=fmt(x), hi=fmt(t.hi))
        x = float(t.hi)
    return int(x) if integer else x + 0.0  # never -0.0


def _list(t, v, note):
    if not isinstance(v, list):
        note.add("expected_list", field=t.name, got=show(v))
        return None
    if len(v) > t.max_len:
        code = "too_many_layers" if t.name == "layers" else "too_many_entries"
        note.add(code, field=t.name, count=len(v), max=t.max_len)
        v = v[: t.max_len]
    out = []
    for i, item in enumerate(v):
        if t.kind in ("ints", "floats"):
            x = _number(t, item, note, i)
            if x is None:
                note.then("dropped")
            else:
                out.append(x)
        elif not isinstance(item, str) or item not in t.choices:
            note.add("not_a_choice", field=t.name, index=i, got=show(item), choices=t.choices)
            note.then("dropped")
        elif t.unique and item in out:
            note.add("appears_twice", field=t.name, index=i, got=show(item), then="dropped")
        else:
            out.append(item)
    if len(out) < t.min_len or (v and not out):
        note.add("no_entries", field=t.name)
        return None
    return out


def _one(t, v, note):
    """Nearest valid value of setting t for the JSON value v, or None (use the default)."""
    if t.kind == "choice":
        if isinstance(v, str) and v in t.choices:
            return v
        note.add("not_a_choice", field=t.name, got=show(v), choices=t.choices)
        return None
    if t.kind == "bool":
        if isinstance(v, bool):
            return v
        note.add("expected_bool", field=t.name, got=show(v))
        return None
    if t.kind in ("int", "float"):
        return _number(t, v, note)
    return _list(t, v, note)


def _js_order(obj):
    """Keys in the order JavaScript's Object.keys gives them: array-index keys first, in
    numeric order, then the rest as inserted (so both decoders list notices alike)."""
    idx = [k for k in obj if re.fullmatch(r"0|[1-9][0-9]{0,9}", k) and int(k) < 2**32 - 1]
    seen = set(idx)
    rest = [k for k in obj if k not in seen]
    return sorted(idx, key=int) + rest


def fields(raw, note):
    """A parsed JSON object -> (complete settings dict, set of names the object gave); every
    value in range; notices added to `note`. The rules between fields come later."""
    out = {
        t.name: (list(t.default) if isinstance(t.default, list) else t.default) for t in st.TABLE
    }
    given = set()
    for key in _js_order(raw):
        v = raw[key]
        t = st.SETTINGS.get(key)
        if t is None:
            note.add("unknown_setting", got=show(key))
            continue
        x = _one(t, v, note)
        if x is None:  # _one said why in one notice; say what happens instead
            note.then("default", default=t.default)
        else:
            out[key] = x
            given.add(key)
    return out, given


# field, its notice when it has more entries than layers, when it has another wrong count, and
# the name under which that notice says the first entry
PER_LAYER = (
    ("activation", "activations_kept", "activations_one", "activation"),
    ("dropout", "dropout_kept", "dropout_one", "rate"),
)


def between(out, given, note):
    """The rules between settings that settings.validate checks, fixed to the nearest."""
    if out["dataset"] != "custom":
        forced = st.problem_of(out)
        if out["problem"] != forced:
            if "problem" in given:
                note.add("dataset_problem", dataset=out["dataset"], problem=forced)
            out["problem"] = forced
    n = len(out["layers"])
    # the per-layer lists: one entry for every hidden layer, or one per layer
    for field, kept, one, name in PER_LAYER:
        items = out[field]
        if len(items) not in (1, n):
            if n and len(items) > n:
                note.add(kept, count=len(items), layers=n)
                out[field] = items[:n]
            else:
                note.add(one, count=len(items), layers=n, **{name: items[0]})
                out[field] = items[:1]
    misfit = st.loss_misfit(st.n_classes(out), out["loss"])
    if misfit is not None:
        note.add(misfit[0], **misfit[1], then="auto")
        out["loss"] = "auto"


def repair(raw):
    """Settings as JSON gives them (names -> canonical JSON values) -> (settings, notices):
    the nearest valid settings, as a link's are read (no points; a preset data set fixes
    `problem` silently, as settings.validate does). Never raises. Same as link.js's
    sanitizeSettings."""
    note = Notices()
    out, given = fields(raw if isinstance(raw, dict) else {}, note)
    given.discard("problem")
    between(out, given, note)
    return st.validate(out), note.done()
