"""Each preset data set is learnt to a fixed bar with fixed seeds and bounded epochs.

About 1-2 s natively; fast enough to run inside Pyodide too.
"""

import pytest

from bpcore.session import Session

CASES = {
    "xor": ({"dataset": "xor", "layers": [4, 2], "lr": 0.1}, 100, 0.95),
    "circle": ({"dataset": "circle", "layers": [4, 2], "lr": 0.1}, 100, 0.95),
    "gaussian": ({"dataset": "gaussian", "layers": [2]}, 20, 0.95),
    "blobs3": ({"dataset": "blobs", "classes": 3, "layers": [4]}, 40, 0.95),
    "blobs5": (
        {"dataset": "blobs", "classes": 5, "layers": [8], "optimizer": "adam", "lr": 0.01},
        60,
        0.95,
    ),
    "moons": ({"dataset": "moons", "layers": [8, 4], "lr": 0.1}, 100, 0.95),
    "spiral": (
        {
            "dataset": "spiral",
            "features": ["x1", "x2", "sinx1", "sinx2"],
            "layers": [8, 8],
            "optimizer": "adam",
            "lr": 0.02,
            "batch_size": 25,
        },
        150,
        0.90,
    ),
    "plane": ({"dataset": "plane", "layers": [2]}, 30, 0.95),
}


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("name", list(CASES))
def test_learns(name, seed):
    settings, epochs, bar = CASES[name]
    m = Session({**settings, "seed": seed, "data_seed": seed}).step(epochs)
    score = m["r2_test"] if "r2_test" in m else m["acc_test"]
    assert not m["diverged"] and score >= bar, m


def test_momentum_and_l2_still_learn():
    m = Session(
        {"dataset": "circle", "optimizer": "momentum", "lr": 0.01, "reg": "l2", "reg_rate": 0.001}
    ).step(60)
    assert m["acc_test"] >= 0.95, m
