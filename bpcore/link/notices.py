"""What a decoder says about a link: notices as `{code, params}`, like settings errors.

A `Notice` is a `str` (its English text, as the CLI prints it) that also carries a stable
`code` and JSON-able `params`; the page says the same `{code, params}` in its own language
(web/domain/link-notices.js, keys `link.<code>` and `link.then_<then>` of the catalogues).
The JS decoder gives the very same codes and params (tests/link_vectors.json).

params: `then` (optional) says what the decoder did instead: "defaults" (the whole link is
unusable), "not_replayed" (the training is dropped), "default" (the setting's `default` is
used), "dropped" (a list entry), "auto" (the loss). A setting's notice names it by `field`
(and `index` for a list entry). `got` is the link's value as shown: a quoted, shortened
string, a number as JavaScript's String() writes it, "null"/"true"/"false", or
{"list": n} / {"object": 0} for a list or an object.
"""

import math
from decimal import Decimal

from .. import settings as st
from .limits import MAX_NOTICES, MAX_SHOWN

# English, one sentence part per code: the CLI's words (the page has its own catalogue).
TEXT = {
    # the link as a whole (then: defaults)
    "not_text": "the link is not text ({type})",
    "too_long": "the link is too long ({length} characters, at most {max})",
    "not_a_link": "this is not a BP Playground share link",
    "format": "the link has format {format}, this page reads {first} and {last}",
    "not_base64": "the link is damaged (not base64url text)",
    "checksum": "the link is damaged (its checksum does not match: a character was changed, "
    "added or lost)",
    "too_big": "the link inflates to more than {max} bytes",
    "not_deflate": "the link is damaged (its data does not inflate)",
    "internal": "the link could not be read (internal error: {name})",
    "settings_unreadable": "settings: unreadable",
    "settings_not_object": "settings: not a JSON object",
    # a TensorFlow Playground link (link/tfplay.py)
    "tf_link": "This is a TensorFlow Playground link: opened here with cross-entropy loss and "
    "a sigmoid or softmax output, where TF Playground uses squared error with a tanh output, "
    "so the curves differ.",
    "tf_link_regression": "This is a TensorFlow Playground link: opened here (the same "
    "squared error; other random draws, so other numbers).",
    "tf_ignored": "{keys}: no equivalent here; ignored",
    # the classroom's part (then: dropped)
    "hide_not_list": "hide: expected a list of controls, got {got}",
    "hide_unknown": "hide[{index}]: {got} is not a control a link can hide",
    "goal_bad": "goal: {got} is not a goal this page can track",
    # the training (then: not_replayed)
    "epoch_bad": "epoch: {got} is not a whole number 0..{max}",
    "edits_not_list": "edits: expected a list, got {got}",
    "too_many_edits": "edits: {count} changes (weight edits and settings) is more than the "
    "maximum {max}",
    "edit_shape": "edits[{index}]: expected [epoch, layer, i, j, value] or [epoch, setting, value]",
    "edit_epoch": "edits[{index}]: its epoch {got} is not a whole number 0..{max}",
    "edit_index": "edits[{index}]: layer, i and j must be whole numbers (j = -1 for a bias)",
    "edit_value": "edits[{index}]: the value {got} is not a finite number",
    "edit_order": "edits[{index}]: the edits are not in the order of their epochs",
    "edit_setting": "edits[{index}]: {got} is not a setting that changes during training",
    "edit_setting_value": "edits[{index}]: {got} is not a valid value of {field}",
    "edit_step": "edits[{index}]: the point {got} of a step is not a whole number 0..{max}",
    # the lab's code (then: no_code, or not_replayed when the link has a training)
    "lab_not_object": "lab: expected an object, got {got}",
    "lab_exercise": "lab: {got} is not an exercise of the lab",
    "lab_code": "lab: the code {got} is not text",
    "lab_code_text": "lab: the code is not well-formed text (a lone surrogate)",
    "lab_code_long": "lab: the code is {bytes} bytes, more than the {max} a link holds",
    "lab_plugged": "lab: plugged {got} is not true or false for {exercise}",
    # run B of a comparison (then: no_compare)
    "compare_not_object": "compare: expected an object of run B's settings, got {got}",
    "compare_setting": "compare: {got} is not a setting run B can change",
    "compare_value": "compare: {got} is not a valid value of {field}",
    "compare_fit": "compare: run B's settings do not fit together with run A's",
    # the points
    "points_truncated": "points: the point data is truncated; ignored",
    "points_kind": "points: unknown kind {kind}; ignored",
    "points_short": "points: the data of {count} points is truncated; ignored",
    "points_extra": "points: {count} extra bytes after the points ignored",
    "points_too_many": "points: {count} points is more than the maximum {max}; "
    "kept the first {max}",
    "points_bad_class": "points: dropped {count} points whose class is not 0..{max}",
    "points_few_classes": "points: {count} usable points of fewer than {classes} classes are not "
    "enough to train on",
    "points_too_few": "points: {count} usable points are not enough to train on",
    "points_problem": "problem: the points are {problem} data; using {problem}",
    "points_classes": "classes: the points have {count} classes; using {count}",
    "custom_needs_points": "dataset: custom data needs usable points; using {dataset}",
    "points_ignored": "points: ignored; the {dataset} data set makes its own points",
    # rules between settings
    "dataset_problem": "problem: {dataset} is a {problem} data set; using {problem}",
    "activations_kept": "activation: {count} activations for {layers} hidden layers; "
    "kept the first {layers}",
    "activations_one": "activation: {count} activations for {layers} hidden layers; "
    "using {activation} for every layer",
    "dropout_kept": "dropout: {count} rates for {layers} hidden layers; kept the first {layers}",
    "dropout_one": "dropout: {count} rates for {layers} hidden layers; "
    "using {rate} for every layer",
    **st.MISFIT_TEXT,  # the loss against the problem: the words of settings errors
    # one setting ({name}: its name, or name[index] for a list entry)
    "expected_number": "{name}: expected a number, got {got}",
    "not_finite": "{name}: {got} is not a finite number",
    "not_whole": "{name}: {got} is not a whole number; using {value}",
    "must_be_above": "{name}: {got} must be above {lo}",
    "below_minimum": "{name}: {got} is below the minimum {lo}; using {lo}",
    "must_be_below": "{name}: {got} must be below {hi}",
    "above_maximum": "{name}: {got} is above the maximum {hi}; using {hi}",
    "expected_list": "{name}: expected a list, got {got}",
    "too_many_layers": "{name}: {count} hidden layers is more than the maximum {max}; "
    "kept the first {max}",
    "too_many_entries": "{name}: {count} entries is more than the maximum {max}; "
    "kept the first {max}",
    "not_a_choice": "{name}: {got} is not one of {choices}",
    "appears_twice": "{name}: {got} appears twice",
    "no_entries": "{name}: no usable entries",
    "expected_bool": "{name}: expected true or false, got {got}",
    "unknown_setting": "unknown setting {got} ignored",
    "more_problems": "… and {count} more problems",
}

