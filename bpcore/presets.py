"""The seed article's own examples (../shared/seed), as fixed data sets.

"article": its worked example, two samples x = (1, 2) -> 0 and (2, 3) -> 1 (the article's x
has them as columns), learnt by a 2-2-1 sigmoid net that starts from the article's weights.
"and_gate": the four AND points, for its 2-4-1 sigmoid net.
Fixed sets train on all their points: there is no test set.
"""

import numpy as np

ARTICLE_POINTS = ((1.0, 2.0, 0.0), (2.0, 3.0, 1.0))
ARTICLE_WEIGHTS = ([[0.3, 0.4], [0.5, 0.5]], [[2.0, 3.0]])
ARTICLE_BIASES = ([0.5, 0.5], [0.5])
AND_POINTS = ((0.0, 0.0, 0.0), (0.0, 1.0, 0.0), (1.0, 0.0, 0.0), (1.0, 1.0, 1.0))
# The map's window for each: its few points well inside, not in a corner of the usual +-6
ARTICLE_VIEW = (0.0, 4.0)
AND_VIEW = (-0.5, 1.5)

# What the page applies when a preset is picked (the user may change any of it afterwards).
SUGGESTED = {
    "article": {
        "features": ["x1", "x2"],
        "layers": [2],
        "activation": ["sigmoid"],
        "loss": "bce",
        "optimizer": "sgd",
        "lr": 0.01,
        "batch_size": 2,
        "reg": "none",
    },
    "and_gate": {
        "features": ["x1", "x2"],
        "layers": [4],
        "activation": ["sigmoid"],
        "loss": "bce",
        "optimizer": "sgd",
        "lr": 0.1,
        "batch_size": 4,
        "reg": "none",
    },
}

# The lesson's deep networks (section 5, the hidden delta; the gradient flow's lesson): the AND
# gate's sigmoid network made six hidden layers deep, and the same with ReLU. Changes on top of
# the AND gate's preset. Six sigmoid layers train nowhere: the gradient reaching the first
# layer is ~1e-6 of the output layer's (tests/test_gradflow.py); ReLU's learns the gate.
DEEP = {
    "deep_sigmoid": {"layers": [4] * 6, "activation": ["sigmoid"]},
    "deep_relu": {"layers": [4] * 6, "activation": ["relu"]},
}

# How fast the page trains a preset, so a person can watch it (the lesson's examples): epochs
# per second, and the epoch Play pauses at (0: none). The AND gate stops where the lesson says
# every output is within a twentieth of its target (tests/test_lesson_numbers.py checks it).
PACE = {
    "article": {"speed": 500, "stop_at": 0},
    "and_gate": {"speed": 500, "stop_at": 4000},
}


def article(n, noise, rng):
    """The article's two samples (n, noise and rng are ignored: the set is fixed)."""
    return np.array(ARTICLE_POINTS)


def and_gate(n, noise, rng):
    return np.array(AND_POINTS)


def initial_weights(settings):
    """(weights, biases) the article starts from, when the settings build its very net;
    None otherwise (the network is then initialised from the seed as usual)."""
    if (
        settings["dataset"] == "article"
        and settings["features"] == ["x1", "x2"]
        and settings["layers"] == [2]
        and settings["activation"] == ["sigmoid"]
    ):
        return [np.array(W) for W in ARTICLE_WEIGHTS], [np.array(b) for b in ARTICLE_BIASES]
    return None
