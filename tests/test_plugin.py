"""Student code plugged into training (bpcore/plugin.py, the lab's exercise 8): every gradient
path with a plugged part against finite differences; with the student's code equal to bpcore's
maths, bpcore's numbers; a plugged softplus trains the spiral; a plugged part that fails stops
training with a coded error and loses nothing; the protocol's plug/unplug."""

import zlib
from pathlib import Path

import numpy as np
import pytest
from gradcheck import numeric_grads, relative_error

from bpcore import Network, Session, dropout
from bpcore import protocol as protocol_module
from bpcore.errors import CodedError
from bpcore.features import feature_matrix, grid_inputs
from bpcore.hidden import hidden_view
from bpcore.plugin import Plug, plug_session
from bpcore.protocol import Engine

# ---------------------------------------------------------------- the student's code, as functions


def softplus(z):
    return np.log1p(np.exp(z))


def dsoftplus(z):
    return 1 / (1 + np.exp(-z))


def bce_loss(y_pred, y):  # the article's cross-entropy, with its minus sign, as the mean
    return -np.mean(y * np.log(y_pred) + (1 - y) * np.log(1 - y_pred))


def bce_delta(y_pred, y):
    return y_pred - y


def dense_backward(a_prev, W, delta):
    return delta.T @ a_prev, delta.sum(axis=0), delta @ W


SOFTPLUS = {"f": softplus, "df": dsoftplus}
# bpcore's own maths written as a student would: df at z, not in terms of a
AS_BPCORE = {
    "tanh": {"f": np.tanh, "df": lambda z: 1 - np.tanh(z) ** 2},
    "relu": {"f": lambda z: np.maximum(z, 0), "df": lambda z: (z > 0) * 1.0},
    "sigmoid": {
        "f": lambda z: 0.5 * np.tanh(0.5 * z) + 0.5,
        "df": lambda z: (0.5 * np.tanh(0.5 * z) + 0.5) * (0.5 - 0.5 * np.tanh(0.5 * z)),
    },
}
LOSS = {"loss": bce_loss, "delta": bce_delta}
DENSE = {"backward": dense_backward}
OUTPUTS = {"sigmoid": 1, "softmax": 3, "linear": 2}


def targets(output, n, k, rng):
    if output == "sigmoid":
        return rng.integers(0, 2, (n, 1)).astype(float)
    if output == "softmax":
        return np.eye(k)[rng.integers(0, k, n)]
    return rng.uniform(-1, 1, (n, k))


def plugged_net(hidden, output, act, rng, plug):
    net = Network([2, *hidden, OUTPUTS[output]], [act] * len(hidden), output, "glorot", rng)
    for b in net.biases:
        b[:] = rng.normal(0, 0.5, b.shape)
    net.plug_in(plug)
    return net


# ---------------------------------------------------------------- gradients


CASES = (
    [
        ("plug_activation", SOFTPLUS, out, hidden)
        for out in OUTPUTS
        for hidden in ([3], [4, 3], [3, 4, 2])
    ]
    + [("plug_loss", LOSS, "sigmoid", hidden) for hidden in ([], [3], [4, 3])]
    + [("plug_dense", DENSE, out, hidden) for out in OUTPUTS for hidden in ([], [3], [4, 3])]
)


@pytest.mark.parametrize("reg", ["none", "l2"])
@pytest.mark.parametrize("exercise, parts, output, hidden", CASES)
def test_plugged_gradients_match_finite_differences(exercise, parts, output, hidden, reg):
    rng = np.random.default_rng(zlib.crc32(f"{exercise}{output}{hidden}{reg}".encode()))
    net = plugged_net(hidden, output, "tanh", rng, Plug(exercise, parts))
    X = rng.normal(0, 1.5, (7, 2))
    T = targets(output, 7, OUTPUTS[output], rng)
    gW, gb = net.backward(X, T, reg, 0.05)
    analytic = [g.copy() for pair in zip(gW, gb) for g in pair]
    numeric = numeric_grads(net, X, T, reg, 0.05)  # net.loss: the plugged loss and forward
    for l, (a, n) in enumerate(zip(analytic, numeric)):
        assert relative_error(a, n) < 1e-6, f"param {l}: {a} vs {n}"


