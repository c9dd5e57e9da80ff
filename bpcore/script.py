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

import ast
import inspect
import math
import pprint

from .optim import sgd_step
from .script_words import words
from .session import Session
from .settings import hidden_activations, resolve_loss

FILE = "bp_playground_run.py"  # the name the page downloads it as
STEP_BUDGET = 10_000  # mini-batch steps of the default run: a few seconds of NumPy
DEFAULT_EPOCHS = 100  # when the page has not trained yet

_FEATURE_CODE = {
    "x1": "x1",
    "x2": "x2",
    "x1sq": "x1 * x1",
    "x2sq": "x2 * x2",
    "x1x2": "x1 * x2",
    "sinx1": "np.sin(x1)",
    "sinx2": "np.sin(x2)",
}

_ACTIVATION_CODE = {  # f(z), f'(z) written with a = f(z), the note's key
    "sigmoid": ("1 / (1 + np.exp(-z))", "a * (1 - a)", "sigmoid_note"),
    "tanh": ("np.tanh(z)", "1 - a * a", ""),
    "relu": ("np.maximum(z, 0.0)", "np.sign(a)", "relu_note"),
    "leaky_relu": ("np.maximum(z, 0.01 * z)", "np.maximum(np.sign(a), 0.01)", ""),
    "linear": ("z", "np.ones_like(a)", ""),
}

# the output layer and its loss, one column per sample ({w[key]}: a comment's words)
_LOSS_CODE = {
    "bce": '''def output(z):
    return 1 / (1 + np.exp(-z))  # {w[sigmoid]}


def data_loss(z, y):
    """{w[bce_loss]}"""
    return float(np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z))


def output_delta(yp, y):
    return (yp - y) * (1 / yp.shape[1])  # {w[bce_delta]}
''',
    "softmax_ce": '''def output(z):
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)  # {w[softmax]}


def data_loss(z, y):
    """{w[softmax_loss]}"""
    m = z.max(axis=0)
    return float(np.mean(m + np.log(np.exp(z - m).sum(axis=0)) - (y * z).sum(axis=0)))


def output_delta(yp, y):
    return (yp - y) * (1 / yp.shape[1])  # {w[softmax_delta]}
''',
    "mse": """def output(z):
    return z  # {w[linear]}


def data_loss(z, y):
    return float(np.mean((z - y) ** 2))  # {w[mse_loss]}


def output_delta(yp, y):
    return (yp - y) * (2 / yp.size)  # {w[mse_delta]}
""",
}

_REG_CODE = {
    "none": "",
    "l1": "        dW[l] += REG_RATE * np.sign(W[l])  # {w[l1]}\n",
    "l2": "        dW[l] += REG_RATE * W[l]  # {w[l2]}\n",
}


def _code_of(fn):
    """A function's source without its docstring (the script's comments are in its language)."""
    src = inspect.getsource(fn)
    doc = ast.parse(src).body[0].body[0]
    lines = src.splitlines(keepends=True)
    return "".join(lines[: doc.lineno - 1] + lines[doc.end_lineno :])


_OPTIMIZER_CODE = {
    # the lesson's rule, w <- w - lr dL/dw: bpcore's own sgd_step (the optimiser's, the
    # inspector's and the step-through's), its code copied in
    "sgd": (
        "# {w[sgd]}\n"
        + _code_of(sgd_step).replace("{", "{{").replace("}", "}}")
        + """

def update(params, grads):
    sgd_step(params, grads, LR)
""",
        "",
    ),
    "momentum": (
        """def update(params, grads):
    for p, g, v in zip(params, grads, velocity):
        v *= MOMENTUM
        v += g  # {w[momentum]}
        p -= LR * v
""",
        "velocity = [np.zeros_like(p) for p in W + b]\n",
    ),
    "adam": (
        """def update(params, grads):
    adam["t"] += 1
    t = adam["t"]
    c1, c2 = 1 - BETA1**t, np.sqrt(1 - BETA2**t)
    for p, g, m, v in zip(params, grads, adam["m"], adam["v"]):
        m *= BETA1
        m += (1 - BETA1) * g  # {w[adam_m]}
        v *= BETA2
        v += (1 - BETA2) * (g * g)  # {w[adam_v]}
        # {w[adam_step]}
        p -= (LR * c2 / c1) * (m / (np.sqrt(v) + EPS * c2))
""",
        'adam = {{"t": 0, "m": [np.zeros_like(p) for p in W + b], '
        '"v": [np.zeros_like(p) for p in W + b]}}\n',
    ),
}


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


