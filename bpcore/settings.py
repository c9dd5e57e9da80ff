"""Every setting of the playground in one declarative table, and its validation.

The table is data: the CLI builds its flags from it, the share link serialises by it, and
`validate` checks a dict against it. Adding a hyper-parameter is one row here (plus the code
that uses it).

Kinds: "choice" (one of `choices`), "choices" (a list of them), "int", "ints" (a list of ints),
"float", "floats" (a list of floats), "bool". Numeric bounds are `lo`/`hi`, inclusive unless
`lo_open`/`hi_open`; list lengths are `min_len`/`max_len`. `live`: "yes" (applied to a running
session in place), "no" (changing it rebuilds the session), "view" (only the page looks at it).
"""

import math
from typing import NamedTuple

from .errors import CodedError

SEED_MAX = 2**31 - 1


class Setting(NamedTuple):
    name: str
    kind: str
    default: object
    help: str
    choices: tuple = ()
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    min_len: int = 0
    max_len: int = 0
    unique: bool = False  # lists: no entry twice
    live: str = "no"


DATASETS = tuple(
    "circle xor gaussian spiral moons blobs plane multigauss article and_gate custom".split()
)
REGRESSION_DATASETS = ("plane", "multigauss")
MULTICLASS_DATASETS = ("blobs", "custom")  # the ones whose class count is the `classes` setting
FEATURES = ("x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2")
ACTIVATIONS = tuple("sigmoid tanh relu leaky_relu elu softplus silu gelu sine linear".split())
# uniform U(-0.5, 0.5), glorot (Glorot/Xavier uniform), he (normal): their meaning of old links
INITS = ("uniform", "tf_playground", "glorot", "glorot_normal", "he", "zeros")
LOSSES = ("auto", "bce", "softmax_ce", "mse")

_DROPOUT = "dropout rate of the hidden layers (inverted dropout, in training steps only): one "
_DROPOUT += "rate for every hidden layer, or one per layer, comma separated"
_INIT = "weight initialisation: uniform +-0.5; tf_playground the same with biases 0.1; glorot "
_INIT += "(uniform) and glorot_normal: Var 2/(n_in+n_out); he (normal): Var 2/n_in; zeros"
_DECAY = {"lo": 0, "hi": 1, "hi_open": True, "live": "yes"}  # momentum, beta1, beta2: [0, 1)
_RULE = {"lo": 0, "live": "yes"}  # the stopping rules' numbers: 0 is off

TABLE = (
    Setting(
        "dataset",
        "choice",
        "circle",
        "data set; article and and_gate are the seed article's examples (all points "
        "train); custom = your own points (--data)",
        choices=DATASETS,
    ),
    Setting(
        "problem",
        "choice",
        "classification",
        "classification or regression; plane and multigauss are regression, the other "
        "preset sets classification, custom data may be either",
        choices=("classification", "regression"),
    ),
    Setting("classes", "int", 3, "number of classes of blobs and of custom data", lo=2, hi=5),
    Setting("noise", "int", 0, "noise in percent", lo=0, hi=50),
    Setting("n_points", "int", 500, "number of points of a preset data set", lo=10, hi=2000),
    Setting("train_ratio", "int", 50, "percentage of the points used for training", lo=10, hi=90),
    Setting(
        "data_seed", "int", 1, "seed of the data set and of the train/test split", lo=0, hi=SEED_MAX
    ),
    Setting(
        "features",
        "choices",
        ["x1", "x2"],
        "input features, comma separated, no repeats",
        choices=FEATURES,
        min_len=1,
        max_len=len(FEATURES),
        unique=True,
    ),
    Setting(
        "layers",
        "ints",
        [4, 2],
        "neurons per hidden layer, comma separated (empty: no hidden layer)",
        lo=1,
        hi=64,
        max_len=10,
    ),
    Setting(
        "activation",
        "choices",
        ["tanh"],
        "hidden activation: one name for every hidden layer, or one per layer, comma separated",
        choices=ACTIVATIONS,
        min_len=1,
        max_len=10,
    ),
    Setting("dropout", "floats", [0.0], _DROPOUT, lo=0, hi=0.9, min_len=1, max_len=10),
    Setting(
        "loss",
        "choice",
        "auto",
        "loss; auto: bce for 2 classes, softmax_ce for more, mse for regression",
        choices=LOSSES,
    ),
    Setting("init", "choice", "uniform", _INIT, choices=INITS),
    Setting(
        "seed",
        "int",
        1,
        "seed of the initial weights and of the mini-batch order",
        lo=0,
        hi=SEED_MAX,
    ),
    Setting(
        "optimizer", "choice", "sgd", "optimiser", choices=("sgd", "momentum", "adam"), live="yes"
    ),
    Setting("lr", "float", 0.03, "learning rate", lo=0, hi=10, lo_open=True, live="yes"),
    Setting("momentum", "float", 0.9, "momentum (optimizer momentum)", **_DECAY),
    Setting("beta1", "float", 0.9, "Adam's decay of the mean gradient", **_DECAY),
    Setting("beta2", "float", 0.999, "Adam's decay of the mean squared gradient", **_DECAY),
    Setting(
        "batch_size",
        "int",
        10,
        "mini-batch size (clipped to the training-set size; the last batch may be smaller)",
        lo=1,
        hi=10000,
        live="yes",
    ),
    Setting(
        "reg",
        "choice",
        "none",
        "regularisation of the weights (not the biases)",
        choices=("none", "l1", "l2"),
        live="yes",
    ),
    Setting("reg_rate", "float", 0.0, "regularisation rate", lo=0, hi=10, live="yes"),
    # stopping rules (bpcore/stopping.py); no test set: the loss rules watch the training loss
    Setting("stop_at", "int", 0, "stop at this epoch (0: off)", hi=1_000_000, **_RULE),
    Setting("stop_loss", "float", 0.0, "stop at a test loss <= this (0: off)", hi=100, **_RULE),
    Setting("patience", "int", 0, "stop after N epochs with no lower test loss", hi=99999, **_RULE),
    Setting("restore_best", "bool", False, "patience's stop restores the best weights", live="yes"),
    Setting("show_test", "bool", False, "show the test points (page only)", live="view"),
    Setting("discretize", "bool", False, "discretize the output heatmap (page only)", live="view"),
)
SETTINGS = {s.name: s for s in TABLE}
DEFAULTS = {s.name: s.default for s in TABLE}
LIVE = frozenset(s.name for s in TABLE if s.live != "no")


