"""Student code plugged into training (the lab's exercise 8, "plug it in").

A `Plug` holds the functions of one lab exercise the student passed (bpcore.lab.plug_parts):
- activation: f(z) and df(z), f' written AT z (not in terms of a = f(z)); it replaces the
  activation of EVERY hidden layer (the output layer keeps the one its loss pairs with);
- loss: loss(y', y) -> the mean over the n rows, and delta(y', y) -> (n, 1) dL_i/dz per row
  (y' - y for cross-entropy), for a network with one sigmoid output; bpcore divides by n as
  losses.py does;
- dense: backward(a_prev, W, delta) -> (dW, db, delta_prev) of every weight layer, delta =
  dL/dz of the layer (already averaged over the batch); bpcore then multiplies delta_prev by
  the previous layer's f'.

A network with a plug (Network.plug_in) trains, measures and is inspected through this
module's gradient path instead of fastpath.py's: the same maths, with z of every layer kept
(a plugged df takes z) and the student's function called where bpcore's would be; with
dropout, the same masks as an unplugged run (dropout.py). Each call
is checked: an exception or a result of the wrong shape is a CodedError naming the function
(plug_raised, plug_shape). NaN costs nothing to allow for: when a plugged run's weights turn
non-finite, `guarded_step` rolls the session back to where the chunk began and trains it
again with every result checked (plug_not_finite if the student's code made the first NaN or
infinity from finite inputs; else it is an ordinary divergence, as unplugged runs have).
"""

import math

import numpy as np

from .errors import CodedError
from .fastpath import MAX_CACHED_SIZES, penalty_gradient

# exercise -> (the part it replaces, the functions it brings)
PARTS = {
    "plug_activation": ("activation", ("f", "df")),
    "plug_loss": ("loss", ("loss", "delta")),
    "plug_dense": ("dense", ("backward",)),
}
_ERROR_TEXT = 200  # characters of the student's exception kept in the message
_F64 = np.dtype(np.float64)


def _read_only(a):
    """A view of `a` the student's code cannot write into (it would change bpcore's buffers)."""
    v = a.view()
    v.flags.writeable = False
    return v


def _shape(s):
    return " × ".join(map(str, s)) if len(s) else "()"


def part_of(exercise):
    """(part, function names) of a plug exercise, else CodedError plug_unknown."""
    if not isinstance(exercise, str) or exercise not in PARTS:
        known = ", ".join(PARTS)
        msg = f"exercise: {exercise!r} cannot be plugged in; one of {known}"
        raise CodedError("plug_unknown", msg, exercise=str(exercise)[:40])
    return PARTS[exercise]


