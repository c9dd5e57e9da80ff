"""A run written out as a standalone Python script that needs only NumPy.

`standalone_script(settings, points, epochs, lang)` writes the data, the initial weights, the
network's forward and backward pass the way the lesson writes them (one sample is a column a,
z = W a + b, delta = dL/dz, dW = delta a^T; a batch is a matrix of such columns), the
optimiser and the training loop, for exactly this run: the points and their split are written
out, and so are the initial weights and the state of the model's random generator (it shuffles
the mini-batches), so the script prints the same losses as the page and `python -m bpcore
replay` (to round-off: it multiplies W A where bpcore multiplies A W^T, the same sums in
another order; tests/test_script.py holds them to 1e-9). Only the code a run uses is written:
its features, its activations, its loss, its optimiser. Its comments are in the page's language
(bpcore/script_words.py); it trains a default the reader can run in seconds (`--epochs N` for
more, the page's own epoch among them) and prints the losses every `--every K` epochs.
"""

import math
import pprint

from .dropout import hidden_rates
from .link.training import LIVE_EVENTS, check_training
from .script_code import (
    ACTIVATION_CODE,
    FEATURE_CODE,
    LOSS_CODE,
    OPTIMIZER_CODE,
    REG_CODE,
    changes_code,
)
from .script_stop import AFTER, BEFORE, CODE, STOPPED, constants, used
from .script_words import LANGS, words
from .session import Session
from .settings import hidden_activations, resolve_loss

FILE = "bp_playground_run.py"  # the name the page downloads it as
STEP_BUDGET = 10_000  # mini-batch steps of the default run: a few seconds of NumPy
DEFAULT_EPOCHS = 100  # when the page has not trained yet


def _literal(value):
    return pprint.pformat(value, width=96, compact=True)


def _arrays(mats, column=False):
    rows = ([[x] for x in m] if column else m for m in mats)  # a bias as a column (n_out, 1)
    return "[\n" + "".join(f"    np.array({_literal(m)}),\n" for m in rows) + "]"


def _nice(x):
    """The largest of 1, 2, 5, 10, 20, 50, ... at most x (at least 1)."""
    if x < 1:
        return 1
    p = 10 ** math.floor(math.log10(x))
    return max(k * p for k in (1, 2, 5) if k * p <= x)


