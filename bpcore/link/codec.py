"""Encode and read a whole share link: settings, drawn points and the training so far."""

import json
from typing import NamedTuple

from .. import settings as st
from ..datasets import check_points
from .classroom import GOAL_KEY, HIDE_KEY, check_classroom, goal_part, hide_part
from .comparepart import KEY as COMPARE_KEY
from .comparepart import check_compare, compare_part
from .envelope import fragment, js_length, parse_settings, unwrap, wrap
from .labpart import KEY as LAB_KEY
from .labpart import check_lab, lab_part
from .limits import KIND_CLASSIFICATION, KIND_REGRESSION, MAX_LINK_CHARS, MAX_POINTS, MIN_POINTS
from .notices import Notices
from .points import pack_points, parse_points, point_rules
from .repair import between, fields
from .tfplay import is_tf_link, tf_notices, tf_state
from .training import KEYS, check_training, training


def _non_defaults(s):
    return {t.name: s[t.name] for t in st.TABLE if s[t.name] != t.default}


def encode_link(
    settings, points=None, epoch=0, edits=(), lab=None, compare=None, hide=(), goal=None
):
    """Settings (any form settings.validate accepts) [+ points (n, 3) for custom data]
    [+ the training: epochs trained and the weight edits made on the way] -> the fragment text
    "v2.<base64url>". Raises ValueError for invalid input.

    Preset data sets carry no points (bpcore regenerates them from the settings): `points` is
    ignored unless dataset == "custom". Points are quantised (see quantize_points).
    edits: [[epoch, layer, i, j, value], ...] in the order they were made, j = -1 for a bias
    (as the engine's setWeight); each applies once `epoch` epochs are trained.
    lab: None or {"exercise": id, "code": text, "plugged": bool} (link/labpart.py): the lab's
    exercise and its code (at most MAX_CODE_BYTES of UTF-8), plugged: the run trained with it.
    compare: None or run B's overrides {name: value} (link/comparepart.py): a comparison.
    hide, goal: the classroom's part (link/classroom.py): names of hidden controls, a goal.
    """
    s = st.validate(settings)
    epoch, edits = check_training(epoch, edits)
    part = check_lab(lab)
    b = check_compare(compare, s)
    hide, goal = check_classroom(hide, goal)
    head = _non_defaults(s)
    if epoch:
        head["epoch"] = epoch
    if edits:
        head["edits"] = edits
    if part is not None:
        head[LAB_KEY] = part
    if b is not None:
        head[COMPARE_KEY] = b
    if hide:
        head[HIDE_KEY] = hide
    if goal is not None:
        head[GOAL_KEY] = goal
    # ensure_ascii=False: the same bytes as the page's JSON.stringify (code may be any text)
    payload = json.dumps(head, separators=(",", ":"), allow_nan=False, ensure_ascii=False).encode()
    if s["dataset"] == "custom":
        if points is None:
            raise ValueError("points: dataset custom needs its points")
        pts = check_points(points, s["problem"], st.n_classes(s) or None)
        if not MIN_POINTS <= len(pts) <= MAX_POINTS:
            raise ValueError(
                f"points: a link holds {MIN_POINTS}..{MAX_POINTS} points, got {len(pts)}"
            )
        kind = KIND_REGRESSION if s["problem"] == "regression" else KIND_CLASSIFICATION
        payload += b"\x00" + pack_points(pts, kind)
    return wrap(payload)


def _decode_tf(frag, note):
    """A TensorFlow Playground state (tfplay.py) -> the same as _decode: its settings, read
    by the same repair as ours; no points, no training, no lab."""
    raw, hide, ignored, problem = tf_state(frag)
    tf_notices(note, ignored, problem)
    out, given = fields(raw, note)
    between(out, given, note)
    return st.validate(out), None, (0, []), None, None, (hide, None)


def _decode(text, note):
    """-> (settings, points | None, (epoch, edits), lab | None, compare | None, (hide, goal));
    notices added to `note`."""
    frag = fragment(text) if isinstance(text, str) else ""
    if is_tf_link(frag) and js_length(frag) <= MAX_LINK_CHARS:
        return _decode_tf(frag, note)
    payload = unwrap(text, note)
    if payload is None:  # no link (the plain page), or one that cannot be used at all
        return st.validate({}), None, (0, []), None, None, ([], None)
    head, sep, block = payload.partition(b"\x00")
    raw = parse_settings(head, note)
    lab, trained = lab_part(raw, training(raw, note), note)
    room = hide_part(raw, note), goal_part(raw, note)
    # the payload's keys that are not A's settings
    own = (*KEYS, LAB_KEY, COMPARE_KEY, HIDE_KEY, GOAL_KEY)
    out, given = fields({k: v for k, v in raw.items() if k not in own}, note)
    parsed = parse_points(block, note) if sep and out["dataset"] == "custom" else None
    points = point_rules(out, given, parsed, bool(sep), note)
    between(out, given, note)
    s = st.validate(out)
    return s, points, trained, lab, compare_part(raw, s, note), room


class Link(NamedTuple):
    """A decoded share link: the state to start from and the training to replay."""

    settings: dict  # complete and valid (settings.validate accepts it)
    points: object  # (n, 3) float64 for custom data, else None
    epoch: int  # epochs to train once the session starts (0: none)
    edits: list  # [[epoch, layer, i, j, value], ...] to apply on the way, in order
    notices: list  # Notice: English text with .code and .params, one per thing ignored or changed
    lab: object = None  # {"exercise", "code", "plugged": bool} | None: never run by the decoder
    compare: object = None  # run B's overrides {name: value} | None: no comparison
    hide: tuple = ()  # the controls a classroom link hides (link/classroom.py names)
    goal: object = None  # {"metric", "target"[, "neurons"]} | None: the class's goal


def read_link(text):
    """A share link -> Link (settings, points, epoch, edits, notices). Never raises: bad input
    gives the nearest valid state; a training that cannot be replayed exactly is dropped
    (epoch 0, no edits) with a notice, never replayed in part."""
    note = Notices()
    try:
        settings, points, (epoch, edits), lab, compare, (hide, goal) = _decode(text, note)
    except Exception as exc:  # a bug, not the link's fault; still never break the page
        note.add("internal", name=type(exc).__name__, then="defaults")
        settings, points, epoch, edits, lab = st.validate({}), None, 0, [], None
        compare, hide, goal = None, [], None
    return Link(settings, points, epoch, edits, note.done(), lab, compare, hide, goal)


def decode_link(text):
    """A share link (full URL, "#v2...." fragment or bare "v2....", or v1) -> (settings, points,
    notices). settings: complete and valid (settings.validate accepts it); points: (n, 3)
    float64 for custom data, else None; notices: one per thing ignored or changed (empty for a
    clean link). Never raises: bad input gives the nearest valid state.
    """
    r = read_link(text)
    return r.settings, r.points, r.notices