class Plug:
    """One plugged part: `exercise`, `kind` ("activation" | "loss" | "dense") and the student's
    functions, each called through `call` (checked shape, errors as CodedError)."""

    def __init__(self, exercise, parts):
        self.kind, names = part_of(exercise)
        self.exercise = exercise
        missing = [n for n in names if not callable((parts or {}).get(n))]
        if missing:
            msg = f"{exercise}: the code defines no function {missing[0]}"
            raise CodedError("plug_missing", msg, function=missing[0])
        self.fns = {n: parts[n] for n in names}
        self.checked = False  # every result checked for NaN/inf (guarded_step's second run)

    def call(self, name, shape, *args):
        """fns[name](*args) as float64 of `shape` (None: a number), else a CodedError."""
        try:
            out = self.fns[name](*args)
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # the student's code failed (sys.exit() too): say why
            raise self._raised(name, e) from e
        # the usual case, checked in a few attribute looks (no NumPy call: in the browser
        # each costs a microsecond or more, and this runs per layer and mini-batch)
        if type(out) is np.ndarray and out.dtype is _F64 and out.shape == shape:
            if not self.checked:
                return out
        return self._result(name, shape, out, args)

    def _raised(self, name, e):
        text = f"{type(e).__name__}: {e}"[:_ERROR_TEXT]
        msg = f"your {name}() raised {text}"
        return CodedError("plug_raised", msg, part=self.kind, function=name, error=text)

    def _result(self, name, shape, out, args):
        """A function's result as float64 of `shape` (None: a number), checked."""
        try:
            out = float(out) if shape is None else np.asarray(out, dtype=np.float64)
        except (TypeError, ValueError) as e:
            text = f"{type(e).__name__}: {e}"[:_ERROR_TEXT]
            msg = f"your {name}() returned something that is not numbers: {text}"
            raise CodedError("plug_type", msg, part=self.kind, function=name, error=text) from e
        got = () if shape is None else out.shape
        if shape is not None and got != shape:
            msg = f"your {name}() returned shape {got}, expected {shape}"
            got, want = _shape(got), _shape(shape)
            raise CodedError("plug_shape", msg, part=self.kind, function=name, got=got, want=want)
        if self.checked and not np.isfinite(out).all() and all(np.isfinite(a).all() for a in args):
            msg = f"your {name}() returned NaN or infinity for finite inputs"
            raise CodedError("plug_not_finite", msg, part=self.kind, function=name)
        return out

    # the parts as bpcore calls them

    def f(self, z, out=None):
        """The plugged activation, in place into `out` when given (like activations.py's)."""
        a = self.call("f", z.shape, z)
        if out is None:
            return a
        np.copyto(out, a)
        return out

    def df(self, z):
        return self.call("df", z.shape, z)

    def loss(self, y, t):
        return self.call("loss", None, y, t)

    def delta(self, y, t):
        return self.call("delta", (len(y), 1), y, t)

    def backward(self, a_prev, W, delta):
        """(dW, db, delta_prev) of one layer, each shape checked."""
        args = (a_prev, W, delta)
        try:
            dW, db, d_prev = self.fns["backward"](*args)
        except KeyboardInterrupt:
            raise
        except BaseException as e:  # (unpacking too: it must return three things)
            raise self._raised("backward", e) from e
        shapes = (W.shape, (W.shape[0],), a_prev.shape)
        return tuple(
            self._result("backward", sh, v, args) for sh, v in zip(shapes, (dW, db, d_prev))
        )

    # a network it can train

    def fit_error(self, net):
        """None if this plug can train `net`, else the CodedError saying why not."""
        if self.kind == "activation" and len(net.sizes) < 3:
            return CodedError("plug_needs_hidden", "activation: the network has no hidden layer")
        if self.kind == "loss" and (net.output != "sigmoid" or net.sizes[-1] != 1):
            msg = "loss: your loss is for one sigmoid output (two classes, cross-entropy)"
            return CodedError("plug_needs_bce", msg, loss=net.loss_name)
        return None


class _Work:
    """Buffers for n rows: [a_l | 1] per layer (a1[0] is [x | 1]), z_l per layer (a plugged
    df takes z; the hidden layers' side by side in `zh`, so one call of the student's df,
    which the lab checks is elementwise, gives f' of every hidden neuron: `spans` its
    columns per layer), y = out(z_L), delta_l = dL/dz_l; read-only views for student code."""

    def __init__(self, sizes, n):
        self.a1 = [np.ones((n, k + 1)) for k in sizes[:-1]]
        self.a = [a1[:, :-1] for a1 in self.a1]
        ends = np.cumsum([0, *sizes[1:-1]]).tolist()
        self.spans = [slice(s, e) for s, e in zip(ends, ends[1:])]
        self.zh = np.empty((n, ends[-1]))
        self.ro_zh = _read_only(self.zh)
        self.z = [self.zh[:, sl] for sl in self.spans] + [np.empty((n, sizes[-1]))]
        self.y = np.empty((n, sizes[-1]))
        self.deltas = [np.empty((n, k)) for k in sizes[1:]]
        self.fp = [np.empty((n, k)) for k in sizes[1:-1]]
        self.ro_z = [_read_only(z) for z in self.z]
        self.ro_a = [_read_only(a) for a in self.a]
        self.ro_d = [_read_only(d) for d in self.deltas]
        self.ro_y = _read_only(self.y)


