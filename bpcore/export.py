"""Keep the model: a standalone Python script that replays a run, and weights as JSON."""

import json
import pprint

from . import jsonsafe
from .settings import validate

WEIGHTS_FORMAT = "bp-playground-weights"
WEIGHTS_VERSION = 1

_SCRIPT = '''#!/usr/bin/env python3
"""Replays a BP Playground run natively: the same data, the same initial weights, and so
the same losses as in the page, epoch by epoch.

Needs bpcore (BP Playground's engine, NumPy only): run this file from a BP Playground
checkout, or `pip install` the checkout first.
"""

from bpcore import Session

SETTINGS = {settings}

POINTS = {points}

EPOCHS = {epochs}

session = Session(SETTINGS, POINTS)
for _ in range(EPOCHS):
    m = session.step(1)
    print(f"epoch {{m['epoch']}}  loss_train {{m['loss_train']!r}}  loss_test {{m['loss_test']!r}}")
    if m["diverged"]:
        print("diverged: the loss is no longer finite; try a smaller learning rate")
        break
'''


def python_script(settings, points=None, epochs=100):
    """Source text of a script that trains `epochs` epochs from these settings (and, for
    custom data, these points) and prints the train/test loss after each epoch."""
    settings = validate(settings)  # only table values reach the script text
    epochs = int(epochs)
    if epochs < 0:
        raise ValueError(f"epochs: expected a whole number >= 0, got {epochs}")
    pts = None if points is None else [[float(v) for v in row] for row in points]
    return _SCRIPT.format(settings=pprint.pformat(settings, sort_dicts=False, width=96),
                          points=pprint.pformat(pts, width=96, compact=True), epochs=epochs)


def weights_json(session):
    """The network's weights and biases with what they fit, as JSON text."""
    net = session.net
    return json.dumps({
        "format": WEIGHTS_FORMAT,
        "version": WEIGHTS_VERSION,
        "layer_sizes": net.sizes,
        "features": session.settings["features"],
        "activation": net.activations,
        "output": net.output,
        "epoch": session.epoch,
        "weights": [W.tolist() for W in net.weights],
        "biases": [b.tolist() for b in net.biases],
    })


def load_weights_json(session, text):
    """Load weights_json() text into a session whose network has the same shape."""
    data = jsonsafe.loads(text, "weights")
    if not isinstance(data, dict) or data.get("format") != WEIGHTS_FORMAT:
        raise ValueError("weights: not a BP Playground weights file")
    if data.get("version") != WEIGHTS_VERSION:
        raise ValueError(f"weights: version {data.get('version')!r} is not supported")
    try:
        session.load_weights(data["weights"], data["biases"])
    except (KeyError, TypeError) as e:
        raise ValueError(f"weights: the file is incomplete ({e})") from None
