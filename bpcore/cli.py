"""Command line: `python -m bpcore train [--setting value ...]`.

Every row of the settings table is a flag (`batch_size` -> `--batch-size`) whose help comes from
the table. Progress goes to stderr; results to stdout (one JSON object with --json). Bad input
gives one line `error: <field>: <why>` on stderr and exit code 2, never a traceback.
"""

import argparse
import json
import math
import sys

from . import goal as goals
from . import jsonsafe, stopping, webtable
from . import replay as _replay
from .csvio import MAX_CHARS, decode_text, read_csv, read_csv_inferred
from .script import standalone_script
from .script_words import LANGS
from .session import Session
from .settings import TABLE, n_classes, range_text, validate

EXIT_BAD_INPUT = 2
MAX_EPOCHS = 10**7
# a replay source: a link is at most ~100 KB, a snapshot of 5,000 points and the largest network
# a few MB; anything longer (e.g. /dev/zero) is refused after reading this much, not all of it
MAX_SOURCE_BYTES = 16_000_000


class _Parser(argparse.ArgumentParser):
    """argparse, but its errors are one line `error: ...` (exit 2) instead of usage + error."""

    def error(self, message):
        sys.stderr.write(f"error: {message}\n")
        sys.exit(EXIT_BAD_INPUT)


def _flag(name):
    return "--" + name.replace("_", "-")


def _show(v):
    if isinstance(v, list):
        return ",".join(map(str, v))
    return str(v).lower() if isinstance(v, bool) else str(v)


def _allowed(s):
    """The table row's allowed values, as help text."""
    if s.kind == "choice":
        return "one of " + ", ".join(s.choices)
    if s.kind == "choices":
        return "from " + ", ".join(s.choices)
    if s.kind in ("ints", "floats"):
        return f"up to {s.max_len} numbers, each {range_text(s)}"
    return range_text(s) if s.kind in ("int", "float") else ""


def _metavar(s):
    kinds = {"choice": "NAME", "choices": "NAMES", "int": "N", "ints": "N,N", "float": "X"}
    return kinds.get(s.kind, "X,X")  # floats


def _add_settings(p):
    g = p.add_argument_group("settings (names as in the share link and the protocol)")
    for s in TABLE:
        tail = "; ".join(
            x
            for x in (
                _allowed(s),
                f"default {_show(s.default)}",
                {"yes": "live", "view": "page only"}.get(s.live),
            )
            if x
        )
        kw = {"dest": s.name, "default": argparse.SUPPRESS, "help": f"{s.help} ({tail})"}
        if s.kind == "bool":
            g.add_argument(_flag(s.name), action=argparse.BooleanOptionalAction, **kw)
        else:
            g.add_argument(_flag(s.name), metavar=_metavar(s), **kw)


def _add_epochs(p):
    p.add_argument(
        "--epochs", type=int, default=100, metavar="N", help="epochs to train (default 100)"
    )


def build_parser():
    p = _Parser(
        prog="python -m bpcore", description="BP Playground's backprop engine on the command line."
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    t = sub.add_parser(
        "train",
        help="train a network and report the metrics",
        description="Train a network with the given settings; progress on "
        "stderr, the result on stdout.",
    )
    _add_epochs(t)
    t.add_argument(
        "--data",
        metavar="FILE",
        help="CSV of points x1,x2,label (optional header); sets --dataset custom. "
        "Without --problem, integer labels mean classification (classes = "
        "largest label + 1, at least 2), others regression",
    )
    t.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: epoch, losses, acc_*/r2_*, diverged, settings",
    )
    t.add_argument("--quiet", action="store_true", help="no progress on stderr")
    _add_settings(t)
    r = sub.add_parser(
        "replay",
        help="replay a share link (both runs of a comparison) or a saved snapshot natively",
        description="Replay a BP Playground share link (the whole URL, its "
        "#fragment, or a file holding either) or a snapshot JSON "
        "file, and print the train/test loss after every epoch.",
    )
    r.add_argument(
        "source", metavar="LINK_OR_FILE", help="share link, or a file with a link or a snapshot"
    )
    r.add_argument(
        "--epochs",
        type=int,
        default=None,
        metavar="N",
        help="epochs to train (default: the epoch the link was taken at, else 100); "
        "the link's weight edits apply at their epochs",
    )
    r.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: per-epoch losses, the final metrics, the "
        "settings and any notices about the link",
    )
    r.add_argument(
        "--trust-code",
        action="store_true",
        help="run the Python code the link carries from the lab (a plugged run trains with it; "
        "else it is not needed); without it a link with code is refused (exit code 2)",
    )
    r.add_argument(
        "--fallback",
        action="store_true",
        help="replay the default settings when the link cannot be read at all "
        "(else that is an error, exit code 2)",
    )
    s = sub.add_parser(
        "script",
        help="write a share link's run as a standalone NumPy script",
        description="Write the run of a share link (or a file holding one) as the page's "
        "'Download Python script' does: a NumPy-only script (stdout).",
    )
    s.add_argument("source", metavar="LINK_OR_FILE", help="share link, or a file with a link")
    s.add_argument(
        "--lang", choices=LANGS, default="en", help="the language of its comments (default en)"
    )
    w = sub.add_parser(
        "settings-js",
        help="write the page's generated table (bpcore/webtable.py)",
        description="Write web/domain/settings.js: the settings table and the "
        "facts the page shares with bpcore (stdout without PATH).",
    )
    w.add_argument("path", nargs="?", metavar="PATH", help=f"e.g. {webtable.PATH}")
    return p


