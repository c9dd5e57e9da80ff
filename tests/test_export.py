import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bpcore import Session
from bpcore.export import load_weights_json, python_script, weights_json

ROOT = Path(__file__).resolve().parent.parent


def test_weights_round_trip():
    a = Session({"dataset": "xor", "layers": [5, 3]})
    a.step(3)
    b = Session({"dataset": "xor", "layers": [5, 3], "seed": 9})
    load_weights_json(b, weights_json(a))
    assert np.array_equal(a.net.flat, b.net.flat)


@pytest.mark.parametrize("text, message", [
    ("not json", "not valid JSON"),
    ('{"format": "other"}', "not a BP Playground weights file"),
    ('{"format": "bp-playground-weights", "version": 7}', "version 7"),
    ('{"format": "bp-playground-weights", "version": 1}', "incomplete"),
])
def test_bad_weight_files_say_why(text, message):
    with pytest.raises(ValueError, match=f"^weights: .*{message}"):
        load_weights_json(Session(), text)


def test_weights_of_another_shape_are_refused():
    text = weights_json(Session({"layers": [3]}))
    with pytest.raises(ValueError, match="2-3-1 network, this one is 2-4-2-1"):
        load_weights_json(Session(), text)


@pytest.mark.native_only
def test_script_prints_the_same_losses_as_the_session(tmp_path):
    settings = {"dataset": "custom", "layers": [3], "lr": 0.1, "batch_size": 4}
    points = [[-1.5, 2.0, 0], [2.25, -3.0, 1], [0.5, 0.5, 0], [4.0, 1.0, 1], [-2.0, -2.0, 1],
              [1.0, -5.0, 0], [3.0, 3.0, 0], [-4.0, 1.0, 1], [5.0, 5.0, 1], [-5.0, -1.0, 0]]
    script = tmp_path / "run.py"
    script.write_text(python_script(settings, points, epochs=5))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         cwd=tmp_path, env={"PYTHONPATH": str(ROOT)}, check=True).stdout
    s = Session(settings, np.array(points))
    expected = []
    for _ in range(5):
        m = s.step(1)
        expected.append(f"epoch {m['epoch']}  loss_train {m['loss_train']!r}  "
                        f"loss_test {m['loss_test']!r}")
    assert out.splitlines() == expected


def test_script_embeds_only_validated_settings():
    with pytest.raises(ValueError, match="^dataset:"):
        python_script({"dataset": "__import__('os')"})
    text = python_script({"dataset": "xor"}, None, 3)
    compile(text, "script.py", "exec")
    assert "EPOCHS = 3" in text and "'xor'" in text