@pytest.mark.parametrize("exercise, parts, output, hidden", CASES[::3])
def test_one_sample_as_vectors_is_the_batch_of_one(exercise, parts, output, hidden):
    """The session hands a batch of one row as 1-D vectors: the same gradient."""
    rng = np.random.default_rng(3)
    net = plugged_net(hidden, output, "relu", rng, Plug(exercise, parts))
    X = rng.normal(size=(1, 2))
    T = targets(output, 1, OUTPUTS[output], rng)
    net.backward(X, T)
    batch = net.flat_grad.copy()
    grad = net.gradient_fn(1)
    grad(np.append(X[0], 1.0), T[0])
    assert np.array_equal(net.flat_grad, batch)


# ------------------------------------------------------- bpcore's maths -> bpcore's numbers

SPIRAL = {"dataset": "spiral", "layers": [8, 6], "batch_size": 10, "lr": 0.1, "n_points": 200}
SPIRAL_ADAM = {"optimizer": "adam", "lr": 0.01, "seed": 2}


def trained(settings, plug=None, epochs=30):
    s = Session(settings)
    if plug is not None:
        plug_session(s, plug)
    m = s.step(epochs)
    return s, m


@pytest.mark.parametrize("act", list(AS_BPCORE))
@pytest.mark.parametrize("batch", [1, 10, 1000])
def test_an_activation_like_bpcores_gives_bpcores_numbers(act, batch):
    settings = {**SPIRAL, "activation": [act], "batch_size": batch}
    ours, m0 = trained(settings)
    yours, m1 = trained(settings, Plug("plug_activation", AS_BPCORE[act]))
    # tanh and relu: the same bits; the sigmoid's df written at z differs in the last bits
    assert np.allclose(yours.net.flat, ours.net.flat, rtol=1e-12, atol=1e-12)
    if act != "sigmoid":
        assert np.array_equal(yours.net.flat, ours.net.flat)
    assert m1["loss_train"] == pytest.approx(m0["loss_train"], rel=1e-12)


@pytest.mark.parametrize("batch", [1, 10])
def test_a_loss_and_a_dense_layer_like_bpcores_give_bpcores_numbers(batch):
    settings = {**SPIRAL, "batch_size": batch}
    ours, m0 = trained(settings)
    for parts, exercise in ((LOSS, "plug_loss"), (DENSE, "plug_dense")):
        yours, m1 = trained(settings, Plug(exercise, parts))
        assert np.allclose(yours.net.flat, ours.net.flat, rtol=1e-12, atol=1e-13), exercise
        # the student's loss is their formula (logs), bpcore's the softplus form: close
        assert m1["loss_train"] == pytest.approx(m0["loss_train"], rel=1e-12), exercise
    loss_plugged, _ = trained(settings, Plug("plug_loss", LOSS))
    assert np.array_equal(loss_plugged.net.flat, ours.net.flat)  # delta y' - y: the same bits


# ---------------------------------------------------------------- with dropout

DROP = {**SPIRAL, "dropout": [0.3, 0.2]}


@pytest.mark.parametrize("exercise, parts, output", [(e, p, o) for e, p, o, h in CASES if h])
def test_plugged_gradients_with_fixed_dropout_masks_match_finite_differences(
    exercise, parts, output
):
    """a = f(z) * m, delta = (delta W) * f'(z) * m through the plug (dropout.py's maths)."""
    rng = np.random.default_rng(zlib.crc32(f"drop{exercise}{output}".encode()))
    net = plugged_net([4, 3], output, "tanh", rng, Plug(exercise, parts))
    X = rng.normal(0, 1.5, (5, 2))
    T = targets(output, 5, OUTPUTS[output], rng)
    masks = [(rng.random((5, k)) >= 0.4) / 0.6 for k in (4, 3)]
    masks[0][0, :2] = 0.0  # dropped for sure
    gW, gb = dropout.backward(net, X, T, "l2", 0.05, masks)
    analytic = [g.copy() for pair in zip(gW, gb) for g in pair]

    def loss():
        zs, a = dropout.forward_all(net, X, masks)
        return net.data_loss(zs[-1], a[-1], T) + net.penalty("l2", 0.05)

    for a, n in zip(analytic, numeric_grads(net, X, T, loss=loss)):
        assert relative_error(a, n) < 1e-6


