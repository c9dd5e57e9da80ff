"""Keep the model: its weights as JSON, and back. (The run as a script: bpcore/script.py.)"""

import json

from . import jsonsafe
from .errors import CodedError

WEIGHTS_FORMAT = "bp-playground-weights"
WEIGHTS_VERSION = 1


def weights_json(session):
    """The network's weights and biases with what they fit, as JSON text."""
    net = session.net
    return json.dumps(
        {
            "format": WEIGHTS_FORMAT,
            "version": WEIGHTS_VERSION,
            "layer_sizes": net.sizes,
            "features": session.settings["features"],
            "activation": net.activations,
            "output": net.output,
            "epoch": session.epoch,
            "weights": [W.tolist() for W in net.weights],
            "biases": [b.tolist() for b in net.biases],
        }
    )


def load_weights_json(session, text):
    """Load weights_json() text into a session whose network has the same shape."""
    data = jsonsafe.loads(text, "weights")
    if not isinstance(data, dict) or data.get("format") != WEIGHTS_FORMAT:
        raise CodedError("weights_not_file", "weights: not a BP Playground weights file")
    if data.get("version") != WEIGHTS_VERSION:
        version = data.get("version")
        raise CodedError(
            "weights_version", f"weights: version {version!r} is not supported", version=version
        )
    try:
        session.load_weights(data["weights"], data["biases"])
    except KeyError as e:  # the part's name as the file spells it ("biases")
        raise CodedError(
            "weights_missing", f"weights: the file is incomplete ({e})", part=str(e.args[0])
        ) from None
    except TypeError as e:
        raise CodedError("weights_incomplete", f"weights: the file is incomplete ({e})") from None
    # the epoch they were saved at, so the page does not say "Epoch 0" for a trained network
    epoch = data.get("epoch")
    if isinstance(epoch, int) and not isinstance(epoch, bool) and 0 <= epoch <= 10**9:
        session.epoch = epoch
