"""The exported script stands alone: it runs where only NumPy is installed and prints the
losses `python -m bpcore replay` prints for the same link (to round-off; 1e-9 asked)."""

import json

import numpy as np
import pytest
from scriptrun import run_script

from bpcore.cli import main
from bpcore.link import encode_link, quantize_points
from bpcore.script import standalone_script

pytestmark = pytest.mark.native_only  # runs the script in a separate Python

CASES = [
    {"dataset": "circle", "layers": [4, 2], "batch_size": 10},
    {
        "dataset": "spiral",
        "layers": [6, 5],
        "optimizer": "adam",
        "lr": 0.01,
        "batch_size": 7,
        "features": ["x1", "x2", "sinx1", "x1x2"],
        "reg": "l2",
        "reg_rate": 0.001,
    },
    {
        "dataset": "blobs",
        "classes": 4,
        "layers": [5],
        "activation": ["relu"],
        "optimizer": "momentum",
        "lr": 0.01,
        "batch_size": 1,
        "n_points": 80,
    },
    {
        "dataset": "plane",
        "layers": [3, 3],
        "activation": ["sigmoid", "leaky_relu"],
        "reg": "l1",
        "reg_rate": 0.003,
        "batch_size": 25,
    },
    {
        "dataset": "xor",
        "layers": [],
        "features": ["x1x2", "x1sq", "x2sq", "sinx2"],
        "init": "glorot",
        "batch_size": 500,
    },
    {"dataset": "gaussian", "layers": [3], "activation": ["linear"], "init": "he"},
    {"dataset": "article"},  # the seed article's own start: its weights, every point trains
]


def replayed(link, epochs, capsys):
    assert main(["replay", link, "--epochs", str(epochs), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def run_text(text, tmp_path):
    path = tmp_path / "bp_playground_run.py"
    path.write_text(text)
    return run_script(path)


@pytest.mark.parametrize("settings", CASES, ids=lambda s: s["dataset"])
def test_the_script_alone_prints_what_replay_prints(settings, tmp_path, capsys):
    epochs = 12
    want = replayed(encode_link(settings), epochs, capsys)
    train, test = run_text(standalone_script(settings, None, epochs), tmp_path)
    assert len(train) == epochs + 1  # epoch 0, before training, then one line per epoch
    np.testing.assert_allclose(train[1:], want["loss_train"], rtol=1e-9, atol=0)
    if want["loss_test"][0] is None:
        assert test == [None] * (epochs + 1)
    else:
        np.testing.assert_allclose(test[1:], want["loss_test"], rtol=1e-9, atol=0)


def test_drawn_points_are_written_into_the_script(tmp_path, capsys):
    rng = np.random.default_rng(3)
    pts = quantize_points(
        np.column_stack([rng.uniform(-6, 6, (40, 2)), rng.integers(0, 3, 40)]), "classification"
    )
    settings = {"dataset": "custom", "classes": 3, "layers": [4], "batch_size": 5}
    want = replayed(encode_link(settings, pts), 6, capsys)
    text = standalone_script(settings, pts, 6)
    assert "import bpcore" not in text and "from bpcore" not in text
    train, _ = run_text(text, tmp_path)
    np.testing.assert_allclose(train[1:], want["loss_train"], rtol=1e-9, atol=0)


def test_only_table_values_reach_the_script_text():
    with pytest.raises(ValueError, match="^dataset:"):
        standalone_script({"dataset": "__import__('os')"})
    compile(standalone_script({"dataset": "moons"}, None, 3), "run.py", "exec")