# What the decoder did instead (params["then"]), as the English ending.
THEN = {
    "defaults": "using the defaults",
    "not_replayed": "the training is not replayed (epoch 0)",
    "default": "using the default {default}",
    "dropped": "dropped",
    "auto": "using auto",
    "no_code": "the link's code is not used",
    "no_compare": "run B is not compared (one run)",
}
FALLBACK = THEN["defaults"]  # ends the English of every notice of an unusable link


# ---------------------------------------------------------------- values as shown


def fmt(x):
    """A number as JavaScript's String(x) prints it, so both decoders' notices are equal."""
    x = float(x)
    if not math.isfinite(x):
        return "NaN" if x != x else "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    _, digs, exp = Decimal(repr(abs(x))).normalize().as_tuple()
    d, k = "".join(map(str, digs)), len(digs)
    n = k + exp  # x = 0.d * 10**n
    if k <= n <= 21:
        s = d + "0" * (n - k)
    elif 0 < n <= 21:
        s = d[:n] + "." + d[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * -n + d
    else:
        s = d[0] + ("." + d[1:] if k > 1 else "") + f"e{'+' if n > 0 else '-'}{abs(n - 1)}"
    return ("-" if x < 0 else "") + s


def show(v):
    """A value from a link as a notice's `got` (never executed or parsed)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return fmt(v)
    if isinstance(v, str):
        return '"' + v[:MAX_SHOWN] + ("…" if len(v) > MAX_SHOWN else "") + '"'
    if isinstance(v, list):
        return {"list": len(v)}
    return {"object": 0}


def _english(v):
    """A param in the English text."""
    if isinstance(v, dict):
        if "list" in v:
            return f"a list of {v['list']} {'entry' if v['list'] == 1 else 'entries'}"
        return "an object"
    if isinstance(v, list):
        return ", ".join(map(str, v))
    if isinstance(v, float):
        return fmt(v)
    return str(v)


def _default_text(d):
    if isinstance(d, list):
        return ",".join(fmt(x) if isinstance(x, (int, float)) else str(x) for x in d) or "none"
    if isinstance(d, bool) or d is None:
        return show(d)
    return fmt(d) if isinstance(d, (int, float)) else str(d)


# ---------------------------------------------------------------- notices


def english(code, params):
    """The CLI's words for a notice."""
    p = {k: _english(v) for k, v in params.items()}
    if "field" in params:
        p["name"] = params["field"] + (f"[{params['index']}]" if "index" in params else "")
    if code == "format":
        p["first"], p["last"] = ", ".join(params["reads"][:-1]), params["reads"][-1]
    text = TEXT[code].format(**p)
    then = params.get("then")
    if then:
        end = THEN[then]
        if then == "default":
            end = end.format(default=_default_text(params["default"]))
        text += "; " + end
    return text


class Notice(str):
    """A notice: its English text (str), with `code` and `params` for the page."""

    code: str
    params: dict

    def __new__(cls, code, **params):
        params = {k: list(v) if isinstance(v, (list, tuple)) else v for k, v in params.items()}
        self = super().__new__(cls, english(code, params))
        self.code, self.params = code, params
        return self

    def as_data(self):
        """{code, params}: what the page (and tests/link_vectors.json) gets."""
        return {"code": self.code, "params": dict(self.params)}


class Notices(list):
    """The notices of one decode: `add` one, `done` caps them at MAX_NOTICES."""

    def add(self, code, **params):
        self.append(Notice(code, **params))

    def then(self, then, **params):
        """The last notice, now ending in what the decoder did instead."""
        last = self[-1]
        self[-1] = Notice(last.code, **last.params, then=then, **params)

    def done(self):
        if len(self) <= MAX_NOTICES:
            return list(self)
        more = Notice("more_problems", count=len(self) - MAX_NOTICES + 1)
        return self[: MAX_NOTICES - 1] + [more]


def fell_back(notices):
    """The notices of a decode saying the link could not be used at all."""
    return [n for n in notices if getattr(n, "params", {}).get("then") == "defaults"]