def settings_js(args):
    text = webtable.settings_js()
    if args.path:
        with open(args.path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


# ---------------------------------------------------------------- train


def _read_text(field, path, cap, what):
    """A file's text as the page reads it (csvio.decode_text: UTF-8, or UTF-16 with a mark),
    reading at most cap + 1 bytes: a longer file (or a device that never ends) is an error
    naming `field`, as is one that cannot be read or decoded."""
    try:
        with open(path, "rb") as f:
            data = f.read(cap + 1)
        if len(data) > cap:
            raise ValueError(f"{field}: {path} is over {cap / 1e6:.0f} MB; {what}")
        return decode_text(data)
    except (OSError, UnicodeDecodeError) as e:
        why = getattr(e, "strerror", None) or e
        raise ValueError(f"{field}: cannot read {path}: {why}") from None


def _load_points(path, settings, err):
    """Read --data into points; sets dataset custom, and problem and classes when not given
    (inferred from the labels, and said on err)."""
    text = _read_text("data", path, MAX_CHARS, "a file of 5,000 points is far smaller")
    settings["dataset"] = "custom"
    given = validate(settings)
    try:
        if "problem" in settings:
            classes = given["classes"] if "classes" in settings else None
            pts = read_csv(text, given["problem"], classes)
            if given["problem"] == "classification" and classes is None:
                settings["classes"] = max(2, int(pts[:, 2].max()) + 1)
            return pts
        pts, problem, k, note = read_csv_inferred(text)
        if problem == "classification" and "classes" in settings:
            pts = read_csv(text, problem, given["classes"])  # the labels must fit the count
        elif k is not None:
            settings["classes"] = k
        settings["problem"] = problem
    except ValueError as e:
        raise ValueError(f"data: {path}: {e}") from None
    err.write(f"data: {path}: {note}\n")
    return pts


def _finite(v):
    return v if not isinstance(v, float) or math.isfinite(v) else None


def _num(v, digits):
    return "-" if v is None else f"{v:.{digits}f}"  # None: no test set


def _progress_line(m, total):
    score = "acc" if "acc_train" in m else "r2"
    return (
        f"epoch {m['epoch']}/{total}  loss train {_num(m['loss_train'], 4)} "
        f"test {_num(m['loss_test'], 4)}  {score} train {_num(m[score + '_train'], 3)} "
        f"test {_num(m[score + '_test'], 3)}" + ("  DIVERGED" if m["diverged"] else "")
    )


def _check_lists(settings):
    """A list flag with an empty entry ("--layers 4,,2") is a typing slip, not two layers."""
    for s in TABLE:
        text = settings.get(s.name)
        if s.kind in ("ints", "floats", "choices") and isinstance(text, str):
            if any(not part.strip() for part in text.split(",")):
                raise ValueError(f"{s.name}: an entry is empty, got {text!r}")


def train(args, out=None, err=None):
    """Run `train` for parsed args; returns the exit code. out/err default to stdout/stderr."""
    out, err = out or sys.stdout, err or sys.stderr
    names = [s.name for s in TABLE]
    settings = {k: getattr(args, k) for k in names if hasattr(args, k)}
    if not 0 <= args.epochs <= MAX_EPOCHS:
        raise ValueError(f"epochs: must be in 0..{MAX_EPOCHS}, got {args.epochs}")
    _check_lists(settings)
    validate(settings)  # setting errors first, before any file is read
    points = _load_points(args.data, settings, err) if args.data else None
    session = Session(settings, points)

    tty = err.isatty()
    chunk = max(1, args.epochs // 10)
    m = session.metrics()
    done = 0
    while done < args.epochs and not m["diverged"] and not session.stopped:
        n = min(chunk, args.epochs - done)
        m = session.step(n)
        done += n
        if not args.quiet:
            err.write(
                ("\r" if tty else "") + _progress_line(m, args.epochs) + ("" if tty else "\n")
            )
            err.flush()
    if tty and not args.quiet and done:
        err.write("\n")
    if session.stopped:  # a stopping rule ended the training there, as Play pauses
        err.write(stopping.said(session.stopped) + "\n")

    if args.json:
        result = {k: _finite(v) for k, v in m.items()}
        result.update(
            loss=session.loss,
            classes=n_classes(session.settings),
            layer_sizes=session.layer_sizes,
            settings=session.settings,
            stopped=session.stopped,
        )
        out.write(json.dumps(result) + "\n")
    else:
        out.write(_progress_line(m, args.epochs) + "\n")
    return 0


# ---------------------------------------------------------------- replay


def _replay_session(source, fallback=False):
    """A replay.Run from a link, or a file holding a link or a snapshot (which continues from
    where it was saved)."""
    text = source
    if not _replay.looks_like_link(source):
        text = _read_text("source", source, MAX_SOURCE_BYTES, "a link or a snapshot is far smaller")
    if text.lstrip().startswith("{"):
        return _replay.Run(Session.restore(jsonsafe.loads(text, f"source: {source}")))
    return _replay.from_link(text, fallback)


def replay(args, out=None, err=None):
    """Run `replay` for parsed args: one line per epoch (or --json); returns the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    if args.epochs is not None and not 0 <= args.epochs <= MAX_EPOCHS:
        raise ValueError(f"epochs: must be in 0..{MAX_EPOCHS}, got {args.epochs}")
    session, notices, link_epoch, edits, lab, b, goal = _replay_session(args.source, args.fallback)
    code_note = _replay.lab_code(session, lab, args.trust_code)
    for n in [*notices, code_note] if code_note else notices:
        err.write(f"notice: {n}\n")
    epochs = args.epochs if args.epochs is not None else (link_epoch or 100)
    history = []

    def each(m):
        history.append(m)
        if not args.json:  # repr: every digit, to compare with the page's numbers
            out.write(
                f"epoch {m['epoch']}  loss_train {m['loss_train']!r}  "
                f"loss_test {m['loss_test']!r}\n"
            )

    # a snapshot continues from its epoch; a link starts at 0 and meets its edits on the way
    watch, reached = goals.reached_in(session, goal, each)
    m = _replay.train(session, session.epoch + epochs, edits, watch)
    if m["diverged"]:
        err.write("diverged: the loss is no longer finite; try a smaller learning rate\n")
    if goal is not None:  # as the page says it: the first epoch the run met it
        err.write(f"goal {_replay.goal_words(goal)}: {_replay.reached_words(reached())}\n")
    compared = _replay.report_b(b, session.epoch, out, args.json, _finite)  # {} or B's
    if args.json:
        final = m  # after the edits at the last epoch, if any
        out.write(
            json.dumps(
                {
                    "epochs": [m["epoch"] for m in history],
                    "loss_train": [_finite(m["loss_train"]) for m in history],
                    "loss_test": [_finite(m["loss_test"]) for m in history],
                    "final": {k: _finite(v) for k, v in final.items()},
                    "settings": session.settings,
                    "notices": notices,
                    "link_epoch": link_epoch,
                    "edits": edits,
                    **({"goal": {**goal, "reached": reached()}} if goal is not None else {}),
                    **compared,
                }
            )
            + "\n"
        )
    return 0


def script(args, out=None):
    """Run `script`: the link's run as the page writes it, its changes on the way included (its
    epoch: the script's default stops there at most, `--epochs` in the script trains on)."""
    session, _, epoch, edits, lab, _, _ = _replay_session(args.source)
    if lab is not None and lab["plugged"]:
        raise ValueError(
            "source: the run trained with the lab's code plugged in; a script holds bpcore's "
            "own parts only (replay it with --trust-code)"
        )
    if session.epoch:
        raise ValueError("source: a snapshot; the script is written from a share link")
    s = session.settings
    custom = session.points if s["dataset"] == "custom" else None
    (out or sys.stdout).write(standalone_script(s, custom, epoch, args.lang, edits))
    return 0


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        if args.command == "train":
            return train(args)
        if args.command == "replay":
            return replay(args)
        if args.command == "script":
            return script(args)
        if args.command == "settings-js":
            return settings_js(args)
    except ValueError as e:
        sys.stderr.write(f"error: {e}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("\nerror: interrupted\n")
        return 130
    return EXIT_BAD_INPUT
