"""The maths of the generated script (bpcore/script.py), each piece once, as the script spells
it: one sample is a column, so a batch is a matrix of columns (`{w[key]}`: a comment's words,
bpcore/script_words.py)."""

import ast
import inspect

from .optim import sgd_step

FEATURE_CODE = {
    "x1": "x1",
    "x2": "x2",
    "x1sq": "x1 * x1",
    "x2sq": "x2 * x2",
    "x1x2": "x1 * x2",
    "sinx1": "np.sin(x1)",
    "sinx2": "np.sin(x2)",
}

_GELU_T = "np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))"
ACTIVATION_CODE = {  # f(z), f'(z) written with a = f(z) (or z), the note's key
    "sigmoid": ("1 / (1 + np.exp(-z))", "a * (1 - a)", "sigmoid_note"),
    "tanh": ("np.tanh(z)", "1 - a * a", ""),
    "relu": ("np.maximum(z, 0.0)", "np.sign(a)", "relu_note"),
    "leaky_relu": ("np.maximum(z, 0.01 * z)", "np.maximum(np.sign(a), 0.01)", ""),
    "elu": ("np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))", "np.where(a > 0, 1.0, a + 1)", ""),
    "softplus": ("np.logaddexp(0.0, z)", "-np.expm1(-a)", "softplus_note"),
    "silu": ("z / (1 + np.exp(-z))", "(s := 1 / (1 + np.exp(-z))) * (1 + z * (1 - s))", ""),
    "gelu": (
        f"0.5 * z * (1 + {_GELU_T})",
        f"0.5 * (1 + (t := {_GELU_T}))\n{'':23s}"
        "+ 0.5 * z * (1 - t * t) * np.sqrt(2 / np.pi) * (1 + 3 * 0.044715 * z * z)",
        "gelu_note",
    ),
    "sine": ("np.sin(z)", "np.cos(z)", ""),
    "linear": ("z", "np.ones_like(a)", ""),
}

# the output layer and its loss, one column per sample ({w[key]}: a comment's words)
LOSS_CODE = {
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

REG_CODE = {
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


OPTIMIZER_CODE = {
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


def changes_code(s, edits, w):
    """The pieces of a script whose run changed on the way (edits: a link's [epoch, layer, i,
    j, value] and [epoch, name, value]) -> (reg code, optimiser code, the changes and `at`):
    every regularisation and optimiser the run used, picked by REG and OPTIMIZER at run time,
    a fresh optimiser at each change of it (as Session.configure does)."""
    used = [s["optimizer"]] + [e[2] for e in edits if len(e) == 3 and e[1] == "optimizer"]
    used = sorted(set(used))
    reg = ('        if REG == "l1":\n' + REG_CODE["l1"].replace("        ", "            ", 1)) + (
        '        elif REG == "l2":\n' + REG_CODE["l2"].replace("        ", "            ", 1)
    )
    states = [OPTIMIZER_CODE[n][1] for n in used if OPTIMIZER_CODE[n][1]]
    names = [st.split(" = ")[0] for st in states]
    fresh = ("    global " + ", ".join(names) + "\n" if names else "") + (
        "".join("    " + st for st in states) or "    pass\n"
    )  # (the states are written for str.format already)
    opt = "\n\n".join(OPTIMIZER_CODE[n][0].replace("def update(", f"def update_{n}(") for n in used)
    opt += f'''

def fresh_optimizer():
    """{{w[fresh]}}"""
{fresh}

fresh_optimizer()
UPDATES = {{{{{", ".join(f'"{n}": update_{n}' for n in used)}}}}}


def update(params, grads):
    UPDATES[OPTIMIZER](params, grads)  # {{w[in_use]}}
'''
    rows = "".join(
        f"    ({e[0]}, {e[1].upper()!r}, {e[2]!r}),\n"
        if len(e) == 3
        else f"    ({e[0]}, {'b' if e[3] == -1 else 'W'!r}, {e[1]}, {e[2]}, "
        + ("" if e[3] == -1 else f"{e[3]}, ")
        + f"{e[4]!r}),\n"
        for e in edits
    )
    at = f'''# {{w[changes]}}
CHANGES = [
{rows.replace("{", "{{").replace("}", "}}")}]


def one_step(i):
    """{{w[one_step]}}"""
    dW, db = backward(features(POINTS[i:i + 1]), targets(POINTS[i:i + 1, 2]))
    for p, g in zip(W + b, dW + db):
        p -= LR * g


def at(epoch):
    """{{w[at]}}"""
    for when, what, *where, value in CHANGES:
        if when != epoch:
            continue
        if what == "W":
            W[where[0]][where[1], where[2]] = value  # {{w[edit]}}
        elif what == "b":
            b[where[0]][where[1], 0] = value
        elif what == "STEP":
            one_step(value)
        else:
            globals()[what] = value  # {{w[set]}}
            if what == "OPTIMIZER":
                fresh_optimizer()
'''
    return reg.format(w=w), opt.format(w=w), at.format(w=w)