# ---------------------------------------------------------------- coercion, one kind each


def _fail(s, why, value, code, **params):
    """Raise the field's error: English text for the CLI, `code` and params for the page."""
    raise CodedError(code, f"{s.name}: {why}, got {value!r}", field=s.name, got=value, **params)


def _num_text(x):
    return str(int(x)) if x == int(x) else repr(x)


def range_text(s):
    """The allowed range of a numeric row: "1..64" (ints) or "(0, 10]" (floats)."""
    lo, hi = _num_text(s.lo), _num_text(s.hi)
    if s.kind in ("int", "ints"):
        return f"{lo}..{hi}"
    return f"{'(' if s.lo_open else '['}{lo}, {hi}{')' if s.hi_open else ']'}"


def _number(s, value, integer, index=None):
    """value (number or numeric string) -> float, or int when `integer`; bounds checked.
    `index`: the entry's position (from 0) in a list setting (the page says "layer 2")."""
    where = {} if index is None else {"index": index}
    if isinstance(value, bool):
        _fail(s, "expected a number, not true/false", value, "number", **where)
    x = value
    if isinstance(x, str):
        try:
            x = float(x.strip())
        except ValueError:
            _fail(s, "expected a number", value, "number", **where)
    try:
        x = float(x)
    except (TypeError, ValueError):
        _fail(s, "expected a number", value, "number", **where)
    if not math.isfinite(x):
        _fail(s, "must be a finite number", value, "finite", **where)
    if integer:
        if x != int(x):
            _fail(s, "must be a whole number", value, "whole", **where)
        x = int(x)
    lo_bad = x <= s.lo if s.lo_open else x < s.lo
    hi_bad = x >= s.hi if s.hi_open else x > s.hi
    if lo_bad or hi_bad:
        what = "" if index is None else "each entry "
        bounds = {"lo": s.lo, "hi": s.hi, "lo_open": s.lo_open, "hi_open": s.hi_open}
        if s.name == "layers":  # the page says "hidden layer 2 must have 1..64 neurons"
            _fail(
                s,
                f"{what}must be in {range_text(s)}",
                value,
                "layer_size",
                layer=index + 1,
                **bounds,
            )
        _fail(s, f"{what}must be in {range_text(s)}", value, "range", **bounds, **where)
    return x


def _choice(s, value):
    if not isinstance(value, str) or value.strip().lower() not in s.choices:
        _fail(
            s,
            f"unknown value; choose one of {', '.join(s.choices)}",
            value,
            "choice",
            choices=s.choices,
        )
    return value.strip().lower()


def _items(s, value):
    """'a,b' | 'a b' | [a, b] -> list of raw items."""
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split()]
    if isinstance(value, (list, tuple)):
        return list(value)
    if not isinstance(value, bool) and isinstance(value, (int, float)) and s.kind != "choices":
        return [value]  # a single width or rate, e.g. from a query string
    _fail(s, "expected a comma separated list", value, "list")


def _list(s, value):
    items = _items(s, value)
    if s.kind in ("ints", "floats"):
        out = [_number(s, v, s.kind == "ints", i) for i, v in enumerate(items)]
    else:
        out = [_choice(s, v) for v in items]
    if s.unique and len(set(out)) != len(out):
        _fail(s, "an entry appears twice", value, "duplicate")
    if len(out) < s.min_len or len(out) > s.max_len:
        _fail(
            s,
            f"expected {s.min_len}..{s.max_len} entries",
            value,
            "length",
            lo=s.min_len,
            hi=s.max_len,
            count=len(out),
        )
    return out


