"""A run written out as a standalone Python script that needs only NumPy.

`standalone_script(settings, points, epochs)` writes the data, the initial weights, the
network's forward and backward pass the way the seed article writes them (z = W a + b,
delta = ..., dW = delta a^T), the optimiser and the training loop, for exactly this run: the
points and their split are written out, and so are the initial weights and the state of the
model's random generator (it shuffles the mini-batches), so the script prints the same losses
as the page and `python -m bpcore replay` (to round-off). Only the code a run uses is written:
its features, its activations, its loss, its optimiser.
"""

import inspect
import pprint

from .optim import sgd_step
from .session import Session
from .settings import hidden_activations, resolve_loss

# Each piece of maths once, as the script spells it (samples are ROWS: Z = A W^T + b).
_FEATURE_CODE = {
    "x1": "x1",
    "x2": "x2",
    "x1sq": "x1 * x1",
    "x2sq": "x2 * x2",
    "x1x2": "x1 * x2",
    "sinx1": "np.sin(x1)",
    "sinx2": "np.sin(x2)",
}

_ACTIVATION_CODE = {  # f(z), f'(z) written with a = f(z), and a note
    "sigmoid": (
        "0.5 + 0.5 * np.tanh(0.5 * z)",
        "a * (1 - a)",
        "1 / (1 + e^-z) without overflow; the article writes (1 - z) z for f': a slip",
    ),
    "tanh": ("np.tanh(z)", "1 - a * a", ""),
    "relu": ("np.maximum(z, 0.0)", "np.sign(a)", "f'(z) is 1 where z > 0, else 0"),
    "leaky_relu": ("np.maximum(z, 0.01 * z)", "np.maximum(np.sign(a), 0.01)", ""),
    "linear": ("z", "np.ones_like(a)", ""),
}

_LOSS_CODE = {
    "bce": '''def output(z):
    return 0.5 + 0.5 * np.tanh(0.5 * z)  # sigmoid


def data_loss(z, t):
    """Mean cross-entropy -t log y - (1-t) log(1-y), y = sigmoid(z), from z (no overflow)."""
    return float(np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - t * z))


def output_delta(y, t):
    return (y - t) * (1 / len(y))  # dL/dz of the mean loss: the article's delta_2 = y' - y, / n
''',
    "softmax_ce": '''def output(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)  # softmax


def data_loss(z, t):
    """Mean cross-entropy -sum t log softmax(z), from z: logsumexp(z) - sum t z."""
    m = z.max(axis=1, keepdims=True)
    return float(np.mean(m[:, 0] + np.log(np.exp(z - m).sum(axis=1)) - (t * z).sum(axis=1)))


def output_delta(y, t):
    return (y - t) * (1 / len(y))  # dL/dz of softmax + cross-entropy: y - t per sample, / n
''',
    "mse": """def output(z):
    return z  # linear: the network's value


def data_loss(z, t):
    return float(np.mean((z - t) ** 2))  # mean squared error


def output_delta(y, t):
    return (y - t) * (2 / y.size)  # dL/dz of the mean of (y - t)^2
""",
}

_REG_CODE = {
    "none": "",
    "l1": "        dW[l] += REG_RATE * np.sign(W[l])  # d/dW of REG_RATE * sum |W|\n",
    "l2": "        dW[l] += REG_RATE * W[l]  # d/dW of REG_RATE * 0.5 * sum W^2\n",
}