@pytest.mark.parametrize("batch", [1, 10])
def test_a_plugged_run_drops_neurons_as_bpcore_does(batch):
    """Dropout on: the plugged run draws the same masks and gives bpcore's numbers (it used to
    train without dropout, silently)."""
    settings = {**DROP, "batch_size": batch}
    ours, _ = trained(settings)
    assert not np.array_equal(ours.net.flat, trained({**settings, "dropout": [0]})[0].net.flat)
    plugs = [("plug_activation", AS_BPCORE["tanh"]), ("plug_loss", LOSS), ("plug_dense", DENSE)]
    for exercise, parts in plugs:
        yours, _ = trained(settings, Plug(exercise, parts))
        assert np.allclose(yours.net.flat, ours.net.flat, rtol=1e-12, atol=1e-13), exercise
    # the step-through's step on one point, and its inspected numbers, drop the same neurons
    s, t = Session(DROP), Session(DROP)
    plug_session(s, Plug("plug_activation", AS_BPCORE["tanh"]))
    a, b = s.inspect(7), t.inspect(7)
    assert a["layers"][0]["mask"] is not None
    assert [x.get("mask") for x in a["layers"]] == [x.get("mask") for x in b["layers"]]
    s.sample_step(7)
    t.sample_step(7)
    assert np.allclose(s.net.flat, t.net.flat, rtol=1e-12, atol=1e-13)


def test_the_inspector_shows_the_plugged_numbers():
    s, _ = trained({**SPIRAL, "activation": ["relu"]}, Plug("plug_activation", SOFTPLUS))
    r = s.inspect(3)
    hidden = r["layers"][:-1]
    assert [h["activation"] for h in hidden] == ["yours", "yours"]
    for h in hidden:
        z = np.array(h["z"])
        assert np.allclose(h["a"], softplus(z), rtol=1e-15)
        assert np.allclose(h["dfz"], dsoftplus(z), rtol=1e-15)  # df at z, the student's
        assert h["article"] is None
    # and its numbers are the ones training uses: the gradient of that one sample
    s.net.backward(np.array([r["a0"]]), np.array([r["target"]]))
    assert np.allclose(r["layers"][0]["dW"], s.net.grads[0])
    n = s.inspect_neuron(0, 1)
    assert n["activation"] == "yours" and n["formula"] == "f(z)"

    s, _ = trained(SPIRAL, Plug("plug_loss", {"loss": lambda y, t: 7.0, "delta": bce_delta}))
    assert s.inspect(0)["data_loss"] == 7.0 and s.metrics()["loss_train"] == 7.0


# ---------------------------------------------------------------- the "done when"


def test_a_plugged_softplus_trains_the_spiral():
    # Adam: the spiral's SGD runs wander (and a run's path depends on the last bits of exp,
    # which differ between this NumPy and Pyodide's); this one converges in both
    s = Session({**SPIRAL, "n_points": 500, "activation": ["relu"], **SPIRAL_ADAM})
    plug_session(s, Plug("plug_activation", SOFTPLUS))
    before = s.metrics()
    m = s.step(600)
    assert before["acc_train"] < 0.7
    assert m["acc_train"] > 0.95 and m["acc_test"] > 0.9 and m["loss_train"] < 0.1, m
    assert not m["diverged"]


# ---------------------------------------------------------------- when the student's code fails


def state(s):
    return s.net.flat.copy(), s.epoch, s._rng.bit_generator.state, s.opt.state_dict()


def same_state(a, b):
    return np.array_equal(a[0], b[0]) and a[1:] == b[1:]


def failing(after, how):
    """A softplus that turns bad after `after` calls."""
    calls = [0]

    def f(z):
        calls[0] += 1
        if calls[0] > after:
            return how(z)
        return softplus(z)

    return {"f": f, "df": dsoftplus}


def _raise(z):
    raise IndexError("index 9 is out of bounds")


def _exit(z):
    raise SystemExit(3)  # sys.exit() in the student's code


@pytest.mark.parametrize(
    "how, code",
    [
        (_raise, "plug_raised"),
        (_exit, "plug_raised"),
        (lambda z: softplus(z)[:, :1], "plug_shape"),
        (lambda z: softplus(z).sum(), "plug_shape"),
        (lambda z: np.where(z > 0.5, np.nan, z), "plug_not_finite"),
        (lambda z: "softplus", "plug_type"),
    ],
)
def test_a_failing_part_stops_training_with_its_code_and_loses_nothing(how, code):
    s = Session({**SPIRAL, "optimizer": "adam"})
    s.step(3)
    plug_session(s, Plug("plug_activation", failing(150, how)))
    before = state(s)
    with pytest.raises(CodedError) as e:
        s.step(20)
    assert e.value.code == code
    assert e.value.params["part"] == "activation" and e.value.params["function"] == "f"
    assert same_state(state(s), before)  # the chunk rolled back: weights, epoch, RNG, optimiser
    assert not s.diverged
    plug_session(s, None)  # unplug and train on with bpcore's activation
    assert s.step(5)["epoch"] == 8


