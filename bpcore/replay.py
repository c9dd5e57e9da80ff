"""A share link's training, replayed: train to its epoch, applying its changes on the way (weight
edits, and setting changes such as a new learning rate).

The page does the same in the worker when a link opens (web/app/replay.js sends `step`,
`setWeight` and `configure`), so in one runtime both give the same numbers bit for bit: training is
deterministic and `step(a) + step(b)` equals `step(a + b)`. See docs/ARCHITECTURE.md,
"Share links (format v2)"."""

from typing import NamedTuple

from . import plugin
from .errors import CodedError
from .link import FALLBACK, fell_back, read_link
from .link.classroom import GOAL_METRICS
from .link.tfplay import is_tf_link
from .link.training import STEP, is_setting
from .session import Session

LINK_STARTS = ("#", "v1.", "v2.", "http:", "https:", "file:")


def looks_like_link(source):
    """Is `source` a link's text (ours, or a TensorFlow Playground state) rather than a file?"""
    text = source.strip()
    return text.startswith(LINK_STARTS) or is_tf_link(text)


def apply_edit(session, edit, k=0):
    """One change: a weight edit [epoch, layer, i, j, value] (j = -1: a bias), as the engine's
    setWeight does it, or a setting change [epoch, name, value], as its configure does it (in
    place: the link's decoder lets only live settings through). ValueError naming the change
    when it does not fit the network."""
    if is_setting(edit) and edit[1] == STEP:  # "Take the step": one SGD step on one point
        if not edit[2] < len(session.points):
            raise ValueError(f"edits[{k}]: no point {edit[2]} ({len(session.points)} points)")
        session.sample_step(edit[2])
        return
    if is_setting(edit):
        _, name, value = edit
        if session.configure({name: value}):  # never: a live setting changes in place
            raise ValueError(f"edits[{k}]: {name} rebuilt the session")
        return
    _, layer, i, j, value = edit
    net = session.net
    try:
        if j == -1:
            net.set_bias(layer, i, value)
        else:
            net.set_weight(layer, i, j, value)
    except CodedError as e:  # its code travels on: the page says it in its language
        raise CodedError(e.code, f"edits[{k}]: {e}", **e.params) from None
    except ValueError as e:
        raise ValueError(f"edits[{k}]: {e}") from None


def train(session, epochs, edits=(), each=None):
    """Train `session` (at epoch 0) to `epochs`, applying each change once its epoch is reached
    (changes beyond `epochs` are not applied). each(metrics) after every epoch, if given; stops
    early when the loss diverges. -> the last metrics."""
    pending = list(enumerate(edits))
    m = session.metrics()
    while True:
        while pending and pending[0][1][0] == session.epoch:
            k, e = pending.pop(0)
            apply_edit(session, e, k)
            m = session.metrics()
        if session.epoch >= epochs or m["diverged"]:
            return m
        # one epoch at a time only when every epoch is reported
        n = 1 if each else min(epochs, pending[0][1][0] if pending else epochs) - session.epoch
        m = session.step(n)
        if each:
            each(m)


class Run(NamedTuple):
    """What a replay trains: run A (a Session), the link's notices, epoch and changes, its lab
    code ({exercise, code, plugged}, not run), run B of its comparison, its classroom goal."""

    session: Session
    notices: tuple = ()
    epoch: int = 0
    edits: tuple = ()
    lab: object = None
    b: object = None
    goal: object = None


def from_link(text, fallback=False):
    """A link's Run. decode_link never raises: a link it cannot read at all gives the defaults,
    which are replayed in place of what the user asked for only on request (`fallback`). So does
    an empty one (an empty file, "#"), which the page opens as its defaults, but which is no link
    to replay: ValueError (exit 2) otherwise."""
    link = read_link(text.strip())
    empty = ["it holds no share link"] if empty_link(text) else []
    unusable = fell_back(link.notices) or empty
    if unusable and not fallback:
        raise ValueError(
            f"source: {unusable[0].removesuffix(FALLBACK).rstrip('; ')} "
            "(--fallback replays the default settings instead)"
        )
    session = Session(link.settings, link.points)
    b = None
    if link.compare is not None:  # run B, built from run A at its start
        from .compare import build_b

        b = build_b(session, link.compare).b
    return Run(session, link.notices, link.epoch, link.edits, link.lab, b, link.goal)


def goal_words(goal):
    """The goal for the CLI: "acc_test at least 0.9 with at most 6 hidden neurons"."""
    way = "at most" if GOAL_METRICS[goal["metric"]] == "below" else "at least"
    most = f" with at most {goal['neurons']} hidden neurons" if "neurons" in goal else ""
    return f"{goal['metric']} {way} {goal['target']:g}{most}"


def reached_words(epoch):
    return "not reached" if epoch is None else f"reached at epoch {epoch}"


def train_b(b, epochs, each=None):
    """Run B to A's last epoch (B has no changes of its own: lockstep gives the same numbers
    as training it alone); each(metrics) after every epoch. -> the last metrics."""
    m = b.metrics()
    while b.epoch < epochs and not m["diverged"]:
        m = b.step(1 if each else epochs - b.epoch)
        if each:
            each(m)
    return m


def report_b(b, epochs, out, as_json, finite):
    """Run B (or None) replayed to A's last epoch `epochs`: a line per epoch "B epoch N
    loss_train ..." on `out` (not as_json) -> {"compare": {settings, epochs, loss_train,
    loss_test, final}} for --json ({} without B)."""
    if b is None:
        return {}
    history = []

    def each(m):
        history.append(m)
        if not as_json:
            out.write(
                f"B epoch {m['epoch']}  loss_train {m['loss_train']!r}  "
                f"loss_test {m['loss_test']!r}\n"
            )

    m = train_b(b, epochs, each)
    return {
        "compare": {
            "settings": b.settings,
            "epochs": [h["epoch"] for h in history],
            "loss_train": [finite(h["loss_train"]) for h in history],
            "loss_test": [finite(h["loss_test"]) for h in history],
            "final": {k: finite(v) for k, v in m.items()},
        }
    }


def lab_code(session, lab, trust):
    """A link's lab code: refused (ValueError: exit 2) unless trusted; trusted, a plugged run's
    code is checked (bpcore.lab.plug_parts runs it) and trains the session; -> a note or ""."""
    if lab is None:
        return ""
    what = f"Python code from the lab (exercise {lab['exercise']}"
    what += ", plugged into the training)" if lab["plugged"] else ")"
    if not trust:
        raise ValueError(
            f"source: the link carries {what}; it is not run unless you trust it: "
            "--trust-code runs it"
        )
    if not lab["plugged"]:
        return f"the link carries {what}; the replay does not need it, so it is not run"
    from .lab import plug_parts  # (the lab loads only for a link with code)

    plugin.plug_session(
        session, plugin.Plug(lab["exercise"], plug_parts(lab["exercise"], lab["code"]))
    )
    return f"the link carries {what}; checked and plugged in, as you trusted it"


def empty_link(text):
    """Nothing but white space, "#" or a page address without a fragment."""
    text = text.strip()
    body = text.partition("#")[2] if "#" in text else ("" if ":" in text else text)
    return not body.strip()