def work(net, n):
    """The _Work for n rows, kept on the network beside fastpath's."""
    w = net._works.get(("plug", n))
    if w is None:
        if len(net._works) >= MAX_CACHED_SIZES:
            net._works.pop(next(iter(net._works)))
        w = net._works[("plug", n)] = _Work(net.sizes, n)
    return w


def gradient_fn(net, n, reg="none", reg_rate=0.0, masks_for=None):
    """grad(X1, T) for n rows (network.py gradient_fn), through the plugged part; for n == 1
    it also takes one sample as 1-D vectors (the session's batches of one row). With dropout,
    masks_for(n) gives each call's scaled masks (dropout.py): a_{l+1} = f(z_l) * m_l and
    delta_l = (delta_{l+1} W) * f'(z_l) * m_l, as the unplugged path (a dense plug gets the
    masked a_prev, its layer's real input)."""
    plug = net.plug
    w = work(net, n)
    L = len(net.weights)
    act = plug.kind == "activation"
    dense = plug.kind == "dense"
    lossp = plug.kind == "loss"
    matmul, copyto = np.matmul, np.copyto
    WbT, G, weights = net._WbT, net._Gb, net.weights
    ro_W = [_read_only(W) for W in weights]
    hidden_f = net._hidden_f
    call = plug.call
    hidden_df = [None if act else fa.df for fa in net._fs]
    spans = w.spans
    linear = net.output == "linear"
    out, delta_out = net._loss.out, net._loss.delta
    scale = 1.0 / n
    add_penalty = penalty_gradient(net, reg, reg_rate)

    def grad(X1, T):
        if X1.ndim == 1:  # one sample as 1-D vectors
            X1, T = X1[None], T[None]
        masks = masks_for(n) if masks_for is not None else ()
        a1 = X1
        for l in range(L - 1):  # z_l = [a_l | 1] [W_l | b_l]^T, a_{l+1} = f(z_l)
            z = matmul(a1, WbT[l], out=w.z[l])
            f = hidden_f[l]
            if act:  # the student's f, given z read-only (its df takes z later)
                copyto(w.a[l + 1], call("f", z.shape, w.ro_z[l]))
            elif f is None:
                copyto(w.a[l + 1], z)
            else:
                f(z, out=w.a[l + 1])
            if masks and masks[l] is not None:
                if not act and hidden_df[l] is not None:  # f' from the unmasked a_{l+1}
                    hidden_df[l](w.z[l] if net._fs[l].by_z else w.a[l + 1], out=w.fp[l])
                w.a[l + 1] *= masks[l]
            a1 = w.a1[l + 1]
        z = matmul(a1, WbT[-1], out=w.z[-1])
        y = z if linear else out(z, out=w.y)
        if act:  # f'(z) of every hidden neuron in one call
            fp = plug.df(w.ro_zh)
        d_out = w.deltas[-1]
        if lossp:  # delta_L = delta(y', y) / n, the student's per-row dL/dz averaged
            np.copyto(d_out, plug.delta(w.ro_y, T))
            if n > 1:
                d_out *= scale
        else:
            delta_out(z, y, T, out=d_out)
        for l in range(L - 1, -1, -1):
            d = w.deltas[l]
            x = X1 if l == 0 else w.a1[l]
            if dense:
                a_prev = _read_only(X1[:, :-1]) if l == 0 else w.ro_a[l]
                dW, db, d_prev = plug.backward(a_prev, ro_W[l], w.ro_d[l])
                G[l][:, :-1] = dW
                G[l][:, -1] = db
                if l:
                    np.copyto(w.deltas[l - 1], d_prev)
            else:
                matmul(d.T, x, out=G[l])  # dL/d[W_l | b_l] = delta_l^T [a_l | 1]
                if l:
                    matmul(d, weights[l], out=w.deltas[l - 1])  # delta_l W_l
            if l:  # ... times f'(z_{l-1}) (and the mask m_{l-1})
                m = masks[l - 1] if masks else None
                if act:
                    w.deltas[l - 1] *= fp[:, spans[l - 1]]
                elif hidden_df[l - 1] is not None and m is not None:  # made before the mask
                    w.deltas[l - 1] *= w.fp[l - 1]
                elif hidden_df[l - 1] is not None:  # from a_l, or z_{l-1} (by_z)
                    at = w.z[l - 1] if net._fs[l - 1].by_z else w.a[l]
                    w.deltas[l - 1] *= hidden_df[l - 1](at, out=w.fp[l - 1])
                if m is not None:
                    w.deltas[l - 1] *= m
        if add_penalty is not None:
            add_penalty()

    grad.work = w
    return grad


