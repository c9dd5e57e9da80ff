"""The worker's dispatch: `Engine().handle(type, payload) -> result`, plain Python.

The web worker converts a message's payload to a dict, calls `handle`, and converts the result
back (dicts -> objects, NumPy arrays -> transferred typed arrays). Everything else lives here,
so it runs under native pytest. One handler per message type (see docs/ARCHITECTURE.md,
"Page <-> worker protocol"); a bad request raises ValueError naming the field.

Results hold only dicts, lists, str, bool, int, float, None and C-contiguous 1-D NumPy arrays
of float64, float32 or uint8 (the worker turns each into a typed array without a copy in
Python). Metric keys are camelCase (`lossTrain`); settings keep their table names.
"""

import gc
import sys
import time

import numpy as np

from . import __version__, compare, goal, gradflow, landscape_messages, plugin, presets
from .confusion import confusion_of
from .csvio import read_csv, read_csv_inferred, write_csv
from .errors import CodedError
from .export import load_weights_json, weights_json
from .hidden import hidden_view
from .link.classroom import goal_problem
from .outputs import point_outputs
from .payload import camel  # noqa: F401  (tests and callers import it from here)
from .payload import fields as _fields
from .payload import metrics as _metrics
from .payload import points as _points
from .payload import whole as _whole
from .script import session_script
from .session import Session
from .sweep import HANDLERS as SWEEP_HANDLERS

MAX_EPOCHS = 100_000  # per step request: the page sends small chunks; this is a sanity bound
MAX_GRID = 400


def _grid(s, size, neurons=True, outputs=False, confusion=True):
    g = s.grid(size, neurons)
    extra = {"outputs": point_outputs(s)} if outputs else {}  # the page's table of few points
    if confusion:  # the confusion matrix or scatter of the map's weights (bpcore/confusion.py)
        extra["confusion"] = confusion_of(s)
    return {
        "size": size,
        "output": np.ascontiguousarray(g["output"], dtype=np.float32),
        "neurons": [np.ascontiguousarray(a, dtype=np.float32) for a in g["neurons"]],
        **extra,
    }


def _settings(s):
    return {k: list(v) if isinstance(v, list) else v for k, v in s.settings.items()}


def _described(s):
    """What the page needs to show a (new or rebuilt) session."""
    mask = np.zeros(len(s.points), dtype=np.uint8)
    mask[s.train_idx] = 1
    return {
        "settings": _settings(s),
        "points": np.ascontiguousarray(s.points, dtype=np.float64).ravel(),
        "trainMask": mask,
        "layerSizes": [int(n) for n in s.layer_sizes],
        "classes": int(s.classes),
        "problem": s.problem,
        "loss": s.loss,
        "epoch": int(s.epoch),
        "metrics": _metrics(s.metrics()),
        "plugged": _plugged(s),
        # the article's own net starts from its printed weights, whatever the seed and init
        "presetWeights": presets.initial_weights(s.settings) is not None,
    }


def _plugged(s):
    """{exercise, part} of the student's code the session trains with, or None."""
    return None if s.plug is None else {"exercise": s.plug.exercise, "part": s.plug.kind}


def _plug_parts(exercise, source):
    """The student's functions, from code that passes the exercise's checks (bpcore.lab
    re-checks it: CodedError lab_not_passed otherwise)."""
    from .lab import plug_parts

    return plug_parts(exercise, source)


