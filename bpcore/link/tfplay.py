"""TensorFlow Playground links, read as ours (issue 24).

TF Playground keeps its state in the address's fragment as `key=value` pairs joined by `&`,
values not URL-encoded (its src/state.ts). This module turns such a fragment into raw settings
under our names, which the link's lenient repair then reads like any link's (so a bad value gets
the same notice as in one of ours), plus the names of the controls the link hides (`<name>_hide`).
web/domain/link-tf.js is its twin; tests/tf_link_vectors.json holds both to the same results.
The mapping is documented in docs/ARCHITECTURE.md, "TensorFlow Playground links".

TF's own rules kept here: a key without `=` is ignored; a later key replaces an earlier one;
a boolean is true for any value but "false"; a missing key takes TF's default (which is ours,
except the features: x and y on unless the link turns them off). What has no equivalent here is
named in one notice; so is the loss, which is not TF's (cross-entropy with a sigmoid or softmax
output here, squared error with a tanh output there), so no one expects the same curves.
"""

import re
import zlib

from .. import settings as st
from .classroom import HIDEABLE, TF_TEXT

FEATURES = {  # TF's input -> ours, in our table's order
    "x": "x1",
    "y": "x2",
    "xSquared": "x1sq",
    "ySquared": "x2sq",
    "xTimesY": "x1x2",
    "sinX": "sinx1",
    "sinY": "sinx2",
}
DATASETS = {"circle": "circle", "xor": "xor", "gauss": "gaussian", "spiral": "spiral"}
REG_DATASETS = {"reg-plane": "plane", "reg-gauss": "multigauss"}
REGULARIZATION = {"none": "none", "L1": "l1", "L2": "l2"}
NUMBERS = {  # TF's numeric key -> our setting
    "learningRate": "lr",
    "regularizationRate": "reg_rate",
    "batchSize": "batch_size",
    "noise": "noise",
    "percTrainData": "train_ratio",
}
BOOLS = {"showTestData": "show_test", "discretize": "discretize"}
OWN = {  # keys read below, besides the tables above
    "activation",
    "regularization",
    "dataset",
    "regDataset",
    "problem",
    "networkShape",
    "seed",
    "initZero",
    "hideText",
}
NO_EQUIVALENT = ("collectStats", "tutorial", "cosX", "cosY")
KNOWN = {*FEATURES, *NUMBERS, *BOOLS, *OWN, *NO_EQUIVALENT}
HIDE_SUFFIX = "_hide"
INIT, INIT_ZERO = "tf_playground", "zeros"  # TF's weights: uniform +-0.5, biases 0.1 (or all 0)
_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*=")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
MAX_NAMED = 12  # keys named in the notice, at most (then "…")
SHOWN = 20  # characters of an ignored value shown


ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")


def exported():
    """The mapping as data, for the page's twin (web/domain/settings.js `TF_LINK`)."""
    return {
        "features": FEATURES,
        "datasets": DATASETS,
        "regDatasets": REG_DATASETS,
        "regularization": REGULARIZATION,
        "numbers": NUMBERS,
        "bools": BOOLS,
        "activations": list(ACTIVATIONS),
        "known": sorted(KNOWN),
        "noEquivalent": list(NO_EQUIVALENT),
        "hideSuffix": HIDE_SUFFIX,
        "init": INIT,
        "initZero": INIT_ZERO,
        "maxNamed": MAX_NAMED,
        "maxShown": SHOWN,
    }


def is_tf_link(frag):
    """Is this fragment (the text after '#') a TF Playground state rather than one of ours?"""
    return bool(_KEY.match(frag))


def pairs(frag):
    """'a=1&b=2' -> {'a': '1', 'b': '2'}: TF's reading (a key without '=' is ignored, a value
    ends at a second '=', a later key wins)."""
    out = {}
    for part in frag.split("&"):
        if "=" in part:
            name, value = part.split("=")[:2]
            out[name] = value
    return out


