"""The numbers behind one sample's forward and backward pass, for the backprop inspector.

Everything is computed the plain way, one sample at a time, from the network's own pieces, so
the page can show each formula next to its value. Results are JSON-able (nested lists).
"""

import numpy as np

from . import dropout
from .activations import ACTIVATIONS
from .errors import check_index
from .optim import sgd_step
from .plugin import derivative

YOURS = "yours"  # the name of a plugged activation (plugin.py): the student's f and df


def _rows(a):
    return np.asarray(a, dtype=np.float64).tolist()


def _activation(net, l):
    """(name, formula) of hidden layer l: "yours" when the student's activation is plugged."""
    if net.plug is not None and net.plug.kind == "activation":
        return YOURS, "f(z)"
    return net.activations[l], ACTIVATIONS[net.activations[l]].formula


def inspect_sample(net, a0, t, reg="none", reg_rate=0.0, lr=0.03, masks=None):
    """Forward and backward pass for one sample a0 (n_in,) with target t (n_out,).

    Returns {a0, target, layers, output, error, loss, data_loss, penalty, loss_name, sgd}.
    Layer l holds z_l = W_l a_l + b_l, a_{l+1} = f(z_l), delta_l = dL/dz_l,
    dL/dW_l = delta_l a_l^T and dL/db_l = delta_l (for this sample alone). Hidden layers also
    hold the two factors of their delta: dfz = f'(z_l) and
    backprop = W_{l+1}^T delta_{l+1} = dL/da_{l+1}, so delta_l = backprop * dfz; the output
    layer has None for both (its delta comes from the loss: error = y - t). With a plug
    (plugin.py) every number is the student's code's: a plugged activation is named "yours"
    (its dfz from df(z)), a plugged loss gives loss and the output delta. Sigmoid hidden
    layers hold `article`: {dfz: (1 - z) z, delta: backprop * (1 - z) z}, what the seed
    article's printed step would give (the inspector's note on its slip); None elsewhere.
    Each layer also holds its parameters and what flows along each link (n_out, n_in):
    W, b; wa[i][j] = W[i, j] a_l[j] (the terms of z_l, forward); wdelta[i][j] =
    W[i, j] delta_l[i] (the terms of dL/da_l, flowing back); and W_after, b_after, the
    parameters after one SGD step on this sample alone (optim.sgd_step). The page computes
    none of these: it looks them up.
    sgd: {lr, output_after, loss_after}, that step's effect on this sample (the whole network's
    output and loss after it).
    masks: None, or the scaled dropout masks (1, k_l) of the training step shown (dropout.py):
    then a = f(z) * m, delta = backprop * dfz * m, and every hidden layer holds `mask`, the
    scaled m_l (0 for a dropped neuron, 1 / (1 - p_l) for a kept one; None: no dropout there).
    """
    X = np.asarray(a0, dtype=np.float64).reshape(1, -1)
    T = np.asarray(t, dtype=np.float64).reshape(1, -1)
    if masks is None:
        zs, acts = net.forward_all(X)
        gW, gb = net.backward(X, T, reg, reg_rate)
    else:
        zs, acts = dropout.forward_all(net, X, masks)
        gW, gb = dropout.backward(net, X, T, reg, reg_rate, masks)
    grads = [g.copy() for g in net.grads]
    deltas = [d.copy() for d in net.deltas]  # the very deltas backward() used
    penalty = net.penalty(reg, reg_rate)
    data_loss = net.data_loss(zs[-1], acts[-1], T)

    # One SGD step on this sample alone: p - lr dL/dp, then the same sample again.
    saved = [p.copy() for p in net.params()]
    try:
        sgd_step(net.params(), grads, lr)
        after = [p.copy() for p in net.params()]
        out_after = net.forward(X)[0]
        loss_after = net.loss(X, T, reg, reg_rate)
    finally:
        for p, s in zip(net.params(), saved):
            p[...] = s

    layers = []
    for l in range(len(zs)):
        W = net.weights[l]
        hidden = l < len(zs) - 1
        name, formula = _activation(net, l) if hidden else (net.output, net.output)
        mask = masks[l] if hidden and masks is not None else None
        whole = acts[l + 1][0] if mask is None else net._outs[l](zs[l][0])  # f(z), unmasked
        dfz = _rows(derivative(net, l, zs[l][0], whole)) if hidden else None
        back = net.weights[l + 1].T @ deltas[l + 1][0] if hidden else None
        # the seed article's printed backward step multiplies by (1 - z) z instead of a (1 - a)
        printed = (1.0 - zs[l][0]) * zs[l][0] if hidden and name == "sigmoid" else None
        layers.append(
            {
                "activation": name,
                "formula": formula,
                "z": _rows(zs[l][0]),
                "a": _rows(acts[l + 1][0]),
                "delta": _rows(deltas[l][0]),
                "dW": _rows(gW[l]),
                "db": _rows(gb[l]),
                "dfz": dfz,
                "backprop": None if back is None else _rows(back),
                "article": None
                if printed is None
                else {"dfz": _rows(printed), "delta": _rows(back * printed)},
                "W": _rows(W),
                "b": _rows(net.biases[l]),
                "wa": _rows(W * acts[l][0]),  # row i: W[i, j] a_l[j]; z_l[i] = their sum + b[i]
                "wdelta": _rows(W * deltas[l][0][:, None]),  # column j sums to dL/da_l[j]
                "W_after": _rows(after[2 * l]),
                "b_after": _rows(after[2 * l + 1]),
            }
        )
        if masks is not None and hidden:  # the step shown drops neurons (dropout.py)
            layers[-1]["mask"] = None if mask is None else _rows(mask[0])
    return {
        "a0": _rows(X[0]),
        "target": _rows(T[0]),
        "layers": layers,
        "output": _rows(acts[-1][0]),
        "error": _rows(acts[-1][0] - T[0]),  # y - t: the output delta's factor
        "loss": data_loss + penalty,
        "data_loss": data_loss,
        "penalty": penalty,
        "loss_name": net.loss_name,
        "sgd": {"lr": lr, "output_after": _rows(out_after), "loss_after": loss_after},
    }


def inspect_neuron(net, l, i, X, T, reg="none", reg_rate=0.0):
    """Neuron i of layer l: incoming weights, bias, activation and the gradient of the
    training loss (over X, T) with respect to them."""
    check_index([w.shape for w in net.weights], l, i)
    gW, gb = net.backward(X, T, reg, reg_rate)
    hidden = l < len(net.weights) - 1
    name, formula = _activation(net, l) if hidden else (net.output, net.output)
    return {
        "layer": l,
        "index": i,
        "weights": _rows(net.weights[l][i]),
        "bias": float(net.biases[l][i]),
        "activation": name,
        "output": not hidden,
        "formula": formula,
        "grad_weights": _rows(gW[l][i]),
        "grad_bias": float(gb[l][i]),
    }