def standalone_script(settings, points=None, epochs=0, lang="en"):
    """Source text of a NumPy-only script replaying this run (`points`: for custom data).
    epochs: the epoch the page is at (0: not trained); the script's default run is at most that
    (see default_run), and `--epochs N` trains N. Its comments are in `lang` ("en", "zh-CN")."""
    start = Session(settings, points)  # the run at epoch 0: its data, weights and RNG
    s = start.settings
    page = int(epochs)
    if page < 0:
        raise ValueError(f"epochs: expected a whole number >= 0, got {epochs}")
    w = words(lang)
    snap = start.snapshot()  # its points, split, weights and RNG state as plain lists
    acts = hidden_activations(s)
    loss = resolve_loss(s)
    rng = snap["rng"]["model"]
    rng_state = {
        "bit_generator": rng["bit_generator"],
        "state": {k: int(v) for k, v in rng["state"].items()},
        "has_uint32": int(rng["has_uint32"]),
        "uinteger": int(rng["uinteger"]),
    }
    feats = ", ".join(_FEATURE_CODE[f] for f in s["features"])
    act_code = "".join(
        f"    {name!r}: (lambda z: {fz},\n{'':13s}lambda a: {da}),"
        f"{'  # ' + w[note] if note else ''}\n"
        for name in sorted(set(acts))
        for fz, da, note in [_ACTIVATION_CODE[name]]
    )
    update, opt_state = (c.format(w=w) for c in _OPTIMIZER_CODE[s["optimizer"]])
    targets = (
        "np.eye(CLASSES)[labels.astype(int)].T" if loss == "softmax_ce" else "labels.reshape(1, -1)"
    )
    run, every = default_run(page, len(start.train_idx), s["batch_size"])
    hyper = {
        "LR": s["lr"],
        "BATCH_SIZE": s["batch_size"],
        "REG_RATE": s["reg_rate"] if s["reg"] != "none" else 0.0,
    }
    if s["optimizer"] == "momentum":
        hyper["MOMENTUM"] = s["momentum"]
    if s["optimizer"] == "adam":
        hyper.update(BETA1=s["beta1"], BETA2=s["beta2"], EPS=1e-8)
    if loss == "softmax_ce":
        hyper["CLASSES"] = start.classes
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


{_LOSS_CODE[loss].format(w=w)}

def forward(X):
    """{w["forward"]}"""
    a, z = [X], []
    for l in range(len(W)):
        z.append(W[l] @ a[l] + b[l])
        a.append(output(z[l]) if l == len(W) - 1 else f[l](z[l]))
    return a, z


def backward(X, Y):
    """{w["backward"]}"""
    a, z = forward(X)
    delta = output_delta(a[-1], Y)  # {w["delta_out"]}
    dW, db = [None] * len(W), [None] * len(W)
    for l in range(len(W) - 1, -1, -1):
        dW[l] = delta @ a[l].T  # {w["dW"]}
        db[l] = delta.sum(axis=1, keepdims=True)  # {w["db"]}
{_REG_CODE[s["reg"]].format(w=w)}        if l:
            delta = (W[l].T @ delta) * df[l - 1](a[l])  # {w["delta_back"]}
    return dW, db


# ---------------------------------------------------------------- {w["h_optimizer"]}
{opt_state}

{update}

def measure(X, Y):
    return data_loss(forward(X)[1][-1], Y) if X.shape[1] else None  # ({w["no_test"]})


def report(epoch):
    loss_train, loss_test = measure(X_train, Y_train), measure(X_test, Y_test)
    print(f"epoch {{epoch}}  loss_train {{loss_train!r}}  loss_test {{loss_test!r}}")


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
    batch = min(BATCH_SIZE, n)
    np.seterr(over="ignore")  # {w["overflow"]}
    report(0)
    for epoch in range(1, opts.epochs + 1):
        order = rng.permutation(n) if batch < n else np.arange(n)  # {w["full_batch"]}
        Xs, Ys = X_train[:, order], Y_train[:, order]
        for i in range(0, n, batch):
            dW, db = backward(Xs[:, i:i + batch], Ys[:, i:i + batch])
            update(W + b, dW + db)
        finite = all(np.isfinite(p).all() for p in W + b)
        if epoch % max(1, opts.every) == 0 or epoch == opts.epochs or not finite:
            report(epoch)
        if not finite:
            print({w["diverged"]!r})
            break


if __name__ == "__main__":
    main()
'''