class Engine:
    """Holds at most one Session; `handle` answers one message.

    `failure`: after a request that failed with a CodedError, its {code, message, **params}
    (bpcore/errors.py), else None; the worker sends it to the page with the error, so the page
    can say it in the user's language."""

    def __init__(self):
        self.session = None
        self.failure = None

    def handle(self, type, payload=None):
        self.failure = None
        handler = HANDLERS.get(type)
        if handler is None:
            raise ValueError(f"type: unknown message type {type!r}; known: {', '.join(HANDLERS)}")
        try:
            return handler(self, payload)
        except CodedError as e:
            self.failure = e.as_data()
            raise

    @property
    def _s(self):
        if self.session is None:
            raise ValueError("no session yet: send init first")
        return self.session

    # ------------------------------------------------------------ handlers, one per type

    def _init(self, payload):
        p = _fields(payload, optional=("settings", "points"))
        self.session = Session(p.get("settings"), _points(p.get("points")))
        return _described(self.session)

    def _step(self, payload):
        optional = ("gridSize", "neurons", "thumbSize", "outputs", "at", "gradFlow", "goal")
        p = _fields(payload, ("epochs",), optional)
        s = self._s
        epochs = _whole("epochs", p["epochs"], 0, MAX_EPOCHS)
        if "at" in p and (_whole("at", p["at"], 0, 10**9) != s.epoch or s.stopped):
            epochs = 0  # sent behind a chunk that a stopping rule ended: it trains nothing
        size = _whole("gridSize", p.get("gridSize", 0), 0, MAX_GRID)
        thumb = _whole("thumbSize", p.get("thumbSize", 0), 0, MAX_GRID)
        watch = p.get("goal")  # a classroom goal: the first epoch it is met (bpcore/goal.py)
        why = None if watch is None else goal_problem(watch)
        if why is not None:
            raise ValueError(f"goal: not a goal the page can track ({why})")
        t0 = time.perf_counter()
        m, goal_at = goal.step(s, epochs, watch) if watch is not None else (s.step(epochs), None)
        landscape_messages.record(self)  # the loss landscape's training path
        out = {"metrics": _metrics(m)}
        if goal_at is not None:
            out["goalAt"] = goal_at
        if s.stopped:  # why a stopping rule ended the chunk (bpcore/stopping.py)
            out["stopped"] = {camel(k): v for k, v in s.stopped.items()}
        if p.get("gradFlow") and epochs and not m["diverged"]:  # the chunk's last gradient
            out["gradFlow"] = gradflow.sample(s)  # (its time counts as training's)
        t1 = time.perf_counter()
        if size:
            out["grid"] = _grid(s, size, bool(p.get("neurons", True)), bool(p.get("outputs")))
        t2 = time.perf_counter()
        if thumb:  # the neurons' thumbnails, on their own (coarser) grid
            out["thumbs"] = _grid(s, thumb, True, confusion=False)
        # where the time went (ms): the page sizes the next chunk by the training part and
        # spaces the pictures by what they cost (web/schedule.js)
        out["ms"] = {
            "train": (t1 - t0) * 1000,
            "grid": (t2 - t1) * 1000,
            "thumbs": (time.perf_counter() - t2) * 1000,
        }
        return out

    def _grid_msg(self, payload):
        p = _fields(payload, ("size",), ("neurons", "outputs"))
        size = _whole("size", p["size"], 1, MAX_GRID)
        return _grid(self._s, size, bool(p.get("neurons", True)), bool(p.get("outputs")))

    def _configure(self, payload):
        p = _fields(payload, ("settings",), ("points",))
        s = self._s
        plug = s.plug
        rebuilt = s.configure(p["settings"], _points(p.get("points")))
        out = (
            _described(s)
            if rebuilt
            else {"settings": _settings(s), "metrics": _metrics(s.metrics())}
        )
        out["rebuilt"] = rebuilt
        if plug is not None and s.plug is None:  # the new network cannot take it: why
            out["unplugged"] = plug.fit_error(s.net).as_data()
        return out

    def _plug(self, payload):
        """Train with the student's code of a passed plug exercise (plugin.py)."""
        p = _fields(payload, ("exercise", "source"))
        s = self._s
        if not isinstance(p["source"], str):
            raise ValueError("source: expected the code's text")
        plugin.part_of(p["exercise"])  # (an unknown exercise is not even checked)
        parts = _plug_parts(p["exercise"], p["source"])
        plugin.plug_session(s, plugin.Plug(p["exercise"], parts))
        return {"plugged": _plugged(s), "metrics": _metrics(s.metrics())}

    def _unplug(self, payload):
        _fields(payload)
        s = self._s
        plugin.plug_session(s, None)
        return {"plugged": None, "metrics": _metrics(s.metrics())}

    def _reset(self, payload):
        _fields(payload)
        self._s.reset()
        return _described(self.session)

    def _weights(self, payload):
        _fields(payload)
        net = self._s.net
        return {
            "weights": [W.tolist() for W in net.weights],
            "biases": [b.tolist() for b in net.biases],
        }

    def _set_weight(self, payload):
        p = _fields(payload, ("layer", "i", "j", "value"))
        net = self._s.net
        layer = _whole("layer", p["layer"], 0, len(net.weights) - 1)
        i, j = _whole("i", p["i"], 0, 10**6), _whole("j", p["j"], -1, 10**6)
        value = p["value"]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            msg = f"value: expected a number, got {value!r}"
            raise CodedError("not_number", msg, field="value", got=value)
        if j == -1:
            net.set_bias(layer, i, value)
            value = net.get_bias(layer, i)
        else:
            net.set_weight(layer, i, j, value)
            value = net.get_weight(layer, i, j)
        # the losses of the edited network, so the page never shows the old ones
        return {"value": value, "metrics": _metrics(self._s.metrics())}

    def _snapshot(self, payload):
        _fields(payload)
        return {"snapshot": self._s.snapshot()}

    def _restore(self, payload):
        p = _fields(payload, ("snapshot",))
        self.session = Session.restore(p["snapshot"])
        return _described(self.session)

    # ------------------------------------------------------------ data and model files

    def _parse_csv(self, payload):
        p = _fields(payload, ("text",), ("problem", "classes"))
        if not isinstance(p["text"], str):
            raise ValueError("text: expected the CSV file's text")
        classes = p.get("classes")
        if "problem" not in p:  # the file says what it is: whole numbers 0..4 are classes
            pts, problem, k, note = read_csv_inferred(p["text"])
            return {
                "points": np.ascontiguousarray(pts).ravel(),
                "count": len(pts),
                "problem": problem,
                "classes": k,
                "note": note,
            }
        pts = read_csv(
            p["text"], p["problem"], None if classes is None else _whole("classes", classes, 2, 5)
        )
        return {"points": np.ascontiguousarray(pts).ravel(), "count": len(pts)}

    def _export_csv(self, payload):
        _fields(payload)
        return {"text": write_csv(self._s.points)}

    def _export_script(self, payload):
        """The run as a NumPy script (script.session_script: epochs, lang, start, edits)."""
        p = _fields(payload, optional=("epochs", "lang", "start", "edits"))
        epochs = _whole("epochs", p.get("epochs", self._s.epoch), 0, 10**7)
        args = (p.get("lang", "en"), p.get("start") or {}, p.get("edits") or [])
        return {"text": session_script(self._s, epochs, *args)}

    def _export_weights(self, payload):
        _fields(payload)
        return {"text": weights_json(self._s)}

    def _load_weights(self, payload):
        p = _fields(payload, ("text",))
        load_weights_json(self._s, p["text"])
        return {**self._weights(None), "metrics": _metrics(self._s.metrics())}

    # ------------------------------------------------------------ the inspector

    def _inspect(self, payload):
        """One point's forward and backward pass with the actual numbers."""
        p = _fields(payload, ("index",))
        s = self._s
        index = _whole("index", p["index"], 0, len(s.points) - 1)
        result = s.inspect(index)
        result["index"] = index
        result["point"] = s.points[index].tolist()
        result["train"] = bool(np.isin(index, s.train_idx))
        return result

    def _sample_step(self, payload):
        """The step-through's step, plain SGD on one point (Session.sample_step)."""
        p = _fields(payload, ("index",))
        s = self._s
        index = _whole("index", p["index"], 0, len(s.points) - 1)
        return {"metrics": _metrics(s.sample_step(index))}

    def _inspect_neuron(self, payload):
        p = _fields(payload, ("layer", "i"))
        s = self._s
        layer = _whole("layer", p["layer"], 0, len(s.net.weights) - 1)
        return s.inspect_neuron(layer, _whole("i", p["i"], 0, 10**6))

    def _hidden(self, payload):
        """The lattice of the plane and the data as one hidden layer sees them (hidden.py)."""
        p = _fields(payload, ("layer",), ("axes",))
        s = self._s
        layer = _whole("layer", p["layer"], 0, max(0, len(s.net.weights) - 2))
        axes = p.get("axes", "pca")
        view = hidden_view(s.net, s.settings["features"], s.points, layer, axes, view=s.view)
        for key in ("lattice", "points"):
            view[key] = view[key].astype(np.float32)
        return view

    def _versions(self, payload):
        _fields(payload)
        return {"bpcore": __version__, "numpy": np.__version__, "python": sys.version.split()[0]}

    def _memory(self, payload):
        # What stays alive after gc: flat during long training unless something leaks (e.g. a
        # result the worker forgot to release keeps its dict and list alive). Python objects
        # tracked by gc (Pyodide has no pymalloc, so sys.getallocatedblocks() is always 0
        # there); the worker adds the wasm heap's size in bytes.
        _fields(payload)
        gc.collect()
        return {"objects": len(gc.get_objects()), "blocks": sys.getallocatedblocks()}


