"""python -m bpcore replay: share links and snapshots, replayed natively."""

import json

import numpy as np

from bpcore import Session
from bpcore.cli import main
from bpcore.link import encode_link, quantize_points


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def losses(session, epochs):
    return [session.step(1)["loss_train"] for _ in range(epochs)]


def test_replay_of_a_link_matches_the_session(capsys):
    settings = {
        "dataset": "spiral",
        "layers": [6, 6],
        "optimizer": "adam",
        "lr": 0.01,
        "features": ["x1", "x2", "sinx1"],
        "noise": 10,
    }
    link = "https://example.org/playground/#" + encode_link(settings)
    code, out, _ = run(capsys, "replay", link, "--epochs", "4", "--json")
    assert code == 0
    got = json.loads(out)
    assert got["loss_train"] == losses(Session(settings), 4)
    assert got["notices"] == []


def test_replay_of_drawn_points(capsys, tmp_path):
    rng = np.random.default_rng(4)
    points = np.column_stack([rng.uniform(-6, 6, (40, 2)), rng.integers(0, 3, 40)])
    points[:3, 2] = [0, 1, 2]
    settings = {"dataset": "custom", "classes": 3, "layers": [5]}
    (tmp_path / "link.txt").write_text(encode_link(settings, points) + "\n")
    code, out, _ = run(capsys, "replay", str(tmp_path / "link.txt"), "--epochs", "3")
    assert code == 0
    expected = losses(Session(settings, quantize_points(points)), 3)
    assert [float(line.split()[3]) for line in out.splitlines()] == expected


def test_replay_of_a_snapshot_continues_it(capsys, tmp_path):
    s = Session({"dataset": "xor", "batch_size": 7})
    s.step(5)
    (tmp_path / "snap.json").write_text(json.dumps(s.snapshot()))
    code, out, _ = run(capsys, "replay", str(tmp_path / "snap.json"), "--epochs", "2", "--json")
    assert code == 0 and json.loads(out)["epochs"] == [6, 7]
    assert json.loads(out)["loss_train"] == losses(s, 2)


def test_a_damaged_link_replays_the_defaults_only_when_asked(capsys):
    code, out, err = run(capsys, "replay", "#v1.AAAA", "--epochs", "1")
    assert code == 2 and out == "" and err.startswith("error: source: the link is damaged")
    code, out, err = run(capsys, "replay", "#v1.AAAA", "--epochs", "1", "--fallback")
    assert code == 0 and "notice:" in err and out.startswith("epoch 1")


def test_a_missing_file_is_one_line_and_exit_2(capsys):
    code, out, err = run(capsys, "replay", "no/such/file.txt")
    assert code == 2 and out == ""
    assert err.startswith("error: source: cannot read") and err.count("\n") == 1


# ---------------------------------------------------------------- a link's training (format v2)

TRAINED = {"dataset": "spiral", "layers": [6, 4], "batch_size": 1, "optimizer": "adam"}


def test_a_link_taken_at_epoch_n_replays_to_epoch_n(capsys):
    """Issue 10.14: the link carries the epoch; replay trains to it, bit for bit as training
    the same session natively."""
    code, out, _ = run(capsys, "replay", encode_link(TRAINED, epoch=23), "--json")
    assert code == 0
    got = json.loads(out)
    want = Session(TRAINED)
    assert got["epochs"] == list(range(1, 24)) and got["link_epoch"] == 23
    assert got["loss_train"] == losses(want, 23)
    assert got["final"]["loss_test"] == want.metrics()["loss_test"]


def test_weight_edits_apply_at_their_epochs(capsys):
    edits = [[0, 0, 1, 0, 0.75], [5, 1, 2, -1, -1.5], [12, 2, 0, 3, 2.0], [12, 0, 0, 1, -0.25]]
    code, out, _ = run(capsys, "replay", encode_link(TRAINED, epoch=12, edits=edits), "--json")
    assert code == 0
    got = json.loads(out)
    s = Session(TRAINED)
    s.net.set_weight(0, 1, 0, 0.75)
    want = losses(s, 5)
    s.net.set_bias(1, 2, -1.5)
    want += losses(s, 7)
    s.net.set_weight(2, 0, 3, 2.0)
    s.net.set_weight(0, 0, 1, -0.25)
    assert got["loss_train"] == want and got["edits"] == edits
    assert got["final"]["loss_train"] == s.metrics()["loss_train"]  # the edits at the last epoch
    # fewer epochs than the link: the edits after them do not apply; more: training goes on
    code, out, _ = run(
        capsys, "replay", encode_link(TRAINED, epoch=12, edits=edits), "--epochs", "30"
    )
    assert [float(line.split()[3]) for line in out.splitlines()] == want + losses(s, 18)


def test_chunks_of_any_size_train_the_same_bits():
    """What makes a replay exact: the page trains in chunks of varying size, a replay in others."""
    a, b = Session(TRAINED), Session(TRAINED)
    for n in (3, 1, 7, 2):
        a.step(n)
    for _ in range(13):
        b.step(1)
    assert all(np.array_equal(x, y) for x, y in zip(a.net.weights, b.net.weights, strict=True))
    assert a.metrics() == b.metrics()


def test_an_edit_that_does_not_fit_the_network_is_an_error(capsys):
    text = encode_link(TRAINED, epoch=3, edits=[[1, 0, 9, 0, 1.0]])
    code, _, err = run(capsys, "replay", text)
    assert code == 2 and "edits[0]: i: neuron 9 is out of range 0..5 in layer 0" in err