def _number(text):
    """TF reads numbers with JavaScript's unary +; we take plain decimals only, and pass
    anything else on as text, so the repair names it ("expected a number, got ...")."""
    return float(text) if _NUMBER.fullmatch(text.strip(" \t\n\r\f\v")) else text


def _true(text):
    return text != "false"


def seed_of(text):
    """TF's seed is any string (it seeds Math.random); ours a whole number 0..2**31-1: a
    decimal in range is itself, any other string its CRC-32's low 31 bits."""
    if re.fullmatch(r"[0-9]{1,10}", text) and int(text) <= st.SEED_MAX:
        return int(text)
    # as the page's TextEncoder: a lone surrogate is U+FFFD
    whole = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return zlib.crc32(whole.encode("utf-8")) & st.SEED_MAX


def _shown(key, value):
    return f"{key}={value if len(value) <= SHOWN else value[:SHOWN] + '…'}"


def tf_state(frag):
    """A TF fragment -> (raw settings by our names, the controls it hides (link/classroom.py
    names, in their order), what it holds in vain (keys, or key=value for a value TF would
    ignore too), the problem)."""
    kv = pairs(frag)
    raw, ignored = {}, []

    def choice(key, table):
        """TF keeps its default for an unknown value: so do we, and say so."""
        if key in kv and kv[key] not in table:
            ignored.append(_shown(key, kv[key]))
        return table.get(kv.get(key))

    problem = choice("problem", {"classification": "classification", "regression": "regression"})
    regression = problem == "regression"
    if act := choice("activation", {a: a for a in ("relu", "tanh", "sigmoid", "linear")}):
        raw["activation"] = [act]
    if (reg := choice("regularization", REGULARIZATION)) is not None:
        raw["reg"] = reg
    data = choice("regDataset", REG_DATASETS) if regression else choice("dataset", DATASETS)
    raw["dataset"] = data or ("plane" if regression else "circle")
    for tf, ours in NUMBERS.items():
        if tf in kv:
            raw[ours] = _number(kv[tf])
    for tf, ours in BOOLS.items():
        if tf in kv:
            raw[ours] = _true(kv[tf])
    if "networkShape" in kv:
        shape = kv["networkShape"]
        raw["layers"] = [] if shape == "" else [_number(n) for n in shape.split(",")]
    if "seed" in kv:
        raw["seed"] = raw["data_seed"] = seed_of(kv["seed"])
    raw["init"] = INIT_ZERO if _true(kv.get("initZero", "false")) else INIT
    on = {tf: _true(kv[tf]) if tf in kv else tf in ("x", "y") for tf in FEATURES}
    raw["features"] = [ours for tf, ours in FEATURES.items() if on[tf]]
    hidden = {TF_TEXT} if _true(kv.get("hideText", "false")) else set()
    for k, v in kv.items():
        name = k[: -len(HIDE_SUFFIX)] if k.endswith(HIDE_SUFFIX) else None
        if k in NO_EQUIVALENT:
            vain = _true(v) and v != ""
        elif name is not None:  # TF hides `.ui-<name>`, and nothing for a name it lacks
            vain = _true(v) and name not in HIDEABLE
            if _true(v) and name in HIDEABLE:
                hidden.add(name)
        else:
            vain = k not in KNOWN
        if vain:
            ignored.append(k)
    hide = [h for h in HIDEABLE if h in hidden]
    return raw, hide, ignored, "regression" if regression else "classification"


def tf_notices(note, ignored, problem):
    """The one notice of a TF link (its loss), then the one naming what it holds in vain."""
    note.add("tf_link" if problem == "classification" else "tf_link_regression")
    if ignored:
        shown = ignored[:MAX_NAMED] + (["…"] if len(ignored) > MAX_NAMED else [])
        note.add("tf_ignored", keys=", ".join(shown))