_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def _bool(s, value):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    _fail(s, "expected true or false", value, "bool")


def coerce(name, value):
    """One setting's value, checked and converted to its canonical type."""
    s = SETTINGS.get(name)
    if s is None:
        raise CodedError(
            "unknown_setting", f"{name}: unknown setting; known: {', '.join(SETTINGS)}", field=name
        )
    if s.kind == "choice":
        return _choice(s, value)
    if s.kind in ("int", "float"):
        return _number(s, value, s.kind == "int")
    if s.kind == "bool":
        return _bool(s, value)
    return _list(s, value)


# ---------------------------------------------------------------- the whole dict


def validate(settings=None):
    """A complete, canonical settings dict: defaults filled in, values coerced and checked.

    Raises ValueError whose message starts with the offending field's name. Preset data sets
    fix `problem` (plane and multigauss regression, the others classification).
    """
    settings = {} if settings is None else settings
    if not isinstance(settings, dict):
        raise ValueError(f"settings: expected a dict of name -> value, got {settings!r}")
    out = dict(DEFAULTS)
    for name, value in settings.items():
        out[name] = coerce(name, value)
    out["problem"] = problem_of(out)
    for name, what in (("activation", "activation"), ("dropout", "rate")):
        count, n_hidden = len(out[name]), len(out["layers"])
        if count not in (1, n_hidden):
            raise CodedError(
                f"{name}_count",
                f"{name}: give 1 {what} or one per hidden layer ({n_hidden}), got {count}",
                field=name,
                layers=n_hidden,
                count=count,
            )
    resolve_loss(out)  # raises if the loss does not fit the problem
    return out


# Which problem each loss is for, and for how many classes at most (None: any). The one rule
# behind resolve_loss, a link's repair and the page's data-set picker (web/domain/settings.js).
LOSS_FIT = {
    "bce": {"problem": "classification", "max_classes": 2},
    "softmax_ce": {"problem": "classification", "max_classes": None},
    "mse": {"problem": "regression", "max_classes": None},
}
AUTO_LOSS = {"regression": "mse", "two_classes": "bce", "more_classes": "softmax_ce"}


def problem_of(settings):
    """The problem the settings describe: a preset data set's own, else `problem` (custom)."""
    if settings["dataset"] == "custom":
        return settings["problem"]
    return "regression" if settings["dataset"] in REGRESSION_DATASETS else "classification"


def repair(raw):
    """The lenient twin of validate: raw settings -> (nearest valid settings, notices), one
    notice ({code, params}) per change; never raises (bpcore/link/repair.py)."""
    from .link.repair import repair as lenient  # link imports this module

    return lenient(raw)


def n_classes(settings):
    """Number of classes K of the settings (0 for regression)."""
    if problem_of(settings) == "regression":
        return 0
    return settings["classes"] if settings["dataset"] in MULTICLASS_DATASETS else 2


def loss_misfit(k, loss):
    """Why `loss` cannot train K classes (K = 0: regression): None if it can, else
    (code, params) -- the codes of resolve_loss's errors and of a link's notices."""
    fit = LOSS_FIT.get(loss)
    if fit is None:  # auto
        return None
    if k == 0 and fit["problem"] != "regression":
        return "loss_needs_classification", {"loss": loss}
    if k and fit["problem"] == "regression":
        return "loss_needs_regression", {"loss": loss}
    if k and fit["max_classes"] is not None and k > fit["max_classes"]:
        return "loss_needs_two_classes", {"loss": loss, "classes": k}
    return None


MISFIT_TEXT = {  # English for the CLI (the page says the codes in its language)
    "loss_needs_classification": "loss: {loss} needs classification; regression uses mse (or auto)",
    "loss_needs_regression": "loss: mse is for regression; classification uses bce or softmax_ce "
    "(or auto)",
    "loss_needs_two_classes": "loss: bce needs 2 classes, this problem has {classes}; "
    "use softmax_ce",
}


def resolve_loss(settings):
    """The loss to use: "bce" | "softmax_ce" | "mse", resolving "auto"; ValueError naming
    `loss` when the chosen one does not fit the problem."""
    k, loss = n_classes(settings), settings["loss"]
    if loss == "auto":
        return AUTO_LOSS["regression" if k == 0 else "two_classes" if k == 2 else "more_classes"]
    misfit = loss_misfit(k, loss)
    if misfit is not None:
        code, params = misfit
        raise CodedError(code, MISFIT_TEXT[code].format(**params), field="loss", **params)
    return loss


OUTPUT_OF_LOSS = {"bce": "sigmoid", "softmax_ce": "softmax", "mse": "linear"}


def hidden_activations(settings):
    """One activation name per hidden layer (a single name applies to every layer)."""
    acts, n = settings["activation"], len(settings["layers"])
    return list(acts) if len(acts) == n else [acts[0]] * n