def default_run(page_epoch, n_train, batch_size):
    """-> (epochs, every): the page's epoch, or DEFAULT_EPOCHS before any training, but no more
    than STEP_BUDGET mini-batch steps; the losses printed about ten times."""
    steps = max(1, math.ceil(n_train / max(1, min(batch_size, n_train))))
    epochs = min(page_epoch or DEFAULT_EPOCHS, max(1, STEP_BUDGET // steps))
    return epochs, _nice(epochs / 10)


def standalone_script(settings, points=None, epochs=0, lang="en", edits=()):
    """Source text of a NumPy-only script replaying this run (`points`: for custom data).
    epochs: the epoch the page is at (0: not trained); the script's default run is at most that
    (see default_run), and `--epochs N` trains N. Its comments are in `lang` ("en", "zh-CN").
    edits: the changes made on the way, as a share link holds them (settings: those the run
    started with): the script makes each at its epoch."""
    start = Session(settings, points)  # the run at epoch 0: its data, weights and RNG
    s = start.settings
    page = int(epochs)
    if page < 0:
        raise ValueError(f"epochs: expected a whole number >= 0, got {epochs}")
    if edits:
        _, edits = check_training(page, edits)  # ValueError for a change a link would refuse
    w = words(lang)
    snap = start.snapshot()  # its points, split, weights and RNG state as plain lists
    acts = hidden_activations(s)
    loss = resolve_loss(s)
    rng_state = _rng_state(snap["rng"]["model"])
    rates = hidden_rates(s)
    drop = _dropout_code(w, rates, snap["rng"].get("mask")) if any(rates) else {}
    feats = ", ".join(FEATURE_CODE[f] for f in s["features"])
    act_code = "".join(
        f"    {name!r}: (lambda z: {fz},\n{'':13s}lambda z, a: {da}),"
        f"{'  # ' + w[note] if note else ''}\n"
        for name in sorted(set(acts))
        for fz, da, note in [ACTIVATION_CODE[name]]
    )
    update, opt_state = (c.format(w=w) for c in OPTIMIZER_CODE[s["optimizer"]])
    reg_code, opt_code, at_code = REG_CODE[s["reg"]].format(w=w), f"{opt_state}\n{update}", ""
    if edits:
        reg_code, opt_code, at_code = changes_code(s, edits, w)
    targets = (
        "np.eye(CLASSES)[labels.astype(int)].T" if loss == "softmax_ce" else "labels.reshape(1, -1)"
    )
    run, every = default_run(page, len(start.train_idx), s["batch_size"])
    hyper = {
        "LR": s["lr"],
        "BATCH_SIZE": s["batch_size"],
        "REG_RATE": s["reg_rate"] if s["reg"] != "none" else 0.0,
    }
    if edits:  # every setting the run may change on the way
        hyper.update(OPTIMIZER=s["optimizer"], REG=s["reg"], REG_RATE=s["reg_rate"])
    if s["optimizer"] == "momentum" or edits:
        hyper["MOMENTUM"] = s["momentum"]
    if s["optimizer"] == "adam" or edits:
        hyper.update(BETA1=s["beta1"], BETA2=s["beta2"], EPS=1e-8)
    if loss == "softmax_ce":
        hyper["CLASSES"] = start.classes
    if drop:
        hyper["DROPOUT"] = rates
    rules = used(s, edits)  # the stopping rules (bpcore/script_stop.py)
    stop_code, before, after, why, stopped = "", "", "", "", ""
    if rules:  # the loop's lines: before an epoch, after it, its report's test, after that
        hyper.update(constants(s))
        stop_code = f"\n{CODE.format(w=w)}\n"
        before, after, why, stopped = BEFORE, AFTER, " or why", STOPPED.format(w=w)
    hyper.update(EPOCHS=run, EVERY=every, PAGE_EPOCH=page)
    title = w["title"].format(
        sizes="-".join(map(str, start.layer_sizes)),
        acts=", ".join(acts) or "-",
        loss=loss,
        optimizer=s["optimizer"],
        n=len(start.points),
    )
    ratio = f"{page / run:,.0f}" if page >= 10 * run else f"{page / run:.2g}"
    about = w["page"].format(page=page, page_text=f"{page:,}", ratio=ratio)
    about = about if page else w["page_zero"]
    if edits:
        about += "\n" + w["changes_doc"].format(count=len(edits))
    return f'''#!/usr/bin/env python3
"""{title}
{w["run"].format(file=FILE)}
{w["default"].format(epochs=run, every=every)}
{about}

{w["notation"]}
{w["backprop"]}
"""

import argparse

import numpy as np

# ---------------------------------------------------------------- {w["h_settings"]}
{"".join(f"{k} = {v!r}{chr(10)}" for k, v in hyper.items())}
# ---------------------------------------------------------------- {w["h_data"]}
# {w["data"]}
POINTS = np.array({_literal(snap["points"])})
TRAIN = {_literal(snap["train_idx"])}
TEST = {_literal(snap["test_idx"])}


def features(points):
    """{w["features"].format(features=", ".join(s["features"]))}"""
    x1, x2 = points[:, 0], points[:, 1]
    return np.array([{feats}])


def targets(labels):
    return {targets}  # {w["targets" + ("_onehot" if loss == "softmax_ce" else "")]}


X_train, Y_train = features(POINTS[TRAIN]), targets(POINTS[TRAIN, 2])
X_test, Y_test = features(POINTS[TEST]), targets(POINTS[TEST, 2])

# ---------------------------------------------------------------- {w["h_network"]}
# {w["weights"]}
W = {_arrays(snap["weights"])}
b = {_arrays(snap["biases"], column=True)}
ACTIVATIONS = {{  # {w["acts"]}
{act_code}}}
HIDDEN = {acts!r}  # {w["hidden"]}
f = [ACTIVATIONS[name][0] for name in HIDDEN]
df = [ACTIVATIONS[name][1] for name in HIDDEN]
{drop.get("masks", "")}

{LOSS_CODE[loss].format(w=w)}

def forward(X{drop.get("arg", "")}):
    """{w["forward"]}"""
    a, z = [X], []
    for l in range(len(W)):
        z.append(W[l] @ a[l] + b[l])
        a.append(output(z[l]) if l == len(W) - 1 else f[l](z[l]))
{drop.get("apply", "")}    return a, z


def backward(X, Y):
    """{w["backward"]}"""
{drop.get("draw", "")}    a, z = forward(X{drop.get("pass", "")})
    delta = output_delta(a[-1], Y)  # {w["delta_out"]}
    dW, db = [None] * len(W), [None] * len(W)
    for l in range(len(W) - 1, -1, -1):
        dW[l] = delta @ a[l].T  # {w["dW"]}
        db[l] = delta.sum(axis=1, keepdims=True)  # {w["db"]}
{reg_code}{drop.get("back", _BACK.format(w=w))}
    return dW, db


# ---------------------------------------------------------------- {w["h_optimizer"]}
{opt_code}

def measure(X, Y):
    return data_loss(forward(X)[1][-1], Y) if X.shape[1] else None  # ({w["no_test"]})


def report(epoch):
    loss_train, loss_test = measure(X_train, Y_train), measure(X_test, Y_test)
    print(f"epoch {{epoch}}  loss_train {{loss_train!r}}  loss_test {{loss_test!r}}")

{"" if not at_code else chr(10) + at_code + chr(10)}{stop_code}
# ---------------------------------------------------------------- {w["h_training"]}
def main():
    args = argparse.ArgumentParser(description={w["help"]!r})
    args.add_argument("--epochs", type=int, default=EPOCHS, metavar="N",
                      help={w["help_epochs"].format(epochs=run, page=page)!r})
    args.add_argument("--every", type=int, default=EVERY, metavar="K",
                      help={w["help_every"].format(every=every)!r})
    opts = args.parse_args()
    # {w["rng"]}
    rng = np.random.Generator(np.random.PCG64())
    rng.bit_generator.state = {rng_state!r}
    n = X_train.shape[1]
    np.seterr(over="ignore")  # {w["overflow"]}
{"    at(0)" + chr(10) if at_code else ""}    report(0)
    for epoch in range(1, opts.epochs + 1):
{before}        batch = min(BATCH_SIZE, n)
        order = rng.permutation(n) if batch < n else np.arange(n)  # {w["full_batch"]}
        Xs, Ys = X_train[:, order], Y_train[:, order]
        for i in range(0, n, batch):
            dW, db = backward(Xs[:, i:i + batch], Ys[:, i:i + batch])
            update(W + b, dW + db)
        finite = all(np.isfinite(p).all() for p in W + b)
{after}        if epoch % max(1, opts.every) == 0 or epoch == opts.epochs or not finite{why}:
            report(epoch)
        if not finite:
            print({w["diverged"]!r})
            break
{stopped}{"        at(epoch)" + chr(10) if at_code else ""}

if __name__ == "__main__":
    main()
'''


_BACK = """        if l:
            delta = (W[l].T @ delta) * df[l - 1](z[l - 1], a[l])  # {w[delta_back]}"""


def _rng_state(rng):
    """A snapshot's RNG state (integers as strings) -> the state NumPy sets."""
    return {
        "bit_generator": rng["bit_generator"],
        "state": {k: int(v) for k, v in rng["state"].items()},
        "has_uint32": int(rng["has_uint32"]),
        "uinteger": int(rng["uinteger"]),
    }


def _dropout_code(w, rates, mask_state):
    """The pieces of the script that a run with dropout adds (bpcore/dropout.py's maths)."""
    return {
        "masks": f'''# {w["drop_rng"]}
mask_rng = np.random.Generator(np.random.PCG64())
mask_rng.bit_generator.state = {_rng_state(mask_state)!r}


def masks(n):
    """{w["masks"]}"""
    return [None if p == 0 else ((mask_rng.random((n, len(b[l]))) >= p) * (1.0 / (1.0 - p))).T
            for l, p in enumerate(DROPOUT)]
''',
        "arg": ", m=None",
        "apply": f"""        if m is not None and l < len(W) - 1 and m[l] is not None:
            a[l + 1] = a[l + 1] * m[l]  # {w["dropped"]}
""",
        "draw": "    m = masks(X.shape[1])\n",
        "pass": ", m",
        "back": f"""        if l:
            fz = df[l - 1](z[l - 1], f[l - 1](z[l - 1]))  # f'(z)
            delta = (W[l].T @ delta) * (fz if m[l - 1] is None else fz * m[l - 1])
            # {w["delta_drop"]}""",
    }


def session_script(session, epochs, lang="en", start=None, edits=()):
    """The script of a running session (the engine's exportScript): epochs: the page's epoch
    (the default run stops there at most); lang: the page's language (another: English);
    start, edits: the live settings the run started with and its changes on the way, as its
    link holds them."""
    lang = lang if lang in LANGS else "en"  # a language the script is not written in
    start = start or {}
    if not isinstance(start, dict) or set(start) - set(LIVE_EVENTS):
        raise ValueError(f"start: expected the live settings the run started with, got {start!r}")
    s = session.settings
    points = session.points if s["dataset"] == "custom" else None
    return standalone_script({**s, **start}, points, epochs, lang, edits)
