"""Input from outside (weights files, snapshots, CSV files) that tries to break the engine gets
one plain error naming what is wrong: no RecursionError, no traceback, no silent default."""

import json

import pytest

from bpcore import Session
from bpcore.cli import main
from bpcore.export import load_weights_json, weights_json
from bpcore.jsonsafe import MAX_DEPTH, loads, nesting


def deep(n):
    return "[" * n + "]" * n


def test_nesting_ignores_brackets_inside_strings():
    assert nesting('{"a": [1, {"b": "[[[[{{"}], "c": "\\"]"}') == 3
    assert nesting(deep(5000)) == 5000
    assert nesting("12") == 0


def test_deep_json_is_refused_before_parsing():
    with pytest.raises(ValueError, match="^weights: nested 5000 levels deep"):
        loads(deep(5000), "weights")
    assert loads(deep(MAX_DEPTH), "x") is not None
    with pytest.raises(ValueError, match="^x: not valid JSON"):
        loads("{", "x")


def test_a_deeply_nested_weights_file_is_refused_plainly():
    """10 KB nested 5,000 deep: natively a RecursionError escaped; in Pyodide the wasm stack
    overflowed and the engine died for good."""
    text = '{"format": "bp-playground-weights", "version": 1, "weights": ' + deep(5000) + "}"
    s = Session()
    before = s.net.flat.copy()
    with pytest.raises(ValueError, match="^weights: nested"):
        load_weights_json(s, text)
    assert (s.net.flat == before).all()
    load_weights_json(s, weights_json(s))  # and the session still works


def snapshot_file(tmp_path, change):
    s = Session({"optimizer": "adam", "n_points": 40})
    s.step(2)
    d = json.loads(json.dumps(s.snapshot()))
    change(d)
    f = tmp_path / "snap.json"
    f.write_text(json.dumps(d) if not isinstance(d, str) else d)
    return f


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(weights=None), "snapshot: weights must be a JSON array, got null"),
    (lambda d: d.update(diverged="no"), "snapshot: diverged must be a JSON true or false"),
    (lambda d: d.update(optimizer=[1, 2]), "snapshot: optimizer must be a JSON object"),
    (lambda d: d.update(settings=[]), "snapshot: settings must be a JSON object"),
    (lambda d: d["optimizer"].update(t=-1), "snapshot: optimizer.t must be a whole number"),
    (lambda d: d.update(epoch=-3), "snapshot: epoch must be >= 0"),
    (lambda d: d.update(epoch=True), "snapshot: epoch must be a JSON whole number"),
    (lambda d: d["rng"].update(model=None), "snapshot: rng.model must be an object"),
    (lambda d: d.update(points=[[1, 2]] * 40), "points: must have shape (n, 3)"),
    (lambda d: d["optimizer"].update(buffers=[]), "snapshot: optimizer.buffers must be"),
    (lambda d: d["weights"].__setitem__(0, deep(30)), "weights:"),
    (lambda d: d.update(extra=json.loads(deep(MAX_DEPTH + 10))), "source: "),
])
def test_replay_of_a_tampered_snapshot_is_one_line_exit_2(tmp_path, capsys, change, message):
    f = snapshot_file(tmp_path, change)
    code = main(["replay", str(f), "--epochs", "1"])
    out, err = capsys.readouterr()
    assert code == 2, out
    assert err.startswith("error: ") and message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_untampered_snapshot_replays(tmp_path, capsys):
    f = snapshot_file(tmp_path, lambda d: None)
    assert main(["replay", str(f), "--epochs", "2"]) == 0
    assert capsys.readouterr().out.count("epoch ") == 2