def test_the_error_names_the_students_exception():
    s = Session(SPIRAL)
    plug_session(s, Plug("plug_activation", failing(0, _raise)))
    with pytest.raises(CodedError) as e:
        s.step(1)
    assert e.value.params["error"] == "IndexError: index 9 is out of bounds"


def test_student_code_cannot_write_into_bpcores_buffers():
    def f(z):
        z *= 2  # in place: would change the kept z behind bpcore's back
        return np.tanh(z)

    s = Session(SPIRAL)
    plug_session(s, Plug("plug_activation", {"f": f, "df": dsoftplus}))
    with pytest.raises(CodedError, match="read-only") as e:
        s.step(1)
    assert e.value.code == "plug_raised"

    def backward(a_prev, W, delta):
        W -= 0.1 * delta.T @ a_prev  # an SGD step inside backward: not its job
        return dense_backward(a_prev, W, delta)

    s = Session(SPIRAL)
    plug_session(s, Plug("plug_dense", {"backward": backward}))
    before = s.net.flat.copy()
    with pytest.raises(CodedError, match="read-only"):
        s.step(1)
    assert np.array_equal(s.net.flat, before)


def test_an_ordinary_divergence_with_a_plug_is_not_the_students_fault():
    settings = {"dataset": "plane", "lr": 10.0, "activation": ["relu"]}
    s = Session(settings)
    plug_session(s, Plug("plug_activation", AS_BPCORE["relu"]))
    ours, m0 = trained(settings, epochs=50)
    m = s.step(50)
    assert m["diverged"] and m0["diverged"] and m["epoch"] == m0["epoch"] == 10


def test_a_dense_part_returning_the_wrong_shapes():
    def backward(a_prev, W, delta):
        return a_prev.T @ delta, delta.sum(axis=0), delta @ W  # dW transposed

    s = Session(SPIRAL)
    plug_session(s, Plug("plug_dense", {"backward": backward}))
    with pytest.raises(CodedError) as e:
        s.step(1)
    assert e.value.code == "plug_shape" and e.value.params["want"] == "1 × 6"


# ---------------------------------------------------------------- which networks a part can train


def test_a_loss_plug_needs_one_sigmoid_output():
    s = Session({"dataset": "blobs", "classes": 3})
    with pytest.raises(CodedError) as e:
        plug_session(s, Plug("plug_loss", LOSS))
    assert e.value.code == "plug_needs_bce" and s.plug is None
    s = Session({"dataset": "circle", "layers": []})
    with pytest.raises(CodedError) as e:
        plug_session(s, Plug("plug_activation", SOFTPLUS))
    assert e.value.code == "plug_needs_hidden"


def test_missing_functions_and_unknown_exercises_are_refused():
    with pytest.raises(CodedError) as e:
        Plug("plug_activation", {"f": softplus})
    assert e.value.code == "plug_missing" and e.value.params == {"function": "df"}
    with pytest.raises(CodedError) as e:
        Plug("sigmoid", {})
    assert e.value.code == "plug_unknown"


def test_the_plug_stays_through_a_rebuild_and_reset_and_not_a_snapshot():
    s = Session(SPIRAL)
    plug_session(s, Plug("plug_activation", SOFTPLUS))
    s.configure({"layers": [5]})
    assert s.plug is not None and s.net.plug is s.plug
    s.reset()
    assert s.net.plug is s.plug
    assert Session.restore(s.snapshot()).plug is None  # a snapshot carries no code


# ---------------------------------------------------------------- the protocol


@pytest.fixture
def eng(monkeypatch):
    """An engine whose lab checker passes these parts (bpcore.lab's own is tested there)."""
    parts = {"plug_activation": SOFTPLUS, "plug_loss": LOSS, "plug_dense": DENSE}

    def plug_parts(exercise, source):
        if source != "passes":
            raise CodedError("lab_not_passed", f"{exercise}: the code does not pass its checks")
        return parts[exercise]

    monkeypatch.setattr(protocol_module, "_plug_parts", plug_parts)
    e = Engine()
    e.handle("init", {"settings": SPIRAL})
    return e


def test_plug_and_unplug_through_the_engine(eng):
    r = eng.handle("plug", {"exercise": "plug_activation", "source": "passes"})
    assert r["plugged"] == {"exercise": "plug_activation", "part": "activation"}
    assert eng.session.net.plug is not None
    assert eng.handle("inspect", {"index": 0})["layers"][0]["activation"] == "yours"
    assert eng.handle("reset")["plugged"] == r["plugged"]
    r = eng.handle("unplug")
    assert r["plugged"] is None and eng.session.net.plug is None