HANDLERS = {
    "init": Engine._init,
    "step": Engine._step,
    "grid": Engine._grid_msg,
    "configure": Engine._configure,
    "reset": Engine._reset,
    "weights": Engine._weights,
    "setWeight": Engine._set_weight,
    "snapshot": Engine._snapshot,
    "restore": Engine._restore,
    "parseCsv": Engine._parse_csv,
    "exportCsv": Engine._export_csv,
    "exportScript": Engine._export_script,
    "exportWeights": Engine._export_weights,
    "loadWeights": Engine._load_weights,
    "inspect": Engine._inspect,
    "inspectNeuron": Engine._inspect_neuron,
    "hidden": Engine._hidden,
    "sampleStep": Engine._sample_step,
    "plug": Engine._plug,
    "unplug": Engine._unplug,
    "versions": Engine._versions,
    "memory": Engine._memory,
}
# A feature's messages live in a module of their own (handlers `fn(engine, payload)`, reading
# the payload with bpcore/payload.py) whose HANDLERS dict is added here, one line each:
# HANDLERS.update(feature.HANDLERS)
HANDLERS.update(SWEEP_HANDLERS)  # the learning-rate sweep (bpcore/sweep.py)
HANDLERS.update(landscape_messages.HANDLERS)
# last: run B follows the handlers as they are then (step, reset, configure, init, restore)
HANDLERS.update({**compare.HANDLERS, **compare.wrapped(HANDLERS)})