def test_setting_changes_on_the_way_replay_as_the_session_ran_them(capsys):
    """A run whose learning rate, optimiser, batch size and regularisation changed mid-run (as
    the page's controls change them, in place) replays from its link to the same numbers, bit
    for bit; replaying the final settings from epoch 0 would not."""
    start = {"dataset": "spiral", "layers": [5, 4], "lr": 0.03, "seed": 4}
    s = Session(start)
    changes = []
    for epoch, change in [
        (6, {"lr": 0.1}),
        (9, {"optimizer": "adam", "lr": 0.01}),
        (9, {"batch_size": 4}),
        (14, {"reg": "l2", "reg_rate": 0.003}),
    ]:
        s.step(epoch - s.epoch)
        assert s.configure(change) is False  # in place: live settings
        changes += [[s.epoch, k, v] for k, v in change.items()]
    s.step(20 - s.epoch)
    link = encode_link(start, epoch=20, edits=changes)
    code, out, _ = run(capsys, "replay", link, "--json")
    assert code == 0
    got = json.loads(out)
    assert got["epochs"][-1] == 20 and got["final"]["loss_train"] == s.metrics()["loss_train"]
    assert got["final"]["loss_test"] == s.metrics()["loss_test"]
    plain = Session({**start, **{k: v for _, k, v in changes}})
    plain.step(20)
    assert plain.metrics()["loss_train"] != s.metrics()["loss_train"]


def test_replay_meets_a_change_made_once_the_run_had_diverged(capsys):
    """A run that blew up at lr 10 and was then set to a small rate (the engine answers a
    configure with its metrics: still diverged, so training stays where it stopped): the
    replay reaches that epoch, applies the change and stops there too, as the page did."""
    start = {"dataset": "plane", "lr": 10, "layers": [8, 8], "activation": ["relu"]}
    s = Session(start)
    at = s.step(50)["epoch"]
    s.configure({"lr": 0.01})
    assert s.metrics()["diverged"] and s.step(3)["epoch"] == at
    link = encode_link(start, epoch=at, edits=[[at, "lr", 0.01]])
    code, out, _ = run(capsys, "replay", link, "--json")
    got = json.loads(out)
    assert code == 0 and got["final"]["epoch"] == at and got["final"]["diverged"]
    assert got["settings"]["lr"] == 0.01


def test_a_step_taken_on_one_point_replays_where_it_was_taken(capsys):
    """The step-through's "Take the step" (one SGD step on one point) mid-run, then a new
    learning rate: the link's replay takes the same step at the same epoch, bit for bit."""
    start = {"dataset": "xor", "layers": [4], "lr": 0.1, "seed": 2}
    s = Session(start)
    s.step(5)
    s.sample_step(17)
    s.configure({"lr": 0.03})
    s.step(4)
    link = encode_link(start, epoch=9, edits=[[5, "step", 17], [5, "lr", 0.03]])
    code, out, _ = run(capsys, "replay", link, "--json")
    got = json.loads(out)
    assert code == 0 and got["final"]["loss_train"] == s.metrics()["loss_train"]
    short = encode_link(start, epoch=9, edits=[[5, "step", 4000]])  # no such point
    code, _, err = run(capsys, "replay", short)
    assert code != 0 and "no point 4000" in err


# ---------------------------------------------------------------- the lab's code in a link


def _solution(exercise, name="correct"):
    from pathlib import Path

    return (Path(__file__).parent / "lab_solutions" / exercise / f"{name}.py").read_text("utf-8")


def test_a_link_with_code_is_refused_unless_trusted(capsys):
    for lab in (
        {"exercise": "sigmoid", "code": "import os\nos.remove('x')\n"},
        {"exercise": "plug_activation", "code": "raise SystemExit", "plugged": True},
    ):
        text = encode_link({"dataset": "xor"}, epoch=3, lab=lab)
        code, out, err = run(capsys, "replay", text)
        assert code == 2 and out == ""
        assert "carries Python code from the lab" in err and "--trust-code" in err
        assert err.count("\n") == 1  # one line, no traceback


def test_trusted_code_of_an_exercise_is_not_needed_and_not_run(capsys):
    settings = {"dataset": "xor", "layers": [3]}
    lab = {"exercise": "sigmoid", "code": "raise SystemExit('ran')"}
    code, out, err = run(
        capsys, "replay", encode_link(settings, epoch=4, lab=lab), "--trust-code", "--json"
    )
    assert code == 0 and "is not run" in err
    assert json.loads(out)["loss_train"] == losses(Session(settings), 4)


def test_a_plugged_run_replays_with_its_code_when_trusted(capsys):
    from bpcore.lab import plug_parts
    from bpcore.plugin import Plug, plug_session

    settings = {"dataset": "spiral", "layers": [5, 4], "lr": 0.05}
    source = _solution("plug_activation")
    mine = Session(settings)
    plug_session(mine, Plug("plug_activation", plug_parts("plug_activation", source)))
    want = losses(mine, 6)
    lab = {"exercise": "plug_activation", "code": source, "plugged": True}
    text = encode_link(settings, epoch=6, lab=lab)
    code, out, err = run(capsys, "replay", text, "--trust-code", "--json")
    assert code == 0 and "checked and plugged in" in err
    got = json.loads(out)["loss_train"]
    assert got == want and got != losses(Session(settings), 6)  # the plugged code trained it
    code, _, err = run(capsys, "script", text)
    assert code == 2 and "plugged in" in err


def test_trusted_code_that_fails_its_check_is_refused(capsys):
    lab = {
        "exercise": "plug_activation",
        "code": _solution("plug_activation", "tanh_of_a"),
        "plugged": True,
    }
    code, out, err = run(
        capsys, "replay", encode_link({"dataset": "xor"}, epoch=2, lab=lab), "--trust-code"
    )
    assert code == 2 and out == "" and err.startswith("error: ") and err.count("\n") == 1