def backward(net, X, T, reg="none", reg_rate=0.0, masks=None):
    """Network.backward through the plug: the gradients into flat_grad, net.deltas set; with
    fixed dropout masks when given (dropout.backward)."""
    grad = gradient_fn(net, len(X), reg, reg_rate, None if masks is None else lambda _n: masks)
    X1 = np.ones((len(X), X.shape[1] + 1))
    X1[:, :-1] = X
    grad(X1, T)
    net.deltas = grad.work.deltas


def derivative(net, l, z, a):
    """f'(z_l) of hidden layer l for the inspector: the plugged df at z, or bpcore's from a
    (from z where a does not tell z apart: activations.py by_z)."""
    if net.plug is not None and net.plug.kind == "activation":
        return net.plug.df(_read_only(np.asarray(z, dtype=np.float64)))
    act = net._fs[l]
    if act.df is None:
        return np.ones_like(a)
    return act.df(np.array(z if act.by_z else a, dtype=np.float64))


# ---------------------------------------------------------------- training a session with it


def attach(net, plug):
    """Plug `plug` into `net` if it fits; returns the plug kept (None: it does not fit)."""
    if plug is None or plug.fit_error(net) is not None:
        net.plug_in(None)
        return None
    net.plug_in(plug)
    return plug


def plug_session(s, plug):
    """Train session `s` with `plug` from now on (None: bpcore's own parts again); a plug
    that cannot train this network is refused with its CodedError, changing nothing."""
    if plug is not None:
        err = plug.fit_error(s.net)
        if err is not None:
            raise err
    s.plug = plug
    s.net.plug_in(plug)
    s._steps_for = (None, [])  # the bound gradient functions belonged to the other path
    s.diverged = not math.isfinite(s.net.flat.sum())


def _saved(s):
    return (s.net.flat.copy(), s.opt.state_dict(), s._rng.bit_generator.state, s.epoch)


def _restore(s, saved):
    flat, opt, rng, epoch = saved
    s.net.flat[...] = flat
    s.opt.load_state_dict(opt)
    s._rng.bit_generator.state = rng
    s.epoch, s.diverged = epoch, False


def guarded_step(s, epochs):
    """s.step(epochs) with a plug: training, then the metrics (the student's code runs in
    both). If the student's code fails, the session is rolled back to where it was and the
    CodedError raised (training stops; nothing is lost). A run whose weights turn non-finite
    is trained again from the same state with every plugged result checked, so a NaN the
    student's code made is named (plug_not_finite)."""
    saved = _saved(s)
    try:
        s._train(epochs)
        if s.diverged:
            _restore(s, saved)
            s.plug.checked = True
            try:
                s._train(epochs)  # the same batches again: the same divergence, or the culprit
            finally:
                s.plug.checked = False
        return s.metrics()
    except CodedError:
        _restore(s, saved)
        raise