def test_code_that_fails_its_checks_is_never_plugged(eng):
    with pytest.raises(CodedError):
        eng.handle("plug", {"exercise": "plug_activation", "source": "while True: pass"})
    assert eng.failure["code"] == "lab_not_passed" and eng.session.plug is None
    with pytest.raises(CodedError):
        eng.handle("plug", {"exercise": "forward", "source": "passes"})
    assert eng.failure["code"] == "plug_unknown"


def test_a_rebuild_the_plug_cannot_train_says_why(eng):
    eng.handle("plug", {"exercise": "plug_loss", "source": "passes"})
    r = eng.handle("configure", {"settings": {"dataset": "blobs"}})
    assert r["plugged"] is None and r["unplugged"]["code"] == "plug_needs_bce"


def test_a_failing_step_is_a_coded_error_the_page_can_say(eng):
    eng.handle("plug", {"exercise": "plug_activation", "source": "passes"})
    eng.session.plug.fns["df"] = lambda z: z[0]
    with pytest.raises(CodedError):
        eng.handle("step", {"epochs": 2})
    assert eng.failure["code"] == "plug_shape" and eng.failure["function"] == "df"
    assert eng.handle("unplug")["metrics"]["epoch"] == 0
    assert eng.handle("step", {"epochs": 2})["metrics"]["epoch"] == 2


# ---------------------------------------------------------------- with the lab's own checker

SOLUTIONS = Path(__file__).resolve().parent / "lab_solutions"


def solution(exercise, name):
    return (SOLUTIONS / exercise / f"{name}.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("exercise", ["plug_activation", "plug_loss", "plug_dense"])
def test_the_labs_passed_code_trains_and_its_slips_never_do(exercise):
    e = Engine()
    e.handle("init", {"settings": SPIRAL})
    r = e.handle("plug", {"exercise": exercise, "source": solution(exercise, "correct")})
    assert r["plugged"]["exercise"] == exercise
    assert e.handle("step", {"epochs": 5})["metrics"]["epoch"] == 5
    e.handle("unplug")
    wrong = sorted(p.stem for p in (SOLUTIONS / exercise).glob("*.py") if p.stem != "correct")
    for name in wrong:
        with pytest.raises(CodedError):
            e.handle("plug", {"exercise": exercise, "source": solution(exercise, name)})
        assert e.failure["code"] == "lab_not_passed", name
        assert e.session.plug is None


def test_the_labs_dense_layer_gives_bpcores_numbers():
    e = Engine()
    e.handle("init", {"settings": SPIRAL})
    e.handle("plug", {"exercise": "plug_dense", "source": solution("plug_dense", "correct")})
    ours, _ = trained(SPIRAL, epochs=10)
    e.handle("step", {"epochs": 10})
    assert np.allclose(e.session.net.flat, ours.net.flat, rtol=1e-12, atol=1e-13)


def test_a_part_failing_on_the_metrics_rows_loses_nothing_either():
    def f(z):  # fine on mini-batches, fails on the whole data set (the metrics' forward pass)
        if len(z) > 100:
            raise MemoryError("too many rows")
        return softplus(z)

    s = Session(SPIRAL)
    plug_session(s, Plug("plug_activation", {"f": f, "df": dsoftplus}))
    before = state(s)
    with pytest.raises(CodedError) as e:
        s.step(2)
    assert e.value.code == "plug_raised" and same_state(state(s), before)


def test_the_step_through_the_map_and_the_hidden_layer_use_the_plugged_part():
    s, _ = trained({**SPIRAL, "activation": ["relu"]}, Plug("plug_activation", SOFTPLUS))
    after = [p.copy() for p in s.inspect(5)["layers"][0]["W_after"]]
    s.sample_step(5)  # the step-through's last stage: the step the inspector showed
    assert np.allclose(s.net.weights[0], after, rtol=1e-14, atol=1e-15)
    g = s.grid(8)  # the map's neurons: softplus of the first layer's z
    G = grid_inputs(8, s.settings["features"], *s.view)
    z1 = G @ s.net.weights[0].T + s.net.biases[0]
    assert np.allclose(np.array(g["neurons"][:8]), softplus(z1).T.astype(np.float32), rtol=1e-6)
    view = hidden_view(s.net, s.settings["features"], s.points, 0, [0, 1], view=s.view)
    X = feature_matrix(s.points, s.settings["features"])
    a1 = softplus(X @ s.net.weights[0].T + s.net.biases[0])
    assert np.allclose(view["points"].reshape(-1, 2), a1[:, :2], rtol=1e-12)