_OPTIMIZER_CODE = {
    # the article's rule, w <- w - lr dL/dw: bpcore's own sgd_step (the optimiser's, the
    # inspector's and the step-through's), its source copied in
    "sgd": (
        inspect.getsource(sgd_step)
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
        v += g  # v <- momentum v + dL/dw
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
        m += (1 - BETA1) * g  # running mean of the gradient
        v *= BETA2
        v += (1 - BETA2) * (g * g)  # running mean of its square
        # p <- p - lr mhat / (sqrt(vhat) + eps), mhat = m / c1, vhat = v / c2^2
        p -= (LR * c2 / c1) * (m / (np.sqrt(v) + EPS * c2))
""",
        'adam = {"t": 0, "m": [np.zeros_like(p) for p in W + b], '
        '"v": [np.zeros_like(p) for p in W + b]}\n',
    ),
}


def _literal(value):
    return pprint.pformat(value, width=96, compact=True)


def _arrays(mats):
    return "[\n" + "".join(f"    np.array({_literal(m)}),\n" for m in mats) + "]"


def standalone_script(settings, points=None, epochs=100):
    """Source text of a NumPy-only script replaying this run for `epochs` epochs; it prints the
    train/test loss before training and after every epoch (`points`: for custom data)."""
    start = Session(settings, points)  # the run at epoch 0: its data, weights and RNG
    s = start.settings
    epochs = int(epochs)
    if epochs < 0:
        raise ValueError(f"epochs: expected a whole number >= 0, got {epochs}")
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
    used = sorted(set(acts))
    act_code = "".join(
        f"    {name!r}: (lambda z: {fz},\n{'':13s}lambda a: {da}),{'  # ' * bool(note)}{note}\n"
        for name in used
        for fz, da, note in [_ACTIVATION_CODE[name]]
    )
    update, opt_state = _OPTIMIZER_CODE[s["optimizer"]]
    targets = (
        "np.eye(CLASSES)[labels.astype(int)]  # one-hot"
        if loss == "softmax_ce"
        else "labels.reshape(-1, 1)"
    )
    sizes = "-".join(map(str, start.layer_sizes))
    hyper = {
        "LR": s["lr"],
        "BATCH_SIZE": s["batch_size"],
        "EPOCHS": epochs,
        "REG_RATE": s["reg_rate"] if s["reg"] != "none" else 0.0,
    }
    if s["optimizer"] == "momentum":
        hyper["MOMENTUM"] = s["momentum"]
    if s["optimizer"] == "adam":
        hyper.update(BETA1=s["beta1"], BETA2=s["beta2"], EPS=1e-8)
    if loss == "softmax_ce":
        hyper["CLASSES"] = start.classes
    return f'''#!/usr/bin/env python3
"""A BP Playground run written out: a {sizes} network ({", ".join(acts) or "no hidden layer"},
{loss} loss, {s["optimizer"]}) trained by backpropagation on {len(start.points)} points.
Needs only NumPy. Prints the mean loss on the training and the test set before training
(epoch 0) and after every epoch: the numbers BP Playground shows for the same settings.

Notation as in the article: a layer computes z = W a + b and a' = f(z); samples are rows
here, so a batch computes Z = A W^T + b. Backpropagation: delta_L = dL/dz_L at the output,
dL/dW_l = delta_l^T a_l, dL/db_l = sum of delta_l, delta_(l-1) = (delta_l W_l) * f'(z_(l-1)).
"""

import numpy as np

# ---------------------------------------------------------------- settings
{"".join(f"{k} = {v!r}{chr(10)}" for k, v in hyper.items())}
# ---------------------------------------------------------------- the data
# [x1, x2, label] (classes 0, 1, ... or values in [-1, 1]), and which points train / test
POINTS = np.array({_literal(snap["points"])})
TRAIN = {_literal(snap["train_idx"])}
TEST = {_literal(snap["test_idx"])}


def features(points):
    """What the network sees of a point: {", ".join(s["features"])}."""
    x1, x2 = points[:, 0], points[:, 1]
    return np.column_stack([{feats}])


def targets(labels):
    return {targets}


X_train, T_train = features(POINTS[TRAIN]), targets(POINTS[TRAIN, 2])
X_test, T_test = features(POINTS[TEST]), targets(POINTS[TEST, 2])

# ---------------------------------------------------------------- the network
# W[l] is (n_out, n_in), b[l] is (n_out,): the initial weights of this run
W = {_arrays(snap["weights"])}
b = {_arrays(snap["biases"])}
ACTIVATIONS = {{  # name: (f(z), f'(z) written with a = f(z))
{act_code}}}
HIDDEN = {acts!r}  # one activation per hidden layer
f = [ACTIVATIONS[name][0] for name in HIDDEN]
df = [ACTIVATIONS[name][1] for name in HIDDEN]


{_LOSS_CODE[loss]}

def forward(X):
    """-> (a, z): a[0] = X, a[l+1] = f(z[l]) with z[l] = a[l] W[l]^T + b[l]; the last a is
    the output y."""
    a, z = [X], []
    for l in range(len(W)):
        z.append(a[l] @ W[l].T + b[l])
        a.append(output(z[l]) if l == len(W) - 1 else f[l](z[l]))
    return a, z


def backward(X, T):
    """dL/dW and dL/db of the batch's mean loss (plus the regularisation)."""
    a, z = forward(X)
    delta = output_delta(a[-1], T)  # delta_L = dL/dz_L
    dW, db = [None] * len(W), [None] * len(W)
    for l in range(len(W) - 1, -1, -1):
        dW[l] = delta.T @ a[l]  # dL/dW_l = delta_l^T a_l
        db[l] = delta.sum(axis=0)  # dL/db_l
{_REG_CODE[s["reg"]]}        if l:
            delta = (delta @ W[l]) * df[l - 1](a[l])  # delta_(l-1) = (delta_l W_l) * f'(z)
    return dW, db


# ---------------------------------------------------------------- the optimiser
{opt_state}

{update}

def measure(X, T):
    return data_loss(forward(X)[1][-1], T) if len(X) else None  # (no test set: None)


# ---------------------------------------------------------------- training
# the model's random generator as the run left it after drawing the initial weights: it
# shuffles the training set every epoch (the same order as in the page)
rng = np.random.Generator(np.random.PCG64())
rng.bit_generator.state = {rng_state!r}
n = len(X_train)
batch = min(BATCH_SIZE, n)
loss_train, loss_test = measure(X_train, T_train), measure(X_test, T_test)
print(f"epoch 0  loss_train {{loss_train!r}}  loss_test {{loss_test!r}}")
for epoch in range(1, EPOCHS + 1):
    order = rng.permutation(n) if batch < n else np.arange(n)  # full batch: no shuffle
    Xs, Ts = X_train[order], T_train[order]
    for i in range(0, n, batch):
        dW, db = backward(Xs[i:i + batch], Ts[i:i + batch])
        update(W + b, dW + db)
    loss_train, loss_test = measure(X_train, T_train), measure(X_test, T_test)
    print(f"epoch {{epoch}}  loss_train {{loss_train!r}}  loss_test {{loss_test!r}}")
    if not np.isfinite(loss_train):
        print("diverged: the loss is no longer finite; try a smaller learning rate")
        break
'''
